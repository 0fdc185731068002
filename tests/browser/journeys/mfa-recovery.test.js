"use strict";
// The way back from a lost authenticator (issue 14): recovery codes shown once
// (copy, download), signing in with one, a new set, turning two-step sign-in off;
// an owner resetting a user's two-step sign-in from the console; the tenant rule
// that sends a user without it to the set-up and nowhere else.
const { test, after, before } = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const h = require("../lib/harness");

let b;
before(async () => { b = await h.browser(); });
after(async () => { await b.close(); });

const CODE = /^[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}$/;

async function searchUsers(page, q) {
  await page.locator("#result-count").filter({ hasText: "shown" }).waitFor();
  await page.getByLabel("Username or email starts with").fill(q);
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await page.locator("#result-count").filter({ hasText: q }).waitFor();
}

/** Enrols on the account page; returns the TOTP key, the step used and the codes read from the page. */
async function enrol(page, pw) {
  const start = page.locator("#mfa-start");
  await start.getByLabel("Current password").fill(pw);
  await start.getByRole("button", { name: "Set up two-step sign-in" }).click();
  await page.locator("#mfa-secret").filter({ hasText: /[A-Z2-7]/ }).waitFor();
  const key = h.base32Decode((await page.locator("#mfa-secret").textContent()).replace(/\s+/g, ""));
  const step = h.currentStep();
  const confirm = page.locator("#mfa-confirm");
  await confirm.getByLabel("One-time code").fill(h.totp(key, step));
  await confirm.getByRole("button", { name: "Turn on two-step sign-in" }).click();
  const panel = page.getByRole("region", { name: "Your recovery codes" });
  await panel.waitFor();
  const codes = await panel.locator("#codes-list li").allTextContents();
  return { key, step, codes, panel };
}

/** The page as it is now at 360 px: no sideways scrolling, axe clean; a screenshot. */
async function narrow(page, name) {
  const size = page.viewportSize();
  await page.setViewportSize({ width: 360, height: 740 });
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= 360, name + " is " + wide + " px wide at 360 px");
  await h.axe(page, name + " at 360 px");
  await h.shot(page, "narrow-" + name);
  await page.setViewportSize(size);
}

/** Signs out; waits for the sign-in page's word (it drops ?signed-out=1 from the address at once). */
async function signOut(page) {
  await page.getByRole("button", { name: "Sign out" }).last().click();
  await page.locator("#msg").getByText("You are signed out.").waitFor();
}

