"use strict";
// Language and brand: the forgot -> mail -> reset -> sign-in journey in German
// (chosen with the language switcher) and in Japanese (the browser's language),
// axe-core on a Japanese page, and the tenant's colour and logo on sign-in.
const { test, after, before } = require("node:test");
const assert = require("node:assert/strict");
const h = require("../lib/harness");

// A 1x1 PNG, uploaded by the owner as the tenant's logo.
const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d4948445200000001000000010806000000" +
  "1f15c4890000000a49444154789c63000100000500010d0a2db40000000049454e44ae426082", "hex");

// The browser's language for one tab (Chromium's own Accept-Language, as a
// browser set to that language sends it on every request).
async function speaks(page, acceptLanguage) {
  const cdp = await b.context.newCDPSession(page);
  const userAgent = await page.evaluate(() => navigator.userAgent);
  await cdp.send("Network.setUserAgentOverride", { userAgent, acceptLanguage });
}

let b;
before(async () => {
  b = await h.browser();
  // GIVEN the owner of "brand" uploaded a logo (settings come from the seed:
  // German by default, a dark blue, a support contact)
  const signIn = await fetch(b.url("/v1/tenants/brand/sessions"), {
    method: "POST", headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ username: "bea", password: h.password("bea", "brand") }),
  });
  const { token } = await signIn.json();
  const put = await fetch(b.url("/v1/tenants/brand/logo"), {
    method: "PUT", headers: { Authorization: "Bearer " + token, "Content-Type": "image/png" }, body: PNG,
  });
  assert.equal(put.status, 204);
});
after(async () => { await b.close(); });

