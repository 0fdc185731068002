"use strict";
// The journeys of issue 25's hosted pages (a report from a mail, the forced
// change, back to the product, a person's sessions) on the browser seed's
// "harbour" tenant: it lists https://app.harbour.test/ as a return URL, asks
// 15 characters of an account without a second factor and a letter and a
// digit, expires passwords after a year (edda and egon's date from 2020) and
// names a support contact. Each journey runs in English and German, and is
// looked at in 1280 and 375 px with axe-core.
const assert = require("node:assert/strict");
const h = require("./harness");

const TENANT = "harbour";
const WIDTHS = [1280, 375];
const APP = "https://app.harbour.test/";

// What each language's page says (the catalogue's words, as a reader sees them).
const WORDS = {
  en: {
    username: "Username", password: "Password", signIn: "Sign in", account: "Your account",
    current: "Current password", newPw: "New password", repeat: "Repeat new password",
    changeSubmit: "Change password", changeDone: "Your password was changed.",
    resetSubmit: "Set new password", resetDone: "Your password was changed. You can sign in with it now.",
    forcedTitle: "Choose a new password", forcedDone: "Your password was changed. You are signed in.",
    forced: {
      temporary_password: "Your administrator gave you a temporary password. Choose your own password to continue.",
      admin_requested: "Your administrator asks you to choose a new password before you continue.",
      expired: "Your password has expired: your organisation asks for a new one from time to time. Choose a new password to continue.",
    },
    minAlone: "At least 15 characters long.", letterDigit: "At least one letter and one digit.",
    minBoth: ["At least 12 characters long.", "At least 15 characters long if your account has no two-step sign-in."],
    tooShortEither: "Use at least 12 characters, or 15 if your account has no two-step sign-in.",
    letterDigitViolation: "Use at least one letter and one digit.",
    reportTitle: "Report a change you did not make", reportSubmit: "Yes, report it: this wasn't me",
    reportDone: "Reported. Signing in to your account is now off.",
    reportRestore: "Sign-in comes back when an administrator restores it, or when you choose a new password with a reset link sent to your email address.",
    reportNewPassword: "Choose a new password now", pointer: "Need help now? See whom to contact.",
    reportInvalid: "This link has expired or has already been used, so nothing was changed.",
    support: "Need help?",
    continueTo: "Continue to Harbour Lights",
    sessions: "Your sessions", others: "Sign out everywhere else", thisDevice: "This device",
    othersDone: "You were signed out everywhere else. Only this device is still signed in.",
    chromeOnLinux: "Chrome on Linux", unknownBrowser: "Unknown browser", signOut: "Sign out",
    signedOutOne: (d) => d + " was signed out.", signOutNamed: (d, ip) => "Sign out " + d + " (" + ip + ")",
  },
  de: {
    username: "Benutzername", password: "Passwort", signIn: "Anmelden", account: "Ihr Konto",
    current: "Aktuelles Passwort", newPw: "Neues Passwort", repeat: "Neues Passwort wiederholen",
    changeSubmit: "Passwort ändern", changeDone: "Ihr Passwort wurde geändert.",
    resetSubmit: "Neues Passwort festlegen", resetDone: "Ihr Passwort wurde geändert. Sie können sich jetzt damit anmelden.",
    forcedTitle: "Neues Passwort wählen", forcedDone: "Ihr Passwort wurde geändert. Sie sind angemeldet.",
    forced: {
      temporary_password: "Ihre Administration hat Ihnen ein vorläufiges Passwort gegeben. Wählen Sie Ihr eigenes Passwort, um fortzufahren.",
      admin_requested: "Ihre Administration bittet Sie, ein neues Passwort zu wählen, bevor Sie fortfahren.",
      expired: "Ihr Passwort ist abgelaufen: Ihre Organisation verlangt von Zeit zu Zeit ein neues. Wählen Sie ein neues Passwort, um fortzufahren.",
    },
    minAlone: "mindestens 15 Zeichen lang sein.", letterDigit: "mindestens einen Buchstaben und eine Ziffer enthalten.",
    minBoth: ["mindestens 12 Zeichen lang sein.", "mindestens 15 Zeichen lang sein, wenn Ihr Konto keine Zwei-Schritt-Anmeldung hat."],
    tooShortEither: "Verwenden Sie mindestens 12 Zeichen, oder 15, wenn Ihr Konto keine Zwei-Schritt-Anmeldung hat.",
    letterDigitViolation: "Verwenden Sie mindestens einen Buchstaben und eine Ziffer.",
    reportTitle: "Eine Änderung melden, die nicht von Ihnen stammt", reportSubmit: "Ja, melden: Das war ich nicht",
    reportDone: "Gemeldet. Die Anmeldung bei Ihrem Konto ist jetzt gesperrt.",
    reportRestore: "Die Anmeldung ist wieder möglich, sobald Ihre Administration sie wiederherstellt oder Sie über einen Link an Ihre E-Mail-Adresse ein neues Passwort wählen.",
    reportNewPassword: "Jetzt ein neues Passwort wählen", pointer: "Brauchen Sie jetzt Hilfe? So erreichen Sie den Support.",
    reportInvalid: "Dieser Link ist abgelaufen oder wurde schon verwendet, daher wurde nichts geändert.",
    support: "Hilfe benötigt?",
    continueTo: "Weiter zu Harbour Lights",
    sessions: "Ihre Sitzungen", others: "Überall sonst abmelden", thisDevice: "Dieses Gerät",
    othersDone: "Sie wurden überall sonst abgemeldet. Nur dieses Gerät ist noch angemeldet.",
    chromeOnLinux: "Chrome unter Linux", unknownBrowser: "Unbekannter Browser", signOut: "Abmelden",
    signedOutOne: (d) => d + " wurde abgemeldet.", signOutNamed: (d, ip) => d + " (" + ip + ") abmelden",
  },
};
const LANGS = Object.keys(WORDS);