/** Password, then the code step switched to a recovery code. */
async function signInWithRecoveryCode(page, username, pw, code, opts = {}) {
  await page.goto(b.url("/t/" + (opts.tenant || "acme") + "/sign-in"));
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password", { exact: true }).fill(pw);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByLabel("One-time code").waitFor();
  await page.getByRole("button", { name: "Use a recovery code" }).click();
  await page.getByLabel("Recovery code").fill(code);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("enrol, save the codes (copy, download), sign out, sign in with a recovery code; new set; turn it off", async () => {
  await b.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: b.srv.url });
  const page = await b.open();
  await h.signIn(page, b, "rex", h.password("rex"));
  await page.getByRole("heading", { name: "Your account" }).waitFor();
  const { codes, panel } = await enrol(page, h.password("rex"));
  assert.equal(codes.length, 10, "ten codes shown");
  for (const c of codes) assert.match(c, CODE);
  assert.equal(new Set(codes).size, 10);
  assert.equal(await page.locator("#me-mfa").textContent(), "On");
  assert.equal(await page.locator("#me-codes").textContent(), "10");
  await h.axe(page, "account: recovery codes shown");
  await h.shot(page, "account-recovery-codes", { doc: true });
  await narrow(page, "account-recovery-codes");

  // Copy: the clipboard holds every code.
  await panel.getByRole("button", { name: "Copy" }).click();
  await page.locator("#codes-msg").getByText("The codes are copied.", { exact: false }).waitFor();
  const clip = await page.evaluate(() => navigator.clipboard.readText());
  for (const c of codes) assert.ok(clip.includes(c), "clipboard has " + c);

  // Download: a .txt from a blob: URL under the page's CSP (default-src 'self').
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    panel.getByRole("link", { name: "Download" }).click(),
  ]);
  assert.equal(download.suggestedFilename(), "recovery-codes.txt");
  assert.match(download.url(), /^blob:/);
  const text = fs.readFileSync(await download.path(), "utf8");
  for (const c of codes) assert.ok(text.includes(c), "the file has " + c);
  assert.match(text, /rex/);

  // Saved: the codes leave the page and are never shown again.
  await panel.getByRole("button", { name: "I have saved my codes" }).click();
  await panel.waitFor({ state: "hidden" });
  assert.equal(await page.locator("#codes-list li").count(), 0);
  await page.reload();
  await page.getByRole("heading", { name: "Your account" }).waitFor();
  assert.equal(await page.locator("#codes-list li").count(), 0);
  await signOut(page);

  // Sign in with a recovery code (typed in upper case, as people do).
  await signInWithRecoveryCode(page, "rex", h.password("rex"), codes[0].toUpperCase());
  await page.waitForURL("**/t/acme/account");
  await page.getByRole("heading", { name: "Your account" }).waitFor();
  await page.locator("#me-codes").filter({ hasText: "9" }).waitFor();
  await signOut(page);

  // The same code again: refused, said so, on the recovery-code step.
  await signInWithRecoveryCode(page, "rex", h.password("rex"), codes[0]);
  await page.locator("#msg").getByRole("alert").getByText("That recovery code is not right, or it was already used.", { exact: false }).waitFor();
  assert.equal(await page.getByLabel("Recovery code").getAttribute("aria-invalid"), "true");
  await h.axe(page, "sign-in: recovery code refused");
  await h.shot(page, "sign-in-recovery-code");
  await narrow(page, "sign-in-recovery-code");
  await page.getByLabel("Recovery code").fill(codes[1]);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL("**/t/acme/account");
  await page.locator("#me-codes").filter({ hasText: "8" }).waitFor();

  // New recovery codes: password and a code; the old set dies.
  const regen = page.locator("#regen-form");
  await regen.getByLabel("Current password").fill(h.password("rex"));
  await regen.getByLabel("Code from your app, or a recovery code").fill("zzzz-zzzz-zzzz");
  await regen.getByRole("button", { name: "New recovery codes" }).click();
  await page.locator("#mfa-msg").getByRole("alert").waitFor();
  await regen.getByLabel("Code from your app, or a recovery code").fill(codes[2]);
  await regen.getByRole("button", { name: "New recovery codes" }).click();
  await page.getByText("New recovery codes made. Your old codes no longer work.").waitFor();
  const fresh = await panel.locator("#codes-list li").allTextContents();
  assert.equal(fresh.length, 10);
  assert.ok(fresh.every((c) => CODE.test(c) && !codes.includes(c)), "a new set");
  await page.locator("#me-codes").filter({ hasText: "10" }).waitFor();
  await panel.getByRole("button", { name: "I have saved my codes" }).click();

  // Turn it off with a code of the new set; an old one is refused.
  const off = page.locator("#off-form");
  await off.getByLabel("Current password").fill(h.password("rex"));
  await off.getByLabel("Code from your app, or a recovery code").fill(codes[3]);
  await off.getByRole("button", { name: "Turn off two-step sign-in" }).click();
  await page.locator("#mfa-msg").getByRole("alert").waitFor();
  assert.equal(await page.locator("#me-mfa").textContent(), "On");
  await off.getByLabel("Current password").fill(h.password("rex"));
  await off.getByLabel("Code from your app, or a recovery code").fill(fresh[0]);
  await off.getByRole("button", { name: "Turn off two-step sign-in" }).click();
  await page.getByText("Two-step sign-in is off.", { exact: false }).waitFor();
  assert.equal(await page.locator("#me-mfa").textContent(), "Off");
  assert.equal(await page.getByRole("button", { name: "Set up two-step sign-in" }).isVisible(), true);
  h.check(page);
});

