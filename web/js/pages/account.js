// The account page: who is signed in, the forced change (in words for its
// reason, without asking again for the password just typed to sign in), the
// own password change, the own language, (account/sessions.js) the devices
// signed in, and (account/mfa.js) two-step sign-in with its recovery codes.
// A `?return_to=` the tenant allows (carried from sign-in) is where the forced
// change goes on to, and a "Continue to" link otherwise.
import { $, say, markInvalid, busy, clear } from "../lib/dom.js";
import { t, tn, NUMBER, CATALOGUE, roleName, when } from "../lib/i18n.js";
import { root, tenant, pageUrl, session, authed } from "../lib/api.js";
import { profile, loadProfile, toTenantDefault, rememberLang, langSwitch, followOwnLocale } from "../lib/page.js";
import { showPolicy, repeatMismatch, refreshChecklists } from "../lib/policy.js";
import { sayProblem } from "../lib/problem.js";
import { startLockout, lockedOut } from "../lib/lockout.js";
import { initMfa } from "../account/mfa.js";
import { loadSessions } from "../account/sessions.js";
import { returnTarget, continueLink, pageWithReturn } from "../lib/return.js";

const SAVED_KEY = "latchkey.lang-saved." + tenant;

let me = null;

// The policy beside both new-password fields; once the account is known, with
// its own minimum (a longer one without a second factor, when the tenant sets one).
function showPolicies() {
  const policy = profile && profile.password_policy;
  const opts = me ? { mfa: !!me.mfa_enabled } : undefined;
  showPolicy("forced-policy", policy, opts);
  showPolicy("change-policy", policy, opts);
}
const profileLoaded = loadProfile(true).then((p) => { showPolicies(); return p; });

// Why the password must change, in words; the current password asked for only
// when the server needs it (not on a must-change session minutes old).
function showForced() {
  const reason = me.must_change_reason;
  const said = (base, other) => (reason && CATALOGUE[base + reason] !== undefined ? t(base + reason) : t(other));
  $("forced-intro").textContent = said("js-forced-intro-", "js-forced-intro");
  $("forced-current-help").textContent = said("js-forced-current-help-", "js-forced-current-help");
  askCurrent(me.current_password_required !== false);
}
function askCurrent(ask) {
  $("forced-current-row").hidden = !ask;
  $("forced-current").required = ask;
  (ask ? $("forced-current") : $("forced-new")).focus();
}

// Back to the product, when the sign-in carried an allowed `return_to` and
// nothing is owed (a second factor to set up comes first).
async function showReturn(owed) {
  const target = owed ? null : await returnTarget();
  const box = $("return-row");
  clear(box);
  box.hidden = !target;
  if (target) box.append(continueLink(target, await profileLoaded));
}

async function loadMe() {
  if (!session.get()) { location.replace(pageWithReturn("sign-in")); return null; }
  const r = await authed("GET", root + "/v1/me");
  if (r.status !== 200) { session.clear(); location.replace(pageWithReturn("sign-in")); return null; }
  me = r.data;
  if (followOwnLocale(me)) return null;
  $("loading").hidden = true;
  // The switcher shows (and on change sets) the account's own language.
  if (langSwitch && me.locale) langSwitch.value = me.locale;
  $("own-locale").value = me.locale || "";
  showPolicies();
  if (me.must_change_password) {
    $("forced").hidden = false;
    $("account").hidden = true;
    showForced();
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
    $("sessions-part").hidden = enrol;
    if (!enrol) loadSessions();
    showReturn(enrol);
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
  // A field the page does not show (the forced change of a fresh sign-in) is not asked for.
  const asked = cur.required;
  if (asked && !cur.value) { markInvalid(cur, true); say(msgId, t("js-enter-current-password"), "err"); cur.focus(); return false; }
  markInvalid(cur, false);
  if (!pw.value) { markInvalid(pw, true); say(msgId, t("js-enter-new-password"), "err"); pw.focus(); return false; }
  if (repeatMismatch(pw, rep, msgId)) return false;
  busy(form, true);
  const body = { new_password: pw.value };
  if (asked) body.current_password = cur.value;
  const r = await authed("POST", root + "/v1/me/password", body);
  busy(form, false);
  if (r.status === 204) {
    for (const i of [cur, pw, rep]) { i.value = ""; markInvalid(i, false); }
    refreshChecklists();
    return true;
  }
  if (r.status === 401) { session.clear(); location.replace(pageUrl("sign-in")); return false; }
  if (startLockout(form, msgId, r)) return false;
  const code = r.data && r.data.code;
  // The sign-in is no longer fresh (the page stayed open): now it is needed.
  if (!asked && r.status === 400 && code === "invalid_request") {
    askCurrent(true);
    markInvalid(cur, true);
    say(msgId, t("js-forced-current-now"), "err");
    return false;
  }
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
    // Nothing more owed: back to the product, when the sign-in came from it.
    const target = me && !me.mfa_enrollment_required ? await returnTarget() : null;
    if (target) { location.assign(target); return; }
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
