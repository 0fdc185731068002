"use strict";
// The browser tests' harness: the server under test, Debian's Chromium through
// playwright-core, the outbox, TOTP codes, axe-core and screenshots.
//
// The server: scripts/test.sh starts `target/debug/latchkey serve` with seed.json
// and a temporary outbox and passes LATCHKEY_URL and LATCHKEY_OUTBOX. Run alone
// (`npm test` in tests/browser after `cargo build -p latchkey`), each test file
// starts its own server the same way. Either way jobs mail 2 a second
// (LATCHKEY_JOB_MAILS_PER_SECOND), slow enough to pause one while it runs.
const assert = require("node:assert/strict");
const { spawn } = require("node:child_process");
const crypto = require("node:crypto");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { chromium } = require("playwright-core");

const REPO = path.resolve(__dirname, "..", "..", "..");
const SHOTS = path.join(REPO, "target", "screenshots");
const DOC_SHOTS = path.join(REPO, "docs", "screenshots");
const CHROMIUM = process.env.LATCHKEY_CHROMIUM || "/usr/bin/chromium";
const AXE = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const SEED = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "seed.json"), "utf8"));

/** The seeded password of a user of the test seed. */
function password(username, tenant = "acme") {
  const t = SEED.tenants.find((x) => x.id === tenant);
  const u = t.users.find((x) => x.username === username);
  assert.ok(u, "no seeded user " + username);
  return u.password;
}

// ------------------------------------------------------------------ server
let ownServer = null;
async function server() {
  if (process.env.LATCHKEY_URL && process.env.LATCHKEY_OUTBOX) {
    return { url: process.env.LATCHKEY_URL.replace(/\/+$/, ""), outbox: process.env.LATCHKEY_OUTBOX };
  }
  if (ownServer) return ownServer;
  const bin = path.join(REPO, "target", "debug", "latchkey");
  assert.ok(fs.existsSync(bin), bin + " is missing: run `cargo build -p latchkey` first");
  const outbox = fs.mkdtempSync(path.join(os.tmpdir(), "latchkey-outbox-"));
  const child = spawn(bin, ["serve", "--port", "0", "--seed", path.join(__dirname, "..", "seed.json"), "--outbox", outbox],
    { stdio: ["ignore", "pipe", "pipe"], env: { LATCHKEY_JOB_MAILS_PER_SECOND: "2", ...process.env, RUST_LOG: "warn" } });
  child.stderr.resume();
  const url = await new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error("latchkey serve did not start: " + out)), 30000);
    child.stdout.on("data", (d) => {
      out += d;
      const m = /running at (http:\/\/[^\s]+)/.exec(out);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    child.on("exit", (code) => reject(new Error("latchkey serve exited " + code + ": " + out)));
  });
  child.stdout.resume();
  ownServer = { url, outbox, child };
  process.on("exit", () => child.kill());
  return ownServer;
}

// ------------------------------------------------------------------ browser
const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/**
 * A fresh Chromium (own --user-data-dir) for one test file. `open()` gives a new
 * tab (its own sessionStorage) that records console errors, CSP reports, page
 * errors and dialogs; `check(page)` asserts there were none.
 */
async function browser() {
  assert.ok(fs.existsSync(CHROMIUM), CHROMIUM + " is missing (apt-get install chromium)");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "latchkey-chromium-"));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: { width: 1100, height: 900 },
    locale: "en-GB",
    timezoneId: "UTC",
  });
  context.setDefaultTimeout(15000);
  for (const p of context.pages()) await p.close();
  const srv = await server();
  return {
    context,
    srv,
    url: (p) => srv.url + p,
    async open(width) {
      const page = await context.newPage();
      if (width) await page.setViewportSize({ width, height: 800 });
      page.problems = [];
      page.dialogs = [];
      // Refused API calls (a 4xx the page expects and explains) are logged by the
      // browser too; anything else, CSP refusals above all, is a failure.
      page.on("console", (m) => {
        if (m.type() !== "error") return;
        if (/^Failed to load resource: the server responded with a status of 4\d\d/.test(m.text())) return;
        page.problems.push("console: " + m.text());
      });
      page.on("pageerror", (e) => page.problems.push("page error: " + e.message));
      page.on("dialog", (d) => { page.dialogs.push(d.message()); d.dismiss().catch(() => {}); });
      return page;
    },
    async close() {
      await context.close();
      fs.rmSync(dir, { recursive: true, force: true });
      if (ownServer) { ownServer.child.kill(); ownServer = null; }
    },
  };
}

/** No script errors, no CSP violations, no dialogs on this page so far. */
function check(page) {
  assert.deepEqual(page.problems, [], "console errors, CSP violations or page errors");
  assert.deepEqual(page.dialogs, [], "no dialog may open");
}

