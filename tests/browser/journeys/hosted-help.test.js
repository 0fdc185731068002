"use strict";
// Where a person is stuck on the hosted pages (issue 25, hosted pages): the
// tenant's support contact on sign-in, forgot, reset, unlock and the locked
// state; a lockout that counts down each second and gives the button back at
// zero; the password policy as a checklist that ticks while typing (the server
// still judges); links and secondary buttons in the brand's colour; recovery
// codes that never collide at 375 px. Each at 1280 and 375 px with axe-core,
// in English and German, on the seed's "north" tenant (Northwind: a contact,
// a magenta brand, a 5-second lockout after 3 failures, 3 kinds of character).
const { test, after, before } = require("node:test");
const assert = require("node:assert/strict");
const h = require("../lib/harness");

let b;
before(async () => { b = await h.browser(); });
after(async () => { await b.close(); });

const WIDTHS = [1280, 375];
const BRAND = "rgb(122, 31, 92)";

// What each language's page says (the catalogue's words, as a reader sees them).
const WORDS = {
  en: {
    username: "Username", password: "Password", signIn: "Sign in", newPw: "New password", repeat: "Repeat new password",
    current: "Current password", resetSubmit: "Set new password", changeSubmit: "Change password",
    support: "Need help?", intro: "Questions about your account? Contact Northwind:",
    email: "Email", phone: "Phone", web: "Web", pointer: "Need help now? See whom to contact.",
    paused: /^Too many attempts\. For your security, sign-in is paused until \d\d:\d\d\./,
    countdown: /^You can try again in (\d+) seconds?\.$/, over: "You can try again now.",
    min: "At least 12 characters long.", max: "At most 64 characters long.",
    classes: "At least 3 of: lower case, upper case, digits, symbols.", match: "Typed the same in both fields.",
    onSave: "(checked when you save)", met: "Done:", unmet: "Not yet:",
    context: "Do not use your username, email or organisation name.",
    resetDone: "Your password was changed. You can sign in with it now.",
    changeDone: "Your password was changed.",
  },
  de: {
    username: "Benutzername", password: "Passwort", signIn: "Anmelden", newPw: "Neues Passwort", repeat: "Neues Passwort wiederholen",
    current: "Aktuelles Passwort", resetSubmit: "Neues Passwort festlegen", changeSubmit: "Passwort ändern",
    support: "Hilfe benötigt?", intro: "Fragen zu Ihrem Konto? Wenden Sie sich an Northwind:",
    email: "E-Mail", phone: "Telefon", web: "Web", pointer: "Brauchen Sie jetzt Hilfe? So erreichen Sie den Support.",
    paused: /^Zu viele Versuche\. Zu Ihrer Sicherheit ist die Anmeldung bis \d\d:\d\d pausiert\./,
    countdown: /^Sie können es in (\d+) Sekunden? wieder versuchen\.$/, over: "Sie können es jetzt wieder versuchen.",
    min: "mindestens 12 Zeichen lang sein.", max: "höchstens 64 Zeichen lang sein.",
    classes: "mindestens 3 dieser Arten enthalten: Kleinbuchstaben, Großbuchstaben, Ziffern, Sonderzeichen.",
    match: "in beiden Feldern gleich eingegeben sein.",
    onSave: "(wird beim Speichern geprüft)", met: "Erfüllt:", unmet: "Noch nicht erfüllt:",
    context: "Verwenden Sie weder Benutzernamen noch E-Mail-Adresse noch den Namen der Organisation.",
    resetDone: "Ihr Passwort wurde geändert. Sie können sich jetzt damit anmelden.",
    changeDone: "Ihr Passwort wurde geändert.",
  },
};
const LANGS = Object.keys(WORDS);
const q = (lang) => (lang === "en" ? "" : "?lang=" + lang);
const northUrl = (page, lang) => b.url("/t/north/" + page + q(lang));

