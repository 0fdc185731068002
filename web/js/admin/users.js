// The console's list of users: a search by prefix, pages of 20, each user with
// its badges, a box to select it for a bulk reset and a button to manage it.
import { $, el, clear, say } from "../lib/dom.js";
import { t, tn, word, roleName, statusName } from "../lib/i18n.js";
import { api, authed } from "../lib/api.js";
import { sayProblem } from "../lib/problem.js";
import { names } from "./state.js";
import { selected, updateBulk } from "./bulk.js";

let cursors = [];
let searchSeq = 0; // only the newest search may fill the list
let openUser = () => {};

export async function search(cursor) {
  const q = $("q").value.trim();
  let url = api("/users") + "?limit=20&q=" + encodeURIComponent(q);
  if (cursor) url += "&cursor=" + encodeURIComponent(cursor);
  const seq = ++searchSeq;
  const r = await authed("GET", url);
  if (seq !== searchSeq) return;
  if (r.status !== 200) { sayProblem("console-msg", r); return; }
  say("console-msg", "");
  const list = $("user-list");
  clear(list);
  for (const u of r.data.users) {
    names.set(u.id, u.username);
    list.append(userRow(u));
  }
  const n = r.data.users.length;
  $("result-count").textContent = n === 0 ? t("js-users-none") : q ? tn("js-users-matching", n, { q }) : tn("js-users-shown", n);
  $("next-page").hidden = !r.data.next_cursor;
  $("next-page").dataset.cursor = r.data.next_cursor || "";
  $("first-page").hidden = !cursor;
  updateBulk();
}

// The page of the list shown now, again (after a change to one of its users).
export const refresh = () => search(cursors[cursors.length - 1] || null);

function badges(u) {
  const b = [];
  const add = (text, cls) => b.push(el("span", { class: "badge" + (cls ? " " + cls : ""), text }));
  add(statusName(u.status), u.status === "active" ? "good" : u.status === "disabled" ? "bad" : "warn");
  if (u.mfa_enabled) add(t("js-badge-mfa"), "good");
  if (u.must_change_password) add(t("js-badge-must-change"), "warn");
  if (!u.can_change_password) add(t("js-badge-may-not-change"), "warn");
  if (u.source && u.source !== "local") add(t("js-badge-directory", { source: word("js-source-", u.source) }));
  if (!u.email) add(t("js-badge-no-email"), "warn");
  else if (u.email_status && u.email_status !== "deliverable") add(word("js-badge-email-", u.email_status), "bad");
  return b;
}

function userRow(u) {
  const id = "sel-" + u.id;
  const box = el("input", { type: "checkbox", id, "aria-describedby": "meta-" + u.id });
  box.checked = selected.has(u.id);
  const li = el("li", { class: box.checked ? "selected" : "" });
  box.addEventListener("change", () => {
    if (box.checked) selected.set(u.id, u.username); else selected.delete(u.id);
    li.className = box.checked ? "selected" : "";
    updateBulk();
  });
  const who = el("div", { class: "who" },
    el("label", { class: "check", for: id }, box, el("span", {}, el("strong", { text: u.username }),
      el("span", { class: "meta", id: "meta-" + u.id, text: (u.email || t("js-no-email")) + " · " + roleName(u.role) }))),
    el("div", {}, ...badges(u)));
  const manage = el("button", { type: "button", class: "secondary small", text: t("js-manage") });
  manage.setAttribute("aria-label", t("js-manage-user", { username: u.username }));
  manage.addEventListener("click", () => openUser(u.id));
  li.append(who, manage);
  return li;
}

// `open(id)` shows one user (the detail view).
export function initUsers(open) {
  openUser = open;
  $("search").addEventListener("submit", (e) => { e.preventDefault(); cursors = []; search(null); });
  $("next-page").addEventListener("click", () => { const c = $("next-page").dataset.cursor; cursors.push(c); search(c); });
  $("first-page").addEventListener("click", () => { cursors = []; search(null); });
}
