// The compliance view (#/compliance): the tenant's profile, what it fixes
// (each floor, the value now and whether it holds), every requirement with
// its status and why, a printable page of all that, and (for owners)
// applying a profile once a confirmation has listed what it would change.
// The report's titles and reasons are the server's (English, like the
// standards they quote); statuses and the rest are in the page's words.
import { $, el, clear, say, busy } from "../lib/dom.js";
import { t, NUMBER, when } from "../lib/i18n.js";
import { api } from "../lib/api.js";
import { sayProblem } from "../lib/problem.js";
import { state, can, request } from "./state.js";
import { addView } from "./router.js";
import { cell, columns, badge, confirmAction, showFieldErrors, clearFieldErrors } from "./ui.js";
import { profileName, settingName, settingValue } from "./settings.js";

let seq = 0;
const STATUS = { met: "js-req-met", not_met: "js-req-not-met", not_applicable: "js-req-not-applicable" };

// What a floor asks for, in words and the form's units.
function required(f) {
  if (typeof f.min === "number") return t("js-floor-min", { value: settingValue(f.setting, f.min) });
  if (typeof f.max === "number") return t("js-floor-max", { value: settingValue(f.setting, f.max) });
  return t("js-floor-is", { value: settingValue(f.setting, f.expected) });
}

const report = (profile) => request("GET", api("/compliance") + (profile ? "?profile=" + encodeURIComponent(profile) : ""));

async function show() {
  const mine = ++seq;
  say("compliance-msg", "");
  const r = await report();
  if (mine !== seq || state.ended) return;
  if (r.status !== 200) { sayProblem("compliance-msg", r); return; }
  const d = r.data;
  const facts = $("compliance-facts");
  clear(facts);
  const rows = [[t("js-compliance-profile"), profileName(d.profile)],
    [t("js-compliance-summary"), t("js-compliance-counts", { met: NUMBER.format(d.summary.met), not_met: NUMBER.format(d.summary.not_met), not_applicable: NUMBER.format(d.summary.not_applicable) })],
    [t("js-compliance-as-of"), when(new Date().toISOString())]];
  for (const [k, v] of rows) facts.append(el("div", {}, el("dt", { text: k }), el("dd", { text: v })));
  const floors = $("floor-rows");
  clear(floors);
  let labels = columns($("floors-table"));
  for (const f of d.floors) {
    floors.append(el("tr", {}, cell(labels[0], settingName(f.setting)), cell(labels[1], required(f)),
      cell(labels[2], settingValue(f.setting, f.value)), cell(labels[3], el("code", { text: f.requirement })),
      cell(labels[4], badge(t(f.holds ? "js-floor-holds" : "js-floor-broken"), f.holds ? "good" : "bad"))));
  }
  $("floors-table").hidden = d.floors.length === 0;
  $("floors-none").hidden = d.floors.length > 0;
  const reqs = $("req-rows");
  clear(reqs);
  labels = columns($("reqs-table"));
  for (const q of d.requirements) {
    const kind = q.status === "met" ? "good" : q.status === "not_met" ? "bad" : "";
    reqs.append(el("tr", {}, cell(labels[0], el("div", {}, el("code", { class: "req-id", text: q.id }), el("span", { class: "req-title", text: q.title }))),
      cell(labels[1], badge(t(STATUS[q.status] || "js-req-not-applicable"), kind)), cell(labels[2], q.because)));
  }
  $("apply-form").hidden = !can("settings.manage");
  $("apply-profile").value = d.profile;
  warn();
}

// ASVS profiles make two-step sign-in everyone's duty: said before applying.
function warn() { $("apply-warning").hidden = !$("apply-profile").value.startsWith("asvs"); }

async function apply(e) {
  e.preventDefault();
  const form = e.target, profile = $("apply-profile").value;
  clearFieldErrors(form);
  // What the profile would move: its floors that do not hold now.
  const preview = await report(profile);
  if (state.ended) return;
  if (preview.status !== 200) { sayProblem("apply-msg", preview); return; }
  const moves = preview.data.floors.filter((f) => !f.holds)
    .map((f) => t("js-apply-move", { field: settingName(f.setting), from: settingValue(f.setting, f.value), to: required(f) }));
  const asvs = profile.startsWith("asvs");
  const yes = await confirmAction({
    title: t("js-confirm-apply-title", { profile: profileName(profile) }),
    text: (moves.length ? t("js-confirm-apply-moves") : t("js-confirm-apply-none")) + (asvs ? " " + t("js-confirm-apply-asvs") : ""),
    items: moves,
    ok: t("js-confirm-apply-ok"),
  });
  if (!yes) return;
  busy(form, true);
  const r = await request("POST", api("/compliance/apply"), { profile });
  if (state.ended) return;
  busy(form, false);
  if (r.status === 200) {
    state.settings = r.data;
    await show();
    say("apply-msg", t("js-applied", { profile: profileName(profile) }), "ok");
  } else if (!showFieldErrors(form, "apply-msg", r)) sayProblem("apply-msg", r);
}

export function initCompliance() {
  addView("compliance", {
    section: "view-compliance",
    allowed: () => can("settings.manage") || can("audit.read"),
    title: () => t("js-view-compliance"),
    show: () => { say("apply-msg", ""); return show(); },
  });
  $("apply-profile").addEventListener("change", warn);
  $("apply-form").addEventListener("submit", apply);
  $("compliance-print").addEventListener("click", () => window.print());
}
