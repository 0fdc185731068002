// The users view (#/users): a search by username or email prefix, pages of
// 10 to 100 users with previous and next, and a table sortable by each column
// and narrowed by status, role, two-step sign-in and lock on the page shown.
// Each user links to their own view; a box selects them for a bulk reset, and
// a link takes the whole search to the bulk view's job.
import { $, el, clear, say } from "../lib/dom.js";
import { t, tn, roleName, statusName, when, word, NUMBER } from "../lib/i18n.js";
import { api } from "../lib/api.js";
import { sayProblem } from "../lib/problem.js";
import { state, can, names, request } from "./state.js";
import { addView, hashOf, go } from "./router.js";
import { cell, columns, badge } from "./ui.js";
import { selected, selectionChanged } from "./bulk.js";

const SIZES = ["10", "25", "50", "100"];
const FILTERS = ["status", "role", "mfa", "locked"];
let page = []; // the users of the page loaded
let loaded = null; // what that page was loaded for (search, cursor, size)
let nextCursor = null;
let params = {};
const prevOf = new Map(); // a page's cursor -> the cursor of the page before it
let seq = 0; // only the newest load may fill the table

// The list's address as last shown (the user view links back to it).
export let listHash = "#/users";

export const isLocked = (u) => !!u.locked_until && Date.parse(u.locked_until) > Date.now();

// The list is loaded again when next shown (a user was changed or created).
export function stale() { loaded = null; }

async function show(p) {
  params = p;
  listHash = hashOf("users", "", p);
  const size = SIZES.includes(p.limit) ? p.limit : "50";
  $("q").value = p.q || "";
  for (const f of FILTERS) $("f-" + f).value = p[f] || "";
  $("f-limit").value = size;
  const key = [p.q || "", p.cursor || "", size].join("\n");
  if (key === loaded) { render(); return; }
  clear($("user-rows"));
  let url = api("/users") + "?limit=" + size + "&q=" + encodeURIComponent(p.q || "");
  if (p.cursor) url += "&cursor=" + encodeURIComponent(p.cursor);
  const mine = ++seq;
  const r = await request("GET", url);
  if (mine !== seq || state.ended) return;
  if (r.status !== 200) { page = []; render(); sayProblem("console-msg", r); return; }
  // What the last view asked to be said here (a user deleted), once.
  if (state.notice) { say("console-msg", state.notice, "ok"); state.notice = null; } else say("console-msg", "");
  page = r.data.users;
  loaded = key;
  nextCursor = r.data.next_cursor || null;
  for (const u of page) names.set(u.id, u.username);
  render();
}

const matches = (u) =>
  (!params.status || u.status === params.status) &&
  (!params.role || u.role === params.role) &&
  (!params.mfa || (params.mfa === "on") === !!u.mfa_enabled) &&
  (!params.locked || (params.locked === "yes") === isLocked(u));

// Each column's ascending order: A to Z, user to owner, off to on, not locked
// to locked longest, never signed in to signed in last.
const RANK = { user: 0, admin: 1, owner: 2 };
const time = (s) => (s ? Date.parse(s) : 0);
const lockEnd = (u) => (isLocked(u) ? time(u.locked_until) : 0);
const SORTS = {
  username: (a, b) => a.username.localeCompare(b.username),
  role: (a, b) => RANK[a.role] - RANK[b.role],
  status: (a, b) => statusName(a.status).localeCompare(statusName(b.status)),
  mfa: (a, b) => Number(a.mfa_enabled) - Number(b.mfa_enabled),
  locked: (a, b) => lockEnd(a) - lockEnd(b),
  last: (a, b) => time(a.last_sign_in_at) - time(b.last_sign_in_at),
};

function render() {
  const shown = page.filter(matches);
  const sort = SORTS[params.sort] ? params.sort : null;
  if (sort) {
    shown.sort(SORTS[sort]);
    if (params.dir === "desc") shown.reverse();
  }
  for (const th of $("users-table").querySelectorAll("th[data-sort]")) {
    if (th.dataset.sort === sort) th.setAttribute("aria-sort", params.dir === "desc" ? "descending" : "ascending");
    else th.removeAttribute("aria-sort");
  }
  const body = $("user-rows");
  clear(body);
  const labels = columns($("users-table"));
  for (const u of shown) body.append(row(u, labels));
  const filtered = FILTERS.some((f) => params[f]);
  const n = page.length;
  $("result-count").textContent = n === 0 ? t("js-users-none")
    : filtered ? tn("js-users-filtered", n, { shown: NUMBER.format(shown.length) })
      : params.q ? tn("js-users-matching", n, { q: params.q }) : tn("js-users-shown", n);
  $("prev-page").disabled = !params.cursor;
  $("next-page").disabled = !nextCursor;
  bulkBar();
  jobBar();
}