/** The page as it is now at `width`: no sideways scrolling, axe-core clean, a screenshot. */
async function look(page, name, width, opts = {}) {
  await page.setViewportSize({ width, height: 800 });
  if (opts.scrollTo) await page.locator(opts.scrollTo).scrollIntoViewIfNeeded();
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= width, name + " is " + wide + " px wide at " + width + " px");
  await h.axe(page, name + " at " + width + " px");
  await h.shot(page, "pages-" + name + "-" + width, opts);
}

async function signIn(page, lang, username) {
  const L = WORDS[lang];
  await page.goto(northUrl("sign-in", lang));
  await page.getByLabel(L.username).fill(username);
  await page.getByLabel(L.password, { exact: true }).fill(h.password(username, "north"));
  await page.getByRole("button", { name: L.signIn }).click();
  await page.waitForURL(/\/t\/north\/account(\?|$)/);
}

// ------------------------------------------------------------------ support contact
/** The support section as shown: heading, intro, and each row's label, text and link. */
async function supportSays(page, L) {
  const box = page.getByRole("region", { name: L.support });
  await box.locator("dl").waitFor();
  return {
    heading: await box.getByRole("heading").textContent(),
    intro: await box.locator("p").textContent(),
    rows: await box.locator("dl > div").evaluateAll((rows) => rows.map((r) => {
      const a = r.querySelector("dd a");
      return [r.querySelector("dt").textContent, r.querySelector("dd").textContent, a && a.getAttribute("href"), a && a.rel];
    })),
  };
}

test("the support contact is on sign-in, forgot, reset and unlock, in both languages and widths", async () => {
  // GIVEN a reset link, for the reset page as its reader meets it
  const seen = h.seenNow(b.srv.outbox);
  const r = await fetch(b.url("/v1/tenants/north/password-resets"), {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ email: "noel@northwind.test" }),
  });
  assert.equal(r.status, 202);
  const link = h.link(await h.waitForMail(b.srv.outbox, { to: "noel@northwind.test", kind: "password_reset", seen }));
  for (const lang of LANGS) {
    const L = WORDS[lang];
    const page = await b.open();
    const pages = [
      ["sign-in", northUrl("sign-in", lang)],
      ["forgot", northUrl("forgot", lang)],
      ["reset", link.replace("#", q(lang) + "#")],
      ["unlock", northUrl("unlock", lang)],
    ];
    for (const [name, url] of pages) {
      // WHEN a page where a person may be stuck is opened
      await page.goto(url);
      // THEN it says whom to ask, each way a link of its own kind, in the page's language
      const said = await supportSays(page, L);
      assert.equal(said.heading, L.support, name);
      assert.equal(said.intro, L.intro, name);
      assert.deepEqual(said.rows, [
        [L.email, "help@northwind.test", "mailto:help@northwind.test", ""],
        [L.phone, "+44 20 7946 0958", "tel:+442079460958", ""],
        [L.web, "https://help.northwind.test/", "https://help.northwind.test/", "noreferrer"],
      ], name);
      // (the documentation's pictures: English; the reset page's are the checklist's)
      for (const width of WIDTHS) await look(page, name + "-" + lang, width, { doc: lang === "en" && name !== "reset" });
      h.check(page);
    }
    // THEN the reset page's token stayed out of the address all along
    assert.doesNotMatch(page.url(), /token/);
  }
  // GIVEN a tenant that named no contact THEN no empty section is shown
  const plain = await b.open();
  await plain.goto(b.url("/t/acme/sign-in"));
  await plain.getByRole("banner").getByText("Acme Corp").waitFor();
  assert.equal(await plain.locator("#support").isHidden(), true);
  h.check(plain);
});

// ------------------------------------------------------------------ lockout countdown
/** Wrong passwords until the sign-in answers 429; returns when the page shows it. */
async function lockOut(page, L) {
  for (let i = 0; i < 10; i++) {
    await page.getByLabel(L.password, { exact: true }).fill("Wrong-Guess-" + i);
    const [res] = await Promise.all([
      page.waitForResponse((x) => x.url().endsWith("/v1/tenants/north/sessions") && x.request().method() === "POST"),
      page.getByRole("button", { name: L.signIn }).click(),
    ]);
    if (res.status() === 429) return Number(res.headers()["retry-after"]);
    assert.equal(res.status(), 401);
    await page.getByRole("alert").waitFor();
  }
  throw new Error("no lockout after 10 wrong passwords");
}

