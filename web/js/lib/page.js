// What every page has around its own part: the tenant's brand in the header,
// the language (switcher, cookie, the tenant's default, a signed-in person's
// own), links that follow the mount point and the tenant, and sign-out buttons.
// Importing this module wires the switcher, the links and the buttons.
import { $ } from "./dom.js";
import { LANG, t } from "./i18n.js";
import { root, tenant, api, pageUrl, call, session, signOut } from "./api.js";
import { showSupport } from "./support.js";

// ---------------------------------------------------------------- tenant header
export let profile = null;
const pageTitle = document.title;
export const logoUrl = () => root + "/t/" + encodeURIComponent(tenant) + "/logo";

// The tenant's name, colour (validated for white text, set through the
// CSSOM, which the CSP allows) and logo (from this origin) in the header;
// again after the console saved new ones (`fresh` skips a cached logo).
export function applyBrand(branding, name, hasLogo, fresh) {
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

// The tenant's profile, into the header. A page of a signed-in person (the
// account page, the console) passes `ownLanguageFirst`: it first asks whose
// page it is, as a person's own language comes before the tenant's default.
export async function loadProfile(ownLanguageFirst) {
  const r = await call("GET", api("/profile"));
  profile = r.status === 200 && r.data ? r.data : null;
  if (profile) applyBrand(profile.branding, profile.name, profile.has_logo);
  else { const brand = $("tenant-name"); if (brand) brand.textContent = t("js-brand-default"); }
  // Where a person may be stuck (the page has a #support section): whom to ask.
  showSupport(profile);
  if (!ownLanguageFirst) toTenantDefault();
  return profile;
}

// Nothing the reader asked for is shipped: the tenant's default applies,
// which only its profile says (once; the token of a reset page waits in
// this tab's storage, never in the URL).
export function toTenantDefault() {
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
// page in it) and reloads the same page without query or fragment: a link's
// token moves to this tab's sessionStorage first, never into the URL. A
// signed-in user's choice becomes their account's locale too.
const TOKEN_KEY = "latchkey.reset." + tenant;
const LANG_COOKIE = "latchkey_lang";
let linkToken = null;

export function rememberLang(lang) {
  // No language: the cookie goes (the browser's, then the tenant's, apply).
  document.cookie = LANG_COOKIE + "=" + encodeURIComponent(lang || "") + "; Path=/; SameSite=Lax; Max-Age=" + (lang ? 31536000 : 0);
}

function switchTo(lang, viaQuery) {
  if (linkToken) {
    try { sessionStorage.setItem(TOKEN_KEY, linkToken); } catch (_) { /* nothing */ }
  }
  const params = new URLSearchParams(location.search);
  params.delete("lang");
  if (viaQuery) params.set("lang", lang);
  else rememberLang(lang);
  const q = params.toString();
  location.replace(location.pathname + (q ? "?" + q : ""));
}

// A mailed link's token (reset, unlock): from the fragment, or (after the
// switcher reloaded the page) from this tab's storage, where it stays only
// until read. It leaves the address bar and history at once; another link
// pasted into this tab's address bar is read afresh.
export function takeLinkToken() {
  const params = new URLSearchParams(location.hash.slice(1));
  let stored = null;
  try { stored = sessionStorage.getItem(TOKEN_KEY); sessionStorage.removeItem(TOKEN_KEY); } catch (_) { /* nothing */ }
  linkToken = params.get("token") || stored;
  history.replaceState(null, "", location.pathname + location.search);
  window.addEventListener("hashchange", () => location.reload());
  return linkToken;
}

export const langSwitch = $("lang-switch");
if (langSwitch) langSwitch.addEventListener("change", async () => {
  const lang = langSwitch.value;
  if (session.get()) {
    await call("PATCH", root + "/v1/me", { locale: lang }, session.get());
  }
  switchTo(lang, false);
});

// A shipped language by its own name, as the switcher lists it.
export function languageName(tag) {
  const o = langSwitch && Array.from(langSwitch.options).find((x) => x.value === tag);
  return o ? o.textContent : tag;
}

// A signed-in person's own language wins over the browser's (the contract's
// order): the first page after an admin set it, or on another device, follows
// it once (the cookie then makes the server render it from the first byte).
export function followOwnLocale(me) {
  const own = me && me.locale;
  if (!own || own === LANG || new URLSearchParams(location.search).has("lang")) return false;
  const key = "latchkey.followed." + tenant;
  try { if (sessionStorage.getItem(key) === own) return false; sessionStorage.setItem(key, own); } catch (_) { return false; }
  rememberLang(own);
  // The way back to the product (`?return_to=`) stays with the page.
  const back = new URLSearchParams(location.search).get("return_to");
  location.replace(location.pathname + (back ? "?" + new URLSearchParams({ return_to: back }) : ""));
  return true;
}

// ---------------------------------------------------------------- links
// Links between pages follow the mount point and the tenant.
if (tenant) for (const a of document.querySelectorAll("[data-page-link]")) a.href = pageUrl(a.dataset.pageLink);
for (const b of document.querySelectorAll("[data-sign-out]")) b.addEventListener("click", signOut);