// "Reset or expire everyone matching this search": the bulk view's job,
// with this search (and its role and status) as its criteria.
function jobBar() {
  $("job-bar").hidden = !(can("passwords.reset") && can("users.manage"));
  $("job-link").href = hashOf("bulk", "", { q: params.q, role: params.role, status: params.status });
}

function badges(u) {
  const out = el("span", { class: "badges" });
  const add = (text, kind) => out.append(badge(text, kind));
  if (u.reported_at) add(t("js-badge-reported"), "bad");
  if (u.must_change_password) add(t("js-badge-must-change"), "warn");
  if (!u.can_change_password) add(t("js-badge-may-not-change"), "warn");
  if (u.source && u.source !== "local") add(t("js-badge-directory", { source: word("js-source-", u.source) }));
  if (!u.email) add(t("js-badge-no-email"), "warn");
  else if (u.email_status && u.email_status !== "deliverable") add(word("js-badge-email-", u.email_status), "bad");
  return out;
}

function row(u, labels) {
  const self = state.me && u.id === state.me.id;
  let pick;
  if (self) pick = el("span", { class: "muted", text: t("js-you") });
  else {
    pick = el("input", { type: "checkbox", "aria-label": t("js-select-user", { username: u.username }) });
    pick.checked = selected.has(u.id);
    pick.disabled = !can("passwords.reset");
    pick.addEventListener("change", () => {
      if (pick.checked) selected.set(u.id, u.username); else selected.delete(u.id);
      tr.classList.toggle("selected", pick.checked);
      selectionChanged();
      bulkBar();
    });
  }
  const who = el("div", { class: "who" },
    el("a", { href: hashOf("users", u.id), class: "user-link" }, el("strong", { text: u.username })),
    el("span", { class: "meta", text: u.email || t("js-no-email") }), badges(u));
  const status = badge(statusName(u.status), u.status === "active" ? "good" : u.status === "disabled" ? "bad" : "warn");
  const locked = isLocked(u) ? badge(t("js-locked-until", { time: when(u.locked_until) }), "bad") : t("js-no");
  const tr = el("tr", { class: selected.has(u.id) ? "selected" : null },
    cell(labels[0], pick, "sel"), cell(labels[1], who), cell(labels[2], roleName(u.role)), cell(labels[3], status),
    cell(labels[4], u.mfa_enabled ? t("js-on") : t("js-off")), cell(labels[5], locked),
    cell(labels[6], u.last_sign_in_at ? when(u.last_sign_in_at) : t("js-never")));
  return tr;
}

// "3 selected: review and send" under the list, while any are selected.
function bulkBar() {
  const n = selected.size;
  $("bulk-bar").hidden = !(n && can("passwords.reset"));
  $("bulk-link").textContent = tn("js-bulk-selected", n);
}

function search(e) {
  e.preventDefault();
  const p = { q: $("q").value.trim(), limit: $("f-limit").value, sort: params.sort, dir: params.dir };
  for (const f of FILTERS) p[f] = $("f-" + f).value;
  go(hashOf("users", "", p));
}

function sortBy(key) {
  const dir = params.sort === key && params.dir !== "desc" ? "desc" : "asc";
  go(hashOf("users", "", Object.assign({}, params, { sort: key, dir })), true);
}

export function initUsers() {
  addView("users", {
    section: "view-users",
    allowed: () => can("users.read"),
    title: () => t("js-view-users"),
    show,
  });
  $("search").addEventListener("submit", search);
  // A filter applies when chosen; the search text when submitted.
  for (const f of FILTERS.concat(["limit"])) $("f-" + f).addEventListener("change", () => $("search").requestSubmit());
  for (const th of $("users-table").querySelectorAll("th[data-sort]")) {
    th.querySelector("button").addEventListener("click", () => sortBy(th.dataset.sort));
  }
  $("next-page").addEventListener("click", () => {
    if (!nextCursor) return;
    prevOf.set(nextCursor, params.cursor || "");
    go(hashOf("users", "", Object.assign({}, params, { cursor: nextCursor })));
  });
  $("prev-page").addEventListener("click", () => {
    // The page before, as it was reached; after a reload, the first page.
    go(hashOf("users", "", Object.assign({}, params, { cursor: prevOf.get(params.cursor) || "" })));
  });
}
