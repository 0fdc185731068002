// Every word comes from the page's catalogue (domain/locales/*.ftl), which the
// server renders into <html data-catalogue>, in the page's language (<html
// lang>): no English first, no inline script. The API's own titles stay
// English and machine-coded; the page says each `code` in its words.

export const LANG = document.documentElement.lang || "en";
// Dates and times in the page's language, in the browser's regional form of
// it when it has one (en-GB's 24-hour clock for an English page).
export const LOCALE = (navigator.languages || []).find((l) => l.split("-")[0] === LANG) || LANG;
export const CATALOGUE = (() => {
  try { return JSON.parse(document.documentElement.dataset.catalogue || "{}"); } catch (_) { return {}; }
})();

export function t(id, vars) {
  let s = CATALOGUE[id];
  if (s === undefined) return id;
  for (const [k, v] of Object.entries(vars || {})) s = s.split("{" + k + "}").join(String(v));
  return s;
}

// The words for each problem `code` the API answers with (js-error-{code}).
export const TEXT = {};
for (const id of Object.keys(CATALOGUE)) if (id.startsWith("js-error-")) TEXT[id.slice(9)] = CATALOGUE[id];

// A message with a count: the page language's plural rule (Intl) picks the
// variant (`-one`, `-few`, `-other`; Czech says "2 kódy", "5 kódů"), the
// number is written in the page's form; a form a language lacks is `-other`.
const PLURAL = new Intl.PluralRules(LANG);
export const NUMBER = new Intl.NumberFormat(LOCALE);
export function tn(base, count, vars) {
  const id = base + "-" + PLURAL.select(count);
  return t(CATALOGUE[id] !== undefined ? id : base + "-other", Object.assign({ count: NUMBER.format(count) }, vars));
}

// Words for a code of the API (a role, a status, a skip reason), the code
// itself when the catalogue has none.
export const word = (prefix, code) => (code && CATALOGUE[prefix + code] !== undefined ? t(prefix + code) : code);
export const roleName = (r) => word("js-role-", r);
export const statusName = (st) => word("js-status-", st);

export const when = (s) => (s ? new Date(s).toLocaleString(LOCALE) : t("js-never"));
