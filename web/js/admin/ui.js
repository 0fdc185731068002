// The console's own parts of a page: a confirmation that names who is
// affected (a native, modal <dialog>), field errors said next to their field,
// and table cells that carry their column's name for the narrow layout.
import { $, el, clear, say, markInvalid, labelOf } from "../lib/dom.js";
import { t, word, NUMBER } from "../lib/i18n.js";
import { problemText } from "../lib/problem.js";

// ---------------------------------------------------------------- confirmation
let settle = null;

// Asks before an action that cannot be taken back: `title` (the question),
// `text` (who is affected and what happens), `items` (their names, when
// several), `ok` (the action's own words). Resolves true only on that button;
// Escape, Cancel or the session ending resolve false. The focus starts on
// Cancel and returns to where it was.
export function confirmAction({ title, text, items, ok }) {
  const dialog = $("confirm");
  const back = document.activeElement;
  $("confirm-h").textContent = title;
  $("confirm-text").textContent = text;
  const list = $("confirm-list");
  clear(list);
  for (const name of items || []) list.append(el("li", { text: name }));
  list.hidden = !(items && items.length);
  $("confirm-ok").textContent = ok;
  return new Promise((resolve) => {
    settle = (yes) => { settle = null; resolve(yes); };
    dialog.returnValue = "";
    dialog.showModal();
    $("confirm-cancel").focus();
    dialog.addEventListener("close", () => {
      if (settle) settle(dialog.returnValue === "ok");
      if (back && back.isConnected && typeof back.focus === "function") back.focus();
    }, { once: true });
  });
}

export function initConfirm() {
  $("confirm-ok").addEventListener("click", () => $("confirm").close("ok"));
  $("confirm-cancel").addEventListener("click", () => $("confirm").close("cancel"));
}

// ---------------------------------------------------------------- field errors
// What a field error's `code` means, in the unit the field asks in (`scale`:
// API units per unit of the field, 60 for seconds asked in minutes).
export function fieldText(e, scale) {
  const s = scale || 1;
  const n = (v, up) => NUMBER.format(up ? Math.ceil(v / s) : Math.floor(v / s));
  const has = (v) => typeof v === "number";
  if (e.code === "out_of_range" && has(e.min) && has(e.max)) return t("js-field-err-range", { min: n(e.min, true), max: n(e.max) });
  if (e.code === "below_profile") {
    const req = e.requirement || "";
    if (has(e.min)) return t("js-field-err-profile-min", { min: n(e.min, true), requirement: req });
    if (has(e.max)) return t("js-field-err-profile-max", { max: n(e.max), requirement: req });
    return t("js-field-err-profile-value", { value: valueWords(e.expected), requirement: req });
  }
  if ((e.code === "too_many" || e.code === "too_long") && has(e.max)) return t(e.code === "too_many" ? "js-field-err-too_many" : "js-field-err-too_long", { max: NUMBER.format(e.max) });
  return word("js-field-err-", e.code) === e.code ? t("js-field-err-invalid") : word("js-field-err-", e.code);
}

// A setting's value in words: on/off, none, a number in the page's form.
export function valueWords(v) {
  if (v === true) return t("js-on");
  if (v === false) return t("js-off");
  if (v === null || v === undefined) return t("js-none");
  if (typeof v === "number") return NUMBER.format(v);
  if (Array.isArray(v)) return v.length ? v.map(valueWords).join(", ") : t("js-none");
  return String(v);
}

// The input a field error names: a `fields` entry ({input, scale, text}), an
// element of the form marked data-setting or data-field with that path, or,
// for a list's item (`return_urls[2]`), the list's own input.
function fieldOf(form, fields, path) {
  const f = fields && fields[path];
  if (f) return { input: $(f.input), scale: f.scale, text: f.text };
  const base = path.replace(/\[\d+\]$/, "");
  const input = Array.from(form.querySelectorAll("[data-setting],[data-field]"))
    .find((x) => (x.dataset.setting || x.dataset.field) === base);
  if (!input) return { input: null };
  const item = /\[(\d+)\]$/.exec(path);
  return { input, scale: Number(input.dataset.scale) || 1, item: item ? Number(item[1]) + 1 : 0 };
}

// Every error shown next to its field before, gone (the form is sent again).
export function clearFieldErrors(form) {
  for (const p of form.querySelectorAll(".field-err")) p.remove();
  for (const input of form.querySelectorAll("[aria-invalid]")) {
    markInvalid(input, false);
    const own = input.dataset.describedby;
    if (own !== undefined) {
      if (own) input.setAttribute("aria-describedby", own); else input.removeAttribute("aria-describedby");
      delete input.dataset.describedby;
    }
  }
}

// The problem's `errors` ([{field, code, min?, max?, requirement?, expected?}])
// said next to each field it names (the input marked, its description
// pointing at the words), and listed in the form's message with each field's
// label; the first field takes the focus. False when the answer names no field.
export function showFieldErrors(form, target, r, fields) {
  const errors = r.data && Array.isArray(r.data.errors) ? r.data.errors : [];
  if (!errors.length) return false;
  clearFieldErrors(form);
  let first = null;
  const lines = errors.map((e) => {
    const f = fieldOf(form, fields, e.field);
    let text = f.text ? f.text(e) : fieldText(e, f.scale);
    if (f.item) text = t("js-field-err-item", { n: NUMBER.format(f.item), problem: text });
    if (!f.input) return text;
    const input = f.input;
    first = first || input;
    markInvalid(input, true);
    const id = (input.id || "field") + "-err";
    let p = $(id);
    if (!p) {
      p = el("p", { class: "field-err", id });
      const anchor = input.closest("label.check") || (input.parentElement && input.parentElement.classList.contains("color-row") ? input.parentElement : input);
      anchor.after(p);
      if (input.dataset.describedby === undefined) input.dataset.describedby = input.getAttribute("aria-describedby") || "";
      input.setAttribute("aria-describedby", (input.dataset.describedby + " " + id).trim());
    }
    p.textContent = p.textContent ? p.textContent + " " + text : text;
    return t("js-field-line", { field: labelOf(input), problem: text });
  });
  say(target, problemText(r), "err", lines);
  if (first) first.focus();
  return true;
}

// ---------------------------------------------------------------- tables
// A cell that names its column (data-label) for the narrow layout, where
// each row reads as a card of "column: value" lines.
export function cell(label, content, cls) {
  const td = el("td", { "data-label": label, class: cls || null });
  if (content !== null && content !== undefined) td.append(content);
  return td;
}

// The column names of a table's head, in order (the narrow layout's labels).
export const columns = (table) => Array.from(table.tHead.querySelectorAll("th")).map((th) => th.textContent.trim());

// A short status word on a tinted ground: `kind` good, warn, bad or none.
export const badge = (text, kind) => el("span", { class: "badge" + (kind ? " " + kind : ""), text });
