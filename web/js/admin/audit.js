// The audit view (#/audit): the tenant's log, newest first, one sentence per
// event (audit-words.js), filtered by user, type, outcome and dates (the
// filters are the address's query, so back and forward work), with pages both
// ways and an export of everything the filters match as CSV.
import { $, el, clear, say } from "../lib/dom.js";
import { t, tn, when } from "../lib/i18n.js";
import { api, tenant, session } from "../lib/api.js";
import { sayProblem } from "../lib/problem.js";
import { state, can, names, request, ended } from "./state.js";
import { addView, hashOf, go } from "./router.js";
import { showFieldErrors, clearFieldErrors, badge } from "./ui.js";
import { TYPES, OUTCOMES, typeName, outcomeName, sentence, detailLines, technical, party } from "./audit-words.js";

const PAGE = 25;
let params = {};
let nextCursor = null;
const prevOf = new Map(); // a page's cursor -> the cursor of the page before it
let seq = 0;
const unresolved = new Set(); // ids looked up once, not found (deleted)

// A day of the date inputs (the reader's own calendar) as an instant.
const dayStart = (d) => new Date(d + "T00:00:00").toISOString();
const dayAfter = (d) => { const x = new Date(d + "T00:00:00"); x.setDate(x.getDate() + 1); return x.toISOString(); };

// The API's query for the filters in the address.
function query(p) {
  const q = new URLSearchParams();
  if (p.user) q.set("user_id", p.user);
  if (p.type) q.set("type", p.type);
  if (p.outcome) q.set("outcome", p.outcome);
  if (p.from) q.set("from", dayStart(p.from));
  if (p.to) q.set("to", dayAfter(p.to));
  return q;
}

async function show(p) {
  params = p;
  // Naming a user needs the list of users to find them in.
  $("a-user").closest("div").hidden = !can("users.read");
  $("a-user").value = p.user ? (names.get(p.user) || "") : "";
  $("a-type").value = p.type || "";
  $("a-outcome").value = p.outcome || "";
  $("a-from").value = p.from || "";
  $("a-to").value = p.to || "";
  clearFieldErrors($("audit-filters"));
  const q = query(p);
  q.set("limit", String(PAGE));
  if (p.cursor) q.set("cursor", p.cursor);
  const mine = ++seq;
  const r = await request("GET", api("/audit-events") + "?" + q.toString());
  if (mine !== seq || state.ended) return;
  const list = $("audit-list");
  clear(list);
  if (r.status !== 200) { sayProblem("audit-msg", r); return; }
  const events = r.data.events;
  await resolveNames(events);
  if (mine !== seq || state.ended) return;
  if (p.user && !$("a-user").value) $("a-user").value = party(p.user);
  for (const ev of events) list.append(item(ev));
  nextCursor = r.data.next_cursor || null;
  $("audit-older").disabled = !nextCursor;
  $("audit-newer").disabled = !p.cursor;
  say("audit-msg", events.length ? "" : t(Object.keys(p).some((k) => k !== "cursor" && p[k]) ? "js-audit-none-match" : "js-audit-empty"), "info");
}

// The names of accounts an event names but the server did not (events from
// before it wrote names), from the accounts themselves, when this person may
// read them; a deleted account stays "an account" (its id on demand).
async function resolveNames(events) {
  if (!can("users.read")) return;
  const ids = new Set();
  for (const ev of events) {
    if (!ev.actor_name && /^u_/.test(ev.actor) && !names.has(ev.actor)) ids.add(ev.actor);
    if (ev.target && !ev.target_name && /^u_/.test(ev.target) && !names.has(ev.target)) ids.add(ev.target);
  }
  await Promise.all(Array.from(ids).filter((id) => !unresolved.has(id)).slice(0, 30).map(async (id) => {
    const r = await request("GET", api("/users/" + encodeURIComponent(id)));
    if (r.status === 200) names.set(id, r.data.username); else unresolved.add(id);
  }));
}

function item(ev) {
  const ok = ev.outcome === "success" || ev.outcome === "sent";
  const bad = ["failure", "refused", "locked", "throttled", "undeliverable"].includes(ev.outcome);
  const lines = detailLines(ev);
  const tech = el("dl", { class: "tech", hidden: true });
  for (const [k, v] of technical(ev)) tech.append(el("div", {}, el("dt", { text: k }), el("dd", {}, el("code", { text: v }))));
  const toggle = el("button", { type: "button", class: "link", "aria-expanded": "false", text: t("js-audit-show-codes") });
  toggle.addEventListener("click", () => {
    const open = tech.hidden;
    tech.hidden = !open;
    toggle.setAttribute("aria-expanded", String(open));
    toggle.textContent = t(open ? "js-audit-hide-codes" : "js-audit-show-codes");
  });
  return el("li", { class: "event" },
    el("p", { class: "when" }, el("time", { datetime: ev.at, text: when(ev.at) })),
    el("div", { class: "what" },
      el("p", { class: "sentence" }, el("span", { text: sentence(ev) }), " ", badge(outcomeName(ev.outcome), ok ? "good" : bad ? "bad" : "")),
      lines.length ? el("ul", { class: "lines" }, ...lines.map((l) => el("li", { text: l }))) : null,
      toggle, tech));
}

