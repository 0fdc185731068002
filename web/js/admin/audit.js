// The tenant's audit log, newest first, 25 events a page.
import { $, el, clear, say } from "../lib/dom.js";
import { t, word, when } from "../lib/i18n.js";
import { api, authed } from "../lib/api.js";
import { sayProblem } from "../lib/problem.js";
import { names } from "./state.js";

let auditCursor = null;

async function loadAudit(more) {
  let url = api("/audit-events") + "?limit=25";
  if (more && auditCursor) url += "&cursor=" + encodeURIComponent(auditCursor);
  const r = await authed("GET", url);
  if (r.status !== 200) { sayProblem("audit-msg", r); return; }
  const body = $("audit-body");
  if (!more) clear(body);
  for (const ev of r.data.events) {
    // Event types stay the audit log's own codes (they are what a search
    // of the log matches); outcomes are said in words.
    const who = (v) => (v ? (names.get(v) ? names.get(v) + " (" + v + ")" : v) : "");
    body.append(el("tr", {}, el("td", { text: when(ev.at) }), el("td", { text: ev.type }), el("td", { text: who(ev.actor) }),
      el("td", { text: who(ev.target) }), el("td", { text: word("js-outcome-", ev.outcome) }), el("td", { text: ev.ip || "" })));
  }
  $("audit-table").hidden = false;
  auditCursor = r.data.next_cursor;
  $("audit-more").hidden = !auditCursor;
  $("audit-load").textContent = t("js-audit-refresh");
  if (!r.data.events.length && !more) say("audit-msg", t("js-audit-empty"), "info"); else say("audit-msg", "");
}

export function initAudit() {
  $("audit-load").addEventListener("click", () => loadAudit(false));
  $("audit-more").addEventListener("click", () => loadAudit(true));
}