test("an owner resets a user's two-step sign-in from the console; the user signs in without a code", async () => {
  // An admin without mfa.reset sees none of it.
  const admin = await b.open();
  await h.signIn(admin, b, "adam", h.password("adam"), { next: "admin", landing: "admin" });
  await searchUsers(admin, "vic");
  await admin.getByRole("link", { name: "vic", exact: true }).click();
  await admin.locator("#detail-h").filter({ hasText: "vic" }).waitFor();
  assert.equal(await admin.getByRole("button", { name: "Reset two-step sign-in" }).isVisible(), false);
  assert.equal(await admin.locator("#link-reset-mfa-row").isVisible(), false);
  assert.equal(await admin.locator("#set-reset-mfa-row").isVisible(), false);
  assert.equal(await admin.locator("#bulk-reset-mfa-row").isVisible(), false);
  h.check(admin);

  const page = await b.open();
  await h.signIn(page, b, "olivia", h.password("olivia"), { next: "admin", landing: "admin" });
  const seen = h.seenNow(b.srv.outbox);
  await searchUsers(page, "vic");
  await page.getByRole("link", { name: "vic", exact: true }).click();
  const panel = page.locator("#detail");
  await panel.getByRole("heading", { name: "vic" }).waitFor();
  await page.locator("#detail-facts").getByText("On", { exact: true }).waitFor();
  // The owner has the choices in the reset-link and set-password forms (and
  // the bulk view: admin.test.js).
  assert.equal(await panel.getByLabel("Also reset two-step sign-in, when the link is used", { exact: false }).isVisible(), true);
  assert.equal(await panel.getByLabel("Also reset two-step sign-in (the user lost", { exact: false }).isVisible(), true);
  await panel.getByLabel("Reason (optional, kept in the audit log)").fill("Phone lost, ticket 4411");
  await h.axe(page, "console: reset two-step sign-in");
  await panel.getByRole("button", { name: "Reset two-step sign-in" }).click();
  // A confirmation names the user first.
  const dialog = page.getByRole("dialog", { name: "Reset vic's two-step sign-in?" });
  await dialog.waitFor();
  await h.axe(page, "console: confirm the reset of two-step sign-in");
  await dialog.getByRole("button", { name: "Reset two-step sign-in" }).click();
  await panel.getByText("Two-step sign-in reset for vic.", { exact: false }).waitFor();
  await page.locator("#detail-facts").getByText("Off", { exact: true }).waitFor();
  assert.equal(await panel.getByRole("button", { name: "Reset two-step sign-in" }).isVisible(), false);
  await h.shot(page, "admin-mfa-reset");
  await narrow(page, "admin-mfa-reset");
  await h.waitForMail(b.srv.outbox, { to: "vic@acme.test", seen });

  // Audited, with the reason, in a sentence.
  await page.getByRole("link", { name: "Audit log", exact: true }).click();
  const reset = page.locator("#audit-list li.event").filter({ hasText: "olivia reset the two-step sign-in of vic." }).first();
  await reset.waitFor();
  await reset.getByText("Reason: Phone lost, ticket 4411").waitFor();
  h.check(page);

  // vic: the password alone signs in now.
  const user = await b.open();
  await h.signIn(user, b, "vic", h.password("vic"));
  await user.getByRole("heading", { name: "Your account" }).waitFor();
  assert.equal(await user.locator("#me-mfa").textContent(), "Off");
  h.check(user);
});

test("lost both: a reset link with 'also reset two-step sign-in' leaves MFA on until used", async () => {
  const page = await b.open();
  await h.signIn(page, b, "olivia", h.password("olivia"), { next: "admin", landing: "admin" });
  const seen = h.seenNow(b.srv.outbox);
  await searchUsers(page, "wes");
  await page.getByRole("link", { name: "wes", exact: true }).click();
  const panel = page.locator("#detail");
  await panel.getByRole("heading", { name: "wes" }).waitFor();
  await panel.getByLabel("Also reset two-step sign-in, when the link is used", { exact: false }).check();
  await panel.getByRole("button", { name: "Send reset link" }).click();
  await panel.getByText("Two-step sign-in is removed when the link is used; until then it stays on.", { exact: false }).waitFor();
  await page.locator("#detail-facts").getByText("On", { exact: true }).waitFor();
  const mail = await h.waitForMail(b.srv.outbox, { to: "wes@acme.test", kind: "password_reset", seen });

  // Not used yet: the password alone still asks for a code.
  const user = await b.open();
  await user.goto(b.url("/t/acme/sign-in"));
  await user.getByLabel("Username").fill("wes");
  await user.getByLabel("Password", { exact: true }).fill(h.password("wes"));
  await user.getByRole("button", { name: "Sign in" }).click();
  await user.getByLabel("One-time code").waitFor();
  // Used: a new password, and no code asked for.
  await user.goto(h.link(mail));
  await user.getByLabel("New password", { exact: true }).fill("Quarry-Nectar-Falcon-71");
  await user.getByLabel("Repeat new password").fill("Quarry-Nectar-Falcon-71");
  await user.getByRole("button", { name: "Set new password" }).click();
  await user.getByText("Your password was changed.", { exact: false }).waitFor();
  await h.signIn(user, b, "wes", "Quarry-Nectar-Falcon-71");
  assert.equal(await user.locator("#me-mfa").textContent(), "Off");
  h.check(user);

  h.check(page);
});

