// A lockout (429 too_many_attempts with Retry-After) as a countdown: the
// message says until when, once (an alert); under the form's button the time
// left ticks each second (a timer, which screen readers do not announce at
// every tick); the button stays off until zero, then comes back and the page
// says, politely, that the person can try again. The server's lock is the
// rule; the countdown only shows its Retry-After.
import { el, say, busy } from "./dom.js";
import { t, LOCALE } from "./i18n.js";
import { supportPointer } from "./support.js";

// "4 minutes, 12 seconds" in the page's language and units.
export function spanText(seconds) {
  const parts = [];
  const unit = (n, u) => new Intl.NumberFormat(LOCALE, { style: "unit", unit: u, unitDisplay: "long" }).format(n);
  const h = Math.floor(seconds / 3600), m = Math.floor((seconds % 3600) / 60), s = seconds % 60;
  if (h) parts.push(unit(h, "hour"));
  if (m) parts.push(unit(m, "minute"));
  if (s || !parts.length) parts.push(unit(s, "second"));
  return new Intl.ListFormat(LOCALE, { type: "unit", style: "long" }).format(parts);
}

const running = new WeakMap();

// Starts the countdown for `form` when `r` is a lockout with a time; false
// (nothing done) otherwise, for the caller to say the problem its own way.
export function startLockout(form, msgId, r) {
  const seconds = Math.ceil(Number(r.retryAfter));
  if (!(r.data && r.data.code === "too_many_attempts") || !(seconds > 0)) return false;
  stop(form);
  const end = Date.now() + seconds * 1000;
  const time = new Date(end).toLocaleTimeString(LOCALE, { hour: "2-digit", minute: "2-digit" });
  say(msgId, t("js-lockout-paused", { time }), "err", null, supportPointer());
  const timer = el("p", { class: "countdown", role: "timer", "aria-live": "off" });
  const button = form.querySelector("button[type=submit]");
  if (button) button.after(timer); else form.append(timer);
  busy(form, true);
  const state = { timer, handle: 0 };
  running.set(form, state);
  const tick = () => {
    const left = Math.ceil((end - Date.now()) / 1000);
    if (left <= 0) {
      stop(form);
      busy(form, false);
      say(msgId, t("js-lockout-over"), "info");
      return;
    }
    timer.textContent = t("js-lockout-countdown", { span: spanText(left) });
    // The next tick when the whole seconds left change, not a drifting second later.
    state.handle = setTimeout(tick, ((end - Date.now()) % 1000) || 1000);
  };
  tick();
  return true;
}

function stop(form) {
  const state = running.get(form);
  if (!state) return;
  clearTimeout(state.handle);
  state.timer.remove();
  running.delete(form);
}

// Whether `form` is waiting out a lockout (its submit does nothing then).
export const lockedOut = (form) => running.has(form);
