"use strict";
// The pages are native ES modules (web/js): each page downloads its own entry
// and the small library it imports, never another page's code or the console's.
const { test, after, before } = require("node:test");
const assert = require("node:assert/strict");
const h = require("../lib/harness");

let b;
before(async () => { b = await h.browser(); });
after(async () => { await b.close(); });

/** The paths of every script the page requests from now on, with their types. */
function recordScripts(page) {
  const scripts = new Map();
  page.on("response", (res) => {
    if (res.request().resourceType() !== "script") return;
    scripts.set(new URL(res.url()).pathname, { status: res.status(), type: res.headers()["content-type"] });
  });
  return scripts;
}

test("the sign-in page downloads no console code, only its entry and the library", async () => {
  const page = await b.open();
  const scripts = recordScripts(page);
  await page.goto(b.url("/t/acme/sign-in"));
  await page.getByRole("banner").getByText("Acme Corp").waitFor();
  const paths = [...scripts.keys()].sort();
  assert.ok(paths.includes("/assets/js/pages/sign-in.js"), paths.join(", "));
  assert.ok(paths.includes("/assets/js/lib/api.js"), paths.join(", "));
  for (const p of paths) {
    assert.ok(p === "/assets/js/pages/sign-in.js" || p.startsWith("/assets/js/lib/"), "the sign-in page loaded " + p);
  }
  // Each one served as JavaScript (a module runs only so) and found.
  for (const [p, { status, type }] of scripts) {
    assert.equal(status, 200, p);
    assert.equal(type, "text/javascript; charset=utf-8", p);
  }
  // It still works: a wrong password is said in words.
  await page.getByLabel("Username").fill("rita");
  await page.getByLabel("Password", { exact: true }).fill("Not-Her-Password-1");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("alert").waitFor();
  h.check(page);
});

test("the console loads its views; the account page its own code and the QR encoder, not the console", async () => {
  const page = await b.open();
  const scripts = recordScripts(page);
  await h.signIn(page, b, "olivia", h.password("olivia"));
  await page.getByRole("heading", { name: "Your account" }).waitFor();
  let paths = [...scripts.keys()];
  assert.ok(paths.includes("/assets/js/pages/account.js"), paths.join(", "));
  assert.ok(paths.includes("/assets/js/account/mfa.js"), paths.join(", "));
  assert.ok(paths.includes("/assets/qrcode.js"), paths.join(", "));
  assert.ok(!paths.some((p) => p.startsWith("/assets/js/admin/")), paths.join(", "));
  scripts.clear();
  await page.getByRole("navigation").getByRole("link", { name: "Admin console" }).click();
  await page.locator("#result-count").filter({ hasText: "shown" }).waitFor();
  paths = [...scripts.keys()];
  for (const view of ["state", "router", "ui", "users", "bulk", "detail", "actions", "create", "audit", "audit-words",
    "settings", "brand", "compliance"]) {
    assert.ok(paths.includes("/assets/js/admin/" + view + ".js"), view + " in " + paths.join(", "));
  }
  assert.ok(!paths.some((p) => p.startsWith("/assets/js/account/") || p === "/assets/qrcode.js"), paths.join(", "));
  h.check(page);
});
