// The tenant's support contact (branding.support_contact of its public
// profile) on the pages where a person may be stuck: sign-in (and its locked
// state), forgot, reset and unlock. A page opts in with an empty
// <section id="support" hidden> holding its heading; nothing shows when the
// tenant named no contact. Every value goes in as text; a link is made only
// of a value of the shape its scheme needs (the server checked them too).
import { $, el } from "./dom.js";
import { t } from "./i18n.js";

const EMAIL = /^[^\s@?&#/:<>"]+@[^\s@?&#/:<>"]+$/;
const WEB = /^https?:\/\/[^\s<>"]+$/i;

function contactLinks(c) {
  const rows = [];
  if (c.email) {
    rows.push([t("js-support-email"), EMAIL.test(c.email)
      ? el("a", { href: "mailto:" + c.email, text: c.email }) : el("span", { text: c.email })]);
  }
  if (c.phone) {
    // A tel: link dials the digits (and a leading +); the number reads as written.
    const dial = c.phone.replace(/[^\d+]/g, "");
    rows.push([t("js-support-phone"), dial ? el("a", { href: "tel:" + dial, text: c.phone }) : el("span", { text: c.phone })]);
  }
  if (c.url) {
    rows.push([t("js-support-web"), WEB.test(c.url)
      ? el("a", { href: c.url, rel: "noreferrer", text: c.url }) : el("span", { text: c.url })]);
  }
  return rows;
}

// The section filled from the profile; whether there is a contact to show.
export function showSupport(profile) {
  const box = $("support");
  if (!box) return false;
  const b = (profile && profile.branding) || {};
  const rows = contactLinks(b.support_contact || {});
  for (const old of [...box.children]) if (old.id !== "support-h") old.remove();
  box.hidden = rows.length === 0;
  if (!rows.length) return false;
  const name = b.display_name || (profile && profile.name);
  box.append(el("p", { class: "muted", text: name ? t("js-support-intro-tenant", { tenant: name }) : t("js-support-intro") }));
  const list = el("dl", { class: "facts" });
  for (const [label, value] of rows) list.append(el("div", {}, el("dt", { text: label }), el("dd", {}, value)));
  box.append(list);
  return true;
}

// A pointer to the contact from a message (the locked state): it moves the
// focus there without touching the address (a reset page's fragment is its
// token's; a change of it reloads the page). Null when there is none.
export function supportPointer() {
  const box = $("support");
  if (!box || box.hidden) return null;
  const a = el("a", { href: "#support", text: t("js-support-pointer") });
  a.addEventListener("click", (e) => {
    e.preventDefault();
    box.scrollIntoView({ block: "nearest" });
    box.focus();
  });
  return el("p", {}, a);
}
