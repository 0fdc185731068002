"use strict";
// The console's journeys share these steps: opening the console as someone,
// in a language; going to a view by its address; checking a view at 1280 and
// 375 px (axe, no sideways scrolling, no word broken inside, a screenshot);
// and calling the API as the signed-in tab.
const assert = require("node:assert/strict");
const h = require("./harness");

/** The console's words the journeys look for, per language (en and de). */
const WORDS = {
  en: {
    console: "Admin console", users: "Users", audit: "Audit log", settings: "Organisation settings",
    ended: "Your session has ended", signInAgain: "Sign in again", save: "Save settings",
    cancel: "Cancel", shown: "shown",
  },
  de: {
    console: "Verwaltungskonsole", users: "Benutzer", audit: "Protokoll", settings: "Einstellungen der Organisation",
    ended: "Ihre Sitzung ist abgelaufen", signInAgain: "Erneut anmelden", save: "Einstellungen speichern",
    cancel: "Abbrechen", shown: "angezeigt",
  },
};

/**
 * Signs `username` of `tenant` in (the sign-in page in English) and opens the
 * console in `lang` (the switcher's cookie, which the server renders it in).
 */
async function openConsole(b, username, { tenant = "acme", lang = "en", code } = {}) {
  await b.context.clearCookies();
  const page = await b.open(1280);
  await h.signIn(page, b, username, h.password(username, tenant), { tenant, next: "admin", landing: "admin", code });
  if (lang !== "en") {
    await b.context.addCookies([{ name: "latchkey_lang", value: lang, url: b.srv.url }]);
    await page.reload();
  }
  await page.locator("html[lang=" + lang + "]").waitFor({ state: "attached" });
  await page.locator("#console:not([hidden])").waitFor();
  return page;
}

/** Goes to a view's address (as a typed or bookmarked URL would) and waits for `ready`. */
async function visit(page, hash, ready) {
  await page.evaluate((x) => { location.hash = x; }, hash);
  if (ready) await ready.waitFor();
}

/**
 * The words of each element matching `selector` that break across lines:
 * every word of its text must lie on one line (a line may only break between
 * words, or after a hyphen or slash of a compound). Empty when none does.
 */
function brokenWords(page, selector) {
  return page.evaluate((sel) => {
    const broken = [];
    for (const box of document.querySelectorAll(sel)) {
      if (!box.getClientRects().length) continue;
      const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const re = /[^\s\-\u2010/]+/g;
        let m;
        while ((m = re.exec(node.data))) {
          const r = document.createRange();
          r.setStart(node, m.index);
          r.setEnd(node, m.index + m[0].length);
          const tops = new Set(Array.from(r.getClientRects()).filter((x) => x.width > 0).map((x) => Math.round(x.top)));
          if (tops.size > 1) broken.push(m[0]);
        }
      }
    }
    return broken;
  }, selector);
}

/**
 * The view as it is now at 1280 and at 375 px: axe finds nothing serious or
 * critical, nothing scrolls sideways, the words of `words` (a selector) are
 * whole, and a screenshot `name-{width}` (the docs' when `doc`).
 */
async function atBothWidths(page, name, { words, doc } = {}) {
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 900 });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(wide <= width, name + " is " + wide + " px wide at " + width + " px");
    await h.axe(page, name + " at " + width + " px");
    if (words) assert.deepEqual(await brokenWords(page, words), [], name + ": words broken across lines at " + width + " px");
    await h.shot(page, name + "-" + width, { doc, fullPage: false });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** The API as the signed-in tab: `fetch` with its session token. */
async function asTab(page, b, tenant, method, path, body) {
  const token = await page.evaluate((t) => sessionStorage.getItem("latchkey.session." + t), tenant);
  const headers = { Authorization: "Bearer " + token };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const r = await fetch(b.url(path), { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await r.text();
  return { status: r.status, data: text ? JSON.parse(text) : null };
}

/** A user's id, looked up with the tab's session. */
async function userId(page, b, tenant, username) {
  const r = await asTab(page, b, tenant, "GET", "/v1/tenants/" + tenant + "/users?limit=100&q=" + encodeURIComponent(username));
  const u = r.data.users.find((x) => x.username === username);
  assert.ok(u, "no user " + username);
  return u.id;
}

/** Signs `username` in through the API (a session elsewhere), with a browser's User-Agent. */
async function signInElsewhere(b, tenant, username, userAgent) {
  const r = await fetch(b.url("/v1/tenants/" + tenant + "/sessions"), {
    method: "POST",
    headers: { "Content-Type": "application/json", "User-Agent": userAgent },
    body: JSON.stringify({ username, password: h.password(username, tenant) }),
  });
  assert.equal(r.status, 201, "sign-in of " + username);
  return (await r.json()).token;
}

/** Fails sign-ins of `username` until the account-wide ceiling (10 in `orbit`) locks it. */
async function lockOut(b, tenant, username) {
  let failures = 0;
  for (let i = 0; i < 60 && failures < 10; i++) {
    const r = await fetch(b.url("/v1/tenants/" + tenant + "/sessions"), {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ username, password: "Not-The-Password-000" }),
    });
    if (r.status === 401) failures++;
    // The pause of one address (1 s in `orbit`) before the next attempt counts.
    else if (r.status === 429) await new Promise((res) => setTimeout(res, 1100));
  }
  assert.equal(failures, 10, "ten failed sign-ins of " + username);
}

module.exports = { WORDS, openConsole, visit, brokenWords, atBothWidths, asTab, userId, signInElsewhere, lockOut };
