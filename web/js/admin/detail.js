// One user in the console: its facts, and what the signed-in person may do to
// it: send a reset link, set a password, change its status, flags and
// language, reset its second factor.
import { $, el, clear, say, markInvalid, busy } from "../lib/dom.js";
import { t, word, roleName, statusName, when } from "../lib/i18n.js";
import { api, authed } from "../lib/api.js";
import { languageName } from "../lib/page.js";
import { sayProblem } from "../lib/problem.js";
import { state, can, names, mfaRefused } from "./state.js";
import { refresh } from "./users.js";

let current = null; // the user in the detail panel

export async function openUser(id) {
  const r = await authed("GET", api("/users/" + encodeURIComponent(id)));
  if (r.status !== 200) { sayProblem("console-msg", r); return; }
  showUser(r.data);
  say("detail-msg", "");
  $("detail").hidden = false;
  $("detail").focus();
}

function showUser(u) {
  const me = state.me;
  current = u;
  names.set(u.id, u.username);
  $("detail-h").textContent = u.username;
  const facts = $("detail-facts");
  clear(facts);
  const email = !u.email ? t("js-none")
    : u.email_status && u.email_status !== "deliverable" ? t("js-email-with-status", { email: u.email, status: word("js-email-", u.email_status) })
      : u.email;
  const rows = [[t("js-fact-email"), email],
    [t("js-fact-role"), roleName(u.role)], [t("js-fact-status"), statusName(u.status)],
    [t("js-fact-mfa"), u.mfa_enabled ? t("js-on") : t("js-off")], [t("js-fact-source"), word("js-source-", u.source)],
    [t("js-fact-password-changed"), when(u.password_changed_at)],
    [t("js-fact-language"), u.locale ? languageName(u.locale) : t("js-language-default")]];
  if (u.role === "admin") {
    const perms = (u.permissions || []).map((p) => word("js-permission-", String(p).replace(/\./g, "_")));
    rows.push([t("js-fact-permissions"), perms.join(", ") || t("js-none")]);
  }
  for (const [k, v] of rows) facts.append(el("dt", { text: k }), el("dd", { text: v }));
  // An owner's account only for those the server lets act on owners.
  const mayAct = u.role !== "owner" || can("owners.manage");
  $("link-form").hidden = !(can("passwords.reset") && mayAct && u.source === "local");
  $("set-form").hidden = !(can("passwords.set") && mayAct && u.source === "local");
  $("flags-form").hidden = !(can("users.manage") && mayAct);
  // Reset two-step sign-in: with mfa.reset, for someone else who has it on.
  const mayResetMfa = can("mfa.reset") && mayAct && u.id !== me.id && u.mfa_enabled;
  $("mfa-reset-form").hidden = !mayResetMfa;
  $("link-reset-mfa-row").hidden = !mayResetMfa;
  $("set-reset-mfa-row").hidden = !mayResetMfa;
  $("link-reset-mfa").checked = false;
  $("set-reset-mfa").checked = false;
  $("mfa-reset-reason").value = "";
  $("flag-status").value = u.status;
  $("flag-locale").value = u.locale || "";
  $("flag-cannot-change").checked = !u.can_change_password;
  $("flag-must-change").checked = !!u.must_change_password;
  $("link-recipient").value = "";
  $("set-password").value = "";
}

async function refreshCurrent() {
  const r = await authed("GET", api("/users/" + encodeURIComponent(current.id)));
  if (r.status === 200) showUser(r.data);
  refresh();
}

export function initDetail() {
  $("detail-close").addEventListener("click", () => { $("detail").hidden = true; current = null; });
  $("link-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const form = e.target;
    const to = $("link-recipient").value.trim();
    busy(form, true);
    const body = to ? { recipient_email: to } : {};
    if (!$("link-reset-mfa-row").hidden && $("link-reset-mfa").checked) body.reset_mfa = true;
    const r = await authed("POST", api("/users/" + encodeURIComponent(current.id) + "/password-reset"), body);
    busy(form, false);
    if (r.status === 202) {
      const address = to || current.email;
      const time = when(r.data.expires_at);
      say("detail-msg", (address ? t("js-link-sent", { to: address, time }) : t("js-link-sent-user", { time })) +
        (body.reset_mfa ? " " + t("js-link-mfa-note") : ""), "ok");
      $("link-reset-mfa").checked = false;
    } else { mfaRefused(r); sayProblem("detail-msg", r); }
  });
  $("set-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const form = e.target, pw = $("set-password");
    if (!pw.value) { markInvalid(pw, true); say("detail-msg", t("js-enter-the-new-password"), "err"); pw.focus(); return; }
    const temporary = $("set-temporary").checked;
    busy(form, true);
    const body = { new_password: pw.value, temporary };
    if (!$("set-reset-mfa-row").hidden && $("set-reset-mfa").checked) body.reset_mfa = true;
    const r = await authed("PUT", api("/users/" + encodeURIComponent(current.id) + "/password"), body);
    busy(form, false);
    if (r.status === 204) {
      pw.value = "";
      markInvalid(pw, false);
      say("detail-msg", t(temporary ? "js-temporary-set" : "js-password-set") + (body.reset_mfa ? " " + t("js-mfa-reset-too") : ""), "ok");
      refreshCurrent();
    } else { markInvalid(pw, r.data && r.data.code === "password_policy"); mfaRefused(r); sayProblem("detail-msg", r); }
  });
  $("flags-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const form = e.target;
    const patch = {};
    const status = $("flag-status").value;
    if (status !== current.status) patch.status = status;
    const canChange = !$("flag-cannot-change").checked;
    if (canChange !== current.can_change_password) patch.can_change_password = canChange;
    const must = $("flag-must-change").checked;
    if (must !== current.must_change_password) patch.must_change_password = must;
    // The user's language: a shipped one, or none (the organisation's default).
    const locale = $("flag-locale").value || null;
    if (locale !== (current.locale || null)) patch.locale = locale;
    if (!Object.keys(patch).length) { say("detail-msg", t("js-nothing-changed"), "info"); return; }
    busy(form, true);
    const r = await authed("PATCH", api("/users/" + encodeURIComponent(current.id)), patch);
    busy(form, false);
    if (r.status === 200) { showUser(r.data); say("detail-msg", t("js-flags-saved"), "ok"); refresh(); }
    else sayProblem("detail-msg", r);
  });
  $("mfa-reset-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const form = e.target, reason = $("mfa-reset-reason").value.trim();
    busy(form, true);
    const r = await authed("DELETE", api("/users/" + encodeURIComponent(current.id) + "/mfa"), reason ? { reason } : {});
    busy(form, false);
    if (r.status === 204) {
      say("detail-msg", t("js-mfa-reset-done", { username: current.username }), "ok");
      refreshCurrent();
    } else { mfaRefused(r); sayProblem("detail-msg", r); }
  });
}
