"use strict";
// The console's other views, as an owner (tenant `orbit`) uses them: every
// setting with its bounds (the same bounds the server holds), refusals said
// at their field, nothing lost on save; the compliance report, a profile
// applied after a confirmation (with the ASVS warning), and its printed form;
// the audit log in sentences, filtered, paged, exported; an ended session;
// each view at its own address, and only the views a role may use. English
// and German, each view at 1280 and 375 px with axe.
const { test, after, before } = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const h = require("../lib/harness");
const c = require("../lib/console");

let b;
before(async () => { b = await h.browser(); });
after(async () => { await b.close(); });

const T = "orbit";
const settingsOf = async (page) => (await c.asTab(page, b, T, "GET", "/v1/tenants/" + T + "/settings")).data;
const put = (page, s) => c.asTab(page, b, T, "PUT", "/v1/tenants/" + T + "/settings", s);
const setAt = (obj, path, v) => { const k = path.split("."); const last = k.pop(); k.reduce((o, x) => o[x], obj)[last] = v; };

const TEXT = {
  en: {
    range: "From 8 to 64.", error: "Outside the allowed range, from 8 to 64.", outside: "Some settings are outside their allowed range.",
    lines: ["Minimum length: Outside the allowed range, from 8 to 64.", "Session lifetime (minutes): Outside the allowed range, from 5 to 43,200."],
    https: "Line 1: Use https:// (http:// only for localhost).", saved: "Settings saved.",
    asvs: "Everyone must then use two-step sign-in.", unlocked: /^oscar unlocked the account luke\.$/,
    deleted: "Account deleted", codes: "Show codes and ids", none: "No events match these filters.",
    missing: "This part of the console is not available",
  },
  de: {
    range: "Von 8 bis 64.", error: "Außerhalb des zulässigen Bereichs, von 8 bis 64.", outside: "Einige Einstellungen liegen außerhalb ihres zulässigen Bereichs.",
    lines: ["Mindestlänge: Außerhalb des zulässigen Bereichs, von 8 bis 64.", "Dauer einer Sitzung (Minuten): Außerhalb des zulässigen Bereichs, von 5 bis 43.200."],
    https: "Zeile 1: Verwenden Sie https:// (http:// nur für localhost).", saved: "Einstellungen gespeichert.",
    asvs: "Danach müssen alle die Zwei-Schritt-Anmeldung verwenden.", unlocked: /^oscar hat das Konto lars entsperrt\.$/,
    deleted: "Konto gelöscht", codes: "Codes und IDs anzeigen", none: "Keine Ereignisse passen zu diesen Filtern.",
    missing: "Dieser Bereich der Konsole ist nicht verfügbar",
  },
};

