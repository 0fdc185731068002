// Where the service is, and how a page talks to it. The tenant comes from the
// path (/t/{tenant}/...); the session token lives in sessionStorage only (this
// tab), and is removed on sign-out.
import { LANG } from "./i18n.js";

// Everything before "/t/{tenant}/..." is where the service is mounted: "" locally
// and on a custom domain, "/{stage}" on API Gateway's own execute-api URL.
const path = location.pathname;
const at = path.indexOf("/t/");
export const root = at >= 0 ? path.slice(0, at) : path.replace(/\/+$/, "");
const parts = at >= 0 ? path.slice(at).split("/") : [];
export const tenant = parts[1] === "t" ? decodeURIComponent(parts[2] || "") : null;
export const api = (p) => root + "/v1/tenants/" + encodeURIComponent(tenant) + p;

// A language the page was asked for in its address (`?lang=`, the tenant's
// default when the browser's is not shipped) goes on to the next page, which
// is then in it from its first byte too.
const carriedLang = new URLSearchParams(location.search).get("lang");
export const pageUrl = (name, query) => {
  const q = new URLSearchParams(query || "");
  if (carriedLang && !q.has("lang")) q.set("lang", carriedLang);
  const s = q.toString();
  return root + "/t/" + encodeURIComponent(tenant) + "/" + name + (s ? "?" + s : "");
};

export async function call(method, url, body, token) {
  // The page's language is the request's: a mail this request causes is
  // written in the language the reader is reading (when they chose none).
  const headers = { Accept: "application/json", "Accept-Language": LANG };
  if (body !== undefined && body !== null) headers["Content-Type"] = "application/json";
  if (token) headers["Authorization"] = "Bearer " + token;
  let res;
  try {
    res = await fetch(url, { method, headers, body: body ? JSON.stringify(body) : undefined, cache: "no-store", credentials: "omit" });
  } catch (_) {
    return { status: 0, data: null };
  }
  let data = null;
  const text = await res.text();
  if (text) { try { data = JSON.parse(text); } catch (_) { data = null; } }
  return { status: res.status, data, retryAfter: res.headers.get("Retry-After") };
}

const KEY = "latchkey.session." + tenant;
export const session = {
  get() { try { return sessionStorage.getItem(KEY); } catch (_) { return null; } },
  set(token) { sessionStorage.setItem(KEY, token); },
  clear() { try { sessionStorage.removeItem(KEY); } catch (_) { /* nothing */ } },
};

export const authed = (method, url, body) => call(method, url, body, session.get());

export async function signOut() {
  const token = session.get();
  session.clear();
  if (token) await call("DELETE", root + "/v1/sessions/current", null, token);
  location.replace(pageUrl("sign-in", "signed-out=1"));
}
