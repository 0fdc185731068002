// Forgot password: the identifiers the tenant's rule asks for, then always
// the same answer (whether an account matched is never said).
import { $, say, markInvalid, busy } from "../lib/dom.js";
import { t } from "../lib/i18n.js";
import { api, call } from "../lib/api.js";
import { loadProfile } from "../lib/page.js";
import { sayProblem } from "../lib/problem.js";

loadProfile().then((p) => {
  const needs = (p && p.reset_identifier) || "email";
  const wantUser = needs === "username" || needs === "username_and_email";
  const wantEmail = needs === "email" || needs === "username_and_email";
  $("username-row").hidden = !wantUser;
  $("email-row").hidden = !wantEmail;
  $("username").required = wantUser;
  $("email").required = wantEmail;
  $("forgot-help").textContent = needs === "username"
    ? t("js-forgot-help-username")
    : needs === "username_and_email" ? t("js-forgot-help-both") : t("js-forgot-help-email");
});

$("forgot").addEventListener("submit", async (e) => {
  e.preventDefault();
  const form = e.target;
  const body = {};
  const missing = [];
  for (const id of ["username", "email"]) {
    const input = $(id);
    if ($(id + "-row").hidden) continue;
    const v = input.value.trim();
    markInvalid(input, !v);
    if (v) body[id] = v; else missing.push(input);
  }
  if (missing.length) {
    say("msg", missing.length === 2 ? t("js-enter-username-email")
      : missing[0].id === "email" ? t("js-enter-email") : t("js-enter-username"), "err");
    missing[0].focus();
    return;
  }
  busy(form, true);
  const r = await call("POST", api("/password-resets"), body);
  busy(form, false);
  if (r.status === 202) {
    say("msg", t("js-forgot-sent"), "ok", [t("js-forgot-inbox"), t("js-forgot-nothing")]);
  } else sayProblem("msg", r);
});