// The filters as typed, into the address: a username is looked up to its
// account (the log is filtered by id).
async function apply(e) {
  e.preventDefault();
  const form = $("audit-filters");
  clearFieldErrors(form);
  const p = { type: $("a-type").value, outcome: $("a-outcome").value, from: $("a-from").value, to: $("a-to").value };
  const typed = $("a-user").value.trim();
  if (typed) {
    const id = await userId(typed);
    if (state.ended) return;
    if (!id) {
      showFieldErrors(form, "audit-msg", { status: 400, data: { code: "invalid_request", errors: [{ field: "user", code: "no_such_user" }] } });
      return;
    }
    p.user = id;
  }
  if (p.from && p.to && p.from > p.to) {
    showFieldErrors(form, "audit-msg", { status: 400, data: { code: "invalid_request", errors: [{ field: "to", code: "before_from" }] } });
    return;
  }
  go(hashOf("audit", "", p));
}

// The account with exactly this username (any case), from the list's search.
async function userId(username) {
  if (params.user && party(params.user) === username) return params.user;
  const r = await request("GET", api("/users") + "?limit=100&q=" + encodeURIComponent(username));
  if (r.status !== 200) return null;
  const u = r.data.users.find((x) => x.username.toLowerCase() === username.toLowerCase());
  if (u) names.set(u.id, u.username);
  return u ? u.id : null;
}

// Every event the filters match, as one CSV file (the API's pages of 100,
// their header once), downloaded from this tab's memory.
async function exportCsv() {
  const button = $("audit-csv");
  button.disabled = true;
  say("audit-msg", t("js-audit-exporting"), "info");
  const q = query(params);
  q.set("format", "csv");
  q.set("limit", "100");
  let text = "", rows = 0, cursor = "";
  for (let i = 0; i < 100; i++) {
    if (cursor) q.set("cursor", cursor);
    let res = null;
    try {
      res = await fetch(api("/audit-events") + "?" + q.toString(), { headers: { Accept: "text/csv", Authorization: "Bearer " + session.get() }, cache: "no-store", credentials: "omit" });
    } catch (_) { res = null; }
    if (!res || res.status !== 200) {
      button.disabled = false;
      if (res && res.status === 401) { ended(); return; }
      let data = null;
      if (res) { try { data = await res.json(); } catch (_) { data = null; } }
      sayProblem("audit-msg", { status: res ? res.status : 0, data });
      return;
    }
    const body = await res.text();
    const lines = body.split("\r\n").filter((l) => l !== "");
    text += (text ? lines.slice(1) : lines).join("\r\n") + "\r\n";
    rows += Math.max(lines.length - 1, 0);
    cursor = res.headers.get("x-next-cursor") || "";
    if (!cursor) break;
  }
  button.disabled = false;
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
  const a = el("a", { href: url, download: "audit-" + tenant + "-" + new Date().toISOString().slice(0, 10) + ".csv", hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
  say("audit-msg", tn("js-audit-exported", rows), "ok");
}

export function initAudit() {
  addView("audit", {
    section: "view-audit",
    allowed: () => can("audit.read"),
    title: () => t("js-view-audit"),
    show,
  });
  for (const type of TYPES) $("a-type").append(el("option", { value: type, text: typeName(type) }));
  for (const o of OUTCOMES) $("a-outcome").append(el("option", { value: o, text: outcomeName(o) }));
  $("audit-filters").addEventListener("submit", apply);
  $("audit-clear").addEventListener("click", () => go(hashOf("audit")));
  $("audit-csv").addEventListener("click", exportCsv);
  $("audit-older").addEventListener("click", () => {
    if (!nextCursor) return;
    prevOf.set(nextCursor, params.cursor || "");
    go(hashOf("audit", "", Object.assign({}, params, { cursor: nextCursor })));
  });
  $("audit-newer").addEventListener("click", () => {
    go(hashOf("audit", "", Object.assign({}, params, { cursor: prevOf.get(params.cursor) || "" })));
  });
}
