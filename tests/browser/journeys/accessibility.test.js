"use strict";
// axe-core on every page (zero serious or critical violations), each page at
// 360 px without sideways scrolling, and sign-in with the keyboard alone.
const { test, after, before } = require("node:test");
const assert = require("node:assert/strict");
const h = require("../lib/harness");

let b;
before(async () => { b = await h.browser(); });
after(async () => { await b.close(); });

/** axe, then the same page at 360 px: no sideways scroll; screenshots of both. */
async function audit(page, name) {
  await h.axe(page, name);
  await h.shot(page, "a11y-" + name);
  const size = page.viewportSize();
  await page.setViewportSize({ width: 360, height: 740 });
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= 360, name + " is " + wide + " px wide at 360 px");
  await h.axe(page, name + " at 360 px");
  await h.shot(page, "narrow-" + name);
  await page.setViewportSize(size);
  h.check(page);
}

test("axe-core: every page, zero serious or critical violations, readable at 360 px", async () => {
  const page = await b.open();
  await page.goto(b.url("/"));
  await page.getByRole("button", { name: "Open sign-in page" }).waitFor();
  await audit(page, "index");

  await page.goto(b.url("/t/acme/sign-in"));
  await page.getByRole("banner").getByText("Acme Corp").waitFor();
  await audit(page, "sign-in");
  // The error state and the code step.
  await page.getByLabel("Username").fill("tia");
  await page.getByLabel("Password", { exact: true }).fill(h.password("tia"));
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByLabel("One-time code").waitFor();
  await audit(page, "sign-in-code");

  await page.goto(b.url("/t/acme/forgot"));
  await page.getByRole("banner").getByText("Acme Corp").waitFor();
  await audit(page, "forgot");
  await page.getByRole("button", { name: "Send reset link" }).click();
  await page.getByRole("alert").waitFor();
  await audit(page, "forgot-error");

  // A real link for the reset page.
  const seen = h.seenNow(b.srv.outbox);
  const r = await fetch(b.url("/v1/tenants/acme/password-resets"), {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ email: "kai@acme.test" }),
  });
  assert.equal(r.status, 202);
  const mail = await h.waitForMail(b.srv.outbox, { to: "kai@acme.test", kind: "password_reset", seen });
  await page.goto(h.link(mail));
  await page.getByText("kai", { exact: true }).waitFor();
  await audit(page, "reset");
  await page.goto(b.url("/t/acme/reset#token=not-a-real-token"));
  await page.getByRole("alert").waitFor();
  await audit(page, "reset-invalid");

  // The forced change.
  const forced = await b.open();
  await h.signIn(forced, b, "fay", h.password("fay"));
  await forced.getByRole("heading", { name: "Choose a new password" }).waitFor();
  await audit(forced, "forced-change");

  // The account page, and its MFA setup step with the QR code.
  const acct = await b.open();
  await h.signIn(acct, b, "kai", h.password("kai"));
  await acct.getByRole("heading", { name: "Your account" }).waitFor();
  await audit(acct, "account");
  await acct.locator("#mfa-start").getByLabel("Current password").fill(h.password("kai"));
  await acct.getByRole("button", { name: "Set up two-step sign-in" }).click();
  await acct.locator("#mfa-qr svg").waitFor();
  await audit(acct, "account-mfa");

  // The console: the users, a user open, the audit log (each view in
  // console-users.test.js and console-views.test.js at 1280 and 375 px too).
  const admin = await b.open();
  await h.signIn(admin, b, "olivia", h.password("olivia"), { next: "admin", landing: "admin" });
  await admin.locator("#result-count").filter({ hasText: "shown" }).waitFor();
  await audit(admin, "admin");
  await admin.getByRole("link", { name: "kai", exact: true }).click();
  await admin.locator("#detail-h").filter({ hasText: "kai" }).waitFor();
  await audit(admin, "admin-detail");
  await admin.getByRole("link", { name: "Audit log", exact: true }).click();
  await admin.locator("#audit-list li.event").first().waitFor();
  await audit(admin, "admin-audit");
  // A plain user is told the console is not for them.
  const plain = await b.open();
  await h.signIn(plain, b, "kai", h.password("kai"));
  await plain.goto(b.url("/t/acme/admin"));
  await plain.getByText("This console is for your organisation's administrators.").waitFor();
  await audit(plain, "admin-denied");
});

test("sign-in with the keyboard alone", async () => {
  const page = await b.open();
  await page.goto(b.url("/t/acme/sign-in"));
  await page.getByRole("banner").getByText("Acme Corp").waitFor();
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.id), "username");
  await page.keyboard.type("tia");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.id), "password");
  await page.keyboard.type(h.password("tia"));
  await page.keyboard.press("Enter");
  // The code field appears and takes the focus.
  await page.getByLabel("One-time code").waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.id), "totp");
  const key = h.base32Decode("JBSWY3DPEHPK3PXP");
  await page.keyboard.type(h.totp(key, h.currentStep()));
  await page.keyboard.press("Enter");
  await page.waitForURL("**/t/acme/account");
  await page.getByRole("heading", { name: "Your account" }).waitFor();
  // Visible focus: the outline is drawn.
  await page.locator("#change-current").focus();
  await page.keyboard.press("Tab");
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, "none");
  h.check(page);
});

test("TOTP in the tests follows RFC 6238 (SHA-1 vectors)", () => {
  const key = Buffer.from("12345678901234567890");
  assert.equal(h.totp(key, Math.floor(59 / 30), 8), "94287082");
  assert.equal(h.totp(key, Math.floor(1111111109 / 30), 8), "07081804");
  assert.equal(h.totp(key, Math.floor(20000000000 / 30), 8), "65353130");
});
