// The tenant's settings (for those who may manage them): the password policy,
// the links' and sessions' lifetimes, who needs a second factor. A value out
// of its bounds comes back as the problem's `errors`, each marked on its field
// and said with its range, in the unit the form asks it in.
import { $, say, busy } from "../lib/dom.js";
import { t } from "../lib/i18n.js";
import { api, authed } from "../lib/api.js";
import { profile } from "../lib/page.js";
import { sayProblem, sayFieldErrors, clearFieldErrors } from "../lib/problem.js";
import { state } from "./state.js";
import { fillBrand, fillLogo } from "./brand.js";

// The settings' fields on this form; `scale`: API seconds per unit of the form.
const FIELDS = {
  "password_policy.min_length": { input: "s-min" },
  "password_policy.max_length": { input: "s-max" },
  "password_policy.history": { input: "s-history" },
  "password_policy.require_classes": { input: "s-classes" },
  "reset_link_ttl_seconds": { input: "s-link-ttl", scale: 60 },
  "admin_reset_link_ttl_seconds": { input: "s-admin-ttl", scale: 3600 },
  "session_ttl_seconds": { input: "s-session-ttl", scale: 60 },
};

export async function loadSettings() {
  const r = await authed("GET", api("/settings"));
  if (r.status !== 200) { sayProblem("settings-msg", r); return; }
  state.settings = r.data;
  fillPolicy();
  fillBrand();
  fillLogo(profile && profile.has_logo);
}

// Refills only this form's fields (the brand's form may hold edits not saved yet).
function fillPolicy() {
  const settings = state.settings;
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
  $("mfa-note").hidden = !(settings.require_mfa_for_admin_resets && !state.me.mfa_enabled);
  clearFieldErrors(FIELDS);
}

export function initSettings() {
  $("settings-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const form = e.target;
    const settings = state.settings;
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
    clearFieldErrors(FIELDS);
    busy(form, true);
    const r = await authed("PUT", api("/settings"), next);
    busy(form, false);
    if (r.status === 200) { state.settings = r.data; fillPolicy(); say("settings-msg", t("js-settings-saved"), "ok"); }
    else if (!sayFieldErrors("settings-msg", r, FIELDS)) sayProblem("settings-msg", r);
  });
}