// ------------------------------------------------------------------ screenshots
function shot(page, name, opts = {}) {
  fs.mkdirSync(SHOTS, { recursive: true });
  const file = path.join(SHOTS, name + ".png");
  return page.screenshot({ path: file, fullPage: opts.fullPage !== false, animations: "disabled" }).then(() => {
    // The docs' pictures (docs/screenshots), refreshed on request (LATCHKEY_DOC_SCREENSHOTS=1).
    if (opts.doc && process.env.LATCHKEY_DOC_SCREENSHOTS === "1") {
      fs.mkdirSync(DOC_SHOTS, { recursive: true });
      fs.copyFileSync(file, path.join(DOC_SHOTS, name + ".png"));
    }
    return file;
  });
}

// ------------------------------------------------------------------ accessibility
/** axe-core on the page as it is now; fails on any serious or critical violation. */
async function axe(page, label) {
  // Evaluated through the DevTools protocol, which the page's CSP does not govern.
  if (!(await page.evaluate(() => typeof window.axe === "object"))) await page.evaluate(AXE);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
  const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const text = bad.map((v) => v.impact + " " + v.id + ": " + v.help + " -> " +
    v.nodes.map((n) => n.target.join(" ")).join(", ")).join("\n");
  assert.equal(bad.length, 0, label + ": axe-core found serious/critical violations:\n" + text);
  return result.violations;
}

// ------------------------------------------------------------------ outbox
/** Every mail in the outbox (one JSON file each). */
function mails(outbox) {
  if (!fs.existsSync(outbox)) return [];
  return fs.readdirSync(outbox).filter((f) => f.endsWith(".json") && !f.startsWith("."))
    .map((f) => ({ file: f, ...JSON.parse(fs.readFileSync(path.join(outbox, f), "utf8")) }));
}
/** Waits for a mail to `to` of `kind` that was not in `seen` (file names). */
async function waitForMail(outbox, { to, kind, seen = new Set() }, timeoutMs = 15000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const m = mails(outbox).find((x) => !seen.has(x.file) && x.to === to && (!kind || x.kind === kind));
    if (m) return m;
    if (Date.now() > end) {
      throw new Error("no " + (kind || "") + " mail to " + to + " within " + timeoutMs + " ms; outbox has: " +
        mails(outbox).map((x) => x.kind + "->" + x.to).join(", "));
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
const seenNow = (outbox) => new Set(mails(outbox).map((m) => m.file));
/** The first http(s) link in a mail's text. */
function link(mail) {
  const m = /https?:\/\/\S+/.exec(mail.text);
  assert.ok(m, "no link in mail: " + mail.text);
  return m[0];
}

// ------------------------------------------------------------------ TOTP (RFC 6238)
function base32Decode(s) {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = 0, value = 0;
  const out = [];
  for (const ch of s.replace(/[\s=]/g, "").toUpperCase()) {
    const i = alphabet.indexOf(ch);
    if (i < 0) throw new Error("not base32: " + ch);
    value = (value << 5) | i;
    bits += 5;
    if (bits >= 8) { out.push((value >>> (bits - 8)) & 0xff); bits -= 8; }
  }
  return Buffer.from(out);
}
/** The TOTP code (SHA-1, 30 s) for a time step; `digits` 6 unless told. */
function totp(key, step, digits = 6) {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(step));
  const h = crypto.createHmac("sha1", key).update(msg).digest();
  const o = h[h.length - 1] & 0xf;
  const bin = h.readUInt32BE(o) & 0x7fffffff;
  return String(bin % 10 ** digits).padStart(digits, "0");
}
const currentStep = () => Math.floor(Date.now() / 1000 / 30);

// ------------------------------------------------------------------ page steps
/** Signs in on the sign-in page (fills the code too when given) and waits for `landing`. */
async function signIn(page, b, username, pw, opts = {}) {
  await page.goto(b.url("/t/" + (opts.tenant || "acme") + "/sign-in" + (opts.next ? "?next=" + opts.next : "")));
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password", { exact: true }).fill(pw);
  await page.getByRole("button", { name: "Sign in" }).click();
  if (opts.code) {
    await page.getByLabel("One-time code").waitFor();
    await page.getByLabel("One-time code").fill(opts.code);
    await page.getByRole("button", { name: "Sign in" }).click();
  }
  await page.waitForURL("**/t/" + (opts.tenant || "acme") + "/" + (opts.landing || "account"));
}

module.exports = {
  REPO, SHOTS, password, server, browser, check, shot, axe, mails, waitForMail, seenNow, link,
  base32Decode, totp, currentStep, signIn,
};
