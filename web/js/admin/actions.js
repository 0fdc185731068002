// What the user view offers to do to an account: a reset link, a password
// set by the administrator, a reset of two-step sign-in, its settings (email,
// status, role and permissions, language, flags) and its deletion. Those that
// cannot be taken back ask first, naming the account. A refusal that names
// its field is said next to that field.
import { $, say, markInvalid, busy } from "../lib/dom.js";
import { t, when } from "../lib/i18n.js";
import { sayProblem } from "../lib/problem.js";
import { state, can, mayActOn, mfaRefused, request } from "./state.js";
import { go } from "./router.js";
import { confirmAction, showFieldErrors, clearFieldErrors } from "./ui.js";
import { current, reload, userUrl } from "./detail.js";
import { listHash, stale } from "./users.js";

const PERMS = () => Array.from($("perm-box").querySelectorAll("input[name=perm]"));

// The forms this person may use on `u`, filled from it.
export function fillActions(u, self) {
  const act = mayActOn(u) && !self;
  const local = u.source === "local";
  for (const id of ["link-form", "set-form", "mfa-reset-form", "flags-form"]) clearFieldErrors($(id));
  $("link-form").hidden = !(can("passwords.reset") && act && local);
  $("set-form").hidden = !(can("passwords.set") && act && local);
  $("flags-form").hidden = !(can("users.manage") && act);
  $("delete-box").hidden = !(can("users.manage") && act);
  // Reset two-step sign-in: with mfa.reset, for someone else who has it on.
  const mfa = can("mfa.reset") && act && u.mfa_enabled;
  $("mfa-reset-form").hidden = !mfa;
  $("link-reset-mfa-row").hidden = !mfa;
  $("set-reset-mfa-row").hidden = !mfa;
  $("link-reset-mfa").checked = false;
  $("set-reset-mfa").checked = false;
  $("set-temporary").checked = true;
  $("mfa-reset-reason").value = "";
  $("link-recipient").value = "";
  $("set-password").value = "";
  // An email change is a reset in disguise: it needs passwords.reset too.
  $("email-row").hidden = !can("passwords.reset");
  $("flag-email").value = u.email || "";
  $("role-row").hidden = !can("roles.manage");
  $("flag-role").value = u.role;
  for (const box of PERMS()) box.checked = (u.permissions || []).includes(box.value);
  permsShown();
  $("flag-status").value = u.status;
  $("flag-locale").value = u.locale || "";
  $("flag-cannot-change").checked = !u.can_change_password;
  $("flag-must-change").checked = !!u.must_change_password;
}

// Permissions are an administrator's only.
function permsShown() { $("perm-box").hidden = $("flag-role").value !== "admin"; }

async function sendLink(e) {
  e.preventDefault();
  const form = e.target, u = current.user;
  const to = $("link-recipient").value.trim();
  const body = to ? { recipient_email: to } : {};
  if (!$("link-reset-mfa-row").hidden && $("link-reset-mfa").checked) body.reset_mfa = true;
  clearFieldErrors(form);
  busy(form, true);
  const r = await request("POST", userUrl(u.id, "/password-reset"), body);
  if (state.ended) return;
  busy(form, false);
  if (r.status === 202) {
    const address = to || u.email;
    const time = when(r.data.expires_at);
    say("detail-msg", (address ? t("js-link-sent", { to: address, time }) : t("js-link-sent-user", { time })) +
      (body.reset_mfa ? " " + t("js-link-mfa-note") : ""), "ok");
    $("link-recipient").value = "";
    $("link-reset-mfa").checked = false;
  } else { mfaRefused(r); if (!showFieldErrors(form, "detail-msg", r)) sayProblem("detail-msg", r); }
}

async function setPassword(e) {
  e.preventDefault();
  const form = e.target, pw = $("set-password"), u = current.user;
  clearFieldErrors(form);
  if (!pw.value) { markInvalid(pw, true); say("detail-msg", t("js-enter-the-new-password"), "err"); pw.focus(); return; }
  const temporary = $("set-temporary").checked;
  const resetMfa = !$("set-reset-mfa-row").hidden && $("set-reset-mfa").checked;
  const yes = await confirmAction({
    title: t("js-confirm-set-title", { username: u.username }),
    text: t(temporary ? "js-confirm-set-text-temporary" : "js-confirm-set-text", { username: u.username }) + (resetMfa ? " " + t("js-confirm-mfa-too") : ""),
    ok: t("js-confirm-set-ok"),
  });
  if (!yes) return;
  busy(form, true);
  const body = { new_password: pw.value, temporary };
  if (resetMfa) body.reset_mfa = true;
  const r = await request("PUT", userUrl(u.id, "/password"), body);
  if (state.ended) return;
  busy(form, false);
  if (r.status === 204) {
    pw.value = "";
    markInvalid(pw, false);
    await reload();
    say("detail-msg", t(temporary ? "js-temporary-set" : "js-password-set") + (resetMfa ? " " + t("js-mfa-reset-too") : ""), "ok");
  } else {
    markInvalid(pw, r.data && r.data.code === "password_policy");
    mfaRefused(r);
    if (!showFieldErrors(form, "detail-msg", r)) sayProblem("detail-msg", r);
  }
}

