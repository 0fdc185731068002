"use strict";
// "This wasn't me": the link of the mail a password change sends. The page
// explains and asks; confirmed, sign-in stops, every session ends and the
// page says how sign-in comes back and whom to ask; the link then works no
// more. English and German, at 1280 and 375 px with axe-core.
const { test, after, before } = require("node:test");
const assert = require("node:assert/strict");
const h = require("../lib/harness");
const x = require("../lib/harbour");

let b;
before(async () => { b = await h.browser(); });
after(async () => { await b.close(); });

const NEW_PASSWORD = { en: "Quiet-Maple-Orbit-2048", de: "Stille-Ahorn-Bahn-4096" };

for (const lang of x.LANGS) {
  test("a password change's mail reports it: sign-in stops, and the page says how it comes back (" + lang + ")", async () => {
    const L = x.WORDS[lang];
    const [username, email] = lang === "en" ? ["rory", "rory@harbour.test"] : ["rosa", "rosa@harbour.test"];
    // GIVEN a person who changed the password on the account page, and the mail it sent
    const page = await b.open();
    await x.signIn(page, b, lang, username);
    const seen = h.seenNow(b.srv.outbox);
    await page.locator("#change-current").fill(x.password(username));
    await page.locator("#change-new").fill(NEW_PASSWORD[lang]);
    await page.locator("#change-repeat").fill(NEW_PASSWORD[lang]);
    await page.locator("#change-form").getByRole("button", { name: L.changeSubmit }).click();
    await page.locator("#change-msg").getByText(L.changeDone, { exact: false }).waitFor();
    const token = await x.tabToken(page);
    const mail = await h.waitForMail(b.srv.outbox, { to: email, kind: "password_changed", seen });
    const link = (/https?:\/\/\S+\/t\/harbour\/report#token=\S+/.exec(mail.text) || [])[0];
    assert.ok(link, "a report link in: " + mail.text);

    // WHEN its "This wasn't me" link is opened
    const report = await b.open();
    await report.goto(link.replace("#", x.q(lang) + "#"));
    await report.getByRole("heading", { name: L.reportTitle }).waitFor();
    // THEN the token left the address, and nothing happened yet: the session still works
    assert.doesNotMatch(report.url(), /token/);
    assert.equal((await x.api(b, "GET", "/v1/me", null, token)).status, 200);
    await report.getByRole("button", { name: L.reportSubmit }).waitFor();
    await x.lookBoth(report, "report-" + lang, { doc: lang === "en" });

    // WHEN the reader confirms
    await report.getByRole("button", { name: L.reportSubmit }).click();
    // THEN the page says sign-in is off, how it comes back, and whom to ask
    const done = report.locator("#msg");
    await done.getByText(L.reportDone).waitFor();
    await done.getByText(L.reportRestore).waitFor();
    assert.equal(await report.getByRole("button", { name: L.reportSubmit }).count(), 0);
    assert.match(await done.getByRole("link", { name: L.reportNewPassword }).getAttribute("href"), /\/t\/harbour\/forgot/);
    await done.getByRole("link", { name: L.pointer }).waitFor();
    const support = report.getByRole("region", { name: L.support });
    await support.getByRole("link", { name: "help@harbour.test" }).waitFor();
    await x.lookBoth(report, "report-done-" + lang, { doc: lang === "en" });
    // THEN the server agrees: the session ended and the new password no longer signs in
    assert.equal((await x.api(b, "GET", "/v1/me", null, token)).status, 401);
    const again = await x.api(b, "POST", "/v1/tenants/harbour/sessions", { username, password: NEW_PASSWORD[lang] });
    assert.equal(again.status, 401);

    // WHEN the same link is opened once more THEN it is refused in words, with whom to ask
    const used = await b.open();
    await used.goto(link.replace("#", x.q(lang) + "#"));
    await used.getByRole("button", { name: L.reportSubmit }).click();
    const alert = used.getByRole("alert");
    await alert.getByText(L.reportInvalid, { exact: false }).waitFor();
    await alert.getByRole("link", { name: L.pointer }).waitFor();
    await x.lookBoth(used, "report-used-" + lang);
    h.check(page);
    h.check(report);
    h.check(used);
  });
}

test("a report link without its token says so and offers no button", async () => {
  const page = await b.open();
  await page.goto(x.pageUrl(b, "report", "en"));
  await page.getByRole("alert").getByText("This link is incomplete", { exact: false }).waitFor();
  assert.equal(await page.getByRole("button", { name: x.WORDS.en.reportSubmit }).isVisible(), false);
  h.check(page);
});