test("German, chosen with the switcher: forgot, mail, reset, sign in", async () => {
  await b.context.clearCookies();
  const page = await b.open();
  const seen = h.seenNow(b.srv.outbox);
  await page.goto(b.url("/t/brand/sign-in"));
  // WHEN the reader picks Deutsch THEN the page is German from then on
  await page.getByLabel("Language").selectOption("de");
  await page.getByRole("heading", { name: "Anmelden" }).waitFor();
  assert.equal(await page.getAttribute("html", "lang"), "de");
  await page.getByRole("link", { name: "Passwort vergessen?" }).click();
  await page.waitForURL("**/t/brand/forgot");
  await page.getByLabel("E-Mail").fill("dora@brand.test");
  await page.getByRole("button", { name: "Link zum Zurücksetzen senden" }).click();
  await page.getByText("Wenn ein Konto dazu passt, haben wir einen Link zum Zurücksetzen gesendet.").waitFor();

  // THEN the mail is German, from the brand's sender name, with its support contact
  const mail = await h.waitForMail(b.srv.outbox, { to: "dora@brand.test", kind: "password_reset", seen });
  assert.equal(mail.locale, "de");
  assert.match(mail.subject, /Passwort/);
  assert.match(mail.subject, /Brand GmbH/);
  assert.match(mail.from, /^"Brand Support" </);
  assert.match(mail.text, /hilfe@brand\.test/);
  assert.match(mail.text, /1 Stunde/);
  assert.match(mail.html, /#0b5394/);
  const url = h.link(mail);
  assert.match(url, /\/t\/brand\/reset#token=/);

  await page.goto(url);
  await page.getByText("dora", { exact: true }).waitFor();
  // WHEN the language is switched on the reset page THEN the token never
  // enters the URL, and the form still works after the reload
  await page.getByLabel("Sprache").selectOption("fr");
  await page.getByRole("heading", { name: "Choisir un nouveau mot de passe" }).waitFor();
  await page.getByText("dora", { exact: true }).waitFor();
  assert.doesNotMatch(page.url(), /token/);
  await page.getByLabel("Langue").selectOption("de");
  await page.getByRole("heading", { name: "Neues Passwort wählen" }).waitFor();
  await page.getByText("dora", { exact: true }).waitFor();
  assert.doesNotMatch(page.url(), /token/);
  // A policy violation is said in German
  await page.getByLabel("Neues Passwort", { exact: true }).fill("kurz");
  await page.getByLabel("Neues Passwort wiederholen").fill("kurz");
  await page.getByRole("button", { name: "Neues Passwort festlegen" }).click();
  await page.getByRole("alert").getByText("Verwenden Sie mindestens 12 Zeichen.").waitFor();
  await page.getByLabel("Neues Passwort", { exact: true }).fill("Maple-Harbor-Lantern-56");
  await page.getByLabel("Neues Passwort wiederholen").fill("Maple-Harbor-Lantern-56");
  await h.shot(page, "reset-de", { doc: true });
  await page.getByRole("button", { name: "Neues Passwort festlegen" }).click();
  await page.getByText("Ihr Passwort wurde geändert. Sie können sich jetzt damit anmelden.").waitFor();

  await page.getByRole("link", { name: "Anmelden" }).first().click();
  await page.waitForURL("**/t/brand/sign-in");
  await page.getByLabel("Benutzername").fill("dora");
  await page.getByLabel("Passwort", { exact: true }).fill("wrong-password-here");
  await page.getByRole("button", { name: "Anmelden" }).click();
  await page.getByRole("alert").getByText("Benutzername oder Passwort ist falsch.").waitFor();
  await page.getByLabel("Passwort", { exact: true }).fill("Maple-Harbor-Lantern-56");
  await page.getByRole("button", { name: "Anmelden" }).click();
  await page.waitForURL("**/t/brand/account");
  h.check(page);
  await b.context.clearCookies();
});

test("Japanese, from the browser's language: forgot, mail, reset, sign in", async () => {
  await b.context.clearCookies();
  const page = await b.open();
  await speaks(page, "ja-JP,ja;q=0.9");
  const seen = h.seenNow(b.srv.outbox);
  await page.goto(b.url("/t/brand/sign-in"));
  await page.getByRole("heading", { name: "サインイン" }).waitFor();
  assert.equal(await page.getAttribute("html", "lang"), "ja");
  await h.shot(page, "sign-in-ja");
  await page.getByRole("link", { name: "パスワードをお忘れですか?" }).click();
  await page.waitForURL("**/t/brand/forgot");
  await page.getByLabel("メールアドレス").fill("jun@brand.test");
  await page.getByRole("button", { name: "再設定リンクを送信" }).click();
  await page.getByText("一致するアカウントがあれば、再設定リンクを送信しました。").waitFor();

  // THEN jun (no locale of his own) gets the mail in his browser's language,
  // naming the tenant and its support contact
  const mail = await h.waitForMail(b.srv.outbox, { to: "jun@brand.test", kind: "password_reset", seen });
  assert.equal(mail.locale, "ja");
  assert.match(mail.subject, /パスワード/);
  assert.match(mail.subject, /Brand GmbH/);
  assert.match(mail.text, /1時間/);
  assert.match(mail.text, /hilfe@brand\.test/);

  await page.goto(h.link(mail));
  await page.getByText("jun", { exact: true }).waitFor();
  await page.getByRole("heading", { name: "新しいパスワードの設定" }).waitFor();
  await page.getByLabel("新しいパスワード", { exact: true }).fill("Willow-Quartz-Falcon-78");
  await page.getByLabel("新しいパスワード (確認)").fill("Willow-Quartz-Falcon-78");
  await h.axe(page, "reset page in Japanese");
  await h.shot(page, "reset-ja", { doc: true });
  await page.getByRole("button", { name: "新しいパスワードを設定" }).click();
  await page.getByText("パスワードを変更しました。新しいパスワードでサインインできます。").waitFor();

  await page.getByRole("link", { name: "サインイン" }).first().click();
  await page.waitForURL("**/t/brand/sign-in");
  await page.getByLabel("ユーザー名").fill("jun");
  await page.getByLabel("パスワード", { exact: true }).fill("Willow-Quartz-Falcon-78");
  await h.axe(page, "sign-in page in Japanese");
  await page.getByRole("button", { name: "サインイン" }).click();
  await page.waitForURL("**/t/brand/account");
  h.check(page);
});

test("the tenant's colour and logo are on its sign-in page", async () => {
  await b.context.clearCookies();
  const page = await b.open();
  await page.goto(b.url("/t/brand/sign-in"));
  await page.getByRole("banner").getByText("Brand GmbH").waitFor();
  // THEN the header wears the brand's colour
  const background = await page.evaluate(() => getComputedStyle(document.querySelector(".top")).backgroundColor);
  assert.equal(background, "rgb(11, 83, 148)");
  // THEN the logo is shown, from this origin, and it loaded
  const logo = page.locator("#tenant-logo");
  await logo.waitFor({ state: "visible" });
  assert.equal(new URL(await logo.getAttribute("src"), page.url()).origin, new URL(b.srv.url).origin);
  await page.waitForFunction(() => document.querySelector("#tenant-logo").naturalWidth > 0);
  // THEN with no shipped language asked for, the tenant's default (German) applies
  const other = await b.open();
  await speaks(other, "xx");
  await other.goto(b.url("/t/brand/forgot"));
  await other.getByRole("heading", { name: "Passwort vergessen?" }).waitFor();
  assert.equal(await other.getAttribute("html", "lang"), "de");
  h.check(page);
  h.check(other);
});
