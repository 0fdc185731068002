// Back to the product (`?return_to=URL` on sign-in, reset and activation).
// The page never decides where a person may go: it asks the server, which
// answers the URL itself only when the tenant lists it in `return_urls`
// (domain/src/return_to.rs), else null, and the page then stays on its own
// ground (the account page). A URL is navigated to only as that answer
// gave it; links between the pages carry the candidate on, unchecked, since
// each page asks again.
import { el } from "./dom.js";
import { t } from "./i18n.js";
import { api, pageUrl, call } from "./api.js";
// After page.js, whose link wiring the loop below extends.
import "./page.js";

export const returnTo = new URLSearchParams(location.search).get("return_to");

// The query that carries the candidate on to another page (empty without one).
export const carryReturn = (query) => {
  const q = new URLSearchParams(query || "");
  if (returnTo) q.set("return_to", returnTo);
  return q.toString();
};

// A page of ours, with the candidate carried on.
export const pageWithReturn = (name, query) => pageUrl(name, carryReturn(query));

// Every link to another page of ours carries it on too.
if (returnTo) {
  for (const a of document.querySelectorAll("[data-page-link]")) a.href = pageWithReturn(a.dataset.pageLink);
}

// Where the server allows this page to send the person: the candidate, or
// null (none, refused, or the service could not say). Asked once per page.
let checked = null;
export function returnTarget() {
  if (!returnTo) return Promise.resolve(null);
  if (!checked) {
    checked = call("GET", api("/return-target?return_to=" + encodeURIComponent(returnTo))).then((r) => {
      const target = r.status === 200 && r.data ? r.data.return_to : null;
      // The answer is the candidate or nothing; an http(s) URL either way.
      return typeof target === "string" && target === returnTo && /^https?:\/\//i.test(target) ? target : null;
    });
  }
  return checked;
}

// After success: back to the product when allowed, else to `fallback` (a
// page of ours, e.g. "account").
export async function goOn(fallback, query) {
  const target = await returnTarget();
  location.assign(target || pageUrl(fallback, query));
}

// "Continue to {tenant}": the way back to an allowed target, named by the
// tenant's brand (its name, else a plain "Continue").
export function continueLink(target, profile) {
  const b = (profile && profile.branding) || {};
  const name = b.display_name || (profile && profile.name);
  const text = name ? t("js-continue-to", { tenant: name }) : t("js-continue");
  return el("p", {}, el("a", { href: target, "data-return": true, text }));
}