/** The countdown from the page: each value it showed, and when, until it ended. */
async function watchCountdown(page, L) {
  const seen = [];
  for (;;) {
    // The timer's text and the button's state read in one moment of the page:
    // read apart, the countdown could end between the two.
    const now = await page.evaluate((label) => {
      const timer = document.querySelector('[role="timer"]');
      const button = [...document.querySelectorAll("button")].find((b) => b.textContent.trim() === label);
      return { text: timer && !timer.hidden ? timer.textContent : null, disabled: button ? button.disabled : null };
    }, L.signIn);
    if (now.text === null || now.text.trim() === "") break;
    const m = L.countdown.exec(now.text);
    assert.ok(m, "the countdown reads " + now.text);
    const n = Number(m[1]);
    if (!seen.length || seen[seen.length - 1].n !== n) seen.push({ n, at: Date.now() });
    // THEN while it runs, the button is off
    assert.equal(now.disabled, true, "the button while the countdown reads " + now.text);
    await page.waitForTimeout(100);
  }
  return seen;
}

for (const lang of LANGS) {
  test("a lockout counts down each second and gives the button back at zero (" + lang + ")", async () => {
    const L = WORDS[lang];
    const username = lang === "en" ? "nell" : "nils";
    const page = await b.open();
    await page.goto(northUrl("sign-in", lang));
    await page.getByLabel(L.username).fill(username);
    // WHEN the password is wrong until the lock
    const retryAfter = await lockOut(page, L);
    assert.ok(retryAfter >= 2 && retryAfter <= 5, "Retry-After " + retryAfter);
    // THEN the alert says until when, and points to the support contact
    // (the alert is redrawn once the answer is read: wait for the new one)
    const alert = page.getByRole("alert").filter({ hasText: L.paused });
    await alert.waitFor({ timeout: 5000 });
    assert.match(await alert.textContent(), L.paused);
    await alert.getByRole("link", { name: L.pointer }).waitFor();
    // THEN the time left is under the button, which is off, and ticks down one
    // second at a time, about a second apart, to zero
    const start = Date.now();
    const seen = await watchCountdown(page, L);
    assert.ok(seen.length >= 2 && seen[0].n <= retryAfter, JSON.stringify(seen));
    for (let i = 1; i < seen.length; i++) {
      assert.equal(seen[i].n, seen[i - 1].n - 1, JSON.stringify(seen));
      const gap = seen[i].at - seen[i - 1].at;
      assert.ok(gap > 600 && gap < 1600, "a tick " + gap + " ms after the last: " + JSON.stringify(seen));
    }
    assert.equal(seen[seen.length - 1].n, 1, JSON.stringify(seen));
    assert.ok(Date.now() - start < retryAfter * 1000 + 1500, "the countdown ends with its time");
    // THEN at zero the button is back and the page says so
    await page.locator("#msg").getByText(L.over).waitFor();
    assert.equal(await page.getByRole("timer").count(), 0);
    assert.equal(await page.getByRole("button", { name: L.signIn }).isEnabled(), true);
    for (const width of WIDTHS) {
      // THEN the locked state and the state after it read well at each width
      await page.setViewportSize({ width, height: 800 });
      await lockOut(page, L);
      await page.getByRole("timer").waitFor();
      await look(page, "sign-in-locked-" + lang, width, { doc: lang === "en" || width === 375 });
      await page.locator("#msg").getByText(L.over).waitFor({ timeout: 8000 });
      await look(page, "sign-in-lock-over-" + lang, width);
    }
    // WHEN the right password follows THEN the person is in (a lock the
    // server still holds for a part of a second counts down again first)
    await page.getByLabel(L.password, { exact: true }).fill(h.password(username, "north"));
    for (let i = 0; i < 3 && !/\/account/.test(page.url()); i++) {
      const [res] = await Promise.all([
        page.waitForResponse((x) => x.url().endsWith("/v1/tenants/north/sessions") && x.request().method() === "POST"),
        page.getByRole("button", { name: L.signIn }).click(),
      ]);
      if (res.status() !== 429) { assert.equal(res.status(), 201); break; }
      await page.locator("#msg").getByText(L.over).waitFor({ timeout: 8000 });
    }
    await page.waitForURL(/\/t\/north\/account(\?|$)/);
    h.check(page);
  });
}

