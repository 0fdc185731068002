// One view per task, each with its own address in the fragment (#/users,
// #/users/{id}, #/bulk, #/jobs, #/jobs/{id}, #/audit, #/settings, #/branding,
// #/compliance), so a
// view can be bookmarked, reloaded and left with the browser's back and
// forward. A view's own state (a search, a filter, a page) is the fragment's
// query: `#/users?q=ann&role=admin`.
import { $, say } from "../lib/dom.js";
import { t } from "../lib/i18n.js";
import { state } from "./state.js";

// name -> {show(params, id), allowed(), title, leave?()}
const views = new Map();
// A list's address with an id names its item's own view (#/users/{id}).
const ITEM = { users: "user", jobs: "job" };
const itemViews = new Set(Object.values(ITEM));
let baseTitle = null; // the page's title with the tenant's brand, once known
let current = null;
let leaving = null; // the view shown now, told when another one is shown

// The page's title: what is shown, then the console's and the tenant's names.
export function setTitle(text) {
  if (baseTitle === null) baseTitle = document.title;
  document.title = text + " · " + baseTitle;
}

// Registers a view: `section` is its element's id, `allowed()` whether this
// person may use it (from the server's capabilities), `show` fills it.
export function addView(name, { section, allowed, show, title }) {
  views.set(name, { section, allowed, show, title });
}

// The fragment as [view, id, params]: "#/users/u_1?x=y" -> ["users", "u_1", {x: "y"}].
export function parseHash(hash) {
  const raw = (hash || "").replace(/^#\/?/, "");
  const q = raw.indexOf("?");
  const path = (q >= 0 ? raw.slice(0, q) : raw).split("/").filter(Boolean).map(decodeURIComponent);
  const params = Object.fromEntries(new URLSearchParams(q >= 0 ? raw.slice(q + 1) : ""));
  return [path[0] || "", path[1] || "", params];
}

// A view's address with its parameters (empty ones left out).
export function hashOf(view, id, params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v !== undefined && v !== null && v !== "") q.set(k, v);
  const s = q.toString();
  return "#/" + view + (id ? "/" + encodeURIComponent(id) : "") + (s ? "?" + s : "");
}

// Goes to an address: a new history entry, or (replace) this one changed.
export function go(hash, replace) {
  if (location.hash === hash) { route(); return; }
  if (replace) { history.replaceState(null, "", hash); route(); } else location.hash = hash;
}

// The first view this person may use (the one an empty address shows).
function home() {
  for (const [name, v] of views) if (!itemViews.has(name) && v.allowed()) return name;
  return null;
}

// Shows the view the address names, or says it is not there for this person;
// the nav marks it, the page's title says it, and the view's heading takes the
// focus (after the first one), so a screen reader hears where it landed.
export function route() {
  if (state.ended || !state.me) return;
  const [name, id, params] = parseHash(location.hash);
  if (!name) {
    const first = home();
    if (first) { history.replaceState(null, "", "#/" + first); route(); return; }
  }
  const viewName = ITEM[name] && id ? ITEM[name] : name;
  const key = ITEM[name] && id ? viewName + ":" + id : name;
  const view = views.get(viewName);
  const ok = view && view.allowed();
  for (const v of views.values()) $(v.section).hidden = true;
  $("view-none").hidden = !!ok;
  for (const a of document.querySelectorAll("[data-nav]")) {
    if (a.dataset.nav === name) a.setAttribute("aria-current", "page"); else a.removeAttribute("aria-current");
  }
  // The focus moves only when the view changes (not for a new filter or page).
  const moved = current !== null && current !== key;
  if (current !== key && leaving && leaving.leave) leaving.leave();
  current = key;
  leaving = ok ? view : null;
  if (moved) say("console-msg", "");
  if (!ok) {
    setTitle(t("js-view-missing"));
    if (moved) $("none-h").focus();
    return;
  }
  const section = $(view.section);
  section.hidden = false;
  setTitle(view.title());
  // Busy until the view has what it shows (assistive technology waits for it).
  section.setAttribute("aria-busy", "true");
  Promise.resolve(view.show(params, id)).finally(() => section.removeAttribute("aria-busy"));
  if (moved) {
    const h = $(view.section).querySelector("h2");
    if (h) { h.setAttribute("tabindex", "-1"); h.focus(); }
  }
}

// The nav lists the views this person may use.
export function initRouter() {
  for (const a of document.querySelectorAll("[data-nav]")) {
    const v = views.get(a.dataset.nav);
    const ok = !!(v && v.allowed());
    a.hidden = !ok;
    a.parentElement.hidden = !ok;
  }
  window.addEventListener("hashchange", route);
}
