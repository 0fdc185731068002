// Reset links for the selected users at once, with each one's outcome.
import { $, say } from "../lib/dom.js";
import { t, tn, word, NUMBER } from "../lib/i18n.js";
import { api, authed } from "../lib/api.js";
import { sayProblem } from "../lib/problem.js";
import { names, mfaRefused } from "./state.js";

export const selected = new Map(); // user id -> username

export function updateBulk() {
  const n = selected.size;
  const b = $("bulk-send");
  b.disabled = n === 0;
  b.textContent = n === 0 ? t("js-bulk-send") : tn("js-bulk-send", n);
}

export function initBulk() {
  $("bulk-send").addEventListener("click", async () => {
    const ids = Array.from(selected.keys());
    if (!ids.length) return;
    $("bulk-send").disabled = true;
    const body = { user_ids: ids };
    if (!$("bulk-reset-mfa-row").hidden && $("bulk-reset-mfa").checked) body.reset_mfa = true;
    const r = await authed("POST", api("/password-resets/bulk"), body);
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
    say("bulk-msg", tn("js-bulk-result", total, { sent: NUMBER.format(sent) }) + (body.reset_mfa && sent ? " " + t("js-bulk-mfa-note") : ""),
      sent === total ? "ok" : "info", lines);
    const list = $("bulk-msg").querySelector("ul");
    if (list) list.className = "outcomes";
    selected.clear();
    for (const cb of $("user-list").querySelectorAll("input[type=checkbox]")) { cb.checked = false; cb.closest("li").className = ""; }
    $("bulk-reset-mfa").checked = false;
    updateBulk();
  });
}
