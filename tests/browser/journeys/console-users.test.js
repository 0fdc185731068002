"use strict";
// The console's users and a user, as an owner does the work: find people in a
// sortable, filterable table with pages both ways; open one; see and lift an
// account-wide lock; see where they are signed in and sign them out
// everywhere; change their role, permissions and email; delete them after a
// confirmation that names them. In English and German, each view at 1280 and
// 375 px with axe.
const { test, after, before } = require("node:test");
const assert = require("node:assert/strict");
const h = require("../lib/harness");
const c = require("../lib/console");

let b;
before(async () => { b = await h.browser(); });
after(async () => { await b.close(); });

// The accounts each language's run acts on (tenant `orbit` of the seed).
const WHO = {
  en: { locked: "luke", signedIn: "sara", deleted: "dan", promoted: "eli" },
  de: { locked: "lars", signedIn: "sina", deleted: "dirk", promoted: "emil" },
};

const rows = (page) => page.locator("#user-rows tr");
const usernames = (page) => page.locator("#user-rows a.user-link").allTextContents();

for (const lang of ["en", "de"]) {
  test(`users: search, filters, sorting and pages both ways, each at its own address (${lang})`, async () => {
    const w = c.WORDS[lang];
    const page = await c.openConsole(b, "olivia", { lang });
    // GIVEN the console opens on its users view, at its own address
    await page.waitForURL(/#\/users$/);
    await page.locator("#result-count").filter({ hasText: w.shown }).waitFor();
    assert.equal(await rows(page).count(), 19);
    assert.equal(await page.locator("[data-nav=users]").getAttribute("aria-current"), "page");
    // THEN the signed-in owner has no box: she cannot put herself in a bulk reset
    const own = rows(page).filter({ has: page.locator("a.user-link", { hasText: /^olivia$/ }) });
    assert.equal(await own.locator("input[type=checkbox]").count(), 0);

    // WHEN ten users a page are asked for THEN the pages go forward and back
    await page.locator("#f-limit").selectOption("10");
    await page.waitForURL(/limit=10/);
    await page.waitForFunction(() => document.querySelectorAll("#user-rows tr").length === 10);
    const first = await usernames(page);
    await page.locator("#next-page").click();
    await page.waitForURL(/cursor=/);
    await page.waitForFunction(() => document.querySelectorAll("#user-rows tr").length === 9);
    const second = await usernames(page);
    assert.ok(!second.some((u) => first.includes(u)), "the next page holds other users");
    assert.equal(await page.locator("#prev-page").isDisabled(), false);
    await page.locator("#prev-page").click();
    await page.waitForFunction(() => document.querySelectorAll("#user-rows tr").length === 10);
    assert.deepEqual(await usernames(page), first);
    // THEN the browser's back and forward walk the same pages
    await page.goBack();
    await page.waitForFunction(() => document.querySelectorAll("#user-rows tr").length === 9);
    assert.deepEqual(await usernames(page), second);
    await page.goForward();
    await page.waitForFunction(() => document.querySelectorAll("#user-rows tr").length === 10);

    // WHEN sorted by last sign-in, twice THEN newest first, marked on its column
    await page.locator("#f-limit").selectOption("50");
    await page.waitForFunction(() => document.querySelectorAll("#user-rows tr").length === 19);
    const last = page.locator("th[data-sort=last]");
    await last.getByRole("button").click();
    await page.waitForURL(/sort=last&dir=asc/);
    assert.equal(await last.getAttribute("aria-sort"), "ascending");
    await last.getByRole("button").click();
    await page.waitForURL(/dir=desc/);
    assert.equal(await last.getAttribute("aria-sort"), "descending");
    assert.equal((await usernames(page))[0], "olivia");
    // WHEN narrowed to owners THEN one of the page's users, and the count says so
    await page.locator("#f-role").selectOption("owner");
    await page.waitForURL(/role=owner/);
    await page.waitForFunction(() => document.querySelectorAll("#user-rows tr").length === 1);
    assert.match(await page.locator("#result-count").textContent(), lang === "en" ? /^1 of 19 users on this page/ : /1 von 19/);
    await page.locator("#f-role").selectOption("");
    // WHEN searched by prefix THEN only those, and the address keeps the search
    await page.locator("#q").fill("bulk-");
    await page.locator("#search").getByRole("button").click();
    await page.waitForURL(/q=bulk-/);
    await page.waitForFunction(() => document.querySelectorAll("#user-rows tr").length === 3);
    assert.deepEqual((await usernames(page)).sort(), ["bulk-ann", "bulk-ben", "bulk-cy"]);
    await c.atBothWidths(page, `console-users-${lang}`, { words: "#result-count, #user-rows td:not(:nth-child(2))", doc: true });
    // WHEN the address is opened afresh (a bookmark) THEN the same view
    await page.reload();
    await page.waitForFunction(() => document.querySelectorAll("#user-rows tr").length === 3);
    assert.equal(await page.locator("#q").inputValue(), "bulk-");
    h.check(page);
  });

  test(`a user: an account-wide lock lifted, sessions signed out everywhere (${lang})`, async () => {
    const who = WHO[lang];
    // GIVEN one account locked for everyone, another signed in on a laptop
    await c.lockOut(b, "orbit", who.locked);
    const token = await c.signInElsewhere(b, "orbit", who.signedIn, "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0");
    const page = await c.openConsole(b, "oscar", { tenant: "orbit", lang });
    await page.locator("#user-rows tr").first().waitFor();
    // WHEN the list is narrowed to locked accounts THEN that one, with until when
    await page.locator("#f-locked").selectOption("yes");
    await page.waitForFunction(() => document.querySelectorAll("#user-rows tr").length === 1);
    assert.deepEqual(await usernames(page), [who.locked]);
    // WHEN it is opened THEN its view says so and offers to unlock it
    await page.getByRole("link", { name: who.locked, exact: true }).click();
    await page.waitForURL(/#\/users\/u_/);
    await page.locator("#detail-h").filter({ hasText: who.locked }).waitFor();
    await page.locator("#lock-box:not([hidden])").waitFor();
    if (lang === "en") await page.locator("#lock-text").getByText("locked for everyone until", { exact: false }).waitFor();
    await c.atBothWidths(page, `console-user-locked-${lang}`, { words: "#lock-box, #detail-facts", doc: true });
    await page.locator("#unlock").click();
    await page.locator("#detail-msg .ok").waitFor();
    assert.equal(await page.locator("#lock-box").isVisible(), false);
    // THEN the password signs in again
    const back = await fetch(b.url("/v1/tenants/orbit/sessions"), {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ username: who.locked, password: h.password(who.locked, "orbit") }),
    });
    assert.equal(back.status, 201);

    // WHEN the signed-in user is opened THEN the laptop is listed
    await page.getByRole("link", { name: lang === "en" ? "Back to the users" : "Zurück zu den Benutzern" }).click();
    await page.waitForURL(/locked=yes/);
    await page.locator("#f-locked").selectOption("");
    await page.getByRole("link", { name: who.signedIn, exact: true }).click();
    await page.locator("#detail-h").filter({ hasText: who.signedIn }).waitFor();
    const sessions = page.locator("#session-rows tr");
    await sessions.first().waitFor();
    assert.equal(await sessions.count(), 1);
    assert.match(await sessions.first().locator("td").first().textContent(), /Firefox/);
    await c.atBothWidths(page, `console-user-sessions-${lang}`, { words: "#sessions-box", doc: true });
    // WHEN signed out everywhere THEN no session is left and the token is dead
    await page.locator("#sign-out-all").click();
    await page.locator("#detail-msg .ok").waitFor();
    await page.waitForFunction(() => document.querySelectorAll("#session-rows tr").length === 0);
    const me = await fetch(b.url("/v1/me"), { headers: { Authorization: "Bearer " + token } });
    assert.equal(me.status, 401);
    h.check(page);
  });

  test(`a user: role, permissions and email changed; deleted after a confirmation naming them (${lang})`, async () => {
    const who = WHO[lang];
    const w = c.WORDS[lang];
    const page = await c.openConsole(b, "oscar", { tenant: "orbit", lang });
    await page.locator("#user-rows tr").first().waitFor();
    await page.getByRole("link", { name: who.promoted, exact: true }).click();
    await page.locator("#detail-h").filter({ hasText: who.promoted }).waitFor();
    // WHEN made an administrator who may read the audit log, with a new address
    const form = page.locator("#flags-form");
    await form.locator("#flag-role").selectOption("admin");
    await form.locator("#perm-box input[value='audit.read']").check();
    await form.locator("#flag-email").fill(who.promoted + ".new@orbit.test");
    await c.atBothWidths(page, `console-user-edit-${lang}`);
    await form.locator("button[type=submit]").click();
    await page.locator("#detail-msg .ok").waitFor();
    // THEN the server holds it, and the view says it in words
    const id = await c.userId(page, b, "orbit", who.promoted);
    const u = (await c.asTab(page, b, "orbit", "GET", "/v1/tenants/orbit/users/" + id)).data;
    assert.equal(u.role, "admin");
    assert.deepEqual(u.permissions, ["audit.read"]);
    assert.equal(u.email, who.promoted + ".new@orbit.test");
    if (lang === "en") {
      await page.locator("#detail-facts").getByText("Administrator", { exact: true }).waitFor();
      await page.locator("#detail-facts").getByText("read the audit log", { exact: true }).waitFor();
    }

    // WHEN another account is to be deleted THEN a confirmation names it
    await page.getByRole("link", { name: lang === "en" ? "Back to the users" : "Zurück zu den Benutzern" }).click();
    await page.getByRole("link", { name: who.deleted, exact: true }).click();
    await page.locator("#detail-h").filter({ hasText: who.deleted }).waitFor();
    await page.locator("#delete-user").click();
    const dialog = page.getByRole("dialog");
    await dialog.waitFor();
    assert.match(await dialog.getByRole("heading").textContent(), new RegExp(who.deleted));
    assert.match(await dialog.locator("#confirm-text").textContent(), new RegExp(who.deleted));
    // THEN the focus is on Cancel, and axe is content with the dialog open
    assert.equal(await page.evaluate(() => document.activeElement.id), "confirm-cancel");
    await c.atBothWidths(page, `console-confirm-delete-${lang}`, { words: "#confirm", doc: lang === "en" });
    // WHEN cancelled THEN nothing happened
    await dialog.getByRole("button", { name: w.cancel }).click();
    await dialog.waitFor({ state: "hidden" });
    const target = await c.userId(page, b, "orbit", who.deleted);
    assert.equal((await c.asTab(page, b, "orbit", "GET", "/v1/tenants/orbit/users/" + target)).status, 200);
    // WHEN confirmed THEN it is gone: back to the list, which says so
    await page.locator("#delete-user").click();
    await dialog.locator("#confirm-ok").click();
    await page.waitForURL(/#\/users(\?|$)/);
    await page.locator("#console-msg .ok").filter({ hasText: who.deleted }).waitFor();
    await page.waitForFunction((n) => ![...document.querySelectorAll("#user-rows a.user-link")].some((a) => a.textContent === n), who.deleted);
    assert.equal((await c.asTab(page, b, "orbit", "GET", "/v1/tenants/orbit/users/" + target)).status, 404);
    h.check(page);
  });
}