for (const lang of ["en", "de"]) {
  const x = TEXT[lang];

  test(`settings: every bound shown is the server's; a refusal is said at its field; nothing else changes (${lang})`, async () => {
    const page = await c.openConsole(b, "oscar", { tenant: T, lang });
    const before = await settingsOf(page);
    // GIVEN a value the form shows rounded (90 s as 1.5 minutes)
    assert.equal((await put(page, Object.assign({}, before, { limits: Object.assign({}, before.limits, { account_lock_seconds: 90 }) }))).status, 200);
    await c.visit(page, "#/settings", page.locator("#s-min-hint"));
    await page.waitForFunction(() => document.getElementById("s-account-lock").value === "1.5");
    // THEN each number shows its bounds, from the input's own min and max
    assert.equal(await page.locator("#s-min-hint").textContent(), x.range);
    const bounded = await page.locator("#settings-form input[type=number]").evaluateAll((els) =>
      els.map((e) => ({ path: e.dataset.setting, min: Number(e.min), max: Number(e.max), scale: Number(e.dataset.scale) || 1, upTo: !!e.dataset.maxFrom })));
    assert.ok(bounded.length >= 18, bounded.length + " bounded settings");
    // THEN those bounds are the server's: one past each end is refused with them
    const base = await settingsOf(page);
    base.limits.window_seconds = 3600; // the reset mails' ceiling is per hour
    base.limits.lockout_max_seconds = 86400; // the first pause's ceiling is the longest's
    for (const f of bounded) {
      for (const v of [f.min - 1, f.max + 1]) {
        if (v < 0 || (f.upTo && v > f.max)) continue;
        const s = JSON.parse(JSON.stringify(base));
        setAt(s, f.path, v * f.scale);
        const r = await put(page, s);
        assert.equal(r.status, 422, f.path + " = " + v);
        const e = r.data.errors.find((y) => y.field === f.path);
        assert.ok(e, f.path + ": " + JSON.stringify(r.data.errors));
        assert.equal(Math.ceil(e.min / f.scale), f.min, f.path + " min");
        if (!f.upTo) assert.equal(Math.floor(e.max / f.scale), f.max, f.path + " max");
      }
    }

    // WHEN values out of range are saved THEN each is said at its field, and listed
    const form = page.locator("#settings-form");
    await form.locator("#s-min").fill("6");
    await form.locator("#s-session-ttl").fill("1");
    await form.locator("#s-return").fill("http://evil.test/");
    await form.locator("button[type=submit]").click();
    const alert = page.locator("#settings-msg").getByRole("alert");
    await alert.getByText(x.outside).waitFor();
    assert.deepEqual((await alert.locator("li").allTextContents()).slice(0, 2), x.lines);
    assert.equal(await page.locator("#s-min-err").textContent(), x.error);
    assert.equal(await page.locator("#s-return-err").textContent(), x.https);
    assert.equal(await form.locator("#s-min").getAttribute("aria-invalid"), "true");
    assert.match(await form.locator("#s-min").getAttribute("aria-describedby"), /s-min-err/);
    assert.equal(await form.locator("#s-max").getAttribute("aria-invalid"), null);
    assert.equal(await page.evaluate(() => document.activeElement.id), "s-min");
    await c.atBothWidths(page, `console-settings-errors-${lang}`, { words: "#settings-msg, .field-err", doc: true });

    // WHEN corrected, with the breach check and a return address THEN saved,
    // and every setting the form was not asked to change is as it was
    await form.locator("#s-min").fill("14");
    await form.locator("#s-session-ttl").fill(String(before.session_ttl_seconds / 60));
    await form.locator("#s-return").fill("https://app.orbit.test/");
    await form.locator("#s-breached").check();
    await form.locator("#s-idle").fill("30");
    await form.locator("button[type=submit]").click();
    await page.locator("#settings-msg").getByText(x.saved).waitFor();
    assert.equal(await page.locator("#settings-form .field-err").count(), 0);
    const after = await settingsOf(page);
    assert.equal(after.password_policy.min_length, 14);
    assert.equal(after.password_policy.block_breached, true);
    assert.equal(after.session_idle_timeout_seconds, 1800);
    assert.deepEqual(after.return_urls, ["https://app.orbit.test/"]);
    assert.equal(after.limits.account_lock_seconds, 90, "a rounded value not edited goes back as it was");
    assert.deepEqual(Object.assign({}, after.limits, { account_lock_seconds: before.limits.account_lock_seconds }), before.limits);
    assert.deepEqual(after.branding, before.branding);
    assert.equal(after.session_ttl_seconds, before.session_ttl_seconds);
    h.check(page);
    // The tenant as it was, for the journeys after this one.
    assert.equal((await put(page, before)).status, 200);
  });

  test(`compliance: the report, the ASVS warning, a profile applied after its changes are listed, printed (${lang})`, async () => {
    const page = await c.openConsole(b, "oscar", { tenant: T, lang });
    const before = await settingsOf(page);
    await c.visit(page, "#/compliance", page.locator("#req-rows tr").first());
    // GIVEN no profile THEN it fixes nothing, and every requirement has a status
    assert.equal(await page.locator("#floors-none").isVisible(), true);
    assert.ok(await page.locator("#req-rows tr").count() > 10);
    await c.atBothWidths(page, `console-compliance-${lang}`, { words: "#compliance-facts, #req-rows td:nth-child(2)", doc: true });
    // WHEN an ASVS profile is chosen THEN the warning is beside the choice and
    // in the confirmation, which lists what would move
    await page.locator("#apply-profile").selectOption("asvs-5.0-l2");
    await page.locator("#apply-warning:not([hidden])").waitFor();
    await page.locator("#apply-form button[type=submit]").click();
    const dialog = page.getByRole("dialog");
    await dialog.waitFor();
    assert.ok((await dialog.locator("#confirm-text").textContent()).endsWith(x.asvs));
    assert.ok(await dialog.locator("#confirm-list li").count() >= 1, "the settings that move");
    await h.axe(page, "compliance: the confirmation");
    await dialog.locator("#confirm-cancel").click();
    await dialog.waitFor({ state: "hidden" });
    assert.equal((await settingsOf(page)).compliance_profile, "custom", "cancelled: nothing applied");
    if (lang === "en") {
      // WHEN PCI DSS is applied THEN its floors hold, and the report says so
      await page.locator("#apply-profile").selectOption("pci-dss-4.0.1");
      await page.locator("#apply-form button[type=submit]").click();
      await dialog.locator("#confirm-ok").click();
      await page.locator("#apply-msg .ok").getByText("PCI DSS 4.0.1 applied.", { exact: false }).waitFor();
      assert.equal((await settingsOf(page)).compliance_profile, "pci-dss-4.0.1");
      await page.waitForFunction(() => document.querySelectorAll("#floor-rows tr").length > 3);
      const holds = await page.locator("#floor-rows td:last-child").allTextContents();
      assert.ok(holds.every((y) => y === "Yes"), holds.join(","));
    }
    // WHEN printed THEN the report alone: no nav, no controls
    await page.emulateMedia({ media: "print" });
    assert.equal(await page.locator("nav.views").isVisible(), false);
    assert.equal(await page.locator("#apply-form").isVisible(), false);
    assert.equal(await page.locator("#compliance-print").isVisible(), false);
    assert.equal(await page.locator("#req-rows").isVisible(), true);
    await h.shot(page, `console-compliance-print-${lang}`, { doc: lang === "en" });
    await page.emulateMedia({ media: "screen" });
    h.check(page);
    assert.equal((await put(page, before)).status, 200);
  });

  test(`audit: sentences with names, filters, pages both ways, codes on demand, CSV (${lang})`, async () => {
    // GIVEN an account locked by failed sign-ins, then unlocked by the owner
    const who = lang === "en" ? "luke" : "lars";
    await c.lockOut(b, T, who);
    const page = await c.openConsole(b, "oscar", { tenant: T, lang });
    const id = await c.userId(page, b, T, who);
    assert.equal((await c.asTab(page, b, T, "DELETE", "/v1/tenants/" + T + "/users/" + id + "/lock")).status, 204);
    // GIVEN an account created and deleted
    const made = await c.asTab(page, b, T, "POST", "/v1/tenants/" + T + "/users", { username: "gone-" + lang, role: "user" });
    assert.equal(made.status, 201);
    assert.equal((await c.asTab(page, b, T, "DELETE", "/v1/tenants/" + T + "/users/" + made.data.id)).status, 204);
    await c.visit(page, "#/audit", page.locator("#audit-list li.event").first());
    // THEN each event is a sentence in the page's language, its words whole at both widths
    const sentences = await page.locator("#audit-list .sentence > span:first-child").allTextContents();
    assert.equal(sentences.length, 25, "a page of events");
    assert.ok(sentences.every((s) => !/[a-z]+\.[a-z_]+/.test(s) && !/\bu_[0-9a-f]+/.test(s)), "no codes or ids: " + sentences.join(" | "));
    await c.atBothWidths(page, `console-audit-${lang}`, { words: "#audit-list .sentence, #audit-list .lines", doc: true });
    // WHEN narrowed to the account unlocked THEN its lock and unlock, by name
    await page.locator("#a-user").fill(who);
    await page.locator("#audit-filters button[type=submit]").click();
    await page.waitForURL(/user=u_/);
    await page.locator("#audit-list li.event").first().waitFor();
    const about = await page.locator("#audit-list .sentence > span:first-child").allTextContents();
    assert.ok(about.every((s) => s.includes(who)), about.join(" | "));
    assert.ok(about.some((s) => x.unlocked.test(s)), about.join(" | "));
    // WHEN a type is chosen too THEN only those; the address keeps both
    await page.locator("#a-type").selectOption("account.unlocked");
    await page.locator("#audit-filters button[type=submit]").click();
    await page.waitForURL(/type=account\.unlocked/);
    await page.locator("#view-audit:not([aria-busy])").waitFor();
    // The list is redrawn after the address changes: read it once it is.
    let unlocks = [];
    for (let i = 0; i < 50; i++) {
      unlocks = await page.locator("#audit-list .sentence > span:first-child").allTextContents();
      if (unlocks.length >= 1 && unlocks.every((s) => x.unlocked.test(s))) break;
      await page.waitForTimeout(100);
    }
    assert.ok(unlocks.length >= 1 && unlocks.every((s) => x.unlocked.test(s)), unlocks.join(" | "));
    // THEN the codes and ids are there on demand
    const toggle = page.locator("#audit-list li.event button.link").first();
    assert.equal(await toggle.textContent(), x.codes);
    await toggle.click();
    assert.equal(await toggle.getAttribute("aria-expanded"), "true");
    await page.locator("#audit-list dl.tech").first().getByText("account.unlocked", { exact: true }).waitFor();
    // WHEN the browser goes back THEN the filter before
    await page.goBack();
    await page.waitForFunction(() => document.querySelectorAll("#audit-list li.event").length > 1);
    assert.equal(await page.locator("#a-type").inputValue(), "");
    // WHEN dates after today are asked for THEN nothing, said so
    const tomorrow = new Date(Date.now() + 86400000).toISOString().slice(0, 10);
    await page.locator("#audit-clear").click();
    await page.waitForURL(/#\/audit$/);
    await page.locator("#view-audit:not([aria-busy])").waitFor();
    await page.locator("#a-from").fill(tomorrow);
    await page.locator("#audit-filters button[type=submit]").click();
    await page.locator("#audit-msg").getByText(x.none).waitFor();
    await page.locator("#audit-clear").click();
    await page.waitForURL(/#\/audit$/);
    await page.locator("#view-audit:not([aria-busy])").waitFor();
    // WHEN deletions are asked for THEN only those, in words
    await page.locator("#a-type").selectOption({ label: x.deleted });
    await page.locator("#audit-filters button[type=submit]").click();
    await page.waitForURL(/type=user\.deleted/);
    await page.locator("#audit-list li.event").first().waitFor();
    await page.locator("#audit-clear").click();
    // WHEN older events are asked for THEN another page; newer comes back
    await page.waitForFunction(() => document.querySelectorAll("#audit-list li.event").length === 25);
    const first = await page.locator("#audit-list time").first().getAttribute("datetime");
    await page.locator("#audit-older").click();
    await page.waitForURL(/cursor=/);
    await page.waitForFunction((t) => document.querySelector("#audit-list time").getAttribute("datetime") !== t || document.querySelectorAll("#audit-list li").length !== 25, first);
    await page.locator("#audit-newer").click();
    await page.waitForFunction((t) => document.querySelector("#audit-list time") && document.querySelector("#audit-list time").getAttribute("datetime") === t, first);
    // WHEN exported THEN every event the filters match, as CSV with its header
    const [download] = await Promise.all([page.waitForEvent("download"), page.locator("#audit-csv").click()]);
    assert.match(download.suggestedFilename(), /^audit-orbit-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = fs.readFileSync(await download.path(), "utf8").trim().split("\r\n");
    assert.equal(csv[0], "\"id\",\"at\",\"type\",\"actor\",\"target\",\"ip\",\"outcome\",\"details\"");
    assert.ok(csv.length > 26, csv.length + " lines: more than one page");
    await page.locator("#audit-msg .ok").waitFor();
    h.check(page);
  });

  test(`an ended session: "Sign in again" to the tenant's sign-in page, and nothing stale left (${lang})`, async () => {
    const page = await c.openConsole(b, "oscar", { tenant: T, lang });
    await page.locator("#user-rows tr").first().waitFor();
    // GIVEN the session ends elsewhere (signed out, expired, revoked)
    const token = await page.evaluate(() => sessionStorage.getItem("latchkey.session.orbit"));
    assert.equal((await fetch(b.url("/v1/sessions/current"), { method: "DELETE", headers: { Authorization: "Bearer " + token } })).status, 204);
    // WHEN the console asks for anything THEN it says so and links to sign-in
    await page.locator("[data-nav=audit]").click();
    await page.locator("#ended:not([hidden])").waitFor();
    await page.locator("#ended").getByText(c.WORDS[lang].ended, { exact: false }).waitFor();
    const link = page.locator("#ended").getByRole("link", { name: c.WORDS[lang].signInAgain });
    assert.match(await link.getAttribute("href"), /\/t\/orbit\/sign-in\?next=admin/);
    // THEN what it showed is gone: no user, no whoami, no token
    assert.equal(await page.locator("#console").isVisible(), false);
    assert.equal(await page.locator("#user-rows tr").count(), 0);
    assert.equal(await page.evaluate(() => sessionStorage.getItem("latchkey.session.orbit")), null);
    await c.atBothWidths(page, `console-ended-${lang}`, { words: "#ended", doc: true });
    // WHEN followed THEN signing in leads back to the console
    await link.click();
    await page.waitForURL(/\/t\/orbit\/sign-in/);
    h.check(page);
  });
}

test("each view at its own address; a role sees only its views; back and forward", async () => {
  // GIVEN an administrator who may read users and the audit log only
  const page = await c.openConsole(b, "ada", { tenant: T });
  await page.waitForURL(/#\/users$/);
  const nav = await page.locator("nav.views a:visible").allTextContents();
  assert.deepEqual(nav, ["Users", "Audit log", "Compliance"]);
  // WHEN another view's address is typed THEN it is not there for this role
  await c.visit(page, "#/settings", page.locator("#view-none:not([hidden])"));
  await page.getByRole("heading", { name: TEXT.en.missing }).waitFor();
  assert.equal(await page.locator("#view-settings").isVisible(), false);
  assert.match(await page.title(), /^Not available · /);
  await c.atBothWidths(page, "console-not-available-en");
  // WHEN a user is opened THEN the view offers what this role may do: look, not act
  await c.visit(page, "#/users", page.locator("#user-rows tr").first());
  await page.getByRole("link", { name: "zoe", exact: true }).click();
  await page.locator("#detail-h").filter({ hasText: "zoe" }).waitFor();
  assert.match(await page.title(), /^zoe · /);
  await page.locator("#sessions-box:not([hidden])").waitFor();
  for (const id of ["#link-form", "#set-form", "#flags-form", "#delete-box", "#sign-out-all"]) {
    assert.equal(await page.locator(id).isVisible(), false, id);
  }
  // THEN its audit log is a link away, with the user as the filter
  await page.locator("#detail-audit").click();
  await page.waitForURL(/#\/audit\?user=u_/);
  await page.locator("#audit-list li.event").first().waitFor();
  assert.equal(await page.locator("#a-user").inputValue(), "zoe");
  // WHEN the browser goes back, twice THEN the user, then the list
  await page.goBack();
  await page.locator("#detail-h").filter({ hasText: "zoe" }).waitFor();
  assert.equal(await page.locator("#view-user").isVisible(), true);
  await page.goBack();
  await page.locator("#view-users:not([hidden])").waitFor();
  await page.goForward();
  await page.locator("#view-user:not([hidden])").waitFor();
  h.check(page);
});

test("bulk: the chosen users listed, a confirmation naming each, every outcome (de)", async () => {
  const page = await c.openConsole(b, "oscar", { tenant: T, lang: "de" });
  await page.locator("#user-rows tr").first().waitFor();
  const seen = h.seenNow(b.srv.outbox);
  for (const name of ["zoe", "lars"]) await page.getByRole("checkbox", { name: name + " auswählen" }).check();
  await page.getByRole("link", { name: "2 Benutzer ausgewählt: prüfen und Links senden" }).click();
  await page.waitForURL(/#\/bulk$/);
  assert.deepEqual(await page.locator("#bulk-list li > span").allTextContents(), ["zoe", "lars"]);
  await c.atBothWidths(page, "console-bulk-de", { words: "#view-bulk" });
  await page.getByRole("button", { name: "Links zum Zurücksetzen an 2 ausgewählte Benutzer senden" }).click();
  const dialog = page.getByRole("dialog", { name: "Links zum Zurücksetzen an 2 Benutzer senden?" });
  await dialog.waitFor();
  assert.deepEqual(await dialog.locator("#confirm-list li").allTextContents(), ["zoe", "lars"]);
  await dialog.getByRole("button", { name: "Links zum Zurücksetzen an 2 ausgewählte Benutzer senden" }).click();
  await page.locator("#bulk-msg").getByText("2 von 2 Links gesendet.", { exact: false }).waitFor();
  await h.waitForMail(b.srv.outbox, { to: "zoe@orbit.test", seen });
  await h.waitForMail(b.srv.outbox, { to: "lars@orbit.test", seen });
  h.check(page);
});
