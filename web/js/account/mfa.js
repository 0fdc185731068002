// Two-step sign-in on the account page: password, then the secret (its QR code
// drawn here, from the vendored encoder), then a code to prove the app has it;
// the recovery codes, shown once; a new set, or the factor off, each with the
// password and a code.
import { $, el, clear, say, markInvalid, busy } from "../lib/dom.js";
import { t, tn } from "../lib/i18n.js";
import { root, pageUrl, session, authed } from "../lib/api.js";
import { profile } from "../lib/page.js";
import { sayProblem } from "../lib/problem.js";

// `account.me()` is the signed-in person as last loaded, `account.loadMe()`
// loads (and shows) it again.
export function initMfa(account) {
  $("mfa-start").addEventListener("submit", async (e) => {
    e.preventDefault();
    const form = e.target, pw = $("mfa-password");
    if (!pw.value) { markInvalid(pw, true); say("mfa-msg", t("js-enter-current-password"), "err"); pw.focus(); return; }
    busy(form, true);
    const r = await authed("POST", root + "/v1/me/mfa/totp", { current_password: pw.value });
    busy(form, false);
    if (r.status !== 200) {
      markInvalid(pw, r.data && r.data.code === "invalid_current_password");
      sayProblem("mfa-msg", r);
      pw.focus();
      return;
    }
    pw.value = "";
    markInvalid(pw, false);
    say("mfa-msg", "");
    form.hidden = true;
    $("mfa-confirm").hidden = false;
    drawQr($("mfa-qr"), r.data.otpauth_uri);
    $("mfa-secret").textContent = r.data.secret.replace(/(.{4})/g, "$1 ").trim();
    $("mfa-code").focus();
  });
  $("mfa-confirm").addEventListener("submit", async (e) => {
    e.preventDefault();
    const form = e.target, code = $("mfa-code");
    const v = code.value.replace(/\s+/g, "");
    if (!/^[0-9]{6}$/.test(v)) { markInvalid(code, true); say("mfa-msg", t("js-enter-app-code"), "err"); code.focus(); return; }
    busy(form, true);
    const r = await authed("POST", root + "/v1/me/mfa/totp/confirm", { code: v });
    busy(form, false);
    if (r.status === 204 || r.status === 200) {
      form.hidden = true;
      clear($("mfa-qr"));
      $("mfa-secret").textContent = "";
      const codes = r.data && Array.isArray(r.data.recovery_codes) ? r.data.recovery_codes : null;
      const me = account.me();
      const wasRequired = me && me.mfa_enrollment_required;
      form.hidden = true;
      $("mfa-start").hidden = false;
      $("mfa-confirm").hidden = true;
      await account.loadMe();
      say("mfa-msg", t("js-mfa-on-done") + (wasRequired ? " " + t("js-mfa-on-unlocked") : ""), "ok");
      if (codes) showCodes(codes);
    } else {
      markInvalid(code, true);
      sayProblem("mfa-msg", r);
      code.focus();
    }
  });

  // The recovery codes, shown once: copy, download (a .txt from a blob: URL, a
  // download and not a fetch, so default-src 'self' does not stop it), and gone
  // once the user says they are saved (or leaves the page).
  let codesUrl = null;
  function showCodes(codes) {
    const me = account.me();
    const list = $("codes-list");
    clear(list);
    for (const c of codes) list.append(el("li", { text: c }));
    const vars = { username: me ? me.username : "", tenant: (profile && profile.name) || "", date: new Date().toISOString().slice(0, 10) };
    const text = t(vars.tenant ? "js-codes-file-title-tenant" : "js-codes-file-title", vars) + "\n" +
      t("js-codes-file-help") + "\n\n" + codes.join("\n") + "\n";
    if (codesUrl) URL.revokeObjectURL(codesUrl);
    codesUrl = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
    $("codes-download").href = codesUrl;
    $("codes").dataset.codes = codes.join("\n");
    say("codes-msg", "");
    $("codes").hidden = false;
    $("codes").focus();
  }
  function hideCodes() {
    clear($("codes-list"));
    $("codes").hidden = true;
    delete $("codes").dataset.codes;
    $("codes-download").href = "#codes";
    if (codesUrl) { URL.revokeObjectURL(codesUrl); codesUrl = null; }
  }
  $("codes-copy").addEventListener("click", async () => {
    const text = $("codes").dataset.codes || "";
    let ok = false;
    try { await navigator.clipboard.writeText(text + "\n"); ok = true; } catch (_) { ok = false; }
    if (!ok) {
      // No clipboard access: select the codes, so that Ctrl+C copies them.
      const range = document.createRange();
      range.selectNodeContents($("codes-list"));
      const sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
    }
    say("codes-msg", ok ? t("js-codes-copied") : t("js-codes-copy-blocked"), ok ? "ok" : "info");
  });
  $("codes-done").addEventListener("click", () => {
    const me = account.me();
    hideCodes();
    say("mfa-msg", tn("js-codes-saved", Number(me ? me.recovery_codes_left : 0)), "ok");
    $("mfa-h").focus();
  });

  // A new set of codes, or two-step sign-in off: each needs the password and a
  // code (from the app, or a recovery code).
  const codeBody = (pw, code) => {
    const v = code.value.trim();
    const body = { current_password: pw.value };
    if (/^[0-9\s]{6,8}$/.test(v) && v.replace(/\s+/g, "").length === 6) body.totp_code = v.replace(/\s+/g, "");
    else body.recovery_code = v;
    return body;
  };
  async function withCode(form, pwId, codeId, method, url, done) {
    const pw = $(pwId), code = $(codeId);
    markInvalid(pw, !pw.value);
    markInvalid(code, !code.value.trim());
    if (!pw.value || !code.value.trim()) {
      say("mfa-msg", !pw.value ? t("js-enter-current-password") : t("js-enter-code-or-recovery"), "err");
      (!pw.value ? pw : code).focus();
      return;
    }
    busy(form, true);
    const r = await authed(method, url, codeBody(pw, code));
    busy(form, false);
    if (r.status === 200 || r.status === 204) {
      pw.value = ""; code.value = "";
      await done(r);
      return;
    }
    if (r.status === 401) { session.clear(); location.replace(pageUrl("sign-in")); return; }
    const c = r.data && r.data.code;
    markInvalid(pw, c === "invalid_current_password");
    markInvalid(code, c === "invalid_mfa_code");
    if (c === "invalid_mfa_code") say("mfa-msg", t("js-mfa-code-wrong"), "err");
    else sayProblem("mfa-msg", r);
    (c === "invalid_mfa_code" ? code : pw).focus();
  }
  $("regen-form").addEventListener("submit", (e) => {
    e.preventDefault();
    withCode(e.target, "regen-password", "regen-code", "POST", root + "/v1/me/mfa/recovery-codes", async (r) => {
      await account.loadMe();
      say("mfa-msg", t("js-regen-done"), "ok");
      showCodes(r.data.recovery_codes || []);
    });
  });
  $("off-form").addEventListener("submit", (e) => {
    e.preventDefault();
    withCode(e.target, "off-password", "off-code", "DELETE", root + "/v1/me/mfa/totp", async () => {
      hideCodes();
      await account.loadMe();
      say("mfa-msg", t("js-mfa-off-done"), "ok");
    });
  });
}

