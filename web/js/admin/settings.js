// The settings view (#/settings): every setting of the tenant, each input
// named by its JSON path (data-setting), with its bounds beside it (the
// input's min and max, in the unit the form asks in: data-scale API units per
// form unit). A PUT replaces the whole settings object, so the form starts
// from the server's last answer and changes only what was edited: a value
// shown rounded (seconds as minutes) goes back as it was unless it was
// changed, and settings the form does not show go back untouched.
import { $, el, say, busy, markInvalid, labelOf } from "../lib/dom.js";
import { t, NUMBER } from "../lib/i18n.js";
import { api } from "../lib/api.js";
import { sayProblem } from "../lib/problem.js";
import { state, can, request } from "./state.js";
import { addView, hashOf } from "./router.js";
import { showFieldErrors, clearFieldErrors, valueWords } from "./ui.js";

const form = () => $("settings-form");
const inputs = () => Array.from(form().querySelectorAll("[data-setting]"));
const PROFILE_NAMES = { custom: "js-profile-custom", "nist-800-63b-4": "js-profile-nist", "pci-dss-4.0.1": "js-profile-pci", "asvs-5.0-l2": "js-profile-asvs2", "asvs-5.0-l3": "js-profile-asvs3" };
export const profileName = (p) => t(PROFILE_NAMES[p] || "js-profile-custom");

// A setting's name and a value of it as the settings and branding forms show
// them: the field's own label, its unit, its choices' words.
const inputFor = (path) => Array.from(document.querySelectorAll("[data-setting]")).find((x) => x.dataset.setting === path);
export function settingName(path) {
  if (path === "compliance_profile") return t("js-setting-profile");
  const input = inputFor(path);
  return input ? labelOf(input) : t("js-setting-other");
}
export function settingValue(path, v) {
  if (path === "compliance_profile") return profileName(v);
  const input = inputFor(path);
  if (!input) return valueWords(v);
  if ((v === null || v === undefined) && input.dataset.optional) return t(input.dataset.optional === "never" ? "js-value-never" : "js-value-off");
  if (input.tagName === "SELECT") {
    const o = Array.from(input.options).find((x) => x.value === String(v));
    return o ? o.textContent : String(v);
  }
  if (input.type === "number" && typeof v === "number") return NUMBER.format(Math.round((v / scaleOf(input)) * 100) / 100);
  return valueWords(v);
}

const get = (obj, path) => path.split(".").reduce((o, k) => (o === null || o === undefined ? undefined : o[k]), obj);
function put(obj, path, value) {
  const keys = path.split(".");
  const last = keys.pop();
  let o = obj;
  for (const k of keys) { if (typeof o[k] !== "object" || o[k] === null) o[k] = {}; o = o[k]; }
  o[last] = value;
}
const scaleOf = (input) => Number(input.dataset.scale) || 1;

// A number as the form shows it: in its unit, two decimals at most.
const shown = (v, scale) => String(Math.round((v / scale) * 100) / 100);

// The tenant's settings, fresh from the server (every view that saves them
// starts from this answer).
export async function loadSettings() {
  const r = await request("GET", api("/settings"));
  if (state.ended) return false;
  if (r.status !== 200) { sayProblem("settings-msg", r); return false; }
  state.settings = r.data;
  $("mfa-note").hidden = !(r.data.require_mfa_for_admin_resets && !state.me.mfa_enabled);
  return true;
}

