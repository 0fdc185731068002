// The password policy as the page shows it beside a new-password field: a
// checklist that ticks while the person types, and the check that the new and
// repeated passwords agree before anything is sent.
//
// The ticks are a hint, never the decision: the server checks the password
// against the same policy (domain/src/policy.rs) and its answer is the one
// the page says. Only what the policy JSON alone can tell (lengths, kinds of
// character, the repeat) ticks here; the rest is marked "checked when you
// save", as only the server knows the common list, the history and breaches.
import { $, el, clear, say, markInvalid } from "./dom.js";
import { t } from "./i18n.js";

// Lengths in Unicode scalar values and the four kinds of character, counted
// as the server counts them (lower case, then upper case, then numeric, else
// a symbol), so a tick never promises what the server then refuses for it.
const length = (pw) => [...pw].length;
function kinds(pw) {
  const seen = new Set();
  for (const c of pw) {
    seen.add(/\p{Lowercase}/u.test(c) ? 0 : /\p{Uppercase}/u.test(c) ? 1 : /\p{N}/u.test(c) ? 2 : 3);
  }
  return seen.size;
}

// A letter and a digit of any script, as the server tells them (Rust's
// char::is_alphabetic and char::is_numeric).
const letterAndDigit = (pw) => /\p{Alphabetic}/u.test(pw) && /\p{N}/u.test(pw);

// The policy as it applies to the account (domain PasswordPolicy::for_account):
// `mfa` false, the longer single-factor minimum; true, the plain one; not
// known (a reset link's page), the plain one and, when the tenant sets a
// longer one, a rule of its own for an account without a second factor.
function effective(p, mfa) {
  const single = Math.max(p.min_length, p.min_length_without_mfa || 0);
  const min = mfa === false ? single : p.min_length;
  return Object.assign({}, p, { min_length: min, single_factor_min: mfa === undefined && single > min ? single : null });
}

// Each rule: its words, and (when the page can tell) whether it is met.
function rules(p) {
  const out = [
    { text: t("js-policy-min", { min: p.min_length }), met: (pw) => length(pw) >= p.min_length },
  ];
  if (p.single_factor_min) {
    out.push({ text: t("js-policy-min-without-mfa", { min: p.single_factor_min }), met: (pw) => length(pw) >= p.single_factor_min });
  }
  out.push({ text: t("js-policy-max", { max: p.max_length }), met: (pw) => pw.length > 0 && length(pw) <= p.max_length });
  if (p.require_classes > 0) {
    out.push({ text: t("js-policy-classes", { count: p.require_classes }), met: (pw) => kinds(pw) >= p.require_classes });
  }
  if (p.require_letter_and_digit) out.push({ text: t("js-policy-letter-digit"), met: letterAndDigit });
  out.push({ text: t("js-policy-match"), met: (pw, repeat) => pw.length > 0 && repeat === pw, repeat: true });
  if (p.block_common) out.push({ text: t("js-policy-common") });
  if (p.block_context) out.push({ text: t("js-policy-context") });
  if (p.history > 0) out.push({ text: t("js-policy-history", { count: p.history }) });
  if (p.block_breached) out.push({ text: t("js-policy-breached") });
  return out;
}

// The policy last shown: a refusal's violations are said with its numbers.
let shown = null;
export const shownPolicy = () => shown;

// Every checklist on the page (by its box), to tick again after a form
// emptied its fields; a box shown again replaces its own.
const checklists = new Map();
export const refreshChecklists = () => checklists.forEach((update) => update());

// The box names its fields (data-new, data-repeat); each keystroke in either
// ticks the list again. The state of each rule is in words for a screen
// reader (not announced while typing: the field's description holds it).
// `opts.mfa`: whether the account has a second factor, when the page knows.
export function showPolicy(id, policy, opts) {
  const box = $(id);
  if (!box || !policy) return;
  const p = effective(policy, opts && opts.mfa);
  shown = p;
  clear(box);
  const items = rules(p).map((r) => {
    const state = el("span", { class: "vh" });
    const li = el("li", {}, state, el("span", { text: r.text }));
    if (!r.met) li.append(" ", el("span", { class: "later", text: t("js-policy-on-save") }));
    return { r, li, state };
  });
  box.append(el("p", { class: "muted", text: t("js-policy-intro") }),
    el("ul", { class: "checklist" }, ...items.map((i) => i.li)));
  const input = $(box.dataset.new), repeat = $(box.dataset.repeat);
  const update = () => {
    const pw = input ? input.value : "";
    const again = repeat ? repeat.value : "";
    for (const { r, li, state } of items) {
      if (!r.met) { li.dataset.state = "server"; continue; }
      if (r.repeat && !repeat) { li.hidden = true; continue; }
      const met = r.met(pw, again);
      li.dataset.state = met ? "met" : "unmet";
      state.textContent = met ? t("js-policy-met") : t("js-policy-unmet");
    }
  };
  if (!checklists.has(id)) {
    for (const field of [input, repeat]) if (field) field.addEventListener("input", () => checklists.get(id)());
  }
  checklists.set(id, update);
  update();
}

// New/repeat fields must agree before anything is sent.
export function repeatMismatch(newInput, repeatInput, msgId) {
  if (newInput.value !== repeatInput.value) {
    markInvalid(repeatInput, true);
    say(msgId, t("js-mismatch"), "err");
    repeatInput.focus();
    return true;
  }
  markInvalid(repeatInput, false);
  return false;
}