test("tenant rule mfa_required_for: a user without it lands on the set-up and can do nothing else until done", async () => {
  // An admin of that tenant asking for the console is sent to the set-up too.
  const ned = await b.open();
  await h.signIn(ned, b, "ned", h.password("ned", "enforced"), { tenant: "enforced", next: "admin", landing: "account" });
  await ned.getByRole("heading", { name: "Set up two-step sign-in" }).waitFor();
  assert.equal(await ned.getByRole("link", { name: "Admin console" }).isVisible(), false);
  h.check(ned);

  const page = await b.open();
  await h.signIn(page, b, "eve", h.password("eve", "enforced"), { tenant: "enforced" });
  await page.getByRole("heading", { level: 1, name: "Set up two-step sign-in" }).waitFor();
  await page.getByText("Your organisation requires two-step sign-in for your account.", { exact: false }).waitFor();
  assert.equal(await page.getByRole("heading", { name: "Change password" }).isVisible(), false);
  // The set-up's password field has the focus.
  await page.waitForFunction(() => document.activeElement && document.activeElement.id === "mfa-password");
  await h.axe(page, "account: forced enrolment");
  await h.shot(page, "account-mfa-required");
  await narrow(page, "account-mfa-required");
  // The server agrees: this session may do nothing else.
  const token = await page.evaluate(() => sessionStorage.getItem("latchkey.session.enforced"));
  const res = await fetch(b.url("/v1/tenants/enforced/users"), { headers: { Authorization: "Bearer " + token } });
  assert.equal(res.status, 403);
  assert.equal((await res.json()).code, "mfa_enrollment_required");

  const { codes } = await enrol(page, h.password("eve", "enforced"));
  assert.equal(codes.length, 10);
  await page.getByText("You can now use your account.", { exact: false }).waitFor();
  await page.getByRole("heading", { level: 1, name: "Your account" }).waitFor();
  assert.equal(await page.getByRole("heading", { name: "Change password" }).isVisible(), true);
  assert.equal(await page.locator("#enrol-required").isVisible(), false);
  // Turning it off is refused by the rule, in words.
  await page.getByRole("button", { name: "I have saved my codes" }).click();
  const off = page.locator("#off-form");
  await off.getByLabel("Current password").fill(h.password("eve", "enforced"));
  await off.getByLabel("Code from your app, or a recovery code").fill(codes[0]);
  await off.getByRole("button", { name: "Turn off two-step sign-in" }).click();
  await page.locator("#mfa-msg").getByRole("alert")
    .getByText("Your organisation requires two-step sign-in for your account, so it cannot be turned off.").waitFor();
  h.check(page);

  // The rule in the owner's settings form (an owner with two-step sign-in).
  const owner = await b.open();
  const key = h.base32Decode("ONSWG4TFOQYTEMZU");
  await h.signIn(owner, b, "oona", h.password("oona", "enforced"),
    { tenant: "enforced", next: "admin", landing: "admin", code: h.totp(key, h.currentStep()) });
  await owner.getByRole("link", { name: "Settings", exact: true }).click();
  await owner.getByRole("heading", { name: "Organisation settings" }).waitFor();
  await owner.waitForFunction(() => document.getElementById("s-mfa-required").value === "everyone");
  await owner.getByLabel("Two-step sign-in is required for").selectOption("admins");
  await owner.getByRole("button", { name: "Save settings" }).click();
  await owner.locator("#settings-msg").getByText("Settings saved.").waitFor();
  await owner.reload();
  await owner.waitForFunction(() => document.getElementById("s-mfa-required").value === "admins");
  await h.axe(owner, "console: settings with the MFA rule");
  await owner.getByLabel("Two-step sign-in is required for").selectOption("everyone");
  await owner.getByRole("button", { name: "Save settings" }).click();
  await owner.locator("#settings-msg").getByText("Settings saved.").waitFor();
  h.check(owner);
});
