// What the console's views share: who is signed in and what they may do (the
// server's own list, `capabilities` of GET /v1/me: the console never works
// out permissions itself), the usernames it has seen, the tenant's settings
// as last read or saved, and every request, so that an ended session (401)
// is noticed once, wherever it happens.
import { $, clear } from "../lib/dom.js";
import { authed, session, pageUrl } from "../lib/api.js";

export const state = {
  me: null,
  // The tenant's settings (PUT replaces them all: each form changes its own
  // part of the last answer).
  settings: null,
  // A sentence for the next view to say (set before going there).
  notice: null,
  // Set once the session has ended: nothing is fetched or shown after that.
  ended: false,
};

const caps = new Set();
export function setMe(me) {
  state.me = me;
  caps.clear();
  for (const c of me.capabilities || []) caps.add(c);
}

// Whether the server lets the signed-in person do `capability` at all (a
// request is still decided by the server, against its real target).
export const can = (capability) => caps.has(capability);

// Whether the signed-in person may act on `u` at all: an owner's account only
// for those the server lets act on owners (`owners.manage`).
export const mayActOn = (u) => u.role !== "owner" || can("owners.manage");

// user id -> username, for the audit view and the bulk outcomes.
export const names = new Map();

// A refusal because the caller has no second factor of its own: say how to
// set it up.
export function mfaRefused(r) {
  if (r.data && r.data.code === "mfa_required_for_admin") $("mfa-note").hidden = false;
}

// The session ended (expired, signed out elsewhere, revoked): what the console
// showed is stale and goes (lists, facts, messages, every form's input), and
// the person is offered the tenant's sign-in page, back to the console after.
export function ended() {
  if (state.ended) return;
  state.ended = true;
  session.clear();
  state.me = null;
  state.settings = null;
  names.clear();
  caps.clear();
  for (const box of document.querySelectorAll("[data-stale]")) clear(box);
  for (const form of $("console").querySelectorAll("form")) form.reset();
  const dialog = $("confirm");
  if (dialog.open) dialog.close("cancel");
  $("console").hidden = true;
  $("ended-link").href = pageUrl("sign-in", "next=admin");
  $("ended").hidden = false;
  $("ended-link").focus();
}

// Every request of the console: the API's answer ({status, data}); a 401
// ends the console (see `ended`). After that, nothing is sent.
export async function request(method, url, body) {
  if (state.ended) return { status: 401, data: null };
  const r = await authed(method, url, body);
  if (r.status === 401) ended();
  return r;
}