test("the locked state's pointer moves to the support contact, the address unchanged", async () => {
  const L = WORDS.en;
  const page = await b.open();
  await page.goto(northUrl("sign-in", "en"));
  await page.getByLabel(L.username).fill("nash");
  await lockOut(page, L);
  const before = page.url();
  await page.getByRole("alert").getByRole("link", { name: L.pointer }).click();
  assert.equal(await page.evaluate(() => document.activeElement.id), "support");
  assert.equal(page.url(), before);
  h.check(page);
});

// ------------------------------------------------------------------ policy checklist
/** The checklist under `box`: each rule's words, state, and the state as a screen reader hears it. */
const checklist = (page, box) => page.locator("#" + box + " li").evaluateAll((lis) => lis.filter((li) => !li.hidden).map((li) => ({
  text: li.children[1].textContent, state: li.dataset.state, said: li.children[0].textContent,
})));

/** Types into the fields and checks each tick; the fields end with `good` in both. */
async function ticks(page, L, box, fields) {
  const states = async () => (await checklist(page, box)).map((r) => r.state);
  // GIVEN the policy (12 to 64 characters, 3 kinds, the tenant's defaults)
  const rules = await checklist(page, box);
  assert.deepEqual(rules.slice(0, 4).map((r) => r.text), [L.min, L.max, L.classes, L.match]);
  assert.deepEqual(rules.map((r) => r.state), ["unmet", "unmet", "unmet", "unmet", "server", "server", "server"]);
  assert.equal(rules[0].said, L.unmet);
  // THEN what only the server can tell says so
  assert.equal(await page.locator("#" + box).getByText(L.onSave, { exact: true }).count(), 3);
  // WHEN a short password is typed, key by key THEN only the maximum is met
  await page.locator("#" + fields[0]).pressSequentially("abc");
  assert.deepEqual(await states(), ["unmet", "met", "unmet", "unmet", "server", "server", "server"]);
  // WHEN it grows to 12 characters of 3 kinds THEN length and kinds tick
  await page.locator("#" + fields[0]).pressSequentially("DEF123456");
  assert.deepEqual(await states(), ["met", "met", "met", "unmet", "server", "server", "server"]);
  assert.equal((await checklist(page, box))[0].said, L.met);
  // WHEN it is repeated THEN the last one ticks too
  await page.locator("#" + fields[1]).pressSequentially("abcDEF123456");
  assert.deepEqual(await states(), ["met", "met", "met", "met", "server", "server", "server"]);
  // WHEN it passes the maximum THEN that one and the repeat are unmet again
  await page.locator("#" + fields[0]).fill("aB3".repeat(22));
  assert.deepEqual(await states(), ["met", "unmet", "met", "unmet", "server", "server", "server"]);
}

/** Both fields, and the ticks they give. */
async function both(page, box, fields, pw) {
  await page.locator("#" + fields[0]).fill(pw);
  await page.locator("#" + fields[1]).fill(pw);
  return (await checklist(page, box)).map((r) => r.state);
}
const ALL_MET = ["met", "met", "met", "met", "server", "server", "server"];