const q = (lang, extra) => {
  const p = new URLSearchParams(extra || {});
  if (lang !== "en") p.set("lang", lang);
  const s = p.toString();
  return s ? "?" + s : "";
};
const pageUrl = (b, page, lang, extra) => b.url("/t/" + TENANT + "/" + page + q(lang, extra));
const password = (username) => h.password(username, TENANT);

/** The page as it is now at `width`: no sideways scrolling, axe-core clean, a screenshot. */
async function look(page, name, width, opts = {}) {
  await page.setViewportSize({ width, height: 800 });
  if (opts.scrollTo) await page.locator(opts.scrollTo).scrollIntoViewIfNeeded();
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= width, name + " is " + wide + " px wide at " + width + " px");
  await h.axe(page, name + " at " + width + " px");
  await h.shot(page, "pages-" + name + "-" + width, opts);
}
/** At each width in turn. */
async function lookBoth(page, name, opts) {
  for (const width of WIDTHS) await look(page, name, width, opts);
}

/** Fills and sends the sign-in form of the page as it stands. */
async function submitSignIn(page, L, username, pw) {
  await page.getByLabel(L.username).fill(username);
  await page.getByLabel(L.password, { exact: true }).fill(pw || password(username));
  await page.getByRole("button", { name: L.signIn }).click();
}

/** Signs in on the harbour sign-in page (with `extra` query) and waits for the account page. */
async function signIn(page, b, lang, username, extra) {
  await page.goto(pageUrl(b, "sign-in", lang, extra));
  await submitSignIn(page, WORDS[lang], username);
  await page.waitForURL(/\/t\/harbour\/account(\?|$)/);
}

/** A call of the API, JSON in and out. */
async function api(b, method, path, body, token) {
  const headers = { "Content-Type": "application/json" };
  if (token) headers.Authorization = "Bearer " + token;
  const r = await fetch(b.url(path), { method, headers, body: body ? JSON.stringify(body) : undefined });
  const text = await r.text();
  return { status: r.status, data: text ? JSON.parse(text) : null };
}
/** A session of `username` made over the API (another device); its token. */
async function apiSession(b, username, pw) {
  const r = await api(b, "POST", "/v1/tenants/" + TENANT + "/sessions", { username, password: pw || password(username) });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  return r.data.token;
}
/** The session token of a page's tab. */
const tabToken = (page) => page.evaluate((k) => sessionStorage.getItem(k), "latchkey.session." + TENANT);

/**
 * The product at APP, answered by the test (it does not exist): every request
 * the browser makes to a host other than the server's is recorded, so a test
 * can say none went where it must not.
 */
async function product(b) {
  const visits = [];
  await b.context.route((url) => !url.href.startsWith(b.srv.url), (route) => {
    visits.push(route.request().url());
    route.fulfill({
      status: 200, contentType: "text/html; charset=utf-8",
      body: "<!doctype html><html lang=\"en\"><head><title>Harbour app</title></head><body><main><h1>Harbour app</h1></main></body></html>",
    });
  });
  return visits;
}

module.exports = {
  TENANT, WIDTHS, APP, WORDS, LANGS, q, pageUrl, password, look, lookBoth, submitSignIn, signIn, api, apiSession, tabToken, product,
};