// The QR code of the secret's otpauth: URI as an SVG, from the vendored
// encoder (qrcode.js, loaded before this module by the account page).
function drawQr(box, text) {
  clear(box);
  if (typeof window.qrcode !== "function") return;
  const q = window.qrcode(0, "M");
  window.qrcode.stringToBytes = window.qrcode.stringToBytesFuncs["UTF-8"];
  q.addData(text, "Byte");
  q.make();
  const n = q.getModuleCount(), quiet = 4, size = n + quiet * 2;
  const NS = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(NS, "svg");
  svg.setAttribute("viewBox", [0, 0, size, size].join(" "));
  svg.setAttribute("class", "qr");
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", t("js-qr-label"));
  svg.setAttribute("shape-rendering", "crispEdges");
  const bg = document.createElementNS(NS, "rect");
  bg.setAttribute("width", size); bg.setAttribute("height", size); bg.setAttribute("fill", "#fff");
  svg.append(bg);
  let d = "";
  for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) {
    if (q.isDark(r, c)) d += "M" + (c + quiet) + " " + (r + quiet) + "h1v1h-1z";
  }
  const p = document.createElementNS(NS, "path");
  p.setAttribute("d", d); p.setAttribute("fill", "#000");
  svg.append(p);
  box.append(svg);
}
