"use strict";
// The admin console: bulk links by the owner (after a confirmation naming
// each user), a temporary password by an admin (confirmed too), a setting out
// of range said at its field, and a username that looks like HTML shown as text.
const { test, after, before } = require("node:test");
const assert = require("node:assert/strict");
const h = require("../lib/harness");
const c = require("../lib/console");

const XSS = "<img/src=\"x\"/onerror=\"window.__xss=1\"><script>window.__xss=2</script>";
let b;
before(async () => { b = await h.browser(); });
after(async () => { await b.close(); });

async function searchUsers(page, q) {
  await page.locator("#result-count").filter({ hasText: "shown" }).waitFor();
  await page.getByLabel("Username or email starts with").fill(q);
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await page.locator("#result-count").filter({ hasText: q }).waitFor();
}

test("owner selects two users, reviews them, confirms a dialog naming both, sees outcomes; mail arrives", async () => {
  const page = await b.open();
  await h.signIn(page, b, "olivia", h.password("olivia"), { next: "admin", landing: "admin" });
  await page.getByRole("heading", { name: "Admin console" }).waitFor();
  await page.getByText("Signed in as olivia (Owner).").waitFor();
  const seen = h.seenNow(b.srv.outbox);
  await searchUsers(page, "bulk-");
  assert.equal(await page.locator("#user-rows tr").count(), 3);
  await page.getByRole("checkbox", { name: "Select bulk-ann" }).check();
  await page.getByRole("checkbox", { name: "Select bulk-ben" }).check();
  await h.shot(page, "admin", { doc: true, fullPage: false });
  // WHEN the selection is reviewed THEN the bulk view lists it, and offers the MFA reset to an owner
  await page.getByRole("link", { name: "2 users selected: review and send reset links" }).click();
  await page.waitForURL(/#\/bulk$/);
  assert.deepEqual(await page.locator("#bulk-list li > span").allTextContents(), ["bulk-ann", "bulk-ben"]);
  assert.equal(await page.getByLabel("Also reset two-step sign-in of the selected users", { exact: false }).isVisible(), true);
  await c.atBothWidths(page, "console-bulk-en", { words: "#view-bulk", doc: true });
  await page.getByRole("button", { name: "Send reset links to 2 selected users" }).click();
  // THEN a confirmation names both before anything is sent
  const dialog = page.getByRole("dialog", { name: "Send reset links to 2 users?" });
  await dialog.waitFor();
  assert.deepEqual(await dialog.locator("#confirm-list li").allTextContents(), ["bulk-ann", "bulk-ben"]);
  await c.atBothWidths(page, "console-bulk-confirm-en", { words: "#confirm", doc: true });
  assert.equal(h.mails(b.srv.outbox).filter((m) => !seen.has(m.file)).length, 0, "nothing sent before the confirmation");
  await dialog.getByRole("button", { name: "Send reset links to 2 selected users" }).click();
  const msg = page.locator("#bulk-msg");
  await msg.getByText("2 of 2 links sent.").waitFor();
  assert.deepEqual(await msg.locator("li").allTextContents(), ["bulk-ann: link sent", "bulk-ben: link sent"]);
  await h.shot(page, "admin-bulk-sent");
  for (const to of ["ann@acme.test", "ben@acme.test"]) {
    const mail = await h.waitForMail(b.srv.outbox, { to, seen });
    assert.match(h.link(mail), /\/t\/acme\/reset#token=/);
  }
  // A user the rule skips: the reason in words.
  await page.getByRole("link", { name: "Users", exact: true }).click();
  await page.locator("#user-rows tr").first().waitFor();
  await page.getByRole("checkbox", { name: "Select bulk-cy" }).check();
  await page.getByRole("checkbox", { name: "Select bulk-ann" }).check();
  await page.locator("#bulk-link").click();
  await page.getByRole("button", { name: "Send reset links to 2 selected users" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Send reset links to 2 selected users" }).click();
  await msg.getByText("1 of 2 links sent.").waitFor();
  // One line per user, in the order they were selected.
  assert.deepEqual(await msg.locator("li").allTextContents(), ["bulk-cy: skipped, no email address", "bulk-ann: link sent"]);

  // The audit log says who sent what, and that it was a bulk reset.
  await page.getByRole("link", { name: "Audit log", exact: true }).click();
  const sent = page.locator("#audit-list li.event").filter({ hasText: "olivia sent bulk-ann a password reset link." }).first();
  await sent.waitFor();
  await sent.getByText("Part of a bulk reset.").waitFor();
  h.check(page);
});

test("a setting out of its bounds is said at its field, with its range in the form's unit", async () => {
  const page = await b.open();
  await h.signIn(page, b, "olivia", h.password("olivia"), { next: "admin", landing: "admin" });
  await page.getByRole("link", { name: "Settings", exact: true }).click();
  await page.getByRole("heading", { name: "Organisation settings" }).waitFor();
  const form = page.locator("#settings-form");
  await page.locator("#view-settings:not([aria-busy])").waitFor();
  await form.getByLabel("Minimum length", { exact: true }).fill("7");
  await form.getByLabel("Admin link lifetime (hours)").fill("200");
  await form.getByRole("button", { name: "Save settings" }).click();
  // The API's `errors` (field, code, bounds in seconds), said in the page's words
  const alert = page.locator("#settings-msg").getByRole("alert");
  await alert.getByText("Some settings are outside their allowed range.").waitFor();
  assert.deepEqual(await alert.locator("li").allTextContents(),
    ["Minimum length: Outside the allowed range, from 8 to 64.", "Admin link lifetime (hours): Outside the allowed range, from 1 to 168."]);
  // ... and at each field
  assert.equal(await page.locator("#s-min-err").textContent(), "Outside the allowed range, from 8 to 64.");
  assert.equal(await page.locator("#s-admin-ttl-err").textContent(), "Outside the allowed range, from 1 to 168.");
  assert.equal(await form.getByLabel("Minimum length", { exact: true }).getAttribute("aria-invalid"), "true");
  assert.equal(await form.getByLabel("Admin link lifetime (hours)").getAttribute("aria-invalid"), "true");
  assert.equal(await form.getByLabel("Maximum length").getAttribute("aria-invalid"), null);
  assert.equal(await page.evaluate(() => document.activeElement.id), "s-min");
  await h.shot(page, "admin-settings-out-of-range");
  // Back within bounds: saved, and no field marked any more
  await form.getByLabel("Minimum length", { exact: true }).fill("12");
  await form.getByLabel("Admin link lifetime (hours)").fill("24");
  await form.getByRole("button", { name: "Save settings" }).click();
  await page.locator("#settings-msg").getByText("saved", { exact: false }).waitFor();
  assert.equal(await form.getByLabel("Minimum length", { exact: true }).getAttribute("aria-invalid"), null);
  assert.equal(await form.getByLabel("Admin link lifetime (hours)").getAttribute("aria-invalid"), null);
  assert.equal(await page.locator("#settings-form .field-err").count(), 0);
  h.check(page);
});

test("admin sets a temporary password after a confirmation naming the user; the user must change it", async () => {
  const page = await b.open();
  await h.signIn(page, b, "adam", h.password("adam"), { next: "admin", landing: "admin" });
  await page.getByText("Signed in as adam (Administrator).").waitFor();
  // An admin sees no owner-only views.
  assert.equal(await page.getByRole("link", { name: "Settings", exact: true }).isVisible(), false);
  await searchUsers(page, "sam");
  await page.getByRole("link", { name: "sam", exact: true }).click();
  const panel = page.locator("#detail");
  await panel.getByRole("heading", { name: "sam" }).waitFor();
  await panel.getByLabel("New password", { exact: true }).fill("Temp-Orchard-Beacon-52");
  assert.equal(await panel.getByLabel("Temporary: the user must choose a new password at next sign-in").isChecked(), true);
  await panel.getByRole("button", { name: "Set password" }).click();
  const dialog = page.getByRole("dialog", { name: "Set a new password for sam?" });
  await dialog.waitFor();
  await dialog.getByText("They must choose their own password when they next sign in.", { exact: false }).waitFor();
  await dialog.getByRole("button", { name: "Set the password" }).click();
  await panel.getByText("Temporary password set.", { exact: false }).waitFor();
  await panel.getByText("Yes: the password was set by an administrator as temporary").waitFor();
  await h.shot(page, "admin-temporary-password");
  h.check(page);

  const user = await b.open();
  await h.signIn(user, b, "sam", "Temp-Orchard-Beacon-52");
  await user.getByRole("heading", { name: "Choose a new password" }).waitFor();
  h.check(user);
});

test("a username holding HTML is shown as text, never run", async () => {
  const page = await b.open();
  await h.signIn(page, b, "olivia", h.password("olivia"), { next: "admin", landing: "admin" });
  await searchUsers(page, "<img");
  const label = page.locator("#user-rows a.user-link");
  assert.equal(await label.count(), 1);
  assert.equal(await label.textContent(), XSS);
  await label.click();
  await page.locator("#detail-h").filter({ hasText: "<img" }).waitFor();
  assert.equal(await page.locator("#detail-h").textContent(), XSS);
  assert.equal(await page.locator("#user-rows img, #view-user img, #user-rows script, #view-user script").count(), 0);
  await h.shot(page, "admin-html-username");
  assert.equal(await page.evaluate(() => window.__xss), undefined);

  // The user's own pages too.
  const own = await b.open();
  await h.signIn(own, b, XSS, h.password(XSS));
  assert.equal(await own.locator("#me-username").textContent(), XSS);
  assert.equal(await own.evaluate(() => window.__xss), undefined);
  h.check(page);
  h.check(own);
});

test("an admin without MFA is told why resets are refused, with the way to set it up", async () => {
  const page = await b.open();
  await h.signIn(page, b, "sid", h.password("sid", "strict"), { tenant: "strict", next: "admin", landing: "admin" });
  await searchUsers(page, "ula");
  await page.getByRole("link", { name: "ula", exact: true }).click();
  await page.locator("#detail-h").filter({ hasText: "ula" }).waitFor();
  await page.locator("#detail").getByRole("button", { name: "Send reset link" }).click();
  await page.locator("#detail-msg").getByRole("alert")
    .getByText("Your organisation requires two-step sign-in for administrators who reset passwords", { exact: false }).waitFor();
  const note = page.locator("#mfa-note");
  await note.waitFor();
  await note.getByRole("link", { name: "Set up two-step sign-in on your account page" }).click();
  await page.waitForURL("**/t/strict/account");
  await page.getByRole("button", { name: "Set up two-step sign-in" }).waitFor();
  h.check(page);
});
