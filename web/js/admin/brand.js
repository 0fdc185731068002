// The branding view (#/branding): the tenant's brand and default language
// (for those who may manage settings), and its logo. A refusal names its
// field (`errors`), which is marked and said in the page's words beside it.
import { $, say, markInvalid, busy } from "../lib/dom.js";
import { t, TEXT, LANG } from "../lib/i18n.js";
import { api, session } from "../lib/api.js";
import { profile, applyBrand, logoUrl } from "../lib/page.js";
import { sayProblem } from "../lib/problem.js";
import { state, can, request, ended } from "./state.js";
import { addView } from "./router.js";
import { showFieldErrors, clearFieldErrors } from "./ui.js";
import { loadSettings } from "./settings.js";

const HEX = /^#[0-9a-fA-F]{6}$/;
// Each field of the brand as the API names it, its input and its words.
const FIELDS = {
  "branding.display_name": { input: "b-name", text: () => t("js-brand-name") },
  "branding.email_from_name": { input: "b-from", text: () => t("js-brand-from") },
  "branding.primary_color": {
    input: "b-color",
    text: (e) => t(e.code === "too_light" ? "js-brand-color-contrast" : "js-brand-color-format"),
  },
  "branding.support_contact.email": { input: "b-support-email", text: () => t("js-brand-support-email") },
  "branding.support_contact.phone": { input: "b-support-phone", text: () => t("js-brand-support-phone") },
  "branding.support_contact.url": { input: "b-support-url", text: () => t("js-brand-support-url") },
};

// Refills only this form's fields (the settings form may hold edits not saved yet).
export function fillBrand() {
  const settings = state.settings;
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
  clearFieldErrors($("brand-form"));
}

// The logo: the file's own bytes and type (the API tells the kind by the
// bytes), shown from this origin once stored.
export function fillLogo(has) {
  $("logo-current").hidden = !has;
  $("logo-none").hidden = !!has;
  if (has) $("logo-current").src = logoUrl() + "?v=" + Date.now();
}
// The words for each `code` of an invalid_logo's field error.
const LOGO_REASONS = {
  too_large: "js-logo-too-big",
  unsupported_type: "js-logo-type",
  unreadable: "js-logo-unreadable",
  out_of_range: "js-logo-dimensions",
};
const MAX_LOGO = 64 * 1024;

export function initBrand() {
  addView("branding", {
    section: "view-branding",
    allowed: () => can("settings.manage"),
    title: () => t("js-view-branding"),
    show: async () => {
      say("brand-msg", "");
      say("logo-msg", "");
      if (await loadSettings()) { fillBrand(); fillLogo(profile && profile.has_logo); }
    },
  });
  // The picker and the text say the same colour; the text is what is saved
  // (empty: the product's own colour).
  $("b-color-pick").addEventListener("input", () => { $("b-color").value = $("b-color-pick").value; markInvalid($("b-color"), false); });
  $("b-color").addEventListener("input", () => {
    const v = $("b-color").value.trim();
    if (HEX.test(v)) $("b-color-pick").value = v.toLowerCase();
  });
  $("brand-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const form = e.target;
    const v = (id) => $(id).value.trim() || undefined;
    const contact = { email: v("b-support-email"), phone: v("b-support-phone"), url: v("b-support-url") };
    const branding = {
      display_name: v("b-name"), primary_color: v("b-color"), email_from_name: v("b-from"),
      support_contact: contact.email || contact.phone || contact.url ? contact : undefined,
    };
    const next = Object.assign({}, state.settings, { branding, default_locale: $("b-locale").value });
    clearFieldErrors(form);
    busy(form, true);
    const r = await request("PUT", api("/settings"), next);
    if (state.ended) return;
    busy(form, false);
    if (r.status === 200) {
      state.settings = r.data;
      fillBrand();
      applyBrand(state.settings.branding, profile && profile.name, profile && profile.has_logo);
      say("brand-msg", t("js-brand-saved"), "ok");
      return;
    }
    if (!showFieldErrors(form, "brand-msg", r, FIELDS)) sayProblem("brand-msg", r);
  });

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
    if (res && res.status === 401) { ended(); return; }
    if (res && res.status === 204) {
      markInvalid(input, false);
      input.value = "";
      if (profile) profile.has_logo = true;
      fillLogo(true);
      applyBrand(state.settings && state.settings.branding, profile && profile.name, true, true);
      say("logo-msg", t("js-logo-saved"), "ok");
      return;
    }
    let d = null;
    if (res) { try { d = await res.json(); } catch (_) { d = null; } }
    if (d && d.code === "invalid_logo") {
      const error = Array.isArray(d.errors) ? d.errors.find((x) => x.field === "logo") : null;
      refused(error && LOGO_REASONS[error.code]);
    } else sayProblem("logo-msg", { status: res ? res.status : 0, data: d });
  });
}
