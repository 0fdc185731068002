// The account page: who is signed in, the forced change of a temporary
// password, the own password change, the own language, and (account/mfa.js)
// two-step sign-in with its recovery codes.
import { $, say, markInvalid, busy } from "../lib/dom.js";
import { t, tn, NUMBER, roleName, when } from "../lib/i18n.js";
import { root, tenant, pageUrl, session, authed } from "../lib/api.js";
import { loadProfile, toTenantDefault, rememberLang, langSwitch, followOwnLocale } from "../lib/page.js";
import { showPolicy, repeatMismatch, refreshChecklists } from "../lib/policy.js";
import { sayProblem } from "../lib/problem.js";
import { startLockout, lockedOut } from "../lib/lockout.js";
import { initMfa } from "../account/mfa.js";

const SAVED_KEY = "latchkey.lang-saved." + tenant;

const profileLoaded = loadProfile(true).then((p) => {
  const policy = p && p.password_policy;
  showPolicy("forced-policy", policy);
  showPolicy("change-policy", policy);
  return p;
});

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
  if (lockedOut(form)) return false;
  if (!cur.value) { markInvalid(cur, true); say(msgId, t("js-enter-current-password"), "err"); cur.focus(); return false; }
  markInvalid(cur, false);
  if (!pw.value) { markInvalid(pw, true); say(msgId, t("js-enter-new-password"), "err"); pw.focus(); return false; }
  if (repeatMismatch(pw, rep, msgId)) return false;
  busy(form, true);
  const r = await authed("POST", root + "/v1/me/password", { current_password: cur.value, new_password: pw.value });
  busy(form, false);
  if (r.status === 204) {
    for (const i of [cur, pw, rep]) { i.value = ""; markInvalid(i, false); }
    refreshChecklists();
    return true;
  }
  if (r.status === 401) { session.clear(); location.replace(pageUrl("sign-in")); return false; }
  if (startLockout(form, msgId, r)) return false;
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

initMfa({ me: () => me, loadMe });
