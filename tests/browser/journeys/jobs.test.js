"use strict";
// The console's jobs, as an owner runs one after an incident (issue 27): in
// the bulk view, everyone matching a search; a dry run that counts them and
// names some; a confirmation naming the number, whose button alone starts the
// job; then the job's own view with its progress bar, mail sent, users
// skipped by reason and time left, until it is done. A slow job (the browser
// run's jobs mail 2 a second) is paused, found again after a reload, resumed
// and cancelled. Each view axe-clean at 1280 and 375 px. Tenant `relay` of the
// seed: owner rowan, wave-01..08 (wave-07 has no email, wave-08 is
// disabled), hold-001..060.
const { test, after, before } = require("node:test");
const assert = require("node:assert/strict");
const h = require("../lib/harness");
const c = require("../lib/console");

let b;
before(async () => { b = await h.browser(); });
after(async () => { await b.close(); });

const TENANT = "relay";
const mailsTo = (outbox, seen, prefix) =>
  h.mails(outbox).filter((m) => !seen.has(m.file) && m.to && m.to.startsWith(prefix));

/** The bulk view's job form, filled: a search, an action (its label's start), a reason. */
async function fillJob(page, { q, action, reason }) {
  const form = page.locator("#job-form");
  await form.getByLabel("Username or email address begins with").fill(q);
  await form.getByRole("radio", { name: new RegExp("^" + action) }).check();
  await form.getByLabel("Reason", { exact: true }).fill(reason);
}

/** The job as the API has it (asked with the tab's own session). */
async function apiJob(page, id) {
  const r = await c.asTab(page, b, TENANT, "GET", "/v1/tenants/" + TENANT + "/password-reset-jobs/" + id);
  assert.equal(r.status, 200);
  return r.data;
}

const jobId = (page) => decodeURIComponent(new URL(page.url()).hash.split("/")[2]);

/** The ids of the tenant's jobs (the newest first, at most 100). */
async function jobIds(page) {
  const r = await c.asTab(page, b, TENANT, "GET", "/v1/tenants/" + TENANT + "/password-reset-jobs?limit=100");
  assert.equal(r.status, 200);
  return r.data.jobs.map((j) => j.id);
}

