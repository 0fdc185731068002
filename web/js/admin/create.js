// A new user: username, optional email, role (admin and owner only for those
// who may give roles), and an activation link by mail.
import { $, el, say, markInvalid, busy } from "../lib/dom.js";
import { t, roleName } from "../lib/i18n.js";
import { api, authed } from "../lib/api.js";
import { sayProblem } from "../lib/problem.js";
import { can, names } from "./state.js";
import { search } from "./users.js";

// The roles beyond `user`, for those who may give them.
export function offerRoles() {
  if (!can("roles.manage")) return;
  for (const v of ["admin", "owner"]) $("new-role").append(el("option", { value: v, text: roleName(v) }));
}

export function initCreate() {
  $("create-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const form = e.target, un = $("new-username");
    if (!un.value.trim()) { markInvalid(un, true); say("create-msg", t("js-enter-a-username"), "err"); un.focus(); return; }
    markInvalid(un, false);
    const body = { username: un.value.trim(), role: $("new-role").value, send_activation: $("new-activation").checked };
    if ($("new-email").value.trim()) body.email = $("new-email").value.trim();
    if (body.send_activation && !body.email) { say("create-msg", t("js-activation-needs-email"), "err"); $("new-email").focus(); return; }
    busy(form, true);
    const r = await authed("POST", api("/users"), body);
    busy(form, false);
    if (r.status === 201) {
      say("create-msg", t(body.send_activation ? "js-user-created-activation" : "js-user-created", { username: r.data.username }), "ok");
      form.reset();
      names.set(r.data.id, r.data.username);
      search(null);
    } else sayProblem("create-msg", r);
  });
}
