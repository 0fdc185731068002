"use strict";
// Forgot password -> the mail in the outbox -> the reset page -> sign in.
const { test, after, before } = require("node:test");
const assert = require("node:assert/strict");
const h = require("../lib/harness");

let b;
before(async () => { b = await h.browser(); });
after(async () => { await b.close(); });

test("forgot password, mail, reset link, new password, sign in", async () => {
  const page = await b.open();
  const seen = h.seenNow(b.srv.outbox);
  await page.goto(b.url("/t/acme/sign-in"));
  await page.getByRole("banner").getByText("Acme Corp").waitFor();
  await h.shot(page, "sign-in", { doc: true });
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await page.waitForURL("**/t/acme/forgot");
  // This tenant asks for the email only.
  assert.equal(await page.getByLabel("Username").isVisible(), false);
  await page.getByLabel("Email").fill("rita@acme.test");
  await h.shot(page, "forgot");
  await page.getByRole("button", { name: "Send reset link" }).click();
  await page.getByText("If an account matches, we have sent a reset link.").waitFor();
  await h.shot(page, "forgot-sent");

  const mail = await h.waitForMail(b.srv.outbox, { to: "rita@acme.test", kind: "password_reset", seen });
  const url = h.link(mail);
  assert.match(url, /\/t\/acme\/reset#token=/);
  assert.ok(url.startsWith(b.srv.url), url);

  await page.goto(url);
  await page.getByText("rita", { exact: true }).waitFor();
  // The token is gone from the address bar (and so from history).
  assert.equal(new URL(page.url()).hash, "");
  assert.doesNotMatch(page.url(), /token/);
  assert.equal(await page.evaluate(() => location.href.includes("token")), false);
  await page.getByText("At least 12 characters long.").waitFor();
  await page.getByText("At most 128 characters long.").waitFor();
  await h.shot(page, "reset", { doc: true });

  // A policy violation is shown per rule, and the link still works after it.
  await page.getByLabel("New password", { exact: true }).fill("short");
  await page.getByLabel("Repeat new password").fill("short");
  await page.getByRole("button", { name: "Set new password" }).click();
  const alert = page.getByRole("alert");
  await alert.getByText("Use at least 12 characters.").waitFor();
  await h.shot(page, "reset-violation");

  // Mismatched repeat is caught on the page.
  await page.getByLabel("New password", { exact: true }).fill("Sapphire-Kettle-Roams-90");
  await page.getByLabel("Repeat new password").fill("Sapphire-Kettle-Roams-91");
  await page.getByRole("button", { name: "Set new password" }).click();
  await page.getByRole("alert").getByText("The two new passwords are not the same.", { exact: false }).waitFor();

  await page.getByLabel("Repeat new password").fill("Sapphire-Kettle-Roams-90");
  await page.getByRole("button", { name: "Set new password" }).click();
  await page.getByText("Your password was changed. You can sign in with it now.").waitFor();
  await h.shot(page, "reset-done");

  // The same link again: explained, with the way to a new one.
  const again = await b.open();
  await again.goto(url);
  await again.getByRole("alert").getByText("This link has expired or has already been used.", { exact: false }).waitFor();
  await again.getByRole("link", { name: "request a new reset link" }).waitFor();
  await h.shot(again, "reset-used-link");
  h.check(again);

  await page.getByRole("link", { name: "Sign in" }).first().click();
  await page.waitForURL("**/t/acme/sign-in");
  // The old password stopped working; the new one works.
  await page.getByLabel("Username").fill("rita");
  await page.getByLabel("Password", { exact: true }).fill(h.password("rita"));
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("alert").getByText("The username or password is incorrect.").waitFor();
  await page.getByLabel("Password", { exact: true }).fill("Sapphire-Kettle-Roams-90");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL("**/t/acme/account");
  await page.getByRole("heading", { name: "Your account" }).waitFor();
  assert.equal(await page.locator("#me-username").textContent(), "rita");
  h.check(page);
});

test("a tenant that asks for username and email gets both fields", async () => {
  const page = await b.open();
  await page.goto(b.url("/t/byname/forgot"));
  await page.getByRole("banner").getByText("By-Name Ltd").waitFor();
  await page.getByLabel("Username").waitFor({ state: "visible" });
  await page.getByLabel("Email").waitFor({ state: "visible" });
  await page.getByRole("button", { name: "Send reset link" }).click();
  await page.getByRole("alert").getByText("Enter your username and email address.").waitFor();
  // An unknown tenant: a neutral page, the same answer.
  const other = await b.open();
  await other.goto(b.url("/t/no-such-tenant/forgot"));
  await other.getByRole("banner").getByText("Account access").waitFor();
  await other.getByLabel("Email").fill("someone@example.test");
  await other.getByRole("button", { name: "Send reset link" }).click();
  await other.getByText("If an account matches, we have sent a reset link.").waitFor();
  h.check(page);
  h.check(other);
});