// Refills only this form's fields (the brand's form may hold edits not saved yet).
function fill() {
  const s = state.settings;
  for (const input of inputs()) {
    const v = get(s, input.dataset.setting);
    if (input.type === "checkbox") input.checked = !!v;
    else if (input.dataset.list === "numbers") input.value = (v || []).join(", ");
    else if (input.dataset.list === "lines") input.value = (v || []).join("\n");
    else if (input.type === "number") input.value = v === null || v === undefined ? "" : shown(v, scaleOf(input));
    else input.value = v === null || v === undefined ? "" : v;
    input.dataset.initial = input.type === "checkbox" ? String(input.checked) : input.value;
  }
  hints();
  clearFieldErrors(form());
  const profile = s.compliance_profile || "custom";
  const line = $("profile-line");
  line.textContent = profile === "custom" ? t("js-profile-line-custom") : t("js-profile-line", { profile: profileName(profile) });
  if (can("settings.manage")) line.append(" ", el("a", { href: hashOf("compliance"), text: t("js-profile-see") }));
}

// Beside each number, its bounds (from the input's own min and max): "From 8
// to 64.", an optional one "Empty: off. Otherwise from 5 to 1440.", and one
// bounded by another field says so.
function hints() {
  for (const input of inputs().filter((i) => i.type === "number")) {
    const id = input.id + "-hint";
    let p = $(id);
    if (!p) {
      p = el("p", { class: "hint", id });
      input.after(p);
      input.setAttribute("aria-describedby", ((input.getAttribute("aria-describedby") || "") + " " + id).trim());
    }
    const min = NUMBER.format(Number(input.min));
    const other = input.dataset.maxFrom ? $(input.dataset.maxFrom) : null;
    let text = other ? t("js-hint-range-upto", { min, field: labelOf(other) }) : t("js-hint-range", { min, max: NUMBER.format(Number(input.max)) });
    if (input.dataset.setting === "limits.reset_emails_per_account") text = t("js-hint-reset-mails");
    if (input.dataset.optional) text = t(input.dataset.optional === "never" ? "js-hint-empty-never" : "js-hint-empty-off") + " " + text;
    p.textContent = text;
  }
}

// The settings to send: the last answer with this form's edits; the fields
// that cannot be sent as typed (not a number), or null when all can.
function collect() {
  const next = JSON.parse(JSON.stringify(state.settings));
  const bad = [];
  for (const input of inputs()) {
    const path = input.dataset.setting;
    if (input.type === "checkbox") { put(next, path, input.checked); continue; }
    const raw = input.value.trim();
    if (input.value === input.dataset.initial) continue;
    if (input.dataset.list === "numbers") {
      const parts = raw ? raw.split(/[\s,;]+/).filter(Boolean) : [];
      if (parts.some((x) => !/^\d+$/.test(x))) { bad.push(input); continue; }
      put(next, path, parts.map(Number));
    } else if (input.dataset.list === "lines") {
      put(next, path, raw ? raw.split(/\r?\n/).map((x) => x.trim()).filter(Boolean) : []);
    } else if (input.type === "number") {
      if (!raw && input.dataset.optional) { put(next, path, null); continue; }
      const n = Number(raw);
      if (!raw || !Number.isFinite(n)) { bad.push(input); continue; }
      put(next, path, Math.round(n * scaleOf(input)));
    } else put(next, path, input.value);
  }
  return { next, bad };
}

async function save(e) {
  e.preventDefault();
  const f = form();
  clearFieldErrors(f);
  const { next, bad } = collect();
  if (bad.length) {
    for (const input of bad) markInvalid(input, true);
    say("settings-msg", t("js-settings-not-numbers"), "err", bad.map((i) => labelOf(i)));
    bad[0].focus();
    return;
  }
  busy(f, true);
  const r = await request("PUT", api("/settings"), next);
  if (state.ended) return;
  busy(f, false);
  if (r.status === 200) { state.settings = r.data; fill(); say("settings-msg", t("js-settings-saved"), "ok"); }
  else if (!showFieldErrors(f, "settings-msg", r)) sayProblem("settings-msg", r);
}

export function initSettings() {
  addView("settings", {
    section: "view-settings",
    allowed: () => can("settings.manage"),
    title: () => t("js-view-settings"),
    show: async () => { say("settings-msg", ""); if (await loadSettings()) fill(); },
  });
  form().addEventListener("submit", save);
}
