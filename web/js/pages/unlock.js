// The account-lock mail's link. Nothing happens until the reader presses the
// button: a mail scanner that opens the link unlocks nothing.
import { $, el, say, busy } from "../lib/dom.js";
import { t, TEXT } from "../lib/i18n.js";
import { api, pageUrl, call } from "../lib/api.js";
import { loadProfile, takeLinkToken } from "../lib/page.js";
import { sayProblem } from "../lib/problem.js";

const token = takeLinkToken();
loadProfile();

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
