// The admin console: who is signed in, then the views it may use, each shown
// by the server's own list of what this person may do (`capabilities` of GET
// /v1/me): users (list, detail, bulk, create), audit, settings, brand.
import { $, say } from "../lib/dom.js";
import { t, roleName } from "../lib/i18n.js";
import { root, pageUrl, session, authed } from "../lib/api.js";
import { loadProfile, toTenantDefault, langSwitch, followOwnLocale } from "../lib/page.js";
import { state, setMe, can } from "../admin/state.js";
import { search, initUsers } from "../admin/users.js";
import { initBulk } from "../admin/bulk.js";
import { openUser, initDetail } from "../admin/detail.js";
import { offerRoles, initCreate } from "../admin/create.js";
import { initAudit } from "../admin/audit.js";
import { loadSettings, initSettings } from "../admin/settings.js";
import { initBrand } from "../admin/brand.js";

const profileLoaded = loadProfile(true);

initUsers(openUser);
initBulk();
initDetail();
initCreate();
initAudit();
initSettings();
initBrand();

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
  $("bulk").hidden = !can("passwords.reset");
  $("bulk-reset-mfa-row").hidden = !can("mfa.reset");
  $("create-section").hidden = !can("users.manage");
  $("audit-section").hidden = !can("audit.read");
  $("nav-audit").hidden = !can("audit.read");
  const settings = can("settings.manage");
  $("settings-section").hidden = !settings;
  $("nav-settings").hidden = !settings;
  $("brand-section").hidden = !settings;
  $("nav-brand").hidden = !settings;
  offerRoles();
  if (settings) loadSettings();
  if (can("users.read")) search(null);
  else say("console-msg", t("js-no-list-permission"), "info");
}

start();
