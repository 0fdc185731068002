"use strict";
// Sign-in: a temporary password lands on the forced change and goes on signed in;
// the lockout says when to try again.
const { test, after, before } = require("node:test");
const assert = require("node:assert/strict");
const h = require("../lib/harness");

let b;
before(async () => { b = await h.browser(); });
after(async () => { await b.close(); });

test("temporary password, forced change, signed in", async () => {
  const page = await b.open();
  await h.signIn(page, b, "tom", h.password("tom"));
  await page.getByRole("heading", { name: "Choose a new password" }).waitFor();
  await page.getByText("Your administrator gave you a temporary password.").waitFor();
  await page.getByText("At least 12 characters long.").first().waitFor();
  await h.shot(page, "forced-change");
  // The password was typed seconds ago: it is not asked for again.
  const form = page.locator("#forced-form");
  assert.equal(await form.getByLabel("Current password").isVisible(), false);
  await form.getByLabel("New password", { exact: true }).fill("Lagoon-Ember-Trellis-64");
  await form.getByLabel("Repeat new password").fill("Lagoon-Ember-Trellis-64");
  await form.getByRole("button", { name: "Change password" }).click();
  await page.getByRole("heading", { name: "Your account" }).waitFor();
  await page.getByText("Your password was changed. You are signed in.").waitFor();
  assert.equal(await page.locator("#me-username").textContent(), "tom");
  // Still signed in after a reload: the same session lost its restriction.
  await page.reload();
  await page.getByRole("heading", { name: "Your account" }).waitFor();
  assert.equal(await page.getByRole("heading", { name: "Choose a new password" }).isVisible(), false);
  const token = await page.evaluate(() => sessionStorage.getItem("latchkey.session.acme"));
  assert.ok(token, "the session is in sessionStorage");
  assert.equal(await page.evaluate(() => localStorage.length), 0, "nothing in localStorage");
  const cookies = await b.context.cookies();
  assert.equal(cookies.length, 0, "no cookies");
  // Sign-out clears it.
  await page.getByRole("button", { name: "Sign out" }).last().click();
  // The sign-in page drops ?signed-out=1 from the address as it loads, which can
  // beat a waitForURL on it: wait for its word instead.
  await page.locator("#msg").getByText("You are signed out.").waitFor();
  assert.match(page.url(), /\/t\/acme\/sign-in$/);
  await page.getByText("You are signed out.").waitFor();
  assert.equal(await page.evaluate(() => sessionStorage.getItem("latchkey.session.acme")), null);
  const r = await fetch(b.url("/v1/me"), { headers: { Authorization: "Bearer " + token } });
  assert.equal(r.status, 401, "the session ended on the server too");
  h.check(page);
});

test("wrong passwords lock the sign-in and say when to try again", async () => {
  const page = await b.open();
  await page.goto(b.url("/t/acme/sign-in"));
  await page.getByLabel("Username").fill("lou");
  let text = "";
  for (let i = 0; i < 8; i++) {
    await page.getByLabel("Password", { exact: true }).fill("Wrong-Password-" + i);
    await page.getByRole("button", { name: "Sign in" }).click();
    // The answer is in when the form is back, or counting down (the alert
    // of the attempt before may still stand until then).
    await page.waitForFunction(() => !document.querySelector("#sign-in button[type=submit]").disabled ||
      document.querySelector("[role=timer]"));
    text = await page.getByRole("alert").textContent();
    if (/Too many attempts/.test(text)) break;
  }
  assert.match(text, /Too many attempts\. For your security, sign-in is paused until \d\d:\d\d\./);
  // THEN the time left is under the button, which is off until it runs out
  assert.match(await page.getByRole("timer").textContent(), /^You can try again in \d+ (seconds?|minutes?)/);
  assert.equal(await page.getByRole("button", { name: "Sign in" }).isDisabled(), true);
  await h.shot(page, "sign-in-locked");
  h.check(page);
});
