"use strict";
// The forced change says why (a temporary password, an administrator's flag,
// an expired password) and does not ask again for the password just typed to
// sign in; and back to the product: `?return_to=` goes on through sign-in, the
// forced change and a reset only when the tenant lists it, never elsewhere.
// English and German, at 1280 and 375 px with axe-core.
const { test, after, before } = require("node:test");
const assert = require("node:assert/strict");
const h = require("../lib/harness");
const x = require("../lib/harbour");

let b;
let visits;
before(async () => { b = await h.browser(); visits = await x.product(b); });
after(async () => { await b.close(); });

const GOOD = { en: "Quiet-Maple-Orbit-2048", de: "Stille-Ahorn-Bahn-4096" };
const NO_DIGIT = "Quiet-Maple-Orbit-Kestrel";
const ATTEMPTS = [
  "https://evil.test/",
  "https://app.harbour.test.evil.test/",
  "https://app.harbour.test@evil.test/",
  "https://app.harbour.test/../evil",
  "//evil.test/",
  "javascript:alert(1)",
];

/** The forced change as shown: its words, and whether the current password is asked for. */
async function forcedShows(page) {
  await page.locator("#forced").waitFor();
  return {
    intro: await page.locator("#forced-intro").textContent(),
    asksCurrent: await page.locator("#forced-current").isVisible(),
  };
}

/** The new password, twice, sent; the body the page sent. */
async function changeForced(page, L, pw) {
  const form = page.locator("#forced-form");
  await form.getByLabel(L.newPw, { exact: true }).fill(pw);
  await form.getByLabel(L.repeat).fill(pw);
  const [req] = await Promise.all([
    page.waitForRequest((r) => r.url().endsWith("/v1/me/password") && r.method() === "POST"),
    form.getByRole("button", { name: L.changeSubmit }).click(),
  ]);
  return req.postDataJSON();
}

