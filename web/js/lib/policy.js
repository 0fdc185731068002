// The password policy as the page shows it beside a new-password field, and the
// check that the new and repeated passwords agree before anything is sent.
import { $, el, clear, say, markInvalid } from "./dom.js";
import { t } from "./i18n.js";

function policyRules(p) {
  const rules = [t("js-policy-length", { min: p.min_length, max: p.max_length })];
  if (p.history > 0) rules.push(t("js-policy-history", { count: p.history }));
  if (p.block_common) rules.push(t("js-policy-common"));
  if (p.block_context) rules.push(t("js-policy-context"));
  if (p.require_classes > 0) rules.push(t("js-policy-classes", { count: p.require_classes }));
  return rules;
}

// The policy last shown: a refusal's violations are said with its numbers.
let shown = null;
export const shownPolicy = () => shown;

export function showPolicy(id, p) {
  const box = $(id);
  if (!box || !p) return;
  shown = p;
  clear(box);
  box.append(el("p", { class: "muted", text: t("js-policy-intro") }),
    el("ul", { class: "muted" }, ...policyRules(p).map((t) => el("li", { text: t }))));
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
