// The start page: which organisation's sign-in page to open.
import { $ } from "../lib/dom.js";
import { root } from "../lib/api.js";
import "../lib/page.js";

const go = $("go");
if (go) go.addEventListener("submit", (e) => {
  e.preventDefault();
  location.href = root + "/t/" + encodeURIComponent($("tenant").value.trim()) + "/sign-in";
});
