// The DOM helpers of every page. No framework, no inline script or style (the
// CSP is default-src 'self'); every value that comes from a user or the API is
// put on the page with textContent (usernames may hold "<script>").

export const $ = (id) => document.getElementById(id);

// el("p", {class: "x", text: value}, child...) — text always via textContent.
export function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "text") e.textContent = v;
    else if (k === "class") e.className = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of kids) if (c !== null && c !== undefined) e.append(c);
  return e;
}

export const clear = (node) => { while (node.firstChild) node.removeChild(node.firstChild); };

// Messages: the container is a polite live region; an error is a freshly
// inserted role="alert" element, so screen readers announce it at once.
export function say(target, text, kind, items, extra) {
  const box = typeof target === "string" ? $(target) : target;
  if (!box) return;
  clear(box);
  if (!text) return;
  const inner = el("div", { class: kind === "ok" ? "ok" : kind === "info" ? "info" : "err", role: kind === "err" ? "alert" : null });
  inner.append(el("p", { text }));
  if (items && items.length) inner.append(el("ul", {}, ...items.map((t) => el("li", { text: t }))));
  if (extra) inner.append(extra);
  box.append(inner);
}

export function markInvalid(input, bad) {
  if (bad) input.setAttribute("aria-invalid", "true"); else input.removeAttribute("aria-invalid");
}

export function busy(form, on) {
  for (const b of form.querySelectorAll("button")) b.disabled = on;
}

// A field's own label, as the page shows it (already in the page's language).
export function labelOf(input) {
  const label = input.labels && input.labels[0];
  return label ? label.textContent.trim() : input.id;
}
