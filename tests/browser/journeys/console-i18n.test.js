"use strict";
// The console in every language: the owner brands and localizes the tenant
// from the console's form (default language, colour, support contact, logo);
// the console and the account page then speak German to a browser that asks
// for no shipped language; an admin gives a user Japanese, whose account page
// is then Japanese; a user picks their own language on the account page.
const { test, after, before } = require("node:test");
const assert = require("node:assert/strict");
const zlib = require("node:zlib");
const h = require("../lib/harness");
const c = require("../lib/console");

const T = "bergwerk";
const pw = (u) => h.password(u, T);

/** A small PNG logo (a dark mountain on white, 96x32), made here. */
function logoPng() {
  const w = 96, hgt = 32;
  const rows = [];
  for (let y = 0; y < hgt; y++) {
    const row = Buffer.alloc(1 + w * 4);
    for (let x = 0; x < w; x++) {
      // Two peaks; the rest white.
      const peak = (cx, half) => Math.abs(x - cx) <= y - (hgt - half);
      const on = peak(30, 28) || peak(62, 22);
      const [r, g, b] = on ? [0x7a, 0x1f, 0x5c] : [0xff, 0xff, 0xff];
      row.set([r, g, b, 0xff], 1 + x * 4);
    }
    rows.push(row);
  }
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body) >>> 0);
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(hgt, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  return Buffer.concat([
    Buffer.from("89504e470d0a1a0a", "hex"),
    chunk("IHDR", ihdr),
    chunk("IDAT", zlib.deflateSync(Buffer.concat(rows))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}
const PNG = logoPng();
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>');

// The browser's language for one tab (Chromium's own Accept-Language).
async function speaks(page, acceptLanguage) {
  const cdp = await b.context.newCDPSession(page);
  const userAgent = await page.evaluate(() => navigator.userAgent);
  await cdp.send("Network.setUserAgentOverride", { userAgent, acceptLanguage });
}

/** The API as the signed-in tab sees it (its own session token). */
async function asTab(page, path) {
  const token = await page.evaluate((t) => sessionStorage.getItem("latchkey.session." + t), T);
  const r = await fetch(b.url(path), { headers: { Authorization: "Bearer " + token } });
  assert.equal(r.status, 200, path);
  return r.json();
}

let b;
before(async () => { b = await h.browser(); });
after(async () => { await b.close(); });

test("the owner sets German as default, a colour and a logo through the console", async () => {
  await b.context.clearCookies();
  const page = await b.open();
  await h.signIn(page, b, "greta", pw("greta"), { tenant: T, next: "admin", landing: "admin" });
  await page.getByRole("link", { name: "Branding", exact: true }).click();
  await page.waitForURL(/#\/branding$/);
  await page.getByRole("heading", { name: "Branding and language" }).waitFor();
  await page.locator("#view-branding:not([aria-busy])").waitFor();
  const form = page.locator("#brand-form");
  // GIVEN the tenant has no brand yet THEN the form is empty, English by default
  assert.equal(await form.getByLabel("Default language").inputValue(), "en");
  assert.equal(await page.locator("#logo-none").isVisible(), true);

  // WHEN a colour too light for white text is picked THEN the API's refusal is
  // said in the page's words, at the field
  await form.getByLabel("Display name").fill("Bergwerk AG");
  await page.locator("#b-color-pick").fill("#f2a900");
  assert.equal(await form.getByLabel("Colour", { exact: true }).inputValue(), "#f2a900");
  await form.getByRole("button", { name: "Save branding" }).click();
  const alert = page.locator("#brand-msg").getByRole("alert");
  await alert.getByText("The colour, name or contact was not accepted.").waitFor();
  await alert.getByText("This colour is too light", { exact: false }).waitFor();
  assert.equal(await form.getByLabel("Colour", { exact: true }).getAttribute("aria-invalid"), "true");

  // WHEN a dark colour, a support contact, a sender name and German are set
  await page.locator("#b-color-pick").fill("#7a1f5c");
  await form.getByLabel("Email address").fill("hilfe@bergwerk.test");
  await form.getByLabel("Phone").fill("+49 231 555 0100");
  await form.getByLabel("Web address (https://…)").fill("https://hilfe.bergwerk.test/");
  await form.getByLabel("Sender name of emails").fill("Bergwerk Hilfe");
  await form.getByLabel("Default language").selectOption("de");
  await form.getByRole("button", { name: "Save branding" }).click();
  await page.locator("#brand-msg").getByText("Branding saved.", { exact: false }).waitFor();
  // THEN the header wears the colour at once
  const background = await page.evaluate(() => getComputedStyle(document.querySelector(".top")).backgroundColor);
  assert.equal(background, "rgb(122, 31, 92)");

  // WHEN an SVG is uploaded as the logo THEN it is refused, in words
  const logo = page.locator("#logo-form");
  await logo.getByLabel("Image file").setInputFiles({ name: "logo.svg", mimeType: "image/svg+xml", buffer: SVG });
  await logo.getByRole("button", { name: "Upload logo" }).click();
  const refused = page.locator("#logo-msg").getByRole("alert");
  await refused.getByText("The logo must be a PNG, JPEG or WebP image of at most 64 KiB.").waitFor();
  // The reason from the problem's field error (`unsupported_type`), in words
  await refused.getByText("The file is not a PNG, JPEG or WebP image (SVG is not accepted).").waitFor();
  await refused.getByText("The file is not a PNG, JPEG or WebP image (SVG is not accepted).").waitFor();
  // WHEN a PNG is uploaded THEN it is the logo, shown from this origin
  await logo.getByLabel("Image file").setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: PNG });
  await logo.getByRole("button", { name: "Upload logo" }).click();
  await page.locator("#logo-msg").getByText("Logo uploaded.", { exact: false }).waitFor();
  await page.waitForFunction(() => document.querySelector("#logo-current").naturalWidth === 96);
  await page.waitForFunction(() => document.querySelector("#tenant-logo").naturalWidth === 96);
  assert.equal(await page.locator("#logo-none").isVisible(), false);
  await page.locator("#brand-section").scrollIntoViewIfNeeded();
  await h.shot(page, "console-branding");
  await c.atBothWidths(page, "console-branding-en", { words: "#brand-msg", doc: true });

  // THEN the tenant's profile says so, and the logo round-trips byte for byte
  const profile = await (await fetch(b.url("/v1/tenants/" + T + "/profile"))).json();
  assert.equal(profile.default_locale, "de");
  assert.equal(profile.branding.primary_color, "#7a1f5c");
  assert.equal(profile.branding.display_name, "Bergwerk AG");
  assert.deepEqual(profile.branding.support_contact,
    { email: "hilfe@bergwerk.test", phone: "+49 231 555 0100", url: "https://hilfe.bergwerk.test/" });
  assert.equal(profile.branding.email_from_name, "Bergwerk Hilfe");
  assert.equal(profile.has_logo, true);
  const served = await fetch(b.url("/t/" + T + "/logo"));
  assert.equal(served.headers.get("content-type"), "image/png");
  assert.deepEqual(Buffer.from(await served.arrayBuffer()), PNG);
  // THEN the password policy was left as it was (PUT replaces the whole object)
  const settings = await asTab(page, "/v1/tenants/" + T + "/settings");
  assert.equal(settings.password_policy.min_length, 12);
  h.check(page);
});

test("with German as the default, the console and the account page are German", async () => {
  await b.context.clearCookies();
  const page = await b.open();
  // GIVEN a browser that asks for no shipped language (Polish)
  await speaks(page, "pl-PL,pl;q=0.9");
  await page.goto(b.url("/t/" + T + "/sign-in?next=admin"));
  await page.locator("html[lang=de]").waitFor({ state: "attached" });
  await page.getByRole("heading", { name: "Anmelden" }).waitFor();
  await page.getByLabel("Benutzername").fill("greta");
  await page.getByLabel("Passwort", { exact: true }).fill(pw("greta"));
  await page.getByRole("button", { name: "Anmelden" }).click();
  await page.waitForURL(/\/t\/bergwerk\/admin/);
  // THEN the console is German from its first byte, in the tenant's colours
  await page.getByRole("heading", { name: "Verwaltungskonsole", level: 1 }).waitFor();
  assert.equal(await page.getAttribute("html", "lang"), "de");
  await page.getByText("Angemeldet als greta (Inhaber).").waitFor();
  await page.locator("#result-count").filter({ hasText: "angezeigt" }).waitFor();
  await page.getByRole("banner").getByText("Bergwerk AG").waitFor();
  await h.axe(page, "console in German");
  await h.shot(page, "console-de", { doc: true, fullPage: false });
  const brand = page.locator("#brand-form");
  await page.getByRole("link", { name: "Erscheinungsbild", exact: true }).click();
  await page.getByRole("heading", { name: "Erscheinungsbild und Sprache" }).waitFor();
  await page.locator("#view-branding:not([aria-busy])").waitFor();
  assert.equal(await brand.getByLabel("Farbe", { exact: true }).inputValue(), "#7a1f5c");
  assert.equal(await brand.getByLabel("Standardsprache").inputValue(), "de");
  assert.equal(await page.getByRole("button", { name: "Logo hochladen" }).isVisible(), true);
  await c.atBothWidths(page, "console-branding-de", { words: "#view-branding p", doc: true });

  // WHEN the account page is opened from the console THEN German too
  await page.getByRole("navigation").getByRole("link", { name: "Ihr Konto" }).click();
  await page.waitForURL(/\/t\/bergwerk\/account/);
  await page.getByRole("heading", { name: "Ihr Konto", level: 1 }).waitFor();
  assert.equal(await page.getAttribute("html", "lang"), "de");
  assert.equal(await page.locator("#me-role").textContent(), "Inhaber");
  assert.equal(await page.locator("#me-mfa").textContent(), "Aus");
  await page.getByRole("heading", { name: "Zwei-Schritt-Anmeldung" }).waitFor();
  await h.axe(page, "account page in German");
  await h.shot(page, "account-de");
  h.check(page);
});

test("an admin sets a user's language to Japanese; that user's account page is Japanese", async () => {
  await b.context.clearCookies();
  const page = await b.open();
  await h.signIn(page, b, "greta", pw("greta"), { tenant: T, next: "admin", landing: "admin" });
  await page.locator("#result-count").filter({ hasText: "shown" }).waitFor();
  // GIVEN the owner reads the console in Czech (the switcher, which becomes
  // her account's language) THEN counts take Czech's forms
  await page.getByLabel("Language", { exact: true }).selectOption("cs");
  await page.getByRole("heading", { name: "Konzole správce", level: 1 }).waitFor();
  await page.locator("#result-count").filter({ hasText: "Zobrazeni 3 uživatelé." }).waitFor();
  await h.shot(page, "console-cs", { fullPage: false });
  assert.equal((await asTab(page, "/v1/me")).locale, "cs");
  await page.getByLabel("Jazyk", { exact: true }).selectOption("en");
  await page.getByRole("heading", { name: "Admin console", level: 1 }).waitFor();

  // WHEN she sets hana's language to Japanese in hana's detail
  await page.getByLabel("Username or email starts with").fill("hana");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await page.locator("#result-count").filter({ hasText: "hana" }).waitFor();
  await page.getByRole("link", { name: "hana", exact: true }).click();
  const panel = page.locator("#detail");
  await panel.getByRole("heading", { name: "hana" }).waitFor();
  assert.equal(await panel.getByLabel("Language of pages and emails").inputValue(), "");
  await panel.getByLabel("Language of pages and emails").selectOption("ja");
  await panel.getByRole("button", { name: "Save account settings" }).click();
  await panel.getByText("Account settings saved.").waitFor();
  // THEN the detail says so, in the language's own name
  await panel.locator("#detail-facts").getByText("日本語").waitFor();
  await h.shot(page, "console-user-language");
  h.check(page);

  // WHEN hana signs in (from an English browser) THEN her account page is Japanese
  const user = await b.open();
  await h.signIn(user, b, "hana", pw("hana"), { tenant: T });
  await user.getByRole("heading", { name: "アカウント", level: 1 }).waitFor();
  assert.equal(await user.getAttribute("html", "lang"), "ja");
  assert.equal(await user.locator("#me-role").textContent(), "ユーザー");
  assert.equal(await user.locator("#own-locale").inputValue(), "ja");
  await user.getByRole("heading", { name: "2 段階認証" }).waitFor();
  await user.getByRole("banner").getByText("Bergwerk AG").waitFor();
  await h.axe(user, "account page in Japanese");
  await h.shot(user, "account-ja");
  h.check(user);
  await b.context.clearCookies();
});

test("a user picks their own language on the account page", async () => {
  await b.context.clearCookies();
  const page = await b.open();
  await h.signIn(page, b, "felix", pw("felix"), { tenant: T });
  await page.getByRole("heading", { name: "Your account", level: 1 }).waitFor();
  const form = page.locator("#locale-form");
  assert.equal(await form.getByLabel("Language of your pages and emails").inputValue(), "");
  // WHEN he chooses Czech and saves THEN the page comes back in Czech
  await form.getByLabel("Language of your pages and emails").selectOption("cs");
  await form.getByRole("button", { name: "Save language" }).click();
  await page.getByRole("heading", { name: "Váš účet", level: 1 }).waitFor();
  assert.equal(await page.getAttribute("html", "lang"), "cs");
  await page.locator("#locale-msg").getByText("Nastavení jazyka bylo uloženo.").waitFor();
  assert.equal(await page.locator("#own-locale").inputValue(), "cs");
  assert.equal(await page.locator("#lang-switch").inputValue(), "cs");
  assert.equal((await asTab(page, "/v1/me")).locale, "cs");
  await h.shot(page, "account-cs");
  // WHEN he goes back to the organisation's default THEN his browser's
  // language (English) applies again, and his account has none
  await page.getByLabel("Jazyk vašich stránek a e-mailů").selectOption("");
  await page.getByRole("button", { name: "Uložit jazyk" }).click();
  await page.getByRole("heading", { name: "Your account", level: 1 }).waitFor();
  assert.equal(await page.getAttribute("html", "lang"), "en");
  await page.locator("#locale-msg").getByText("Your language setting was saved.").waitFor();
  assert.equal((await asTab(page, "/v1/me")).locale, null);
  h.check(page);
});
