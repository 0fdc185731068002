// "This wasn't me": the link of a mail about a credential change (password,
// two-step sign-in, email, a recovery code used). The page explains what a
// report does; nothing happens until the reader confirms, so a mail scanner
// that opens the link reports nothing. The server then stops sign-in, signs
// every session out, voids the account's links and tells its administrators.
import { $, el, say, busy } from "../lib/dom.js";
import { t } from "../lib/i18n.js";
import { api, pageUrl, call } from "../lib/api.js";
import { loadProfile, takeLinkToken } from "../lib/page.js";
import { sayProblem } from "../lib/problem.js";
import { supportPointer } from "../lib/support.js";

const token = takeLinkToken();
const profileLoaded = loadProfile();

// The part that explains and asks, replaced by the answer in one place, which
// takes the focus (the button that had it is gone).
function answer(text, kind, items, extra) {
  $("report-part").hidden = true;
  say("msg", text, kind, items, extra);
  const box = $("msg");
  box.setAttribute("tabindex", "-1");
  box.focus();
}

// Whom to ask (the tenant's contact, when it named one) after either answer.
const help = (p) => (p && supportPointer()) || el("p", { text: t("js-report-ask-admin") });

if (!token) answer(t("js-report-incomplete"), "err");

$("report").addEventListener("submit", async (e) => {
  e.preventDefault();
  const form = e.target;
  busy(form, true);
  const r = await call("POST", api("/account-reports/confirm"), { token });
  busy(form, false);
  const p = await profileLoaded;
  if (r.status === 204) {
    // A reset link restores sign-in too; it goes to the same mailbox.
    const next = el("div", {},
      el("p", {}, el("a", { href: pageUrl("forgot"), text: t("js-report-choose-password") })),
      help(p));
    answer(t("js-report-done"), "ok", [t("js-report-done-sessions"), t("js-report-done-restore")], next);
  } else if (r.data && r.data.code === "invalid_token") {
    answer(t("js-report-invalid"), "err", null, help(p));
  } else {
    sayProblem("msg", r);
  }
});
