// A new user (in the users view): username, optional email, role (admin and
// owner only for those who may give roles), and an activation link by mail.
import { $, el, say, markInvalid, busy } from "../lib/dom.js";
import { t, roleName } from "../lib/i18n.js";
import { api } from "../lib/api.js";
import { sayProblem } from "../lib/problem.js";
import { state, can, names, request } from "./state.js";
import { route } from "./router.js";
import { showFieldErrors, clearFieldErrors } from "./ui.js";
import { stale } from "./users.js";

// The roles beyond `user`, for those who may give them.
export function offerRoles() {
  $("create-section").hidden = !can("users.manage");
  if (!can("roles.manage")) return;
  for (const v of ["admin", "owner"]) $("new-role").append(el("option", { value: v, text: roleName(v) }));
}

export function initCreate() {
  $("create-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const form = e.target, un = $("new-username");
    clearFieldErrors(form);
    if (!un.value.trim()) { markInvalid(un, true); say("create-msg", t("js-enter-a-username"), "err"); un.focus(); return; }
    const body = { username: un.value.trim(), role: $("new-role").value, send_activation: $("new-activation").checked };
    if ($("new-email").value.trim()) body.email = $("new-email").value.trim();
    if (body.send_activation && !body.email) { say("create-msg", t("js-activation-needs-email"), "err"); $("new-email").focus(); return; }
    busy(form, true);
    const r = await request("POST", api("/users"), body);
    if (state.ended) return;
    busy(form, false);
    if (r.status === 201) {
      say("create-msg", t(body.send_activation ? "js-user-created-activation" : "js-user-created", { username: r.data.username }), "ok");
      form.reset();
      names.set(r.data.id, r.data.username);
      stale();
      route();
    } else if (!showFieldErrors(form, "create-msg", r)) sayProblem("create-msg", r);
  });
}
