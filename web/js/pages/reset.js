// The reset link's page: the token (from the fragment, which browsers never
// send to a server) is inspected, then the new password is set with it.
import { $, el, say, markInvalid, busy } from "../lib/dom.js";
import { t, TEXT, when } from "../lib/i18n.js";
import { api, pageUrl, call } from "../lib/api.js";
import { loadProfile, takeLinkToken } from "../lib/page.js";
import { showPolicy, repeatMismatch } from "../lib/policy.js";
import { sayProblem } from "../lib/problem.js";
import { startLockout, lockedOut } from "../lib/lockout.js";

const token = takeLinkToken();
loadProfile();

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
  if (lockedOut(form)) return;
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
  } else if (!startLockout(form, "msg", r)) {
    markInvalid(pw, r.data && r.data.code === "password_policy");
    sayProblem("msg", r);
  }
});
