"use strict";
// "Your sessions" on the account page: every device signed in, this one
// marked; one other signed out on its own, then all the others at once.
// English and German, at 1280 and 375 px with axe-core.
const { test, after, before } = require("node:test");
const assert = require("node:assert/strict");
const h = require("../lib/harness");
const x = require("../lib/harbour");

let b;
before(async () => { b = await h.browser(); });
after(async () => { await b.close(); });

/** The list as shown: each row's device, whether it is marked as this one, and its facts. */
const rows = (page) => page.locator("#sessions-list li").evaluateAll((lis) => lis.map((li) => ({
  device: li.querySelector("strong").textContent,
  current: li.dataset.current === "true",
  marked: !!li.querySelector(".badge"),
  facts: li.querySelector(".meta").innerText.split("\n"),
  button: !!li.querySelector("button"),
})));

for (const lang of x.LANGS) {
  test("the sessions list, one signed out, then everywhere else (" + lang + ")", async () => {
    const L = x.WORDS[lang];
    const username = lang === "en" ? "sven" : "sina";
    // GIVEN the account signed in on another tab of this browser and by a tool without a browser
    const other = await b.open();
    await x.signIn(other, b, lang, username);
    const otherToken = await x.tabToken(other);
    const toolToken = await x.apiSession(b, username);
    // WHEN the person opens the account page here
    const page = await b.open();
    await x.signIn(page, b, lang, username);
    await page.getByRole("heading", { name: L.sessions }).waitFor();
    await page.locator("#sessions-list li").nth(2).waitFor();
    // THEN all three are listed, this one first and marked, each with its address and times
    const listed = await rows(page);
    assert.equal(listed.length, 3, JSON.stringify(listed));
    assert.deepEqual(listed.map((r) => [r.current, r.marked, r.button]),
      [[true, true, false], [false, false, true], [false, false, true]]);
    assert.equal(listed[0].device, L.chromeOnLinux);
    assert.deepEqual(listed.slice(1).map((r) => r.device).sort(), [L.chromeOnLinux, L.unknownBrowser].sort());
    for (const r of listed) {
      assert.equal(r.facts.length, 3, JSON.stringify(r));
      assert.match(r.facts[0], /127\.0\.0\.1/);
    }
    await page.locator("#sessions-part .badge").getByText(L.thisDevice).waitFor();
    await x.lookBoth(page, "sessions-" + lang, { doc: lang === "en", fullPage: false, scrollTo: "#sessions-part" });

    // WHEN the other tab's session is signed out on its own
    const otherRow = page.locator("#sessions-list li:not([data-current])").filter({ hasText: L.chromeOnLinux });
    await otherRow.getByRole("button", { name: L.signOutNamed(L.chromeOnLinux, "127.0.0.1") }).click();
    // THEN the page says so, the list shrinks, and that tab is out while the tool is still in
    await page.locator("#sessions-msg").getByText(L.signedOutOne(L.chromeOnLinux)).waitFor();
    await page.waitForFunction(() => document.querySelectorAll("#sessions-list li").length === 2);
    assert.equal((await x.api(b, "GET", "/v1/me", null, otherToken)).status, 401);
    assert.equal((await x.api(b, "GET", "/v1/me", null, toolToken)).status, 200);
    await other.reload();
    await other.waitForURL(/\/t\/harbour\/sign-in/);

    // WHEN "Sign out everywhere else" is pressed
    await page.getByRole("button", { name: L.others }).click();
    // THEN only this device is left, and nothing else is offered
    await page.locator("#sessions-msg").getByText(L.othersDone).waitFor();
    await page.waitForFunction(() => document.querySelectorAll("#sessions-list li").length === 1);
    assert.deepEqual((await rows(page)).map((r) => r.current), [true]);
    assert.equal(await page.getByRole("button", { name: L.others }).isVisible(), false);
    assert.equal((await x.api(b, "GET", "/v1/me", null, toolToken)).status, 401);
    assert.equal((await x.api(b, "GET", "/v1/me", null, await x.tabToken(page))).status, 200);
    await x.lookBoth(page, "sessions-others-done-" + lang, { doc: lang === "en", fullPage: false, scrollTo: "#sessions-part" });
    h.check(page);
    h.check(other);
  });
}
