// The bulk view (#/bulk): reset links for the users selected in the list, once
// a confirmation has named every one of them, then each one's outcome. The
// signed-in person is never among them (the list offers no box for them; the
// server skips them too, `self_target`). Below, everyone matching a search
// as a job (job-start.js).
import { $, el, clear, say } from "../lib/dom.js";
import { t, tn, word, NUMBER } from "../lib/i18n.js";
import { api } from "../lib/api.js";
import { sayProblem } from "../lib/problem.js";
import { state, can, names, mfaRefused, request } from "./state.js";
import { addView } from "./router.js";
import { confirmAction } from "./ui.js";
import { stale } from "./users.js";
import { showJobStart, initJobStart } from "./job-start.js";

export const selected = new Map(); // user id -> username, in the order chosen

// The selection changed (in the list): the bulk view shows it as it is now.
export function selectionChanged() {
  if (!$("view-bulk").hidden) show();
}

function show() {
  const n = selected.size;
  $("bulk-none").hidden = n > 0;
  $("bulk").hidden = n === 0;
  $("bulk-reset-mfa-row").hidden = !can("mfa.reset");
  const list = $("bulk-list");
  clear(list);
  for (const [id, name] of selected) {
    const remove = el("button", { type: "button", class: "link", text: t("js-bulk-remove") });
    remove.setAttribute("aria-label", t("js-bulk-remove-user", { username: name }));
    remove.addEventListener("click", () => { selected.delete(id); show(); $("bulk-h").focus(); });
    list.append(el("li", {}, el("span", { text: name }), remove));
  }
  const b = $("bulk-send");
  b.disabled = n === 0;
  b.textContent = n === 0 ? t("js-bulk-send") : tn("js-bulk-send", n);
}

async function send() {
  const ids = Array.from(selected.keys()).filter((id) => id !== state.me.id);
  if (!ids.length) return;
  const resetMfa = can("mfa.reset") && $("bulk-reset-mfa").checked;
  const who = ids.map((id) => selected.get(id));
  const yes = await confirmAction({
    title: tn("js-confirm-bulk-title", ids.length),
    text: t(resetMfa ? "js-confirm-bulk-text-mfa" : "js-confirm-bulk-text"),
    items: who,
    ok: tn("js-bulk-send", ids.length),
  });
  if (!yes) return;
  $("bulk-send").disabled = true;
  const body = { user_ids: ids };
  if (resetMfa) body.reset_mfa = true;
  const r = await request("POST", api("/password-resets/bulk"), body);
  if (state.ended) return;
  $("bulk-send").disabled = false;
  if (r.status !== 200) { mfaRefused(r); sayProblem("bulk-msg", r); return; }
  const lines = r.data.results.map((x) => {
    const name = selected.get(x.user_id) || names.get(x.user_id) || x.user_id;
    if (x.outcome === "sent") return t("js-bulk-line-sent", { name });
    if (x.outcome === "not_found") return t("js-bulk-line-not-found", { name });
    const reason = x.code ? word("js-skip-", x.code) : t("js-skip-other");
    return t("js-bulk-line-skipped", { name, reason });
  });
  const sent = r.data.results.filter((x) => x.outcome === "sent").length;
  const total = r.data.results.length;
  selected.clear();
  $("bulk-reset-mfa").checked = false;
  stale();
  show();
  say("bulk-msg", tn("js-bulk-result", total, { sent: NUMBER.format(sent) }) + (resetMfa && sent ? " " + t("js-bulk-mfa-note") : ""),
    sent === total ? "ok" : "info", lines);
  const list = $("bulk-msg").querySelector("ul");
  if (list) list.className = "outcomes";
}

export function initBulk() {
  addView("bulk", {
    section: "view-bulk",
    allowed: () => can("passwords.reset") && can("users.read"),
    title: () => t("js-view-bulk"),
    show: (params) => { say("bulk-msg", ""); show(); showJobStart(params); },
  });
  $("bulk-send").addEventListener("click", send);
  initJobStart();
}
