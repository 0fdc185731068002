"use strict";
// The account page: MFA enrolment, then a sign-in with a code; own password change.
const { test, after, before } = require("node:test");
const assert = require("node:assert/strict");
const h = require("../lib/harness");

let b;
before(async () => { b = await h.browser(); });
after(async () => { await b.close(); });

test("MFA enrolment on the account page, sign out, sign in with a code", async () => {
  const page = await b.open();
  await h.signIn(page, b, "mia", h.password("mia"));
  await page.getByRole("heading", { name: "Your account" }).waitFor();
  assert.equal(await page.locator("#me-mfa").textContent(), "Off");
  const start = page.locator("#mfa-start");
  // A wrong password first: refused, said so.
  await start.getByLabel("Current password").fill("Not-My-Password-1");
  await start.getByRole("button", { name: "Set up two-step sign-in" }).click();
  await page.locator("#mfa-msg").getByRole("alert").getByText("The current password is incorrect.").waitFor();
  await start.getByLabel("Current password").fill(h.password("mia"));
  await start.getByRole("button", { name: "Set up two-step sign-in" }).click();
  const qr = page.getByRole("img", { name: "QR code to add this account to your authenticator app" });
  await qr.waitFor();
  const box = await qr.boundingBox();
  assert.ok(box.width >= 150 && box.height >= 150, "the QR code is big enough to scan");
  assert.ok((await page.locator("#mfa-qr path").getAttribute("d")).length > 1000, "the QR code has modules");
  const secret = (await page.locator("#mfa-secret").textContent()).replace(/\s+/g, "");
  assert.match(secret, /^[A-Z2-7]{16,}$/);
  await h.shot(page, "account-mfa-setup", { doc: true });
  const key = h.base32Decode(secret);

  // A wrong code, then the right one.
  const confirm = page.locator("#mfa-confirm");
  await confirm.getByLabel("One-time code").fill("000000" === h.totp(key, h.currentStep()) ? "111111" : "000000");
  await confirm.getByRole("button", { name: "Turn on two-step sign-in" }).click();
  await page.locator("#mfa-msg").getByRole("alert").waitFor();
  const step = h.currentStep();
  await confirm.getByLabel("One-time code").fill(h.totp(key, step));
  await confirm.getByRole("button", { name: "Turn on two-step sign-in" }).click();
  await page.getByText("Two-step sign-in is on. From now on, signing in asks for a code from your app.").waitFor();
  assert.equal(await page.locator("#me-mfa").textContent(), "On");
  await h.shot(page, "account-mfa-on");

  await page.getByRole("button", { name: "Sign out" }).last().click();
  // The sign-in page drops ?signed-out=1 from the address as it loads, which can
  // beat a waitForURL on it: wait for its word instead.
  await page.locator("#msg").getByText("You are signed out.").waitFor();
  assert.match(page.url(), /\/t\/acme\/sign-in$/);

  // The password alone now asks for the code; the code (the next step: the
  // confirmed one cannot be used twice) signs in.
  await page.getByLabel("Username").fill("mia");
  await page.getByLabel("Password", { exact: true }).fill(h.password("mia"));
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByLabel("One-time code").waitFor();
  await page.getByText("Enter the 6-digit code from your authenticator app.").waitFor();
  await h.shot(page, "sign-in-code");
  await page.getByLabel("One-time code").fill(h.totp(key, step + 1));
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL("**/t/acme/account");
  await page.getByRole("heading", { name: "Your account" }).waitFor();
  assert.equal(await page.locator("#me-mfa").textContent(), "On");
  h.check(page);
});

test("own password change", async () => {
  const page = await b.open();
  await h.signIn(page, b, "carl", h.password("carl"));
  const form = page.locator("#change-form");
  await form.getByLabel("Current password").fill("Not-The-Password-9");
  await form.getByLabel("New password", { exact: true }).fill("Harvest-Lumen-Cobalt-19");
  await form.getByLabel("Repeat new password").fill("Harvest-Lumen-Cobalt-19");
  await form.getByRole("button", { name: "Change password" }).click();
  await page.locator("#change-msg").getByRole("alert").getByText("The current password is incorrect.").waitFor();
  assert.equal(await form.getByLabel("Current password").getAttribute("aria-invalid"), "true");

  // The current password again: refused by the history rule, shown per rule.
  await form.getByLabel("Current password").fill(h.password("carl"));
  await form.getByLabel("New password", { exact: true }).fill(h.password("carl"));
  await form.getByLabel("Repeat new password").fill(h.password("carl"));
  await form.getByRole("button", { name: "Change password" }).click();
  const alert = page.locator("#change-msg").getByRole("alert");
  await alert.getByText("The new password does not meet these rules:").waitFor();
  assert.equal(await alert.locator("li").count(), 1);
  await h.shot(page, "account-change-violation");

  await form.getByLabel("New password", { exact: true }).fill("Harvest-Lumen-Cobalt-19");
  await form.getByLabel("Repeat new password").fill("Harvest-Lumen-Cobalt-19");
  await form.getByRole("button", { name: "Change password" }).click();
  await page.getByText("Your password was changed.", { exact: false }).first().waitFor();
  await h.shot(page, "account", { doc: true });
  await page.getByRole("button", { name: "Sign out" }).last().click();
  // The sign-in page drops ?signed-out=1 from the address as it loads, which can
  // beat a waitForURL on it: wait for its word instead.
  await page.locator("#msg").getByText("You are signed out.").waitFor();
  assert.match(page.url(), /\/t\/acme\/sign-in$/);
  await h.signIn(page, b, "carl", "Harvest-Lumen-Cobalt-19");
  assert.equal(await page.locator("#me-username").textContent(), "carl");
  h.check(page);
});
