"use strict";
// The admin console: bulk links by the owner, a temporary password by an admin,
// and a username that looks like HTML shown as text.
const { test, after, before } = require("node:test");
const assert = require("node:assert/strict");
const h = require("../lib/harness");

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

test("owner searches, selects two users, sends links in bulk, sees outcomes, mail arrives", async () => {
  const page = await b.open();
  await h.signIn(page, b, "olivia", h.password("olivia"), { next: "admin", landing: "admin" });
  await page.getByRole("heading", { name: "Admin console" }).waitFor();
  await page.getByText("Signed in as olivia (Owner).").waitFor();
  const seen = h.seenNow(b.srv.outbox);
  await searchUsers(page, "bulk-");
  const rows = page.locator("#user-list > li");
  assert.equal(await rows.count(), 3);
  await page.getByRole("checkbox", { name: "bulk-ann" }).check();
  await page.getByRole("checkbox", { name: "bulk-ben" }).check();
  const send = page.getByRole("button", { name: "Send reset links to 2 selected users" });
  await h.shot(page, "admin", { doc: true, fullPage: false });
  await send.click();
  const msg = page.locator("#bulk-msg");
  await msg.getByText("2 of 2 links sent.").waitFor();
  assert.deepEqual(await msg.locator("li").allTextContents(), ["bulk-ann: link sent", "bulk-ben: link sent"]);
  await h.shot(page, "admin-bulk-sent");
  for (const to of ["ann@acme.test", "ben@acme.test"]) {
    const mail = await h.waitForMail(b.srv.outbox, { to, seen });
    assert.match(h.link(mail), /\/t\/acme\/reset#token=/);
  }
  // A user the rule skips: the reason in words.
  await page.getByRole("checkbox", { name: "bulk-cy" }).check();
  await page.getByRole("checkbox", { name: "bulk-ann" }).check();
  await page.getByRole("button", { name: "Send reset links to 2 selected users" }).click();
  await msg.getByText("1 of 2 links sent.").waitFor();
  // One line per user, in the order they were selected.
  assert.deepEqual(await msg.locator("li").allTextContents(), ["bulk-cy: skipped, no email address", "bulk-ann: link sent"]);

  // The audit log, newest first.
  await page.getByRole("button", { name: "Show audit log" }).click();
  const first = page.locator("#audit-body tr").first();
  await first.waitFor();
  assert.ok(await page.locator("#audit-body tr").count() >= 3);
  const kinds = await page.locator("#audit-body tr td:nth-child(2)").allTextContents();
  assert.ok(kinds.some((k) => /reset/.test(k)), kinds.join(","));
  const times = await page.locator("#audit-body tr td:first-child").allTextContents();
  assert.ok(times.length > 0);
  await page.locator("#audit-section").scrollIntoViewIfNeeded();
  await h.shot(page, "admin-audit");
  // Settings are there for the owner.
  await page.getByRole("heading", { name: "Organisation settings" }).waitFor();
  assert.equal(await page.getByLabel("Minimum length").inputValue(), "12");
  h.check(page);
});

test("a setting out of its bounds is marked on its field, with its range in the form's unit", async () => {
  const page = await b.open();
  await h.signIn(page, b, "olivia", h.password("olivia"), { next: "admin", landing: "admin" });
  await page.getByRole("heading", { name: "Organisation settings" }).waitFor();
  const form = page.locator("#settings-form");
  await form.getByLabel("Minimum length").fill("7");
  await form.getByLabel("Admin link lifetime (hours)").fill("200");
  await form.getByRole("button", { name: "Save settings" }).click();
  // The API's `errors` (field, code, bounds in seconds), said in the page's words
  const alert = page.locator("#settings-msg").getByRole("alert");
  await alert.getByText("Some settings are outside their allowed range.").waitFor();
  assert.deepEqual(await alert.locator("li").allTextContents(),
    ["Minimum length: from 8 to 64.", "Admin link lifetime (hours): from 1 to 168."]);
  assert.equal(await form.getByLabel("Minimum length").getAttribute("aria-invalid"), "true");
  assert.equal(await form.getByLabel("Admin link lifetime (hours)").getAttribute("aria-invalid"), "true");
  assert.equal(await form.getByLabel("Maximum length").getAttribute("aria-invalid"), null);
  assert.equal(await page.evaluate(() => document.activeElement.id), "s-min");
  await h.shot(page, "admin-settings-out-of-range");
  // Back within bounds: saved, and no field marked any more
  await form.getByLabel("Minimum length").fill("12");
  await form.getByLabel("Admin link lifetime (hours)").fill("24");
  await form.getByRole("button", { name: "Save settings" }).click();
  await page.locator("#settings-msg").getByText("saved", { exact: false }).waitFor();
  assert.equal(await form.getByLabel("Minimum length").getAttribute("aria-invalid"), null);
  assert.equal(await form.getByLabel("Admin link lifetime (hours)").getAttribute("aria-invalid"), null);
  h.check(page);
});

test("admin sets a temporary password; the user must change it at sign-in", async () => {
  const page = await b.open();
  await h.signIn(page, b, "adam", h.password("adam"), { next: "admin", landing: "admin" });
  await page.getByText("Signed in as adam (Administrator).").waitFor();
  // An admin sees no owner-only settings.
  assert.equal(await page.getByRole("heading", { name: "Organisation settings" }).isVisible(), false);
  await searchUsers(page, "sam");
  await page.getByRole("button", { name: "Manage sam" }).click();
  const panel = page.locator("#detail");
  await panel.getByRole("heading", { name: "sam" }).waitFor();
  await panel.getByLabel("New password", { exact: true }).fill("Temp-Orchard-Beacon-52");
  assert.equal(await panel.getByLabel("Temporary: the user must choose a new password at next sign-in").isChecked(), true);
  await panel.getByRole("button", { name: "Set password" }).click();
  await panel.getByText("Temporary password set.", { exact: false }).waitFor();
  await panel.getByText("Must change password").first().waitFor({ state: "attached" });
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
  const label = page.locator("#user-list strong");
  assert.equal(await label.count(), 1);
  assert.equal(await label.textContent(), XSS);
  await page.getByRole("button", { name: "Manage " + XSS }).click();
  await page.locator("#detail:not([hidden])").waitFor();
  assert.equal(await page.locator("#detail-h").textContent(), XSS);
  assert.equal(await page.locator("#user-list img, #detail img, #user-list script, #detail script").count(), 0);
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
  await page.getByRole("button", { name: "Manage ula" }).click();
  await page.locator("#detail:not([hidden])").waitFor();
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
