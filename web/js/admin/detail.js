// The user view (#/users/{id}): who the account is, whether it is locked or
// reported, where it is signed in, and (actions.js) what this person may do
// to it. What is offered follows the server's capabilities; the signed-in
// person's own account is changed on their account page, never here.
import { $, el, clear, say } from "../lib/dom.js";
import { t, tn, word, when, roleName, statusName } from "../lib/i18n.js";
import { api } from "../lib/api.js";
import { languageName } from "../lib/page.js";
import { sayProblem } from "../lib/problem.js";
import { state, can, mayActOn, names, request } from "./state.js";
import { addView, hashOf, setTitle } from "./router.js";
import { cell, columns } from "./ui.js";
import { isLocked, listHash, stale } from "./users.js";
import { fillActions } from "./actions.js";

export const current = { user: null };
let seq = 0;

const userUrl = (id, rest) => api("/users/" + encodeURIComponent(id) + (rest || ""));

async function show(_params, id) {
  const mine = ++seq;
  $("back-to-users").href = listHash;
  if (!current.user || current.user.id !== id) {
    current.user = null;
    clear($("detail-facts"));
    $("detail-h").textContent = names.get(id) || "";
    say("detail-msg", "");
  }
  $("detail-body").hidden = true;
  const r = await request("GET", userUrl(id));
  if (mine !== seq || state.ended) return;
  if (r.status !== 200) {
    $("detail-h").textContent = t("js-user-missing");
    $("detail-self").hidden = true;
    sayProblem("detail-msg", r);
    return;
  }
  showUser(r.data);
}

// The account as the server answered, everywhere in the view.
export function showUser(u) {
  current.user = u;
  names.set(u.id, u.username);
  setTitle(u.username);
  $("detail-h").textContent = u.username;
  const self = u.id === state.me.id;
  $("detail-self").hidden = !self;
  $("detail-body").hidden = false;
  facts(u);
  lock(u, self);
  reported(u);
  $("detail-audit").hidden = !can("audit.read");
  $("detail-audit").href = hashOf("audit", "", { user: u.id });
  fillActions(u, self);
  loadSessions(u, self);
}

function facts(u) {
  const email = !u.email ? t("js-none")
    : u.email_status && u.email_status !== "deliverable" ? t("js-email-with-status", { email: u.email, status: word("js-email-", u.email_status) })
      : u.email;
  const rows = [[t("js-fact-email"), email],
    [t("js-fact-role"), roleName(u.role)], [t("js-fact-status"), statusName(u.status)],
    [t("js-fact-mfa"), u.mfa_enabled ? t("js-on") : t("js-off")],
    [t("js-fact-last-sign-in"), u.last_sign_in_at ? when(u.last_sign_in_at) : t("js-never")],
    [t("js-fact-password-changed"), when(u.password_changed_at)],
    [t("js-fact-must-change"), u.must_change_password ? word("js-must-change-", u.must_change_reason || "admin_requested") : t("js-no")],
    [t("js-fact-source"), word("js-source-", u.source)],
    [t("js-fact-language"), u.locale ? languageName(u.locale) : t("js-language-default")],
    [t("js-fact-created"), when(u.created_at)]];
  if (u.role === "admin") {
    const perms = (u.permissions || []).map((p) => word("js-permission-", String(p).replace(/\./g, "_")));
    rows.splice(2, 0, [t("js-fact-permissions"), perms.join(", ") || t("js-none")]);
  }
  const list = $("detail-facts");
  clear(list);
  for (const [k, v] of rows) list.append(el("div", {}, el("dt", { text: k }), el("dd", { text: v })));
}

// The account-wide lock (after too many failed sign-ins from anywhere), and
// the way to lift it for those who manage users.
function lock(u, self) {
  const locked = isLocked(u);
  $("lock-box").hidden = !locked;
  if (!locked) return;
  $("lock-text").textContent = t("js-lock-text", { time: when(u.locked_until) });
  $("unlock").hidden = !(can("users.manage") && mayActOn(u) && !self);
}

function reported(u) {
  $("reported-box").hidden = !u.reported_at;
  if (u.reported_at) $("reported-text").textContent = t("js-reported-text", { time: when(u.reported_at) });
}

async function loadSessions(u, self) {
  const box = $("sessions-box");
  box.hidden = !can("users.read");
  if (box.hidden) return;
  const r = await request("GET", userUrl(u.id, "/sessions"));
  if (state.ended || !current.user || current.user.id !== u.id) return;
  const rows = $("session-rows");
  clear(rows);
  if (r.status !== 200) { $("sessions-table").hidden = true; $("sessions-count").textContent = ""; sayProblem("detail-msg", r); return; }
  const list = r.data.sessions;
  const labels = columns($("sessions-table"));
  for (const s of list) {
    rows.append(el("tr", {}, cell(labels[0], s.user_agent || t("js-device-unknown")), cell(labels[1], s.ip || t("js-none")),
      cell(labels[2], when(s.created_at)), cell(labels[3], when(s.last_used_at))));
  }
  $("sessions-table").hidden = list.length === 0;
  $("sessions-count").textContent = list.length ? tn("js-sessions-count", list.length) : t("js-sessions-none");
  $("sign-out-all").hidden = !(list.length && can("users.manage") && mayActOn(u) && !self);
}

// The user again from the server (after a change), and the list later.
export async function reload() {
  stale();
  if (!current.user) return;
  const r = await request("GET", userUrl(current.user.id));
  if (r.status === 200 && !state.ended) showUser(r.data);
}

export function initDetail() {
  addView("user", {
    section: "view-user",
    allowed: () => can("users.read"),
    title: () => t("js-view-user"),
    show,
  });
  $("unlock").addEventListener("click", async () => {
    const u = current.user;
    $("unlock").disabled = true;
    const r = await request("DELETE", userUrl(u.id, "/lock"));
    if (state.ended) return;
    $("unlock").disabled = false;
    if (r.status === 204) { await reload(); say("detail-msg", t("js-unlocked", { username: u.username }), "ok"); $("detail-h").focus(); }
    else sayProblem("detail-msg", r);
  });
  $("sign-out-all").addEventListener("click", async () => {
    const u = current.user;
    $("sign-out-all").disabled = true;
    const r = await request("DELETE", userUrl(u.id, "/sessions"));
    if (state.ended) return;
    $("sign-out-all").disabled = false;
    if (r.status === 204) { say("detail-msg", t("js-signed-out-everywhere", { username: u.username }), "ok"); loadSessions(u, false); $("sessions-h").setAttribute("tabindex", "-1"); $("sessions-h").focus(); }
    else sayProblem("detail-msg", r);
  });
}

export { userUrl };