async function resetMfa(e) {
  e.preventDefault();
  const form = e.target, reason = $("mfa-reset-reason").value.trim(), u = current.user;
  const yes = await confirmAction({
    title: t("js-confirm-mfa-title", { username: u.username }),
    text: t("js-confirm-mfa-text", { username: u.username }),
    ok: t("js-confirm-mfa-ok"),
  });
  if (!yes) return;
  busy(form, true);
  const r = await request("DELETE", userUrl(u.id, "/mfa"), reason ? { reason } : {});
  if (state.ended) return;
  busy(form, false);
  if (r.status === 204) {
    await reload();
    say("detail-msg", t("js-mfa-reset-done", { username: u.username }), "ok");
  } else { mfaRefused(r); if (!showFieldErrors(form, "detail-msg", r)) sayProblem("detail-msg", r); }
}

// Only what changed is sent: each field is its own rule on the server (a
// role needs roles.manage, an email passwords.reset as well).
function changes(u) {
  const patch = {};
  const status = $("flag-status").value;
  if (status !== u.status) patch.status = status;
  const canChange = !$("flag-cannot-change").checked;
  if (canChange !== u.can_change_password) patch.can_change_password = canChange;
  const must = $("flag-must-change").checked;
  if (must !== !!u.must_change_password) patch.must_change_password = must;
  const locale = $("flag-locale").value || null;
  if (locale !== (u.locale || null)) patch.locale = locale;
  if (!$("email-row").hidden) {
    const email = $("flag-email").value.trim() || null;
    if (email !== (u.email || null)) patch.email = email;
  }
  if (!$("role-row").hidden) {
    const role = $("flag-role").value;
    if (role !== u.role) patch.role = role;
    if (role === "admin") {
      const perms = PERMS().filter((b) => b.checked).map((b) => b.value);
      const had = (u.permissions || []).slice().sort().join();
      if (perms.slice().sort().join() !== had || role !== u.role) patch.permissions = perms;
    }
  }
  return patch;
}

async function saveFlags(e) {
  e.preventDefault();
  const form = e.target, u = current.user;
  clearFieldErrors(form);
  const patch = changes(u);
  if (!Object.keys(patch).length) { say("detail-msg", t("js-nothing-changed"), "info"); return; }
  busy(form, true);
  const r = await request("PATCH", userUrl(u.id), patch);
  if (state.ended) return;
  busy(form, false);
  if (r.status === 200) {
    await reload();
    say("detail-msg", t(patch.email !== undefined ? "js-flags-saved-email" : "js-flags-saved"), "ok");
  } else { mfaRefused(r); if (!showFieldErrors(form, "detail-msg", r)) sayProblem("detail-msg", r); }
}

async function remove() {
  const u = current.user;
  const yes = await confirmAction({
    title: t("js-confirm-delete-title", { username: u.username }),
    text: t("js-confirm-delete-text", { username: u.username }),
    ok: t("js-confirm-delete-ok"),
  });
  if (!yes) return;
  $("delete-user").disabled = true;
  const r = await request("DELETE", userUrl(u.id));
  if (state.ended) return;
  $("delete-user").disabled = false;
  if (r.status === 204) {
    // Its name stays known in this tab: the audit log still speaks of it.
    current.user = null;
    stale();
    state.notice = t("js-user-deleted", { username: u.username });
    go(listHash);
  } else sayProblem("detail-msg", r);
}

export function initActions() {
  $("link-form").addEventListener("submit", sendLink);
  $("set-form").addEventListener("submit", setPassword);
  $("mfa-reset-form").addEventListener("submit", resetMfa);
  $("flags-form").addEventListener("submit", saveFlags);
  $("flag-role").addEventListener("change", permsShown);
  $("delete-user").addEventListener("click", remove);
}
