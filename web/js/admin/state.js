// What the console's views share: who is signed in and what they may do (the
// server's own list, `capabilities` of GET /v1/me: the console never works
// out permissions itself), the usernames it has seen, and the tenant's
// settings as last read or saved.
import { $ } from "../lib/dom.js";

export const state = {
  me: null,
  // The tenant's settings (PUT replaces them all: each form changes its own
  // part of the last answer).
  settings: null,
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

// user id -> username, for the audit view and the bulk outcomes.
export const names = new Map();

// A refusal because the caller has no second factor of its own: say how to
// set it up.
export function mfaRefused(r) {
  if (r.data && r.data.code === "mfa_required_for_admin") $("mfa-note").hidden = false;
}
