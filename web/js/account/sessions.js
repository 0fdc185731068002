// "Your sessions" on the account page: every device signed in to the account
// (the browser as the server summarised it, its address, when it was last
// used and when it signed in), this one marked; any other signed out on its
// own, or all of them at once ("Sign out everywhere else"). A session's id is
// not its token: nothing here can sign anyone in.
import { $, el, clear, say, busy } from "../lib/dom.js";
import { t, when } from "../lib/i18n.js";
import { root, pageUrl, session, authed } from "../lib/api.js";
import { sayProblem } from "../lib/problem.js";

const list = $("sessions-list");
const others = $("sessions-others");

// An ended session (signed out from another device) goes to the sign-in page.
function ended(r) {
  if (r.status !== 401) return false;
  session.clear();
  location.replace(pageUrl("sign-in"));
  return true;
}

// The server's summary ("Firefox on Windows", "Unknown browser on Linux",
// from a fixed vocabulary) in the page's words; a browser's or a system's
// name is its own in every language.
function deviceName(summary) {
  if (!summary) return t("js-session-unknown-device");
  const m = /^(.+) on (.+)$/.exec(summary);
  const browser = (name) => (name.startsWith("Unknown") ? t("js-session-unknown-device") : name);
  return m ? t("js-session-browser-on", { browser: browser(m[1]), system: m[2] }) : browser(summary);
}

function row(s) {
  const device = deviceName(s.user_agent);
  const head = el("p", { class: "device" }, el("strong", { text: device }));
  if (s.current) {
    const mark = el("span", { class: "badge", text: t("js-session-this-device") });
    mark.classList.add("good");
    head.append(" ", mark);
  }
  const facts = [
    t("js-session-ip", { ip: s.ip || t("js-session-unknown-ip") }),
    t("js-session-last-used", { time: when(s.last_used_at) }),
    t("js-session-signed-in", { time: when(s.created_at) }),
  ];
  const li = el("li", { "data-current": s.current ? "true" : null },
    head, el("p", { class: "meta" }, ...facts.flatMap((f, i) => (i ? [el("br"), f] : [f]))));
  if (!s.current) {
    const button = el("button", {
      type: "button", class: "secondary small",
      "aria-label": t("js-session-sign-out-named", { device, ip: s.ip || t("js-session-unknown-ip") }),
      text: t("js-session-sign-out"),
    });
    button.addEventListener("click", () => signOutOne(s, device, button));
    li.append(button);
  }
  return li;
}

export async function loadSessions() {
  const r = await authed("GET", root + "/v1/me/sessions");
  if (ended(r)) return;
  if (r.status !== 200 || !r.data || !Array.isArray(r.data.sessions)) { sayProblem("sessions-msg", r); return; }
  // This device first, then the most recently used.
  const sessions = r.data.sessions.slice().sort((a, b) =>
    (b.current - a.current) || String(b.last_used_at).localeCompare(String(a.last_used_at)));
  clear(list);
  for (const s of sessions) list.append(row(s));
  others.hidden = !sessions.some((s) => !s.current);
}

async function signOutOne(s, device, button) {
  button.disabled = true;
  const r = await authed("DELETE", root + "/v1/me/sessions/" + encodeURIComponent(s.id));
  if (ended(r)) return;
  if (r.status === 204) {
    await loadSessions();
    say("sessions-msg", t("js-session-signed-out", { device }), "ok");
    list.focus();
  } else {
    button.disabled = false;
    sayProblem("sessions-msg", r);
  }
}

others.addEventListener("click", async () => {
  const part = $("sessions-part");
  busy(part, true);
  const r = await authed("DELETE", root + "/v1/me/sessions?scope=others");
  busy(part, false);
  if (ended(r)) return;
  if (r.status === 204) {
    await loadSessions();
    say("sessions-msg", t("js-sessions-others-done"), "ok");
    list.focus();
  } else {
    sayProblem("sessions-msg", r);
  }
});
list.setAttribute("tabindex", "-1");
