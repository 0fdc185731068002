// A problem document (RFC 9457) in the page's words: its `code`, a policy's
// violations, a lockout's time, and the fields it names (`errors`), each marked
// on its own input, never found by reading the API's English detail.
import { $, say, markInvalid, labelOf } from "./dom.js";
import { t, TEXT, LOCALE, CATALOGUE, NUMBER } from "./i18n.js";
import { shownPolicy } from "./policy.js";

function lockoutText(seconds) {
  const s = Number(seconds);
  if (!s || s <= 0) return t("js-lockout-unknown");
  // The reader's own clock and language say the time and the units.
  const time = new Date(Date.now() + s * 1000).toLocaleTimeString(LOCALE, { hour: "2-digit", minute: "2-digit" });
  const unit = (n, u) => new Intl.NumberFormat(LOCALE, { style: "unit", unit: u, unitDisplay: "long" }).format(n);
  const span = s < 90 ? unit(s, "second") : unit(Math.ceil(s / 60), "minute");
  return t("js-lockout", { span, time });
}

// A password changed too recently to change again (the tenant's minimum age):
// from when on it may, by the reader's clock, from Retry-After.
function tooRecentText(seconds) {
  const s = Number(seconds);
  if (!s || s <= 0) return TEXT.password_too_recent;
  const time = new Date(Date.now() + s * 1000).toLocaleString(LOCALE, { dateStyle: "medium", timeStyle: "short" });
  return t("js-password-too-recent", { time });
}

export function problemText(r, fallback) {
  const d = r.data || {};
  if (d.code === "too_many_attempts") return lockoutText(r.retryAfter);
  if (d.code === "password_too_recent") return tooRecentText(r.retryAfter);
  if (d.code && TEXT[d.code]) return TEXT[d.code];
  if (r.status === 0) return t("js-unreachable");
  return fallback || t("js-generic-failure");
}

export function sayProblem(target, r, fallback) {
  const d = r.data || {};
  const policy = shownPolicy();
  if (d.code === "password_policy" && Array.isArray(d.violations)) {
    // In the page's words, with the numbers of the policy the page shows.
    const p = policy || {};
    const vars = { min: p.min_length, max: p.max_length, classes: p.require_classes, history: p.history, single: p.single_factor_min };
    say(target, TEXT.password_policy, "err", d.violations.map((v) => {
      // Too short where the page cannot tell which minimum applied: both said.
      const either = v.code === "too_short" && p.single_factor_min;
      const id = either ? "js-violation-too_short-without-mfa" : "js-violation-" + v.code;
      return CATALOGUE[id] !== undefined && policy ? t(id, vars) : v.message || v.code;
    }));
  } else {
    say(target, problemText(r, fallback), "err");
  }
}

// A field's range in the unit the form asks it in (`scale` API units to one
// of the form's: 60 for seconds shown as minutes), named by the field's label.
export function rangeText(e, name, scale) {
  const s = scale || 1;
  return t("js-field-range", { field: name, min: NUMBER.format(Math.ceil(e.min / s)), max: NUMBER.format(Math.floor(e.max / s)) });
}

// The problem's `errors` ([{field, code, min, max}]) on the form: `fields` maps
// an API field to {input: id, scale?, text?(error) -> words}. Each field named
// is marked and said (its range when it has one, in its own unit), the first
// one focused. Returns false when the answer names no field.
export function sayFieldErrors(target, r, fields) {
  const d = r.data || {};
  const errors = Array.isArray(d.errors) ? d.errors : [];
  if (!errors.length) return false;
  let first = null;
  const items = errors.map((e) => {
    const f = fields[e.field];
    const input = f ? $(f.input) : null;
    if (input) { markInvalid(input, true); first = first || input; }
    if (f && f.text) return f.text(e);
    if (typeof e.min === "number" && typeof e.max === "number") return rangeText(e, input ? labelOf(input) : e.field, f && f.scale);
    return input ? labelOf(input) : e.field;
  });
  say(target, problemText(r), "err", items);
  if (first) first.focus();
  return true;
}

// Every field of the form unmarked (before it is sent again).
export function clearFieldErrors(fields) {
  for (const f of Object.values(fields)) {
    const input = $(f.input);
    if (input) markInvalid(input, false);
  }
}
