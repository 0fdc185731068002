"use strict";
// The account-lock mail's unlock link: the page does nothing until its button
// is pressed, then the account signs in again with its (unchanged) password.
const { test, after, before } = require("node:test");
const assert = require("node:assert/strict");
const h = require("../lib/harness");

let b;
before(async () => { b = await h.browser(); });
after(async () => { await b.close(); });

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Wrong passwords for `username` until the account-wide ceiling locks it and mails `to`. */
async function lockOut(username, to) {
  const seen = h.seenNow(b.srv.outbox);
  for (let i = 0; i < 40; i++) {
    const r = await fetch(b.url("/v1/tenants/gate/sessions"), {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ username, password: "Wrong-Guess-" + i }),
    });
    // The (account, address) pair's short lock (1 s in this tenant): wait it out.
    if (r.status === 429) await sleep(1000 * Number(r.headers.get("retry-after") || 1) + 100);
    else assert.equal(r.status, 401);
    const mail = h.mails(b.srv.outbox).find((m) => !seen.has(m.file) && m.to === to && m.kind === "account_locked");
    if (mail) return mail;
  }
  return h.waitForMail(b.srv.outbox, { to, kind: "account_locked", seen });
}

test("an unlock link, pressed, lets the locked account sign in again", async () => {
  const page = await b.open();
  // GIVEN an account the ceiling locked, and its mail
  const mail = await lockOut("gil", "gil@gate.test");
  const link = h.link(mail);
  assert.match(link, /\/t\/gate\/unlock#token=/);
  // WHEN its link is opened THEN nothing is unlocked yet, and the token left the address bar
  await page.goto(link);
  await page.getByRole("heading", { name: "Unlock your account" }).waitFor();
  assert.ok(!page.url().includes("token"), page.url());
  await h.axe(page, "unlock");
  await h.shot(page, "unlock");
  // WHEN the button is pressed THEN it is unlocked, and says where to sign in
  await page.getByRole("button", { name: "Unlock my account" }).click();
  await page.getByText("Your account is unlocked. Sign in with your password.").waitFor();
  assert.equal(await page.locator("#unlock").isVisible(), false);
  // THEN the same link a second time is refused in words
  const again = await b.open();
  await again.goto(link);
  await again.getByRole("button", { name: "Unlock my account" }).click();
  await again.getByRole("alert").waitFor();
  assert.equal(await again.locator("#unlock").isVisible(), false);
  // THEN the account signs in with its password
  await page.getByRole("link", { name: "Sign in" }).first().click();
  await page.getByLabel("Username").fill("gil");
  await page.getByLabel("Password", { exact: true }).fill(h.password("gil", "gate"));
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL("**/t/gate/account");
  h.check(page);
  h.check(again);
});

test("an unlock link without its token says so and offers no button", async () => {
  const page = await b.open();
  await page.goto(b.url("/t/gate/unlock"));
  await page.getByRole("alert").getByText("This unlock link is incomplete", { exact: false }).waitFor();
  assert.equal(await page.getByRole("button", { name: "Unlock my account" }).isVisible(), false);
  h.check(page);
});
