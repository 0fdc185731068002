"use strict";
// Hosted pages and admin console: no framework, no build step, no inline script
// or style (the CSP is default-src 'self'). Every value that comes from a user or
// the API is put on the page with textContent (usernames may hold "<script>").
// The tenant comes from the path (/t/{tenant}/...); a reset token from the URL
// fragment, which browsers never send to a server; the session token lives in
// sessionStorage only (this tab), and is removed on sign-out.
(function () {
  const $ = (id) => document.getElementById(id);
  // Everything before "/t/{tenant}/..." is where the service is mounted: "" locally
  // and on a custom domain, "/{stage}" on API Gateway's own execute-api URL.
  const path = location.pathname;
  const at = path.indexOf("/t/");
  const root = at >= 0 ? path.slice(0, at) : path.replace(/\/+$/, "");
  const parts = at >= 0 ? path.slice(at).split("/") : [];
  const tenant = parts[1] === "t" ? decodeURIComponent(parts[2] || "") : null;
  const api = (p) => root + "/v1/tenants/" + encodeURIComponent(tenant) + p;
  // A language the page was asked for in its address (`?lang=`, the tenant's
  // default when the browser's is not shipped) goes on to the next page, which
  // is then in it from its first byte too.
  const carriedLang = new URLSearchParams(location.search).get("lang");
  const pageUrl = (name, query) => {
    const q = new URLSearchParams(query || "");
    if (carriedLang && !q.has("lang")) q.set("lang", carriedLang);
    const s = q.toString();
    return root + "/t/" + encodeURIComponent(tenant) + "/" + name + (s ? "?" + s : "");
  };
  const page = document.body.dataset.page;

  // ---------------------------------------------------------------- text
  // Every word comes from the page's catalogue (domain/locales/*.ftl), which
  // the server renders into <html data-catalogue>, in the page's language
  // (<html lang>): no English first, no inline script. The API's own titles
  // stay English and machine-coded; the page says each `code` in its words.
  const LANG = document.documentElement.lang || "en";
  // Dates and times in the page's language, in the browser's regional form of
  // it when it has one (en-GB's 24-hour clock for an English page).
  const LOCALE = (navigator.languages || []).find((l) => l.split("-")[0] === LANG) || LANG;
  const CATALOGUE = (() => {
    try { return JSON.parse(document.documentElement.dataset.catalogue || "{}"); } catch (_) { return {}; }
  })();
  function t(id, vars) {
    let s = CATALOGUE[id];
    if (s === undefined) return id;
    for (const [k, v] of Object.entries(vars || {})) s = s.split("{" + k + "}").join(String(v));
    return s;
  }
  const TEXT = {};
  for (const id of Object.keys(CATALOGUE)) if (id.startsWith("js-error-")) TEXT[id.slice(9)] = CATALOGUE[id];
  // A message with a count: the page language's plural rule (Intl) picks the
  // variant (`-one`, `-few`, `-other`; Czech says "2 kódy", "5 kódů"), the
  // number is written in the page's form; a form a language lacks is `-other`.
  const PLURAL = new Intl.PluralRules(LANG);
  const NUMBER = new Intl.NumberFormat(LOCALE);
  function tn(base, count, vars) {
    const id = base + "-" + PLURAL.select(count);
    return t(CATALOGUE[id] !== undefined ? id : base + "-other", Object.assign({ count: NUMBER.format(count) }, vars));
  }
  // Words for a code of the API (a role, a status, a skip reason), the code
  // itself when the catalogue has none.
  const word = (prefix, code) => (code && CATALOGUE[prefix + code] !== undefined ? t(prefix + code) : code);

  // ---------------------------------------------------------------- DOM helpers
  // el("p", {class: "x", text: value}, child...) — text always via textContent.
  function el(tag, attrs, ...kids) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "text") e.textContent = v;
      else if (k === "class") e.className = v;
      else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? "" : String(v));
    }
    for (const c of kids) if (c !== null && c !== undefined) e.append(c);
    return e;
  }
  const clear = (node) => { while (node.firstChild) node.removeChild(node.firstChild); };

  // Messages: the container is a polite live region; an error is a freshly
  // inserted role="alert" element, so screen readers announce it at once.
  function say(target, text, kind, items, extra) {
    const box = typeof target === "string" ? $(target) : target;
    if (!box) return;
    clear(box);
    if (!text) return;
    const inner = el("div", { class: kind === "ok" ? "ok" : kind === "info" ? "info" : "err", role: kind === "err" ? "alert" : null });
    inner.append(el("p", { text }));
    if (items && items.length) inner.append(el("ul", {}, ...items.map((t) => el("li", { text: t }))));
    if (extra) inner.append(extra);
    box.append(inner);
  }

  // Words for a problem document.
  function problemText(r, fallback) {
    const d = r.data || {};
    if (d.code === "too_many_attempts") return lockoutText(r.retryAfter);
    if (d.code && TEXT[d.code]) return TEXT[d.code];
    if (r.status === 0) return t("js-unreachable");
    return fallback || t("js-generic-failure");
  }
  function lockoutText(seconds) {
    const s = Number(seconds);
    if (!s || s <= 0) return t("js-lockout-unknown");
    // The reader's own clock and language say the time and the units.
    const time = new Date(Date.now() + s * 1000).toLocaleTimeString(LOCALE, { hour: "2-digit", minute: "2-digit" });
    const unit = (n, u) => new Intl.NumberFormat(LOCALE, { style: "unit", unit: u, unitDisplay: "long" }).format(n);
    const span = s < 90 ? unit(s, "second") : unit(Math.ceil(s / 60), "minute");
    return t("js-lockout", { span, time });
  }
  function sayProblem(target, r, fallback) {
    const d = r.data || {};
    if (d.code === "password_policy" && Array.isArray(d.violations)) {
      // In the page's words, with the numbers of the policy the page shows.
      const p = shownPolicy || {};
      const vars = { min: p.min_length, max: p.max_length, classes: p.require_classes, history: p.history };
      say(target, TEXT.password_policy, "err", d.violations.map((v) => {
        const id = "js-violation-" + v.code;
        return CATALOGUE[id] !== undefined && shownPolicy ? t(id, vars) : v.message || v.code;
      }));
    } else {
      say(target, problemText(r, fallback), "err");
    }
  }

  // ---------------------------------------------------------------- API
  async function call(method, url, body, token) {
    // The page's language is the request's: a mail this request causes is
    // written in the language the reader is reading (when they chose none).
    const headers = { Accept: "application/json", "Accept-Language": LANG };
    if (body !== undefined && body !== null) headers["Content-Type"] = "application/json";
    if (token) headers["Authorization"] = "Bearer " + token;
    let res;
    try {
      res = await fetch(url, { method, headers, body: body ? JSON.stringify(body) : undefined, cache: "no-store", credentials: "omit" });
    } catch (_) {
      return { status: 0, data: null };
    }
    let data = null;
    const text = await res.text();
    if (text) { try { data = JSON.parse(text); } catch (_) { data = null; } }
    return { status: res.status, data, retryAfter: res.headers.get("Retry-After") };
  }

  // ---------------------------------------------------------------- session
  const KEY = "latchkey.session." + tenant;
  const session = {
    get() { try { return sessionStorage.getItem(KEY); } catch (_) { return null; } },
    set(token) { sessionStorage.setItem(KEY, token); },
    clear() { try { sessionStorage.removeItem(KEY); } catch (_) { /* nothing */ } },
  };
  async function signOut() {
    const token = session.get();
    session.clear();
    if (token) await call("DELETE", root + "/v1/sessions/current", null, token);
    location.replace(pageUrl("sign-in", "signed-out=1"));
  }
  const authed = (method, url, body) => call(method, url, body, session.get());

  // ---------------------------------------------------------------- policy
  function policyRules(p) {
    const rules = [t("js-policy-length", { min: p.min_length, max: p.max_length })];
    if (p.history > 0) rules.push(t("js-policy-history", { count: p.history }));
    if (p.block_common) rules.push(t("js-policy-common"));
    if (p.block_context) rules.push(t("js-policy-context"));
    if (p.require_classes > 0) rules.push(t("js-policy-classes", { count: p.require_classes }));
    return rules;
  }
  let shownPolicy = null;
  function showPolicy(id, p) {
    const box = $(id);
    if (!box || !p) return;
    shownPolicy = p;
    clear(box);
    box.append(el("p", { class: "muted", text: t("js-policy-intro") }),
      el("ul", { class: "muted" }, ...policyRules(p).map((t) => el("li", { text: t }))));
  }
  function markInvalid(input, bad) {
    if (bad) input.setAttribute("aria-invalid", "true"); else input.removeAttribute("aria-invalid");
  }
  // New/repeat fields must agree before anything is sent.
  function repeatMismatch(newInput, repeatInput, msgId) {
    if (newInput.value !== repeatInput.value) {
      markInvalid(repeatInput, true);
      say(msgId, t("js-mismatch"), "err");
      repeatInput.focus();
      return true;
    }
    markInvalid(repeatInput, false);
    return false;
  }
  function busy(form, on) {
    for (const b of form.querySelectorAll("button")) b.disabled = on;
  }
  const when = (s) => (s ? new Date(s).toLocaleString(LOCALE) : t("js-never"));

  // ---------------------------------------------------------------- tenant header
  let profile = null;
  const pageTitle = document.title;
  const logoUrl = () => root + "/t/" + encodeURIComponent(tenant) + "/logo";
  // The tenant's name, colour (validated for white text, set through the
  // CSSOM, which the CSP allows) and logo (from this origin) in the header;
  // again after the console saved new ones (`fresh` skips a cached logo).
  function applyBrand(branding, name, hasLogo, fresh) {
    const b = branding || {};
    const brandName = b.display_name || name;
    const brand = $("tenant-name");
    if (brand) brand.textContent = brandName || t("js-brand-default");
    document.title = brandName ? pageTitle + " · " + brandName : pageTitle;
    const color = b.primary_color;
    if (color && /^#[0-9a-fA-F]{6}$/.test(color)) document.documentElement.style.setProperty("--brand", color);
    else document.documentElement.style.removeProperty("--brand");
    const logo = $("tenant-logo");
    if (logo && hasLogo) {
      logo.src = logoUrl() + (fresh ? "?v=" + Date.now() : "");
      logo.hidden = false;
    }
  }
  async function loadProfile() {
    const r = await call("GET", api("/profile"));
    profile = r.status === 200 && r.data ? r.data : null;
    if (profile) applyBrand(profile.branding, profile.name, profile.has_logo);
    else { const brand = $("tenant-name"); if (brand) brand.textContent = t("js-brand-default"); }
    // The account page and the console first ask whose page it is (a
    // signed-in person's own language comes before the tenant's default).
    if (page !== "account" && page !== "admin") toTenantDefault();
    return profile;
  }
  // Nothing the reader asked for is shipped: the tenant's default applies,
  // which only its profile says (once; the token of a reset page waits in
  // this tab's storage, never in the URL).
  function toTenantDefault() {
    const fallback = document.documentElement.dataset.langFallback === "true";
    const wanted = profile && profile.default_locale;
    if (fallback && wanted && wanted !== LANG && !new URLSearchParams(location.search).has("lang")) {
      switchTo(wanted, true);
      return true;
    }
    return false;
  }

  // ---------------------------------------------------------------- language
  // The switcher remembers the choice in a cookie (the server renders the next
  // page in it) and reloads the same page without query or fragment: a reset
  // token moves to this tab's sessionStorage first, never into the URL. A
  // signed-in user's choice becomes their account's locale too.
  const RESET_KEY = "latchkey.reset." + tenant;
  const LANG_COOKIE = "latchkey_lang";
  function rememberLang(lang) {
    // No language: the cookie goes (the browser's, then the tenant's, apply).
    document.cookie = LANG_COOKIE + "=" + encodeURIComponent(lang || "") + "; Path=/; SameSite=Lax; Max-Age=" + (lang ? 31536000 : 0);
  }
  function switchTo(lang, viaQuery) {
    if ((page === "reset" || page === "unlock") && resetToken) {
      try { sessionStorage.setItem(RESET_KEY, resetToken); } catch (_) { /* nothing */ }
    }
    const params = new URLSearchParams(location.search);
    params.delete("lang");
    if (viaQuery) params.set("lang", lang);
    else rememberLang(lang);
    const q = params.toString();
    location.replace(location.pathname + (q ? "?" + q : ""));
  }
  let resetToken = null;
  const langSwitch = $("lang-switch");
  if (langSwitch) langSwitch.addEventListener("change", async () => {
    const lang = langSwitch.value;
    if (session.get()) {
      await call("PATCH", root + "/v1/me", { locale: lang }, session.get());
    }
    switchTo(lang, false);
  });

  // Links between pages follow the mount point and the tenant.
  if (tenant) for (const a of document.querySelectorAll("[data-page-link]")) a.href = pageUrl(a.dataset.pageLink);
  for (const b of document.querySelectorAll("[data-sign-out]")) b.addEventListener("click", signOut);

  // ---------------------------------------------------------------- index
  if (!page) {
    const go = $("go");
    if (go) go.addEventListener("submit", (e) => {
      e.preventDefault();
      location.href = root + "/t/" + encodeURIComponent($("tenant").value.trim()) + "/sign-in";
    });
    return;
  }

  const pageReady = {}; // per page: what to do once the tenant's profile is in
  const profileLoaded = loadProfile();
  profileLoaded.then((p) => { if (pageReady[page]) pageReady[page](p); });

  // ---------------------------------------------------------------- sign-in
  if (page === "sign-in") {
    const form = $("sign-in");
    const next = new URLSearchParams(location.search).get("next");
    const target = next === "admin" ? "admin" : "account";
    if (new URLSearchParams(location.search).get("signed-out")) {
      say("msg", t("js-signed-out"), "ok");
      history.replaceState(null, "", location.pathname);
    }
    // Already signed in in this tab: go on.
    if (session.get()) {
      call("GET", root + "/v1/me", null, session.get()).then((r) => {
        if (r.status === 200) location.replace(pageUrl(target));
        else session.clear();
      });
    }
    // The code step: a code from the app, or one of the saved recovery codes.
    let recovery = false;
    function codeMode(useRecovery) {
      recovery = useRecovery;
      const totp = $("totp");
      totp.value = "";
      markInvalid(totp, false);
      document.querySelector('label[for="totp"]').textContent = recovery ? t("js-recovery-label") : t("js-totp-label");
      $("totp-help").textContent = recovery ? t("js-recovery-help") : t("js-totp-help");
      totp.name = recovery ? "recovery_code" : "totp_code";
      totp.setAttribute("inputmode", recovery ? "text" : "numeric");
      totp.setAttribute("autocomplete", recovery ? "off" : "one-time-code");
      totp.setAttribute("autocapitalize", "none");
      totp.setAttribute("spellcheck", "false");
      totp.maxLength = recovery ? 32 : 6;
      $("use-recovery").textContent = recovery ? t("js-use-app-code") : t("js-use-recovery");
      say("msg", "");
      totp.focus();
    }
    $("use-recovery").addEventListener("click", () => codeMode(!recovery));
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      const username = $("username"), password = $("password"), totp = $("totp");
      if (!username.value.trim() || !password.value) {
        markInvalid(username, !username.value.trim());
        markInvalid(password, !password.value);
        say("msg", t("js-enter-username-password"), "err");
        (username.value.trim() ? password : username).focus();
        return;
      }
      markInvalid(username, false); markInvalid(password, false);
      const body = { username: username.value.trim(), password: password.value };
      if (!$("totp-row").hidden && totp.value.trim()) {
        if (recovery) body.recovery_code = totp.value.trim(); else body.totp_code = totp.value.replace(/\s+/g, "");
      }
      busy(form, true);
      const r = await call("POST", api("/sessions"), body);
      busy(form, false);
      if (r.status === 201) {
        session.set(r.data.token);
        password.value = "";
        // The account's own language from now on, in this browser.
        const own = r.data.user && r.data.user.locale;
        if (own) rememberLang(own);
        say("msg", t("js-signed-in"), "ok");
        location.assign(pageUrl(r.data.must_change_password ? "account" : target));
        return;
      }
      const code = r.data && r.data.code;
      if (code === "mfa_required" || code === "invalid_mfa_code") {
        $("totp-row").hidden = false;
        totp.value = "";
        markInvalid(totp, code === "invalid_mfa_code");
        say("msg", code === "invalid_mfa_code" && recovery
          ? t("js-recovery-wrong")
          : TEXT[code], code === "mfa_required" ? "info" : "err");
        totp.focus();
        return;
      }
      sayProblem("msg", r, t("js-sign-in-failed"));
      if (code === "invalid_credentials") { password.value = ""; password.focus(); }
    });
  }

  // ---------------------------------------------------------------- forgot
  if (page === "forgot") {
    pageReady.forgot = (p) => {
      const needs = (p && p.reset_identifier) || "email";
      const wantUser = needs === "username" || needs === "username_and_email";
      const wantEmail = needs === "email" || needs === "username_and_email";
      $("username-row").hidden = !wantUser;
      $("email-row").hidden = !wantEmail;
      $("username").required = wantUser;
      $("email").required = wantEmail;
      $("forgot-help").textContent = needs === "username"
        ? t("js-forgot-help-username")
        : needs === "username_and_email" ? t("js-forgot-help-both") : t("js-forgot-help-email");
    };
    $("forgot").addEventListener("submit", async (e) => {
      e.preventDefault();
      const form = e.target;
      const body = {};
      const missing = [];
      for (const id of ["username", "email"]) {
        const input = $(id);
        if ($(id + "-row").hidden) continue;
        const v = input.value.trim();
        markInvalid(input, !v);
        if (v) body[id] = v; else missing.push(input);
      }
      if (missing.length) {
        say("msg", missing.length === 2 ? t("js-enter-username-email")
          : missing[0].id === "email" ? t("js-enter-email") : t("js-enter-username"), "err");
        missing[0].focus();
        return;
      }
      busy(form, true);
      const r = await call("POST", api("/password-resets"), body);
      busy(form, false);
      if (r.status === 202) {
        say("msg", t("js-forgot-sent"), "ok", [t("js-forgot-inbox"), t("js-forgot-nothing")]);
      } else sayProblem("msg", r);
    });
  }

  // ---------------------------------------------------------------- reset
  if (page === "reset") {
    const params = new URLSearchParams(location.hash.slice(1));
    // From the link's fragment, or (after the language switcher reloaded the
    // page) from this tab's storage, where it stays only until read.
    let stored = null;
    try { stored = sessionStorage.getItem(RESET_KEY); sessionStorage.removeItem(RESET_KEY); } catch (_) { /* nothing */ }
    const token = params.get("token") || stored;
    resetToken = token;
    // Drop the token from the address bar and history as soon as it is read.
    history.replaceState(null, "", location.pathname + location.search);
    // Another link pasted into this tab's address bar: read it afresh.
    window.addEventListener("hashchange", () => location.reload());
    const expired = () => el("p", {}, t("js-reset-ask-new") + " ",
      el("a", { href: pageUrl("forgot"), text: t("js-reset-request-link") }));
    (async () => {
      if (!token) {
        $("checking").hidden = true;
        say("msg", t("js-reset-incomplete"), "err", null, expired());
        return;
      }
      const r = await call("POST", api("/password-resets/inspect"), { token });
      $("checking").hidden = true;
      if (r.status !== 200) {
        if (r.data && r.data.code === "invalid_token") say("msg", TEXT.invalid_token, "err", null, expired());
        else sayProblem("msg", r);
        return;
      }
      $("reset").hidden = false;
      $("reset-user").textContent = r.data.username;
      $("reset-expires").textContent = when(r.data.expires_at);
      showPolicy("policy", r.data.policy);
      $("new-password").focus();
    })();
    $("reset").addEventListener("submit", async (e) => {
      e.preventDefault();
      const form = e.target, pw = $("new-password"), rep = $("confirm-password");
      if (!pw.value) { markInvalid(pw, true); say("msg", t("js-enter-new-password"), "err"); pw.focus(); return; }
      if (repeatMismatch(pw, rep, "msg")) return;
      busy(form, true);
      const r = await call("POST", api("/password-resets/confirm"), { token, new_password: pw.value });
      busy(form, false);
      if (r.status === 204) {
        form.hidden = true;
        say("msg", t("js-reset-done"), "ok", null,
          el("p", {}, el("a", { href: pageUrl("sign-in"), text: t("js-sign-in") })));
        $("next-links").hidden = true;
      } else if (r.data && r.data.code === "invalid_token") {
        form.hidden = true;
        say("msg", TEXT.invalid_token, "err", null, expired());
      } else {
        markInvalid(pw, r.data && r.data.code === "password_policy");
        sayProblem("msg", r);
      }
    });
  }

  // ---------------------------------------------------------------- unlock
  // The account-lock mail's link. Nothing happens until the reader presses the
  // button: a mail scanner that opens the link unlocks nothing.
  if (page === "unlock") {
    const params = new URLSearchParams(location.hash.slice(1));
    let stored = null;
    try { stored = sessionStorage.getItem(RESET_KEY); sessionStorage.removeItem(RESET_KEY); } catch (_) { /* nothing */ }
    const token = params.get("token") || stored;
    resetToken = token;
    history.replaceState(null, "", location.pathname + location.search);
    window.addEventListener("hashchange", () => location.reload());
    const form = $("unlock");
    if (!token) {
      form.hidden = true;
      say("msg", t("js-unlock-incomplete"), "err");
    }
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      busy(form, true);
      const r = await call("POST", api("/account-unlocks/confirm"), { token });
      busy(form, false);
      if (r.status === 204) {
        form.hidden = true;
        say("msg", t("js-unlock-done"), "ok", null,
          el("p", {}, el("a", { href: pageUrl("sign-in"), text: t("js-sign-in") })));
        $("next-links").hidden = true;
      } else if (r.data && r.data.code === "invalid_token") {
        form.hidden = true;
        say("msg", TEXT.invalid_token, "err");
      } else {
        sayProblem("msg", r);
      }
    });
  }

  // ---------------------------------------------------------------- account
  const roleName = (r) => word("js-role-", r);
  const statusName = (st) => word("js-status-", st);
  // A shipped language by its own name, as the switcher lists it.
  function languageName(tag) {
    const o = langSwitch && Array.from(langSwitch.options).find((x) => x.value === tag);
    return o ? o.textContent : tag;
  }
  // A signed-in person's own language wins over the browser's (the contract's
  // order): the first page after an admin set it, or on another device, follows
  // it once (the cookie then makes the server render it from the first byte).
  function followOwnLocale(me) {
    const own = me && me.locale;
    if (!own || own === LANG || new URLSearchParams(location.search).has("lang")) return false;
    const key = "latchkey.followed." + tenant;
    try { if (sessionStorage.getItem(key) === own) return false; sessionStorage.setItem(key, own); } catch (_) { return false; }
    rememberLang(own);
    location.replace(location.pathname);
    return true;
  }
  const SAVED_KEY = "latchkey.lang-saved." + tenant;

  if (page === "account") {
    let me = null;
    async function loadMe() {
      if (!session.get()) { location.replace(pageUrl("sign-in")); return null; }
      const r = await authed("GET", root + "/v1/me");
      if (r.status !== 200) { session.clear(); location.replace(pageUrl("sign-in")); return null; }
      me = r.data;
      if (followOwnLocale(me)) return null;
      $("loading").hidden = true;
      // The switcher shows (and on change sets) the account's own language.
      if (langSwitch && me.locale) langSwitch.value = me.locale;
      $("own-locale").value = me.locale || "";
      if (me.must_change_password) {
        $("forced").hidden = false;
        $("account").hidden = true;
        $("forced-current").focus();
      } else {
        $("forced").hidden = true;
        $("account").hidden = false;
        $("me-username").textContent = me.username;
        $("me-email").textContent = me.email || t("js-none");
        $("me-role").textContent = roleName(me.role);
        $("me-mfa").textContent = me.mfa_enabled ? t("js-on") : t("js-off");
        $("me-changed").textContent = when(me.password_changed_at);
        $("mfa-on").hidden = !me.mfa_enabled;
        $("mfa-off").hidden = me.mfa_enabled;
        $("mfa-manage").hidden = !me.mfa_enabled;
        const left = Number(me.recovery_codes_left || 0);
        $("codes-left-row").hidden = !me.mfa_enabled;
        $("me-codes").textContent = NUMBER.format(left);
        $("codes-low").hidden = !me.mfa_enabled || left > 3;
        $("codes-low").textContent = left === 0 ? t("js-codes-none") : tn("js-codes-low", left);
        // The tenant's rule: a user who must have two-step sign-in but has none
        // lands here and can only set it up (or change the password, or sign out).
        const enrol = !!me.mfa_enrollment_required;
        $("enrol-required").hidden = !enrol;
        $("account-h").textContent = enrol ? t("js-enrol-title") : t("js-account-title");
        $("change-part").hidden = enrol;
        $("locale-part").hidden = enrol;
        const admin = (me.role === "admin" || me.role === "owner") && !enrol;
        $("nav").hidden = !admin;
        $("admin-link").hidden = !admin;
        if (enrol && !$("mfa-start").hidden) $("mfa-password").focus();
      }
      return me;
    }
    pageReady.account = (p) => {
      const policy = p && p.password_policy;
      showPolicy("forced-policy", policy);
      showPolicy("change-policy", policy);
    };
    loadMe().then(async (m) => {
      if (!m) return;
      await profileLoaded;
      if (!m.locale && toTenantDefault()) return;
      // Back from saving a language: said in the new one.
      let saved = null;
      try { saved = sessionStorage.getItem(SAVED_KEY); sessionStorage.removeItem(SAVED_KEY); } catch (_) { /* nothing */ }
      if (saved) say("locale-msg", t("js-language-saved"), "ok");
    });

    // The account's own language: saved, then the page again, in it (no
    // language: the browser's, then the organisation's).
    $("locale-form").addEventListener("submit", async (e) => {
      e.preventDefault();
      const form = e.target;
      const locale = $("own-locale").value || null;
      busy(form, true);
      const r = await authed("PATCH", root + "/v1/me", { locale });
      busy(form, false);
      if (r.status !== 200) { sayProblem("locale-msg", r); return; }
      rememberLang(locale);
      try { sessionStorage.setItem(SAVED_KEY, "1"); sessionStorage.setItem("latchkey.followed." + tenant, locale || ""); } catch (_) { /* nothing */ }
      location.replace(location.pathname);
    });

    async function changePassword(form, ids, msgId) {
      const cur = $(ids[0]), pw = $(ids[1]), rep = $(ids[2]);
      if (!cur.value) { markInvalid(cur, true); say(msgId, t("js-enter-current-password"), "err"); cur.focus(); return false; }
      markInvalid(cur, false);
      if (!pw.value) { markInvalid(pw, true); say(msgId, t("js-enter-new-password"), "err"); pw.focus(); return false; }
      if (repeatMismatch(pw, rep, msgId)) return false;
      busy(form, true);
      const r = await authed("POST", root + "/v1/me/password", { current_password: cur.value, new_password: pw.value });
      busy(form, false);
      if (r.status === 204) {
        for (const i of [cur, pw, rep]) { i.value = ""; markInvalid(i, false); }
        return true;
      }
      if (r.status === 401) { session.clear(); location.replace(pageUrl("sign-in")); return false; }
      const code = r.data && r.data.code;
      markInvalid(cur, code === "invalid_current_password");
      markInvalid(pw, code === "password_policy");
      sayProblem(msgId, r);
      (code === "invalid_current_password" ? cur : pw).focus();
      return false;
    }

    $("forced-form").addEventListener("submit", async (e) => {
      e.preventDefault();
      if (await changePassword(e.target, ["forced-current", "forced-new", "forced-repeat"], "forced-msg")) {
        say("forced-msg", "");
        await loadMe();
        say("account-msg", t("js-forced-done"), "ok");
      }
    });
    $("change-form").addEventListener("submit", async (e) => {
      e.preventDefault();
      if (await changePassword(e.target, ["change-current", "change-new", "change-repeat"], "change-msg")) {
        say("change-msg", t("js-change-done"), "ok");
        loadMe();
      }
    });

    // Two-step sign-in: password, then the secret (QR code drawn here, from the
    // vendored encoder), then a code to prove the app has it.
    $("mfa-start").addEventListener("submit", async (e) => {
      e.preventDefault();
      const form = e.target, pw = $("mfa-password");
      if (!pw.value) { markInvalid(pw, true); say("mfa-msg", t("js-enter-current-password"), "err"); pw.focus(); return; }
      busy(form, true);
      const r = await authed("POST", root + "/v1/me/mfa/totp", { current_password: pw.value });
      busy(form, false);
      if (r.status !== 200) {
        markInvalid(pw, r.data && r.data.code === "invalid_current_password");
        sayProblem("mfa-msg", r);
        pw.focus();
        return;
      }
      pw.value = "";
      markInvalid(pw, false);
      say("mfa-msg", "");
      form.hidden = true;
      $("mfa-confirm").hidden = false;
      drawQr($("mfa-qr"), r.data.otpauth_uri);
      $("mfa-secret").textContent = r.data.secret.replace(/(.{4})/g, "$1 ").trim();
      $("mfa-code").focus();
    });
    $("mfa-confirm").addEventListener("submit", async (e) => {
      e.preventDefault();
      const form = e.target, code = $("mfa-code");
      const v = code.value.replace(/\s+/g, "");
      if (!/^[0-9]{6}$/.test(v)) { markInvalid(code, true); say("mfa-msg", t("js-enter-app-code"), "err"); code.focus(); return; }
      busy(form, true);
      const r = await authed("POST", root + "/v1/me/mfa/totp/confirm", { code: v });
      busy(form, false);
      if (r.status === 204 || r.status === 200) {
        form.hidden = true;
        clear($("mfa-qr"));
        $("mfa-secret").textContent = "";
        const codes = r.data && Array.isArray(r.data.recovery_codes) ? r.data.recovery_codes : null;
        const wasRequired = me && me.mfa_enrollment_required;
        form.hidden = true;
        $("mfa-start").hidden = false;
        $("mfa-confirm").hidden = true;
        await loadMe();
        say("mfa-msg", t("js-mfa-on-done") + (wasRequired ? " " + t("js-mfa-on-unlocked") : ""), "ok");
        if (codes) showCodes(codes);
      } else {
        markInvalid(code, true);
        sayProblem("mfa-msg", r);
        code.focus();
      }
    });

    // The recovery codes, shown once: copy, download (a .txt from a blob: URL, a
    // download and not a fetch, so default-src 'self' does not stop it), and gone
    // once the user says they are saved (or leaves the page).
    let codesUrl = null;
    function showCodes(codes) {
      const list = $("codes-list");
      clear(list);
      for (const c of codes) list.append(el("li", { text: c }));
      const vars = { username: me ? me.username : "", tenant: (profile && profile.name) || "", date: new Date().toISOString().slice(0, 10) };
      const text = t(vars.tenant ? "js-codes-file-title-tenant" : "js-codes-file-title", vars) + "\n" +
        t("js-codes-file-help") + "\n\n" + codes.join("\n") + "\n";
      if (codesUrl) URL.revokeObjectURL(codesUrl);
      codesUrl = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
      $("codes-download").href = codesUrl;
      $("codes").dataset.codes = codes.join("\n");
      say("codes-msg", "");
      $("codes").hidden = false;
      $("codes").focus();
    }
    function hideCodes() {
      clear($("codes-list"));
      $("codes").hidden = true;
      delete $("codes").dataset.codes;
      $("codes-download").href = "#codes";
      if (codesUrl) { URL.revokeObjectURL(codesUrl); codesUrl = null; }
    }
    $("codes-copy").addEventListener("click", async () => {
      const text = $("codes").dataset.codes || "";
      let ok = false;
      try { await navigator.clipboard.writeText(text + "\n"); ok = true; } catch (_) { ok = false; }
      if (!ok) {
        // No clipboard access: select the codes, so that Ctrl+C copies them.
        const range = document.createRange();
        range.selectNodeContents($("codes-list"));
        const sel = window.getSelection();
        sel.removeAllRanges();
        sel.addRange(range);
      }
      say("codes-msg", ok ? t("js-codes-copied") : t("js-codes-copy-blocked"), ok ? "ok" : "info");
    });
    $("codes-done").addEventListener("click", () => {
      hideCodes();
      say("mfa-msg", tn("js-codes-saved", Number(me ? me.recovery_codes_left : 0)), "ok");
      $("mfa-h").focus();
    });

    // A new set of codes, or two-step sign-in off: each needs the password and a
    // code (from the app, or a recovery code).
    const codeBody = (pw, code) => {
      const v = code.value.trim();
      const body = { current_password: pw.value };
      if (/^[0-9\s]{6,8}$/.test(v) && v.replace(/\s+/g, "").length === 6) body.totp_code = v.replace(/\s+/g, "");
      else body.recovery_code = v;
      return body;
    };
    async function withCode(form, pwId, codeId, method, url, done) {
      const pw = $(pwId), code = $(codeId);
      markInvalid(pw, !pw.value);
      markInvalid(code, !code.value.trim());
      if (!pw.value || !code.value.trim()) {
        say("mfa-msg", !pw.value ? t("js-enter-current-password") : t("js-enter-code-or-recovery"), "err");
        (!pw.value ? pw : code).focus();
        return;
      }
      busy(form, true);
      const r = await authed(method, url, codeBody(pw, code));
      busy(form, false);
      if (r.status === 200 || r.status === 204) {
        pw.value = ""; code.value = "";
        await done(r);
        return;
      }
      if (r.status === 401) { session.clear(); location.replace(pageUrl("sign-in")); return; }
      const c = r.data && r.data.code;
      markInvalid(pw, c === "invalid_current_password");
      markInvalid(code, c === "invalid_mfa_code");
      if (c === "invalid_mfa_code") say("mfa-msg", t("js-mfa-code-wrong"), "err");
      else sayProblem("mfa-msg", r);
      (c === "invalid_mfa_code" ? code : pw).focus();
    }
    $("regen-form").addEventListener("submit", (e) => {
      e.preventDefault();
      withCode(e.target, "regen-password", "regen-code", "POST", root + "/v1/me/mfa/recovery-codes", async (r) => {
        await loadMe();
        say("mfa-msg", t("js-regen-done"), "ok");
        showCodes(r.data.recovery_codes || []);
      });
    });
    $("off-form").addEventListener("submit", (e) => {
      e.preventDefault();
      withCode(e.target, "off-password", "off-code", "DELETE", root + "/v1/me/mfa/totp", async () => {
        hideCodes();
        await loadMe();
        say("mfa-msg", t("js-mfa-off-done"), "ok");
      });
    });
  }

  function drawQr(box, text) {
    clear(box);
    if (typeof window.qrcode !== "function") return;
    const q = window.qrcode(0, "M");
    window.qrcode.stringToBytes = window.qrcode.stringToBytesFuncs["UTF-8"];
    q.addData(text, "Byte");
    q.make();
    const n = q.getModuleCount(), quiet = 4, size = n + quiet * 2;
    const NS = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(NS, "svg");
    svg.setAttribute("viewBox", [0, 0, size, size].join(" "));
    svg.setAttribute("class", "qr");
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", t("js-qr-label"));
    svg.setAttribute("shape-rendering", "crispEdges");
    const bg = document.createElementNS(NS, "rect");
    bg.setAttribute("width", size); bg.setAttribute("height", size); bg.setAttribute("fill", "#fff");
    svg.append(bg);
    let d = "";
    for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) {
      if (q.isDark(r, c)) d += "M" + (c + quiet) + " " + (r + quiet) + "h1v1h-1z";
    }
    const p = document.createElementNS(NS, "path");
    p.setAttribute("d", d); p.setAttribute("fill", "#000");
    svg.append(p);
    box.append(svg);
  }

  // ---------------------------------------------------------------- admin console
  if (page === "admin") {
    let me = null;
    const can = (perm) => me && (me.role === "owner" || (me.role === "admin" && (me.permissions || []).includes(perm)));
    const names = new Map(); // user id -> username, for the audit view
    const selected = new Map(); // user id -> username
    let cursors = [];
    let current = null; // the user in the detail panel

    function mfaRefused(r) {
      if (r.data && r.data.code === "mfa_required_for_admin") $("mfa-note").hidden = false;
    }

    async function start() {
      if (!session.get()) { location.replace(pageUrl("sign-in", "next=admin")); return; }
      const r = await authed("GET", root + "/v1/me");
      if (r.status === 401) { session.clear(); location.replace(pageUrl("sign-in", "next=admin")); return; }
      if (r.status === 200 && (r.data.must_change_password || r.data.mfa_enrollment_required)) { location.replace(pageUrl("account")); return; }
      if (r.status === 200 && followOwnLocale(r.data)) return;
      await profileLoaded;
      if (!(r.status === 200 && r.data.locale) && toTenantDefault()) return;
      $("loading").hidden = true;
      if (r.status !== 200 || (r.data.role !== "admin" && r.data.role !== "owner")) { $("denied").hidden = false; return; }
      me = r.data;
      if (langSwitch && me.locale) langSwitch.value = me.locale;
      $("console").hidden = false;
      $("whoami").textContent = t("js-whoami", { username: me.username, role: roleName(me.role) });
      $("bulk").hidden = !can("passwords.reset");
      $("bulk-reset-mfa-row").hidden = !can("mfa.reset");
      $("create-section").hidden = !can("users.manage");
      $("audit-section").hidden = !can("audit.read");
      $("nav-audit").hidden = !can("audit.read");
      const owner = me.role === "owner";
      $("settings-section").hidden = !owner;
      $("nav-settings").hidden = !owner;
      $("brand-section").hidden = !owner;
      $("nav-brand").hidden = !owner;
      if (owner) {
        for (const v of ["admin", "owner"]) $("new-role").append(el("option", { value: v, text: roleName(v) }));
        loadSettings();
      }
      if (can("users.read")) search(null);
      else say("console-msg", t("js-no-list-permission"), "info");
    }

    // -------- users list
    let searchSeq = 0; // only the newest search may fill the list
    async function search(cursor) {
      const q = $("q").value.trim();
      let url = api("/users") + "?limit=20&q=" + encodeURIComponent(q);
      if (cursor) url += "&cursor=" + encodeURIComponent(cursor);
      const seq = ++searchSeq;
      const r = await authed("GET", url);
      if (seq !== searchSeq) return;
      if (r.status !== 200) { sayProblem("console-msg", r); return; }
      say("console-msg", "");
      const list = $("user-list");
      clear(list);
      for (const u of r.data.users) {
        names.set(u.id, u.username);
        list.append(userRow(u));
      }
      const n = r.data.users.length;
      $("result-count").textContent = n === 0 ? t("js-users-none") : q ? tn("js-users-matching", n, { q }) : tn("js-users-shown", n);
      $("next-page").hidden = !r.data.next_cursor;
      $("next-page").dataset.cursor = r.data.next_cursor || "";
      $("first-page").hidden = !cursor;
      updateBulk();
    }
    function badges(u) {
      const b = [];
      const add = (text, cls) => b.push(el("span", { class: "badge" + (cls ? " " + cls : ""), text }));
      add(statusName(u.status), u.status === "active" ? "good" : u.status === "disabled" ? "bad" : "warn");
      if (u.mfa_enabled) add(t("js-badge-mfa"), "good");
      if (u.must_change_password) add(t("js-badge-must-change"), "warn");
      if (!u.can_change_password) add(t("js-badge-may-not-change"), "warn");
      if (u.source && u.source !== "local") add(t("js-badge-directory", { source: word("js-source-", u.source) }));
      if (!u.email) add(t("js-badge-no-email"), "warn");
      else if (u.email_status && u.email_status !== "deliverable") add(word("js-badge-email-", u.email_status), "bad");
      return b;
    }
    function userRow(u) {
      const id = "sel-" + u.id;
      const box = el("input", { type: "checkbox", id, "aria-describedby": "meta-" + u.id });
      box.checked = selected.has(u.id);
      const li = el("li", { class: box.checked ? "selected" : "" });
      box.addEventListener("change", () => {
        if (box.checked) selected.set(u.id, u.username); else selected.delete(u.id);
        li.className = box.checked ? "selected" : "";
        updateBulk();
      });
      const who = el("div", { class: "who" },
        el("label", { class: "check", for: id }, box, el("span", {}, el("strong", { text: u.username }),
          el("span", { class: "meta", id: "meta-" + u.id, text: (u.email || t("js-no-email")) + " · " + roleName(u.role) }))),
        el("div", {}, ...badges(u)));
      const manage = el("button", { type: "button", class: "secondary small", text: t("js-manage") });
      manage.setAttribute("aria-label", t("js-manage-user", { username: u.username }));
      manage.addEventListener("click", () => openUser(u.id));
      li.append(who, manage);
      return li;
    }
    function updateBulk() {
      const n = selected.size;
      const b = $("bulk-send");
      b.disabled = n === 0;
      b.textContent = n === 0 ? t("js-bulk-send") : tn("js-bulk-send", n);
    }
    $("search").addEventListener("submit", (e) => { e.preventDefault(); cursors = []; search(null); });
    $("next-page").addEventListener("click", () => { const c = $("next-page").dataset.cursor; cursors.push(c); search(c); });
    $("first-page").addEventListener("click", () => { cursors = []; search(null); });

    $("bulk-send").addEventListener("click", async () => {
      const ids = Array.from(selected.keys());
      if (!ids.length) return;
      $("bulk-send").disabled = true;
      const body = { user_ids: ids };
      if (!$("bulk-reset-mfa-row").hidden && $("bulk-reset-mfa").checked) body.reset_mfa = true;
      const r = await authed("POST", api("/password-resets/bulk"), body);
      $("bulk-send").disabled = false;
      if (r.status !== 200) { mfaRefused(r); sayProblem("bulk-msg", r); return; }
      const lines = r.data.results.map((x) => {
        const name = selected.get(x.user_id) || names.get(x.user_id) || x.user_id;
        if (x.outcome === "sent") return t("js-bulk-line-sent", { name });
        if (x.outcome === "not_found") return t("js-bulk-line-not-found", { name });
        const reason = x.code ? word("js-skip-", x.code) : t("js-skip-other");
        return t("js-bulk-line-skipped", { name, reason });
      });
      const sent = r.data.results.filter((x) => x.outcome === "sent").length;
      const total = r.data.results.length;
      say("bulk-msg", tn("js-bulk-result", total, { sent: NUMBER.format(sent) }) + (body.reset_mfa && sent ? " " + t("js-bulk-mfa-note") : ""),
        sent === total ? "ok" : "info", lines);
      const list = $("bulk-msg").querySelector("ul");
      if (list) list.className = "outcomes";
      selected.clear();
      for (const cb of $("user-list").querySelectorAll("input[type=checkbox]")) { cb.checked = false; cb.closest("li").className = ""; }
      $("bulk-reset-mfa").checked = false;
      updateBulk();
    });

    // -------- one user
    async function openUser(id) {
      const r = await authed("GET", api("/users/" + encodeURIComponent(id)));
      if (r.status !== 200) { sayProblem("console-msg", r); return; }
      showUser(r.data);
      say("detail-msg", "");
      $("detail").hidden = false;
      $("detail").focus();
    }
    function showUser(u) {
      current = u;
      names.set(u.id, u.username);
      $("detail-h").textContent = u.username;
      const facts = $("detail-facts");
      clear(facts);
      const email = !u.email ? t("js-none")
        : u.email_status && u.email_status !== "deliverable" ? t("js-email-with-status", { email: u.email, status: word("js-email-", u.email_status) })
          : u.email;
      const rows = [[t("js-fact-email"), email],
        [t("js-fact-role"), roleName(u.role)], [t("js-fact-status"), statusName(u.status)],
        [t("js-fact-mfa"), u.mfa_enabled ? t("js-on") : t("js-off")], [t("js-fact-source"), word("js-source-", u.source)],
        [t("js-fact-password-changed"), when(u.password_changed_at)],
        [t("js-fact-language"), u.locale ? languageName(u.locale) : t("js-language-default")]];
      if (u.role === "admin") {
        const perms = (u.permissions || []).map((p) => word("js-permission-", String(p).replace(/\./g, "_")));
        rows.push([t("js-fact-permissions"), perms.join(", ") || t("js-none")]);
      }
      for (const [k, v] of rows) facts.append(el("dt", { text: k }), el("dd", { text: v }));
      const owner = me.role === "owner";
      const mayAct = owner || u.role !== "owner";
      $("link-form").hidden = !(can("passwords.reset") && mayAct && u.source === "local");
      $("set-form").hidden = !(can("passwords.set") && mayAct && u.source === "local");
      $("flags-form").hidden = !(can("users.manage") && mayAct);
      // Reset two-step sign-in: with mfa.reset, for someone else who has it on.
      const mayResetMfa = can("mfa.reset") && mayAct && u.id !== me.id && u.mfa_enabled;
      $("mfa-reset-form").hidden = !mayResetMfa;
      $("link-reset-mfa-row").hidden = !mayResetMfa;
      $("set-reset-mfa-row").hidden = !mayResetMfa;
      $("link-reset-mfa").checked = false;
      $("set-reset-mfa").checked = false;
      $("mfa-reset-reason").value = "";
      $("flag-status").value = u.status;
      $("flag-locale").value = u.locale || "";
      $("flag-cannot-change").checked = !u.can_change_password;
      $("flag-must-change").checked = !!u.must_change_password;
      $("link-recipient").value = "";
      $("set-password").value = "";
    }
    $("detail-close").addEventListener("click", () => { $("detail").hidden = true; current = null; });
    $("link-form").addEventListener("submit", async (e) => {
      e.preventDefault();
      const form = e.target;
      const to = $("link-recipient").value.trim();
      busy(form, true);
      const body = to ? { recipient_email: to } : {};
      if (!$("link-reset-mfa-row").hidden && $("link-reset-mfa").checked) body.reset_mfa = true;
      const r = await authed("POST", api("/users/" + encodeURIComponent(current.id) + "/password-reset"), body);
      busy(form, false);
      if (r.status === 202) {
        const address = to || current.email;
        const time = when(r.data.expires_at);
        say("detail-msg", (address ? t("js-link-sent", { to: address, time }) : t("js-link-sent-user", { time })) +
          (body.reset_mfa ? " " + t("js-link-mfa-note") : ""), "ok");
        $("link-reset-mfa").checked = false;
      } else { mfaRefused(r); sayProblem("detail-msg", r); }
    });
    $("set-form").addEventListener("submit", async (e) => {
      e.preventDefault();
      const form = e.target, pw = $("set-password");
      if (!pw.value) { markInvalid(pw, true); say("detail-msg", t("js-enter-the-new-password"), "err"); pw.focus(); return; }
      const temporary = $("set-temporary").checked;
      busy(form, true);
      const body = { new_password: pw.value, temporary };
      if (!$("set-reset-mfa-row").hidden && $("set-reset-mfa").checked) body.reset_mfa = true;
      const r = await authed("PUT", api("/users/" + encodeURIComponent(current.id) + "/password"), body);
      busy(form, false);
      if (r.status === 204) {
        pw.value = "";
        markInvalid(pw, false);
        say("detail-msg", t(temporary ? "js-temporary-set" : "js-password-set") + (body.reset_mfa ? " " + t("js-mfa-reset-too") : ""), "ok");
        refreshCurrent();
      } else { markInvalid(pw, r.data && r.data.code === "password_policy"); mfaRefused(r); sayProblem("detail-msg", r); }
    });
    $("flags-form").addEventListener("submit", async (e) => {
      e.preventDefault();
      const form = e.target;
      const patch = {};
      const status = $("flag-status").value;
      if (status !== current.status) patch.status = status;
      const canChange = !$("flag-cannot-change").checked;
      if (canChange !== current.can_change_password) patch.can_change_password = canChange;
      const must = $("flag-must-change").checked;
      if (must !== current.must_change_password) patch.must_change_password = must;
      // The user's language: a shipped one, or none (the organisation's default).
      const locale = $("flag-locale").value || null;
      if (locale !== (current.locale || null)) patch.locale = locale;
      if (!Object.keys(patch).length) { say("detail-msg", t("js-nothing-changed"), "info"); return; }
      busy(form, true);
      const r = await authed("PATCH", api("/users/" + encodeURIComponent(current.id)), patch);
      busy(form, false);
      if (r.status === 200) { showUser(r.data); say("detail-msg", t("js-flags-saved"), "ok"); search(cursors[cursors.length - 1] || null); }
      else sayProblem("detail-msg", r);
    });
    $("mfa-reset-form").addEventListener("submit", async (e) => {
      e.preventDefault();
      const form = e.target, reason = $("mfa-reset-reason").value.trim();
      busy(form, true);
      const r = await authed("DELETE", api("/users/" + encodeURIComponent(current.id) + "/mfa"), reason ? { reason } : {});
      busy(form, false);
      if (r.status === 204) {
        say("detail-msg", t("js-mfa-reset-done", { username: current.username }), "ok");
        refreshCurrent();
      } else { mfaRefused(r); sayProblem("detail-msg", r); }
    });
    async function refreshCurrent() {
      const r = await authed("GET", api("/users/" + encodeURIComponent(current.id)));
      if (r.status === 200) showUser(r.data);
      search(cursors[cursors.length - 1] || null);
    }

    // -------- create
    $("create-form").addEventListener("submit", async (e) => {
      e.preventDefault();
      const form = e.target, un = $("new-username");
      if (!un.value.trim()) { markInvalid(un, true); say("create-msg", t("js-enter-a-username"), "err"); un.focus(); return; }
      markInvalid(un, false);
      const body = { username: un.value.trim(), role: $("new-role").value, send_activation: $("new-activation").checked };
      if ($("new-email").value.trim()) body.email = $("new-email").value.trim();
      if (body.send_activation && !body.email) { say("create-msg", t("js-activation-needs-email"), "err"); $("new-email").focus(); return; }
      busy(form, true);
      const r = await authed("POST", api("/users"), body);
      busy(form, false);
      if (r.status === 201) {
        say("create-msg", t(body.send_activation ? "js-user-created-activation" : "js-user-created", { username: r.data.username }), "ok");
        form.reset();
        names.set(r.data.id, r.data.username);
        search(null);
      } else sayProblem("create-msg", r);
    });

    // -------- audit
    let auditCursor = null;
    async function loadAudit(more) {
      let url = api("/audit-events") + "?limit=25";
      if (more && auditCursor) url += "&cursor=" + encodeURIComponent(auditCursor);
      const r = await authed("GET", url);
      if (r.status !== 200) { sayProblem("audit-msg", r); return; }
      const body = $("audit-body");
      if (!more) clear(body);
      for (const ev of r.data.events) {
        // Event types stay the audit log's own codes (they are what a search
        // of the log matches); outcomes are said in words.
        const who = (v) => (v ? (names.get(v) ? names.get(v) + " (" + v + ")" : v) : "");
        body.append(el("tr", {}, el("td", { text: when(ev.at) }), el("td", { text: ev.type }), el("td", { text: who(ev.actor) }),
          el("td", { text: who(ev.target) }), el("td", { text: word("js-outcome-", ev.outcome) }), el("td", { text: ev.ip || "" })));
      }
      $("audit-table").hidden = false;
      auditCursor = r.data.next_cursor;
      $("audit-more").hidden = !auditCursor;
      $("audit-load").textContent = t("js-audit-refresh");
      if (!r.data.events.length && !more) say("audit-msg", t("js-audit-empty"), "info"); else say("audit-msg", "");
    }
    $("audit-load").addEventListener("click", () => loadAudit(false));
    $("audit-more").addEventListener("click", () => loadAudit(true));

    // -------- settings (owners)
    // PUT replaces the whole settings object: each form changes its own part of
    // the last answer, and refills only its own fields (the other form may hold
    // edits not saved yet).
    let settings = null;
    async function loadSettings() {
      const r = await authed("GET", api("/settings"));
      if (r.status !== 200) { sayProblem("settings-msg", r); return; }
      settings = r.data;
      fillPolicy();
      fillBrand();
      fillLogo(profile && profile.has_logo);
    }
    function fillPolicy() {
      const p = settings.password_policy;
      $("s-min").value = p.min_length; $("s-max").value = p.max_length; $("s-history").value = p.history;
      $("s-classes").value = p.require_classes; $("s-common").checked = p.block_common; $("s-context").checked = p.block_context;
      $("s-identifier").value = settings.reset_identifier;
      $("s-link-ttl").value = Math.round(settings.reset_link_ttl_seconds / 60);
      $("s-admin-ttl").value = Math.round(settings.admin_reset_link_ttl_seconds / 3600);
      $("s-session-ttl").value = Math.round(settings.session_ttl_seconds / 60);
      $("s-self-admins").checked = settings.self_service_reset_for_admins;
      $("s-mfa-admins").checked = settings.require_mfa_for_admin_resets;
      $("s-mfa-required").value = settings.mfa_required_for || "none";
      $("mfa-note").hidden = !(settings.require_mfa_for_admin_resets && !me.mfa_enabled);
    }
    $("settings-form").addEventListener("submit", async (e) => {
      e.preventDefault();
      const form = e.target;
      const num = (id) => Number($(id).value);
      const next = Object.assign({}, settings, {
        password_policy: Object.assign({}, settings.password_policy, {
          min_length: num("s-min"), max_length: num("s-max"), history: num("s-history"),
          require_classes: num("s-classes"), block_common: $("s-common").checked, block_context: $("s-context").checked,
        }),
        reset_identifier: $("s-identifier").value,
        reset_link_ttl_seconds: num("s-link-ttl") * 60,
        admin_reset_link_ttl_seconds: num("s-admin-ttl") * 3600,
        session_ttl_seconds: num("s-session-ttl") * 60,
        self_service_reset_for_admins: $("s-self-admins").checked,
        require_mfa_for_admin_resets: $("s-mfa-admins").checked,
        mfa_required_for: $("s-mfa-required").value,
      });
      busy(form, true);
      const r = await authed("PUT", api("/settings"), next);
      busy(form, false);
      if (r.status === 200) { settings = r.data; fillPolicy(); say("settings-msg", t("js-settings-saved"), "ok"); }
      else sayProblem("settings-msg", r);
    });

    // -------- branding and language (owners)
    const HEX = /^#[0-9a-fA-F]{6}$/;
    const BRAND_FIELDS = ["b-name", "b-color", "b-support-email", "b-support-phone", "b-support-url", "b-from"];
    function fillBrand() {
      const b = settings.branding || {};
      const c = b.support_contact || {};
      $("b-name").value = b.display_name || "";
      $("b-color").value = b.primary_color || "";
      $("b-color-pick").value = HEX.test(b.primary_color || "") ? b.primary_color.toLowerCase() : "#1f3d8a";
      $("b-support-email").value = c.email || "";
      $("b-support-phone").value = c.phone || "";
      $("b-support-url").value = c.url || "";
      $("b-from").value = b.email_from_name || "";
      $("b-locale").value = settings.default_locale || "en";
      for (const id of BRAND_FIELDS) markInvalid($(id), false);
    }
    // The picker and the text say the same colour; the text is what is saved
    // (empty: the product's own colour).
    $("b-color-pick").addEventListener("input", () => { $("b-color").value = $("b-color-pick").value; markInvalid($("b-color"), false); });
    $("b-color").addEventListener("input", () => {
      const v = $("b-color").value.trim();
      if (HEX.test(v)) $("b-color-pick").value = v.toLowerCase();
    });
    // The API's reason (English, for machines) in the page's words, with the
    // field it is about.
    const BRAND_REASONS = [
      ["display_name", "js-brand-name", "b-name"],
      ["email_from_name", "js-brand-from", "b-from"],
      ["primary_color is too light", "js-brand-color-contrast", "b-color"],
      ["primary_color", "js-brand-color-format", "b-color"],
      ["support_contact.email", "js-brand-support-email", "b-support-email"],
      ["support_contact.phone", "js-brand-support-phone", "b-support-phone"],
      ["support_contact.url", "js-brand-support-url", "b-support-url"],
    ];
    $("brand-form").addEventListener("submit", async (e) => {
      e.preventDefault();
      const form = e.target;
      const v = (id) => $(id).value.trim() || undefined;
      const contact = { email: v("b-support-email"), phone: v("b-support-phone"), url: v("b-support-url") };
      const branding = {
        display_name: v("b-name"), primary_color: v("b-color"), email_from_name: v("b-from"),
        support_contact: contact.email || contact.phone || contact.url ? contact : undefined,
      };
      const next = Object.assign({}, settings, { branding, default_locale: $("b-locale").value });
      for (const id of BRAND_FIELDS) markInvalid($(id), false);
      busy(form, true);
      const r = await authed("PUT", api("/settings"), next);
      busy(form, false);
      if (r.status === 200) {
        settings = r.data;
        fillBrand();
        applyBrand(settings.branding, profile && profile.name, profile && profile.has_logo);
        say("brand-msg", t("js-brand-saved"), "ok");
        return;
      }
      const d = r.data || {};
      const reason = d.code === "invalid_branding" && BRAND_REASONS.find(([p]) => String(d.detail || "").startsWith(p));
      if (reason) {
        say("brand-msg", TEXT.invalid_branding, "err", [t(reason[1])]);
        markInvalid($(reason[2]), true);
        $(reason[2]).focus();
      } else sayProblem("brand-msg", r);
    });

    // The logo: the file's own bytes and type (the API tells the kind by the
    // bytes), shown from this origin once stored.
    function fillLogo(has) {
      $("logo-current").hidden = !has;
      $("logo-none").hidden = !!has;
      if (has) $("logo-current").src = logoUrl() + "?v=" + Date.now();
    }
    const LOGO_REASONS = [
      ["the logo exceeds", "js-logo-too-big"],
      ["the logo must be a PNG", "js-logo-type"],
      ["the logo's image data", "js-logo-unreadable"],
      ["the logo must be between", "js-logo-dimensions"],
    ];
    const MAX_LOGO = 64 * 1024;
    $("logo-form").addEventListener("submit", async (e) => {
      e.preventDefault();
      const form = e.target, input = $("logo-file");
      const file = input.files && input.files[0];
      markInvalid(input, !file);
      if (!file) { say("logo-msg", t("js-logo-choose"), "err"); input.focus(); return; }
      const refused = (id) => { markInvalid(input, true); say("logo-msg", TEXT.invalid_logo, "err", id ? [t(id)] : null); input.focus(); };
      if (file.size > MAX_LOGO) { refused("js-logo-too-big"); return; }
      busy(form, true);
      let res = null;
      try {
        res = await fetch(api("/logo"), {
          method: "PUT", body: file, cache: "no-store", credentials: "omit",
          headers: { Accept: "application/json", "Accept-Language": LANG, "Content-Type": file.type || "application/octet-stream", Authorization: "Bearer " + session.get() },
        });
      } catch (_) { res = null; }
      busy(form, false);
      if (res && res.status === 204) {
        markInvalid(input, false);
        input.value = "";
        if (profile) profile.has_logo = true;
        fillLogo(true);
        applyBrand(settings && settings.branding, profile && profile.name, true, true);
        say("logo-msg", t("js-logo-saved"), "ok");
        return;
      }
      let d = null;
      if (res) { try { d = await res.json(); } catch (_) { d = null; } }
      if (d && d.code === "invalid_logo") {
        const reason = LOGO_REASONS.find(([p]) => String(d.detail || "").startsWith(p));
        refused(reason && reason[1]);
      } else sayProblem("logo-msg", { status: res ? res.status : 0, data: d });
    });

    start();
  }
})();
