// The bulk view's job: everyone matching a search (or everyone), sent a link,
// expired, or both, as a job the server runs in the background. A dry run
// comes first and says how many match, with some of their names; then a
// confirmation names that number, and only its button starts the job. Any
// change to the form after the dry run asks for a new one, so the number the
// confirmation names is the one of the criteria sent.
import { $, el, clear, say, markInvalid } from "../lib/dom.js";
import { t, tn, NUMBER } from "../lib/i18n.js";
import { api } from "../lib/api.js";
import { sayProblem } from "../lib/problem.js";
import { state, can, names, mfaRefused, request } from "./state.js";
import { go, hashOf } from "./router.js";
import { confirmAction } from "./ui.js";

// The confirmation's words by action: a counted question, what happens, its button.
const ASK = {
  send_link: { title: "js-job-confirm-send", text: "js-job-confirm-text-send", ok: "js-job-ok-send" },
  expire: { title: "js-job-confirm-expire", text: "js-job-confirm-text-expire", ok: "js-job-ok-expire" },
  expire_and_send: { title: "js-job-confirm-both", text: "js-job-confirm-text-both", ok: "js-job-ok-both" },
};
const CRITERIA = ["q", "role", "status", "source"];

let dry = null; // the dry run's answer and the request it was for

const form = () => $("job-form");
const action = () => form().querySelector("input[name=job-action]:checked").value;
const everyone = () => $("job-scope-all").checked;
// A link (and so a reset of two-step sign-in riding on it) goes with these actions only.
const sends = (a) => a === "send_link" || a === "expire_and_send";

// The criteria as the API takes them; a date is the start of that day, here.
function filter() {
  if (everyone()) return { all: true };
  const f = {};
  for (const c of CRITERIA) {
    const v = $("job-" + c).value.trim();
    if (v) f[c] = v;
  }
  const day = $("job-changed").value;
  if (day) f.changed_before = new Date(day + "T00:00:00").toISOString();
  return f;
}

function body(dryRun) {
  const b = { filter: filter(), action: action(), dry_run: dryRun };
  if (!$("job-reset-mfa-row").hidden && $("job-reset-mfa").checked) b.reset_mfa = true;
  const reason = $("job-reason").value.trim();
  if (reason) b.reason = reason;
  return b;
}

// The form as chosen: the criteria only for a search, the reset of two-step
// sign-in only with a link; and any earlier dry run no longer holds (the
// reason aside: it changes nothing of who or what).
function changed(e) {
  if (e && e.target === $("job-reason")) return;
  const all = everyone();
  for (const c of CRITERIA.concat(["changed"])) $("job-" + c).disabled = all;
  const mfa = can("mfa.reset") && sends(action());
  $("job-reset-mfa-row").hidden = !mfa;
  if (!mfa) $("job-reset-mfa").checked = false;
  dry = null;
  $("job-dry").hidden = true;
}

// The bulk view is shown: the job is offered to who may run one, with the
// search it was reached from (#/bulk?q=…&role=…&status=…) as its criteria.
export function showJobStart(params) {
  const ok = can("passwords.reset") && can("users.manage");
  $("job-start").hidden = !ok;
  if (!ok) return;
  if (params && (params.q || params.role || params.status)) {
    $("job-scope-search").checked = true;
    $("job-q").value = params.q || "";
    $("job-role").value = params.role || "";
    $("job-status").value = params.status || "";
    $("job-source").value = "";
    $("job-changed").value = "";
  }
  say("job-msg", "");
  changed();
}

async function dryRun(e) {
  e.preventDefault();
  const reason = $("job-reason");
  markInvalid(reason, false);
  markInvalid($("job-q"), false);
  const b = body(true);
  // Asked here only to say it at the field: the server refuses both too.
  if (!everyone() && !Object.keys(b.filter).length) {
    markInvalid($("job-q"), true);
    say("job-msg", t("js-job-criteria-needed"), "err");
    $("job-q").focus();
    return;
  }
  if (!b.reason) {
    markInvalid(reason, true);
    say("job-msg", t("js-job-reason-needed"), "err");
    reason.focus();
    return;
  }
  say("job-msg", "");
  const submit = form().querySelector("button[type=submit]");
  submit.disabled = true;
  const r = await request("POST", api("/password-reset-jobs"), b);
  if (state.ended) return;
  submit.disabled = false;
  if (r.status !== 200) { mfaRefused(r); sayProblem("job-msg", r); return; }
  showDryRun(r.data, b);
}

function showDryRun(data, b) {
  const n = data.matched;
  dry = { matched: n, body: Object.assign({}, b, { dry_run: false, reason: undefined }) };
  const sample = data.sample || [];
  for (const u of sample) names.set(u.id, u.username);
  $("job-count").textContent = n === 0 ? t("js-job-none")
    : tn("js-job-matched", n) + (data.matched_exact === false ? " " + t("js-job-floor") : "")
      + (sample.length < n ? " " + t("js-job-sample", { shown: NUMBER.format(sample.length) }) : "");
  const list = $("job-sample");
  clear(list);
  for (const u of sample) list.append(el("li", { text: u.email ? u.username + " · " + u.email : u.username }));
  list.hidden = !sample.length;
  $("job-go").hidden = n === 0;
  $("job-dry").hidden = false;
  $("job-count").setAttribute("tabindex", "-1");
  $("job-count").focus();
}

async function start() {
  if (!dry) return;
  const reason = $("job-reason");
  const b = Object.assign({}, dry.body, { reason: reason.value.trim() });
  if (!b.reason) {
    markInvalid(reason, true);
    say("job-msg", t("js-job-reason-needed"), "err");
    reason.focus();
    return;
  }
  const matched = dry.matched;
  const words = ASK[b.action];
  const yes = await confirmAction({
    title: tn(words.title, matched),
    text: t(words.text) + (b.reset_mfa ? " " + t("js-job-confirm-mfa") : "") + " " + t("js-job-confirm-reason", { reason: b.reason }),
    ok: t(words.ok),
  });
  if (!yes || !dry) return;
  $("job-go").disabled = true;
  const r = await request("POST", api("/password-reset-jobs"), b);
  if (state.ended) return;
  $("job-go").disabled = false;
  if (r.status !== 202) { mfaRefused(r); sayProblem("job-msg", r); return; }
  dry = null;
  $("job-dry").hidden = true;
  $("job-reason").value = "";
  state.notice = tn("js-job-started", r.data.matched);
  go(hashOf("jobs", r.data.job_id));
}

export function initJobStart() {
  form().addEventListener("submit", dryRun);
  form().addEventListener("input", changed);
  form().addEventListener("change", changed);
  $("job-go").addEventListener("click", start);
}