test("a job: dry run, a confirmation naming the number, progress until done, its mail sent and its skips named", async () => {
  const page = await c.openConsole(b, "rowan", { tenant: TENANT });
  const seen = h.seenNow(b.srv.outbox);
  const before = await jobIds(page);
  // GIVEN the users view searched for "wave-"
  await page.locator("#q").fill("wave-");
  await page.locator("#search").getByRole("button").click();
  await page.waitForFunction(() => document.querySelectorAll("#user-rows tr").length === 8);
  // WHEN the owner follows "everyone matching this search"
  await page.getByRole("link", { name: "Reset or expire everyone matching this search" }).click();
  await page.waitForURL(/#\/bulk\?q=wave-$/);
  // THEN the bulk view's job has the search as its criterion
  assert.equal(await page.locator("#job-q").inputValue(), "wave-");
  // WHEN counted without a reason THEN the reason is asked for, nothing sent
  await page.getByRole("button", { name: "Count the users (nothing changes)" }).click();
  await page.locator("#job-msg [role=alert]").getByText("Give a reason").waitFor();
  assert.equal(await page.locator("#job-reason").getAttribute("aria-invalid"), "true");
  // WHEN counted with one (a dry run) THEN the number and the first users, nothing changed
  await fillJob(page, { q: "wave-", action: "Send a reset link", reason: "INC-4711 leaked session cookies" });
  await page.getByRole("button", { name: "Count the users (nothing changes)" }).click();
  await page.locator("#job-count").getByText("8 users match now. Nothing has changed yet.").waitFor();
  const sample = await page.locator("#job-sample li").allTextContents();
  assert.equal(sample.length, 8);
  assert.ok(sample.includes("wave-01 · wave-01@relay.test") && sample.includes("wave-07"), sample.join(", "));
  await c.atBothWidths(page, "console-job-dry-run-en", { words: "#job-start" });
  // WHEN the form changes after the dry run THEN the count no longer stands
  await page.locator("#job-role").selectOption("user");
  assert.equal(await page.locator("#job-dry").isVisible(), false);
  await page.locator("#job-role").selectOption("");
  await page.getByRole("button", { name: "Count the users (nothing changes)" }).click();
  await page.locator("#job-count").getByText("8 users match now.", { exact: false }).waitFor();
  // WHEN started THEN a confirmation names the number; cancelling it starts nothing
  await page.getByRole("button", { name: "Start the job…" }).click();
  const dialog = page.getByRole("dialog", { name: "Send reset links to 8 accounts?" });
  await dialog.waitFor();
  assert.match(await dialog.locator("#confirm-text").textContent(), /Reason: “INC-4711 leaked session cookies”/);
  await c.atBothWidths(page, "console-job-confirm-en", { words: "#confirm" });
  await dialog.getByRole("button", { name: "Cancel" }).click();
  assert.deepEqual(await jobIds(page), before, "no job before the confirmation");
  assert.equal(mailsTo(b.srv.outbox, seen, "wave-").length, 0, "nothing sent before the confirmation");
  // WHEN confirmed THEN the job's own view, which follows it until it is done
  await page.getByRole("button", { name: "Start the job…" }).click();
  await dialog.getByRole("button", { name: "Send the links" }).click();
  await page.waitForURL(/#\/jobs\/j_/);
  const id = jobId(page);
  await page.locator("#job-view-msg").getByText("The job has started: 8 users matched.").waitFor();
  await page.locator("#job-state").getByText("The job is done.").waitFor({ timeout: 30000 });
  const bar = page.getByRole("progressbar", { name: "Progress" });
  assert.equal(await bar.getAttribute("max"), "8");
  assert.equal(await bar.evaluate((p) => p.value), 8);
  assert.equal(await page.locator("#job-progress-text").textContent(), "8 of 8 users done (100%)");
  assert.equal(await page.locator("#jf-sent").textContent(), "6");
  assert.deepEqual((await page.locator("#jf-skipped li").allTextContents()).sort(),
    ["account disabled: 1", "no email address: 1"]);
  assert.equal(await page.locator("#jf-status").textContent(), "Done");
  assert.equal(await page.locator("#jf-by").textContent(), "You");
  assert.equal(await page.locator("#job-pause").isVisible(), false);
  assert.equal(await page.locator("#job-cancel").isVisible(), false);
  await c.atBothWidths(page, "console-job-done-en", { words: "#view-job", doc: true });
  // THEN each user with an address got a link; the one without, and the disabled one, none
  for (let i = 1; i <= 6; i++) {
    const mail = await h.waitForMail(b.srv.outbox, { to: "wave-0" + i + "@relay.test", seen });
    assert.match(h.link(mail), /\/t\/relay\/reset#token=/);
  }
  assert.equal(mailsTo(b.srv.outbox, seen, "wave-08").length, 0);
  // THEN the jobs view, from the nav, lists it with its status
  await page.locator("[data-nav=jobs]").click();
  await page.waitForURL(/#\/jobs$/);
  const rows = page.locator("#job-rows tr");
  await rows.first().waitFor();
  assert.equal(await rows.count(), before.length + 1);
  assert.match(await rows.first().textContent(), /Send reset links.*“wave-”.*Done.*8 of 8/);
  assert.equal(await rows.first().getByRole("link").getAttribute("href"), "#/jobs/" + id);
  await c.atBothWidths(page, "console-jobs-en", { words: "#view-jobs" });
  h.check(page);
});

test("a slow job: paused, found paused after a reload, resumed, cancelled after a confirmation; its mail is what it counted", async () => {
  const page = await c.openConsole(b, "rowan", { tenant: TENANT });
  const seen = h.seenNow(b.srv.outbox);
  // GIVEN a job over 60 users that expires them and mails each a link, 2 mails a second
  await c.visit(page, "#/bulk", page.locator("#job-form"));
  await fillJob(page, { q: "hold-", action: "Expire the password and send a reset link", reason: "INC-4712 password dump" });
  await page.getByRole("button", { name: "Count the users (nothing changes)" }).click();
  await page.locator("#job-count").getByText("60 users match now.", { exact: false }).waitFor();
  await page.getByRole("button", { name: "Start the job…" }).click();
  const dialog = page.getByRole("dialog", { name: "Expire 60 accounts and send them reset links?" });
  await dialog.getByRole("button", { name: "Expire and send the links" }).click();
  await page.waitForURL(/#\/jobs\/j_/);
  const id = jobId(page);
  await page.locator("#jf-status").getByText("Running").waitFor();
  // WHEN paused THEN the view says so, at once, and offers Resume and Cancel
  await page.getByRole("button", { name: "Pause" }).click();
  await page.locator("#job-state").getByText("The job is paused.").waitFor();
  assert.equal(await page.locator("#job-resume").isVisible(), true);
  assert.equal(await page.locator("#job-cancel").isVisible(), true);
  assert.equal(await page.locator("#job-pause").isVisible(), false);
  assert.equal((await apiJob(page, id)).status, "paused");
  // WHEN the page is reloaded THEN the same job, still paused
  await page.reload();
  await page.locator("#job-state").getByText("The job is paused.").waitFor();
  assert.equal(jobId(page), id);
  assert.equal(await page.locator("#jf-status").textContent(), "Paused");
  assert.equal(await page.locator("#jf-eta").textContent(), "Not running");
  await c.atBothWidths(page, "console-job-paused-en", { words: "#view-job", doc: true });
  // WHEN resumed THEN it runs again, with a time left
  await page.getByRole("button", { name: "Resume" }).click();
  await page.locator("#job-state").getByText("The job is running.").waitFor();
  assert.equal((await apiJob(page, id)).status, "running");
  assert.notEqual(await page.locator("#jf-eta").textContent(), "Not running");
  // WHEN cancel is asked THEN a confirmation first; declined, the job still runs
  await page.getByRole("button", { name: "Cancel the job" }).click();
  const ask = page.getByRole("dialog", { name: "Cancel this job?" });
  await ask.waitFor();
  await ask.getByRole("button", { name: "Cancel", exact: true }).click();
  assert.equal((await apiJob(page, id)).status, "running");
  // WHEN confirmed THEN cancelled, and no button offers more
  await page.getByRole("button", { name: "Cancel the job" }).click();
  await ask.getByRole("button", { name: "Cancel the job" }).click();
  await page.locator("#job-state").getByText("The job was cancelled", { exact: false }).waitFor();
  assert.equal(await page.locator("#jf-status").textContent(), "Cancelled");
  for (const button of ["#job-pause", "#job-resume", "#job-cancel"]) assert.equal(await page.locator(button).isVisible(), false);
  // THEN the page it was working on still ends (counted, a mail per user it
  // reached), and nothing after it: fewer than all 60 are reached
  let job = await apiJob(page, id);
  for (let i = 0; i < 40 && mailsTo(b.srv.outbox, seen, "hold-").length !== job.sent; i++) {
    await new Promise((r) => setTimeout(r, 500));
    job = await apiJob(page, id);
  }
  const sent = mailsTo(b.srv.outbox, seen, "hold-");
  assert.equal(job.status, "cancelled");
  assert.ok(job.sent > 0 && job.sent < 60, "sent " + job.sent);
  assert.equal(sent.length, job.sent, "a mail for each user the job counted as sent");
  assert.equal(new Set(sent.map((m) => m.to)).size, sent.length, "each user mailed once, though resumed mid-page");
  // THEN the view, still following the stopped job, shows those counts
  await page.locator("#jf-sent").getByText(String(job.sent), { exact: true }).waitFor();
  h.check(page);
});
