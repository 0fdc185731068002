// The admin console: who is signed in, then one view per task (users, a
// user, bulk resets, jobs, a job, audit log, settings, branding, compliance), each at its
// own address and shown when the server's list of what this person may do
// (`capabilities` of GET /v1/me) allows it.
import { $ } from "../lib/dom.js";
import { t, roleName } from "../lib/i18n.js";
import { root, pageUrl, session, authed } from "../lib/api.js";
import { loadProfile, toTenantDefault, langSwitch, followOwnLocale } from "../lib/page.js";
import { state, setMe, can } from "../admin/state.js";
import { initRouter, route } from "../admin/router.js";
import { initConfirm } from "../admin/ui.js";
import { initUsers } from "../admin/users.js";
import { initDetail } from "../admin/detail.js";
import { initActions } from "../admin/actions.js";
import { initBulk } from "../admin/bulk.js";
import { initJobs } from "../admin/jobs.js";
import { initJob } from "../admin/job.js";
import { offerRoles, initCreate } from "../admin/create.js";
import { initAudit } from "../admin/audit.js";
import { loadSettings, initSettings } from "../admin/settings.js";
import { initBrand } from "../admin/brand.js";
import { initCompliance } from "../admin/compliance.js";

const profileLoaded = loadProfile(true);

// The views in the order the nav lists them (the first allowed one is home).
initUsers();
initDetail();
initActions();
initBulk();
initJobs();
initJob();
initCreate();
initAudit();
initSettings();
initBrand();
initCompliance();
initConfirm();

async function start() {
  if (!session.get()) { location.replace(pageUrl("sign-in", "next=admin")); return; }
  const r = await authed("GET", root + "/v1/me");
  if (r.status === 401) { session.clear(); location.replace(pageUrl("sign-in", "next=admin")); return; }
  if (r.status === 200 && (r.data.must_change_password || r.data.mfa_enrollment_required)) { location.replace(pageUrl("account")); return; }
  if (r.status === 200 && followOwnLocale(r.data)) return;
  await profileLoaded;
  if (!(r.status === 200 && r.data.locale) && toTenantDefault()) return;
  $("loading").hidden = true;
  if (r.status !== 200 || (r.data.role !== "admin" && r.data.role !== "owner")) { $("denied").hidden = false; return; }
  setMe(r.data);
  const me = state.me;
  if (langSwitch && me.locale) langSwitch.value = me.locale;
  $("console").hidden = false;
  $("whoami").textContent = t("js-whoami", { username: me.username, role: roleName(me.role) });
  offerRoles();
  initRouter();
  // The settings say whether this person's resets need their own second factor.
  if (can("settings.manage")) await loadSettings();
  route();
}

start();
