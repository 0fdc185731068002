// The reset link's page (an activation link's too): the token (from the
// fragment, which browsers never send to a server) is inspected, then the new
// password is set with it. Then on: "Continue to {tenant}" when the page was
// given a `?return_to=` the tenant allows, else to sign in.
import { $, el, say, markInvalid, busy } from "../lib/dom.js";
import { t, TEXT, when } from "../lib/i18n.js";
import { api, call } from "../lib/api.js";
import { loadProfile, takeLinkToken } from "../lib/page.js";
import { showPolicy, repeatMismatch } from "../lib/policy.js";
import { sayProblem } from "../lib/problem.js";
import { startLockout, lockedOut } from "../lib/lockout.js";
import { returnTarget, pageWithReturn, continueLink } from "../lib/return.js";

const token = takeLinkToken();
const profileLoaded = loadProfile();
// Asked now, so the answer is there when the password is set.
const back = returnTarget();

const expired = () => el("p", {}, t("js-reset-ask-new") + " ",
  el("a", { href: pageWithReturn("forgot"), text: t("js-reset-request-link") }));

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
  if (lockedOut(form)) return;
  if (!pw.value) { markInvalid(pw, true); say("msg", t("js-enter-new-password"), "err"); pw.focus(); return; }
  if (repeatMismatch(pw, rep, "msg")) return;
  busy(form, true);
  const r = await call("POST", api("/password-resets/confirm"), { token, new_password: pw.value });
  busy(form, false);
  if (r.status === 204) {
    form.hidden = true;
    const target = await back;
    const next = target
      ? continueLink(target, await profileLoaded)
      : el("p", {}, el("a", { href: pageWithReturn("sign-in"), text: t("js-sign-in") }));
    say("msg", t("js-reset-done"), "ok", null, next);
    $("next-links").hidden = true;
  } else if (r.data && r.data.code === "invalid_token") {
    form.hidden = true;
    say("msg", TEXT.invalid_token, "err", null, expired());
  } else if (!startLockout(form, "msg", r)) {
    markInvalid(pw, r.data && r.data.code === "password_policy");
    sayProblem("msg", r);
  }
});
