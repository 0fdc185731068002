// The jobs view (#/jobs): the tenant's reset-or-expire jobs, newest first,
// each with its status and how far it got, linking to its own view; and the
// words every job view shares (its action, its criteria, its status).
import { $, el, clear, say } from "../lib/dom.js";
import { t, word, roleName, statusName, when, LOCALE, NUMBER } from "../lib/i18n.js";
import { api } from "../lib/api.js";
import { sayProblem } from "../lib/problem.js";
import { state, can, request } from "./state.js";
import { addView, hashOf } from "./router.js";
import { cell, columns, badge } from "./ui.js";

const PAGE = 25;
let nextCursor = null;
let seq = 0; // only the newest load may fill the table

export const jobUrl = (id, rest) => api("/password-reset-jobs/" + encodeURIComponent(id) + (rest || ""));

// Who may run a job may follow and stop one.
export const mayRunJobs = () => can("passwords.reset") && can("users.manage");

export const actionName = (a) => word("js-job-action-", a);

// A status as a badge: running and paused want attention, done is good.
const KIND = { running: "warn", paused: "warn", done: "good", cancelled: null, failed: "bad" };
export const statusBadge = (s) => badge(word("js-job-status-", s), KIND[s] || null);

// The criteria in words ("starts with “ann”, role Administrator"), or everyone.
export function filterText(f) {
  if (!f || f.all) return t("js-job-filter-all");
  const parts = [];
  if (f.q) parts.push(t("js-job-filter-q", { q: f.q }));
  if (f.role) parts.push(t("js-job-filter-role", { role: roleName(f.role) }));
  if (f.status) parts.push(t("js-job-filter-status", { status: statusName(f.status) }));
  if (f.source) parts.push(t("js-job-filter-source", { source: word("js-source-", f.source) }));
  if (f.changed_before) {
    const date = new Date(f.changed_before).toLocaleDateString(LOCALE, { dateStyle: "medium" });
    parts.push(t("js-job-filter-changed", { date }));
  }
  return new Intl.ListFormat(LOCALE, { type: "unit", style: "long" }).format(parts);
}

// "120 of 1,234".
export const progressText = (j) => t("js-job-count", { done: NUMBER.format(j.processed), total: NUMBER.format(j.matched) });

function row(j, labels) {
  const started = el("a", { href: hashOf("jobs", j.id), text: when(j.created_at) });
  return el("tr", {},
    cell(labels[0], started), cell(labels[1], actionName(j.action)), cell(labels[2], filterText(j.filter)),
    cell(labels[3], statusBadge(j.status)), cell(labels[4], progressText(j)));
}

async function load(more) {
  const body = $("job-rows");
  if (!more) { clear(body); nextCursor = null; }
  let url = jobUrlBase() + "?limit=" + PAGE;
  if (more && nextCursor) url += "&cursor=" + encodeURIComponent(nextCursor);
  const mine = ++seq;
  const r = await request("GET", url);
  if (mine !== seq || state.ended) return;
  if (r.status !== 200) { sayProblem("jobs-msg", r); return; }
  const labels = columns($("jobs-table"));
  for (const j of r.data.jobs) body.append(row(j, labels));
  nextCursor = r.data.next_cursor || null;
  $("jobs-more").hidden = !nextCursor;
  const none = !body.rows.length;
  $("jobs-none").hidden = !none;
  $("jobs-table").hidden = none;
}

const jobUrlBase = () => api("/password-reset-jobs");

export function initJobs() {
  addView("jobs", {
    section: "view-jobs",
    allowed: mayRunJobs,
    title: () => t("js-view-jobs"),
    show: () => { say("jobs-msg", ""); return load(false); },
  });
  $("jobs-more").addEventListener("click", () => load(true));
}
