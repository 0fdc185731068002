// Sign-in: username and password, then (when the account has it) the code
// from the app or one of the saved recovery codes. Then on: to the product
// (`?return_to=`, when the tenant allows it), else to the account page; a
// password to change first, or a second factor to set up, comes before that.
import { $, say, markInvalid, busy } from "../lib/dom.js";
import { t, TEXT } from "../lib/i18n.js";
import { root, api, pageUrl, call, session } from "../lib/api.js";
import { loadProfile, rememberLang } from "../lib/page.js";
import { sayProblem } from "../lib/problem.js";
import { startLockout, lockedOut } from "../lib/lockout.js";
import { returnTarget, pageWithReturn } from "../lib/return.js";

loadProfile();

const form = $("sign-in");
const next = new URLSearchParams(location.search).get("next");
const target = next === "admin" ? "admin" : "account";
if (new URLSearchParams(location.search).get("signed-out")) {
  say("msg", t("js-signed-out"), "ok");
  history.replaceState(null, "", location.pathname);
}
// Where a signed-in person goes: the console when asked for (the account
// page first when a new password is owed), else back to the product when
// allowed and nothing is owed, else the account page, which carries the
// return on past the forced change.
async function destination(me) {
  if (next === "admin" && !me.must_change_password) return pageUrl(target);
  const owes = me.must_change_password || me.mfa_enrollment_required;
  return (!owes && (await returnTarget())) || pageWithReturn("account");
}

// Already signed in in this tab: go on.
if (session.get()) {
  call("GET", root + "/v1/me", null, session.get()).then(async (r) => {
    if (r.status === 200) location.replace(await destination(r.data));
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
  if (lockedOut(form)) return;
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
    // Only a way out of here needs to know whether a second factor is owed.
    const me = r.data.must_change_password || !(await returnTarget())
      ? r.data
      : (await call("GET", root + "/v1/me", null, r.data.token)).data || r.data;
    location.assign(await destination(me));
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
  // Locked: the time left ticks under the button, which comes back at zero.
  if (startLockout(form, "msg", r)) return;
  sayProblem("msg", r, t("js-sign-in-failed"));
  if (code === "invalid_credentials") { password.value = ""; password.focus(); }
});