for (const lang of LANGS) {
  test("the reset page's checklist ticks while typing, and the server still judges (" + lang + ")", async () => {
    const L = WORDS[lang];
    const [username, email] = lang === "en" ? ["nora", "nora@northwind.test"] : ["noah", "noah@northwind.test"];
    const seen = h.seenNow(b.srv.outbox);
    const r = await fetch(b.url("/v1/tenants/north/password-resets"), {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ email }),
    });
    assert.equal(r.status, 202);
    const link = h.link(await h.waitForMail(b.srv.outbox, { to: email, kind: "password_reset", seen }));
    const page = await b.open();
    await page.goto(link.replace("#", q(lang) + "#"));
    await page.getByText(username, { exact: true }).waitFor();
    await ticks(page, L, "policy", ["new-password", "confirm-password"]);
    // WHEN a password every tick likes holds the username THEN the server refuses it, in words
    const withName = username[0].toUpperCase() + username.slice(1) + "-Lantern-Quartz-58";
    assert.deepEqual(await both(page, "policy", ["new-password", "confirm-password"], withName), ALL_MET);
    for (const width of WIDTHS) await look(page, "reset-checklist-" + lang, width, { doc: lang === "en" || width === 375 });
    await page.getByRole("button", { name: L.resetSubmit }).click();
    await page.getByRole("alert").getByText(L.context).waitFor();
    // WHEN a good one follows THEN it is set
    await both(page, "policy", ["new-password", "confirm-password"], "Quartz-Meadow-Lantern-58");
    await page.getByRole("button", { name: L.resetSubmit }).click();
    await page.getByText(L.resetDone).waitFor();
    h.check(page);
  });

  test("the account page's change and the forced change tick while typing (" + lang + ")", async () => {
    const L = WORDS[lang];
    const [user, forcedUser] = lang === "en" ? ["nina", "nate"] : ["nico", "nadia"];
    const page = await b.open();
    await signIn(page, lang, user);
    const fields = ["change-new", "change-repeat"];
    await page.locator("#change-part").waitFor();
    await ticks(page, L, "change-policy", fields);
    // WHEN every tick is met but the organisation's name is in it THEN refused, in words
    await page.locator("#change-current").fill(h.password(user, "north"));
    assert.deepEqual(await both(page, "change-policy", fields, "Northwind-Harbor-77"), ALL_MET);
    for (const width of WIDTHS) {
      await look(page, "account-checklist-" + lang, width, { doc: lang === "en", fullPage: false, scrollTo: "#change-part" });
    }
    await page.locator("#change-form").getByRole("button", { name: L.changeSubmit }).click();
    await page.locator("#change-msg").getByRole("alert").getByText(L.context).waitFor();
    // WHEN a good one is saved THEN the emptied fields tick nothing
    await both(page, "change-policy", fields, "Quartz-Meadow-Lantern-58");
    await page.locator("#change-form").getByRole("button", { name: L.changeSubmit }).click();
    await page.locator("#change-msg").getByText(L.changeDone, { exact: false }).waitFor();
    assert.deepEqual((await checklist(page, "change-policy")).map((r) => r.state),
      ["unmet", "unmet", "unmet", "unmet", "server", "server", "server"]);
    h.check(page);

    // GIVEN a person who must change a temporary password THEN the same list ticks
    const forced = await b.open();
    await signIn(forced, lang, forcedUser);
    await forced.locator("#forced").waitFor();
    await ticks(forced, L, "forced-policy", ["forced-new", "forced-repeat"]);
    assert.deepEqual(await both(forced, "forced-policy", ["forced-new", "forced-repeat"], "Quartz-Meadow-Lantern-58"), ALL_MET);
    for (const width of WIDTHS) await look(forced, "forced-checklist-" + lang, width, { doc: lang === "en" });
    h.check(forced);
  });
}

// ------------------------------------------------------------------ brand colour
const colours = (locator) => locator.evaluate((e) => {
  const s = getComputedStyle(e);
  return { color: s.color, border: s.borderTopColor };
});

