// An audit event as a person reads it: one sentence in the page's language
// from its type and outcome, with the names of who acted and on whom (the
// server's `actor_name`/`target_name`, else the usernames the console has
// seen), and the details that matter (a ticket, a recipient override, a bulk
// or job, settings changed from -> to) as short lines. The codes and ids stay
// out of the sentence; the view shows them on demand.
import { t, word, NUMBER, when } from "../lib/i18n.js";
import { spanText } from "../lib/lockout.js";
import { names, state } from "./state.js";
import { profileName, settingName, settingValue } from "./settings.js";

// The event types the log holds, for the type filter (each has its words).
export const TYPES = ["sign_in", "sign_out", "sign_in.lockout", "sign_in.account_locked", "account.unlocked",
  "account.reported", "password_reset.requested", "password_reset.link_sent", "password_reset.completed",
  "password.changed", "password.set", "password.breach_check", "password.expiry_reminder",
  "mfa.enrollment_started", "mfa.enabled", "mfa.disabled", "mfa.recovery_code_used",
  "mfa.recovery_codes_regenerated", "mfa.reset", "user.created", "user.updated", "user.locale_changed",
  "user.deleted", "sessions.listed", "sessions.revoked", "settings.updated", "branding.logo_updated",
  "email.undeliverable", "support.lookup", "tenant.created"];
export const OUTCOMES = ["success", "failure", "refused", "throttled", "locked", "sent", "no_match",
  "ineligible", "undeliverable", "unavailable"];

const slug = (type) => String(type).replace(/\./g, "-");
const known = (id) => t(id) !== id;

// A type's short name (the filter's option); an unknown one, generic words.
export function typeName(type) {
  const id = "js-audit-type-" + slug(type);
  return known(id) ? t(id) : t("js-audit-type-other");
}
export const outcomeName = (o) => word("js-outcome-", o);

// Who an actor or target is, in words: a name, or what kind of party.
export function party(id, name) {
  if (name) return name;
  if (!id) return t("js-audit-someone");
  if (id === "anonymous") return t("js-audit-anonymous");
  if (id === "support") return t("js-audit-support");
  if (id === "system" || id === "operator") return t("js-audit-system");
  if (id === "ses") return t("js-audit-mail-service");
  if (state.me && id === state.me.id) return state.me.username;
  return names.get(id) || t("js-audit-unknown-account");
}

// The event's sentence: its type's words for its outcome (and for an act on
// oneself), the type's general words, or a generic sentence.
export function sentence(ev) {
  const d = ev.details || {};
  const vars = {
    actor: party(ev.actor, ev.actor_name),
    target: party(ev.target, ev.target_name),
    count: NUMBER.format(Number(d.count) || 0),
    failures: NUMBER.format(Number(d.failures) || 0),
    days: NUMBER.format(Number(d.days_before) || 0),
    left: NUMBER.format(Number(d.left) || 0),
  };
  const base = "js-audit-ev-" + slug(ev.type);
  const self = ev.target && ev.actor === ev.target;
  // An account gone before the log named it (no name from the server or seen here).
  const unnamed = !!ev.target && !ev.target_name && !names.has(ev.target) && !(state.me && ev.target === state.me.id);
  const activation = d.purpose === "activation";
  const candidates = [
    self ? base + "-" + ev.outcome + "-self" : null,
    unnamed ? base + "-unnamed" : null,
    activation ? base + "-activation" : null,
    ev.actor === "support" ? base + "-support" : null,
    ev.target ? null : base + "-" + ev.outcome + "-none",
    base + "-" + ev.outcome,
    self ? base + "-self" : null,
    base,
  ];
  for (const id of candidates) if (id && known(id)) return t(id, vars);
  return t("js-audit-ev-other", { actor: vars.actor, type: typeName(ev.type), outcome: outcomeName(ev.outcome) });
}

// The reason codes the server writes for refusals (sign-in, reset requests);
// any other `reason` is a person's words (a ticket, a note).
const CODED = new Set(["sign_in", "password_reset.requested"]);

// The lines under the sentence: what a reader needs to know about this event.
export function detailLines(ev) {
  const d = ev.details || {};
  const out = [];
  if (d.reason !== undefined && d.reason !== null && d.reason !== "") {
    out.push(CODED.has(ev.type) ? t("js-audit-detail-why", { why: word("js-audit-reason-", d.reason) }) : t("js-audit-detail-reason", { reason: String(d.reason) }));
  }
  if (d.support_identity) out.push(t("js-audit-detail-support-identity", { who: String(d.support_identity) }));
  if (d.recipient_email) out.push(t("js-audit-detail-recipient", { email: String(d.recipient_email) }));
  if (d.bulk) out.push(t("js-audit-detail-bulk"));
  if (d.job_id) out.push(t("js-audit-detail-job", { job: String(d.job_id) }));
  if (d.reset_mfa === true) out.push(t(ev.type === "password.set" ? "js-audit-detail-mfa-reset-now" : "js-audit-detail-mfa-reset-on-use"));
  if (d.temporary === true) out.push(t("js-audit-detail-temporary"));
  if (d.mfa === true) out.push(t("js-audit-detail-with-mfa"));
  if (d.password_expired) out.push(t("js-audit-detail-expired"));
  if (d.must_change_password === true && ev.type === "mfa.reset") out.push(t("js-audit-detail-must-change"));
  if (typeof d.seconds === "number") out.push(t("js-audit-detail-paused", { span: spanText(d.seconds) }));
  if (d.email_status) out.push(t("js-audit-detail-email-status", { status: word("js-email-", d.email_status) }));
  if (d.q) out.push(t("js-audit-detail-search", { q: String(d.q) }));
  if (d.profile_applied) out.push(t("js-audit-detail-profile", { profile: profileName(d.profile_applied) }));
  if (Array.isArray(d.fields) && d.fields.length) {
    out.push(t("js-audit-detail-fields", { fields: d.fields.map((f) => word("js-audit-field-", f)).join(", ") }));
  }
  if (d.old_email || d.new_email) out.push(t("js-audit-detail-email", { from: String(d.old_email || t("js-none")), to: String(d.new_email || t("js-none")) }));
  if (d.changed && typeof d.changed === "object") {
    for (const [path, change] of Object.entries(d.changed)) {
      const c = change || {};
      out.push(t("js-audit-detail-changed", { field: settingName(path), from: settingValue(path, c.from), to: settingValue(path, c.to) }));
    }
  }
  return out;
}

// What the details toggle shows: the codes and ids behind the sentence.
export function technical(ev) {
  const rows = [[t("js-audit-tech-time"), when(ev.at) + " (" + ev.at + ")"], [t("js-audit-tech-type"), ev.type],
    [t("js-audit-tech-outcome"), ev.outcome], [t("js-audit-tech-actor"), ev.actor]];
  if (ev.target) rows.push([t("js-audit-tech-target"), ev.target]);
  if (ev.ip) rows.push([t("js-audit-tech-ip"), ev.ip]);
  rows.push([t("js-audit-tech-id"), ev.id]);
  if (ev.details && Object.keys(ev.details).length) rows.push([t("js-audit-tech-details"), JSON.stringify(ev.details)]);
  return rows;
}
