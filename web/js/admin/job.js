// A job's own view (#/jobs/{id}), so a reload or a bookmark finds it again:
// a progress bar (users done of those matched), mail sent, users skipped by
// reason, the time left, and Pause, Resume or Cancel as its status allows.
// While it runs, the view asks for it every 1.5 s; it stops when the job
// stops or the view is left. A page of users the job was working on when it
// was paused or cancelled is still counted when it ends (up to about 10 s at
// a low mail rate), so the view follows a stopped job for 15 s more.
import { $, el, clear, say } from "../lib/dom.js";
import { t, word, when, LOCALE, NUMBER } from "../lib/i18n.js";
import { spanText } from "../lib/lockout.js";
import { sayProblem } from "../lib/problem.js";
import { state, names, mfaRefused, request } from "./state.js";
import { addView } from "./router.js";
import { confirmAction } from "./ui.js";
import { jobUrl, mayRunJobs, actionName, statusBadge, filterText, progressText } from "./jobs.js";

const POLL_MS = 1500;
const SETTLE_MS = 15000;
const PERCENT = new Intl.NumberFormat(LOCALE, { style: "percent", maximumFractionDigits: 0 });

let shown = null; // the id of the job shown
let job = null; // as last read
let timer = 0;
let followUntil = 0; // a stopped job is still read until then

function stop() {
  clearTimeout(timer);
  timer = 0;
}

function schedule() {
  stop();
  timer = setTimeout(poll, POLL_MS);
}

// The time left in words: minutes once it is over an hour.
function eta(seconds) {
  if (typeof seconds !== "number") return t("js-job-eta-unknown");
  return spanText(seconds >= 3600 ? Math.round(seconds / 60) * 60 : seconds);
}

function render(j) {
  const first = !job || job.id !== j.id;
  const was = job && job.id === j.id ? job.status : null;
  job = j;
  $("job-h").textContent = actionName(j.action);
  const bar = $("job-progress");
  bar.max = Math.max(j.matched, 1);
  bar.value = j.matched ? Math.min(j.processed, j.matched) : (j.status === "done" ? 1 : 0);
  const share = j.matched ? Math.min(j.processed / j.matched, 1) : (j.status === "done" ? 1 : 0);
  $("job-progress-text").textContent = t("js-job-progress", { count: progressText(j), percent: PERCENT.format(share) })
    + (j.matched_exact === false ? " " + t("js-job-floor") : "");
  // The live region speaks when the status changes, not at every reading.
  if (first || was !== j.status) {
    $("job-state").textContent = word("js-job-state-", j.status) + (j.failure ? " " + word("js-job-failure-", j.failure) : "");
  }
  const status = $("jf-status");
  clear(status);
  status.append(statusBadge(j.status));
  $("jf-sent").textContent = NUMBER.format(j.sent);
  const skipped = $("jf-skipped");
  clear(skipped);
  const reasons = Object.entries(j.skipped || {}).filter(([, n]) => n > 0);
  if (reasons.length) {
    skipped.append(el("ul", { class: "skips" }, ...reasons.map(([code, n]) =>
      el("li", { text: t("js-job-skip-line", { reason: word("js-skip-", code), count: NUMBER.format(n) }) }))));
  } else skipped.textContent = t("js-none");
  $("jf-eta").textContent = j.status === "running" ? eta(j.eta_seconds) : t("js-job-eta-none");
  $("jf-action").textContent = actionName(j.action) + (j.reset_mfa ? " " + t("js-job-with-mfa") : "");
  $("jf-filter").textContent = filterText(j.filter);
  $("jf-reason").textContent = j.reason;
  $("jf-by").textContent = state.me && j.created_by === state.me.id ? t("js-you") : names.get(j.created_by) || j.created_by;
  $("jf-started").textContent = when(j.created_at);
  $("jf-updated").textContent = when(j.updated_at);
  $("job-pause").hidden = j.status !== "running";
  $("job-resume").hidden = j.status !== "paused";
  $("job-cancel").hidden = !(j.status === "running" || j.status === "paused");
  $("job-body").hidden = false;
}

// Reads the job again while it runs, and for a while after it stopped.
function follow(j) {
  if (j.status === "running") followUntil = Date.now() + SETTLE_MS;
  if (j.status === "running" || Date.now() < followUntil) schedule(); else stop();
}

async function poll() {
  const id = shown;
  if (!id || state.ended) return;
  const r = await request("GET", jobUrl(id));
  if (id !== shown || state.ended) return;
  if (r.status === 200) { render(r.data); follow(r.data); return; }
  sayProblem("job-view-msg", r);
  // Not reachable for a moment (a network hiccup): try again.
  if (r.status === 0 || r.status >= 500) schedule();
}

async function show(params, id) {
  stop();
  shown = id;
  job = null;
  followUntil = 0;
  $("job-body").hidden = true;
  $("job-h").textContent = t("js-view-job");
  // What the bulk view asked to be said here (the job started), once.
  if (state.notice) { say("job-view-msg", state.notice, "ok"); state.notice = null; } else say("job-view-msg", "");
  const r = await request("GET", jobUrl(id));
  if (id !== shown || state.ended) return;
  if (r.status !== 200) { sayProblem("job-view-msg", r); return; }
  render(r.data);
  follow(r.data);
}

// Pause, resume or cancel: the answer is the job now.
async function change(step, done) {
  const id = shown;
  if (!id) return;
  const buttons = ["job-pause", "job-resume", "job-cancel"].map($);
  for (const b of buttons) b.disabled = true;
  const r = await request("POST", jobUrl(id, "/" + step));
  if (id !== shown || state.ended) return;
  for (const b of buttons) b.disabled = false;
  if (r.status !== 200) {
    mfaRefused(r);
    sayProblem("job-view-msg", r);
    // The job moved on meanwhile (it ended): show it as it is.
    poll();
    return;
  }
  say("job-view-msg", t(done), "ok");
  render(r.data);
  follow(r.data);
  // The focus stays on the controls (the button pressed may have gone).
  const next = buttons.find((b) => !b.hidden);
  (next || $("job-h")).focus();
}

async function cancel() {
  const yes = await confirmAction({
    title: t("js-job-cancel-title"),
    text: t("js-job-cancel-text", { count: job ? NUMBER.format(Math.max(job.matched - job.processed, 0)) : "" }),
    ok: t("js-job-cancel-ok"),
  });
  if (yes) await change("cancel", "js-job-cancelled");
}

export function initJob() {
  addView("job", {
    section: "view-job",
    allowed: mayRunJobs,
    title: () => t("js-view-job"),
    show,
    leave: () => { stop(); shown = null; },
  });
  $("job-pause").addEventListener("click", () => change("pause", "js-job-paused"));
  $("job-resume").addEventListener("click", () => change("resume", "js-job-resumed"));
  $("job-cancel").addEventListener("click", cancel);
}