for (const lang of LANGS) {
  test("links and secondary buttons wear the brand's colour (" + lang + ")", async () => {
    const user = lang === "en" ? "noel" : "nia";
    const page = await b.open();
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 800 });
      await page.goto(northUrl("sign-in", lang));
      await page.locator("#support dl").waitFor();
      // THEN the page's links (to the forgot page, to the contact) are in the brand's colour
      assert.equal((await colours(page.locator("a[data-page-link=forgot]"))).color, BRAND);
      assert.equal((await colours(page.locator("#support a").first())).color, BRAND);
      await look(page, "brand-sign-in-" + lang, width);
    }
    await signIn(page, lang, user);
    await page.locator("#account").waitFor();
    for (const width of WIDTHS) {
      // THEN a secondary button has the brand's text and border
      const signOut = page.locator("#account button.secondary[data-sign-out]");
      assert.deepEqual(await colours(signOut), { color: BRAND, border: BRAND });
      await look(page, "brand-account-" + lang, width);
    }
    // THEN a link inside a message keeps the message's colour (contrast on its tint)
    await page.goto(b.url("/t/north/reset" + q(lang) + "#token=not-a-real-token"));
    const inAlert = page.getByRole("alert").getByRole("link");
    await inAlert.waitFor();
    const alertText = await page.getByRole("alert").evaluate((e) => getComputedStyle(e).color);
    assert.equal((await colours(inAlert)).color, alertText);
    assert.notEqual(alertText, BRAND);
    // GIVEN a tenant without a colour THEN the product's own
    const plain = await b.open();
    await plain.goto(b.url("/t/acme/sign-in" + q(lang)));
    await plain.getByRole("banner").getByText("Acme Corp").waitFor();
    assert.equal((await colours(plain.locator("a[data-page-link=forgot]"))).color, "rgb(43, 89, 195)");
    h.check(page);
    h.check(plain);
  });
}

// ------------------------------------------------------------------ recovery codes
/** Enrols on the account page (by field ids: any language); returns when the codes show. */
async function enrol(page, username) {
  await page.locator("#mfa-password").fill(h.password(username, "north"));
  await page.locator("#mfa-start button[type=submit]").click();
  await page.locator("#mfa-secret").filter({ hasText: /[A-Z2-7]/ }).waitFor();
  const key = h.base32Decode((await page.locator("#mfa-secret").textContent()).replace(/\s+/g, ""));
  await page.locator("#mfa-code").fill(h.totp(key, h.currentStep()));
  await page.locator("#mfa-confirm button[type=submit]").click();
  await page.locator("#codes-list li").first().waitFor();
}

for (const lang of LANGS) {
  test("recovery codes stay whole and apart at 1280, 375 and 360 px (" + lang + ")", async () => {
    const page = await b.open();
    const user = lang === "en" ? "nemo" : "nele";
    await signIn(page, lang, user);
    await page.locator("#account").waitFor();
    await enrol(page, user);
    // (and at 360 px, the narrowest phone the other journeys check, where two
    // columns of a 14-character code no longer fit)
    for (const width of [...WIDTHS, 360]) {
      await page.setViewportSize({ width, height: 800 });
      // THEN each code is on one line, inside its cell and the panel, and no two meet
      const boxes = await page.locator("#codes-list li").evaluateAll((lis) => {
        const panel = document.getElementById("codes").getBoundingClientRect();
        return lis.map((li) => {
          const range = document.createRange();
          range.selectNodeContents(li);
          const t = range.getBoundingClientRect();
          const c = li.getBoundingClientRect();
          return { text: li.textContent, lines: range.getClientRects().length, l: t.left, r: t.right, t: t.top, b: t.bottom,
            cell: c.right, inPanel: t.left >= panel.left && t.right <= panel.right };
        });
      });
      assert.equal(boxes.length, 10);
      for (const x of boxes) {
        assert.match(x.text, /^[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}$/);
        assert.equal(x.lines, 1, x.text + " breaks at " + width + " px");
        assert.ok(x.r <= x.cell + 0.5 && x.inPanel, x.text + " leaves its place at " + width + " px");
      }
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i], c = boxes[j];
          const apart = a.r + 8 <= c.l || c.r + 8 <= a.l || a.b <= c.t || c.b <= a.t;
          assert.ok(apart, a.text + " and " + c.text + " meet at " + width + " px");
        }
      }
      if (WIDTHS.includes(width)) await look(page, "recovery-codes-" + lang, width, { doc: lang === "en" || width === 375, fullPage: false, scrollTo: "#codes" });
    }
    h.check(page);
  });
}