for (const lang of x.LANGS) {
  test("a temporary password: the change asks nothing twice, and goes back to the product (" + lang + ")", async () => {
    const L = x.WORDS[lang];
    const username = lang === "en" ? "tess" : "theo";
    const back = x.APP + "welcome?from=sign-in";
    const page = await b.open();
    // GIVEN a sign-in from the product, with a temporary password
    await page.goto(x.pageUrl(b, "sign-in", lang, { return_to: back }));
    await x.submitSignIn(page, L, username);
    await page.waitForURL(/\/t\/harbour\/account\?/);
    // THEN the forced change says why, and asks only for the new password
    assert.deepEqual(await forcedShows(page), { intro: L.forced.temporary_password, asksCurrent: false });
    assert.equal(await page.locator("#forced-form").getByLabel(L.current).isVisible(), false);
    // THEN its checklist has the tenant's rules for an account without a second factor
    const rules = await page.locator("#forced-policy li").allTextContents();
    assert.ok(rules.some((r) => r.endsWith(L.minAlone)), JSON.stringify(rules));
    assert.ok(rules.some((r) => r.endsWith(L.letterDigit)), JSON.stringify(rules));
    await x.lookBoth(page, "forced-temporary-" + lang, { doc: lang === "en" });
    // WHEN a password without a digit is sent THEN the server's refusal is in words
    const sent = await changeForced(page, L, NO_DIGIT);
    assert.deepEqual(Object.keys(sent), ["new_password"], "no current_password in the body");
    await page.locator("#forced-msg").getByRole("alert").getByText(L.letterDigitViolation).waitFor();
    // WHEN a good one follows THEN the person is back at the product, where they started
    await changeForced(page, L, GOOD[lang]);
    await page.waitForURL(back);
    assert.ok(visits.includes(back), JSON.stringify(visits));
    h.check(page);
  });

  test("an administrator's flag and an expired password each say why, and ask nothing twice (" + lang + ")", async () => {
    const L = x.WORDS[lang];
    const [flagged, expired] = lang === "en" ? ["abel", "edda"] : ["anke", "egon"];
    // GIVEN an administrator flagged one account to change its password
    const admin = await x.apiSession(b, "ada");
    const list = await x.api(b, "GET", "/v1/tenants/harbour/users?q=" + flagged, null, admin);
    const id = list.data.users.find((u) => u.username === flagged).id;
    const flag = await x.api(b, "PATCH", "/v1/tenants/harbour/users/" + id, { must_change_password: true }, admin);
    assert.equal(flag.status, 200, JSON.stringify(flag.data));
    for (const [username, reason] of [[flagged, "admin_requested"], [expired, "expired"]]) {
      // WHEN the person signs in
      const page = await b.open();
      await x.signIn(page, b, lang, username);
      // THEN the page says why, without asking for the password just typed
      assert.deepEqual(await forcedShows(page), { intro: L.forced[reason], asksCurrent: false });
      await x.lookBoth(page, "forced-" + reason.replace("_", "-") + "-" + lang, { doc: lang === "en" });
      // WHEN the new password is set THEN the account page says so
      const sent = await changeForced(page, L, GOOD[lang]);
      assert.equal(sent.current_password, undefined);
      await page.getByRole("heading", { name: L.account }).waitFor();
      await page.locator("#account-msg").getByText(L.forcedDone).waitFor();
      h.check(page);
    }
  });

  test("a return_to the tenant does not list is never followed (" + lang + ")", async () => {
    const L = x.WORDS[lang];
    const username = lang === "en" ? "rhea" : "rolf";
    const page = await b.open();
    const before = visits.length;
    // GIVEN a sign-in link whose return_to leads elsewhere
    await page.goto(x.pageUrl(b, "sign-in", lang, { return_to: ATTEMPTS[0] }));
    await x.submitSignIn(page, L, username);
    // THEN the person lands on the account page, with no way back offered
    await page.waitForURL(/\/t\/harbour\/account\?/);
    await page.getByRole("heading", { name: L.account }).waitFor();
    assert.equal(await page.locator("#return-row").isVisible(), false);
    await x.lookBoth(page, "return-refused-" + lang);
    // WHEN other attempts come while signed in THEN each ends on the account page too
    for (const attempt of ATTEMPTS.slice(1)) {
      await page.goto(x.pageUrl(b, "sign-in", lang, { return_to: attempt }));
      await page.waitForURL(/\/t\/harbour\/account\?/);
      await page.getByRole("heading", { name: L.account }).waitFor();
      assert.equal(await page.locator("#return-row").isVisible(), false, attempt);
    }
    // THEN the browser never asked any other host for anything
    assert.deepEqual(visits.slice(before), []);
    // WHEN a listed one comes THEN the signed-in person goes straight back
    await page.goto(x.pageUrl(b, "sign-in", lang, { return_to: x.APP + "home" }));
    await page.waitForURL(x.APP + "home");
    // THEN the account page, opened with it, offers the way back by the brand's name
    await page.goto(x.pageUrl(b, "account", lang, { return_to: x.APP + "home" }));
    const link = page.locator("#return-row").getByRole("link", { name: L.continueTo });
    await link.waitFor();
    assert.equal(await link.getAttribute("href"), x.APP + "home");
    await x.lookBoth(page, "return-account-" + lang, { doc: lang === "en", fullPage: false });
    h.check(page);
  });

  test("a reset goes back to the product only when allowed: \"Continue to\" the brand (" + lang + ")", async () => {
    const L = x.WORDS[lang];
    const [username, email] = lang === "en" ? ["remy", "remy@harbour.test"] : ["rike", "rike@harbour.test"];
    const resetLink = async () => {
      const seen = h.seenNow(b.srv.outbox);
      const r = await x.api(b, "POST", "/v1/tenants/harbour/password-resets", { email });
      assert.equal(r.status, 202);
      return h.link(await h.waitForMail(b.srv.outbox, { to: email, kind: "password_reset", seen }));
    };
    const setPassword = async (page, pw) => {
      await page.getByText(username, { exact: true }).waitFor();
      await page.getByLabel(L.newPw, { exact: true }).fill(pw);
      await page.getByLabel(L.repeat).fill(pw);
      await page.getByRole("button", { name: L.resetSubmit }).click();
      await page.locator("#msg").getByText(L.resetDone).waitFor();
    };
    const before = visits.length;
    // GIVEN a reset link opened with a return_to the tenant does not list
    const refused = await b.open();
    await refused.goto((await resetLink()).replace("#", x.q(lang, { return_to: ATTEMPTS[1] }) + "#"));
    // THEN (a reset link's page cannot know whether the account has a second
    // factor) both minimums are listed, and a refusal for length names both
    await refused.getByText(username, { exact: true }).waitFor();
    const rules = await refused.locator("#policy li").allTextContents();
    for (const rule of L.minBoth) assert.ok(rules.some((r) => r.endsWith(rule)), rule + " in " + JSON.stringify(rules));
    await refused.getByLabel(L.newPw, { exact: true }).fill("Short-Pass-13");
    await refused.getByLabel(L.repeat).fill("Short-Pass-13");
    await refused.getByRole("button", { name: L.resetSubmit }).click();
    await refused.getByRole("alert").getByText(L.tooShortEither).waitFor();
    await setPassword(refused, GOOD[lang]);
    // THEN no way "back" is offered, only signing in
    assert.equal(await refused.locator("#msg a[data-return]").count(), 0);
    await refused.locator("#msg").getByRole("link", { name: L.signIn }).waitFor();
    assert.deepEqual(visits.slice(before), []);
    await x.lookBoth(refused, "reset-return-refused-" + lang);
    // GIVEN a new link opened with a listed one
    const page = await b.open();
    const back = x.APP + "after-reset";
    await page.goto((await resetLink()).replace("#", x.q(lang, { return_to: back }) + "#"));
    await setPassword(page, "Cedar-" + GOOD[lang]);
    // THEN the page offers to continue to the product, by its brand's name
    const link = page.locator("#msg").getByRole("link", { name: L.continueTo });
    assert.equal(await link.getAttribute("href"), back);
    await x.lookBoth(page, "reset-continue-" + lang, { doc: lang === "en" });
    // WHEN followed THEN the person is back at the product
    await link.click();
    await page.waitForURL(back);
    h.check(refused);
    h.check(page);
  });
}
