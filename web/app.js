"use strict";
// Hosted pages: no framework, no build step. The tenant comes from the path
// (/t/{tenant}/...); the reset token from the URL fragment, which browsers never
// send to a server.
(function () {
  const $ = (id) => document.getElementById(id);
  // Everything before "/t/{tenant}/..." is where the service is mounted: "" locally
  // and on a custom domain, "/{stage}" on API Gateway's own execute-api URL.
  const path = location.pathname;
  const at = path.indexOf("/t/");
  const root = at >= 0 ? path.slice(0, at) : path.replace(/\/+$/, "");
  const parts = at >= 0 ? path.slice(at).split("/") : [];
  const tenant = parts[1] === "t" ? parts[2] : null;
  const api = (p) => root + "/v1/tenants/" + encodeURIComponent(tenant) + p;

  function show(text, ok, items) {
    const m = $("msg");
    m.hidden = false;
    m.className = "msg " + (ok ? "ok" : "err");
    m.textContent = text;
    if (items && items.length) {
      const ul = document.createElement("ul");
      for (const it of items) {
        const li = document.createElement("li");
        li.textContent = it;
        ul.appendChild(li);
      }
      m.appendChild(ul);
    }
  }

  async function call(method, url, body, token) {
    const headers = { "Content-Type": "application/json" };
    if (token) headers["Authorization"] = "Bearer " + token;
    const res = await fetch(url, { method, headers, body: body ? JSON.stringify(body) : undefined });
    let data = null;
    const text = await res.text();
    if (text) { try { data = JSON.parse(text); } catch (_) { data = null; } }
    return { status: res.status, data };
  }

  function policyText(p) {
    const rules = ["At least " + p.min_length + " and at most " + p.max_length + " characters."];
    if (p.history > 0) rules.push("Not your current password or any of your last " + p.history + ".");
    if (p.block_common) rules.push("Not a commonly used password.");
    if (p.block_context) rules.push("Not containing your username, email or organisation name.");
    if (p.require_classes > 0) rules.push("At least " + p.require_classes + " of: lower case, upper case, digits, symbols.");
    return rules;
  }

  const page = document.body.dataset.page;

  if (!page) {
    const go = $("go");
    if (go) go.addEventListener("submit", (e) => {
      e.preventDefault();
      location.href = root + "/t/" + encodeURIComponent($("tenant").value.trim()) + "/sign-in";
    });
    return;
  }

  if (page === "sign-in") {
    const form = $("sign-in");
    async function showMe(token) {
      const me = await call("GET", root + "/v1/me", null, token);
      if (me.status !== 200) { sessionStorage.removeItem("latchkey.session"); return; }
      form.hidden = true;
      $("signed-in").hidden = false;
      $("who").textContent = me.data.username + " (" + me.data.role + ")";
      $("must-change").hidden = !me.data.must_change_password;
    }
    const existing = sessionStorage.getItem("latchkey.session");
    if (existing) showMe(existing);
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      const body = { username: $("username").value, password: $("password").value };
      if ($("totp").value) body.totp_code = $("totp").value;
      const r = await call("POST", api("/sessions"), body);
      if (r.status === 201) {
        sessionStorage.setItem("latchkey.session", r.data.token);
        $("password").value = "";
        $("msg").hidden = true;
        showMe(r.data.token);
      } else if (r.data && r.data.code === "mfa_required") {
        $("totp-row").hidden = false;
        show("Enter the code from your authenticator app.", false);
      } else {
        show((r.data && r.data.title) || "Sign-in failed.", false);
      }
    });
    $("sign-out").addEventListener("click", async () => {
      const token = sessionStorage.getItem("latchkey.session");
      if (token) await call("DELETE", root + "/v1/sessions/current", null, token);
      sessionStorage.removeItem("latchkey.session");
      location.reload();
    });
  }

  if (page === "forgot") {
    $("forgot").addEventListener("submit", async (e) => {
      e.preventDefault();
      const body = {};
      if ($("email").value.trim()) body.email = $("email").value.trim();
      if ($("username").value.trim()) body.username = $("username").value.trim();
      const r = await call("POST", api("/password-resets"), body);
      if (r.status === 202) show(r.data.message, true);
      else show((r.data && (r.data.detail || r.data.title)) || "Something went wrong.", false);
    });
  }

  if (page === "reset") {
    const params = new URLSearchParams(location.hash.slice(1));
    const token = params.get("token");
    // Drop the token from the address bar and history as soon as it is read.
    history.replaceState(null, "", location.pathname);
    (async () => {
      $("checking").hidden = true;
      if (!token) { show("This link is incomplete. Request a new one.", false); return; }
      const r = await call("POST", api("/password-resets/inspect"), { token });
      if (r.status !== 200) { show((r.data && r.data.title) || "This link is invalid or has expired.", false); return; }
      $("reset").hidden = false;
      $("reset-user").textContent = r.data.username;
      $("reset-expires").textContent = new Date(r.data.expires_at).toLocaleString();
      const ul = document.createElement("ul");
      for (const t of policyText(r.data.policy)) { const li = document.createElement("li"); li.textContent = t; ul.appendChild(li); }
      $("policy").appendChild(ul);
    })();
    $("reset").addEventListener("submit", async (e) => {
      e.preventDefault();
      const pw = $("new-password").value;
      if (pw !== $("confirm-password").value) { show("The two passwords differ.", false); return; }
      const r = await call("POST", api("/password-resets/confirm"), { token, new_password: pw });
      if (r.status === 204) {
        $("reset").hidden = true;
        show("Your password was changed. You can sign in with it now.", true);
      } else if (r.data && r.data.code === "password_policy") {
        show(r.data.title, false, r.data.violations.map((v) => v.message));
      } else {
        show((r.data && r.data.title) || "Something went wrong.", false);
      }
    });
  }
})();
