/* mkdocs-material's inline scripts for its optional banners and cookie consent
 * (partials/javascripts/announce.html, outdated.html, consent.html), served from the site so
 * that the Content-Security-Policy allows no inline script. This site enables none of these
 * features today; the overrides in site_config/overrides/partials/javascripts/ load this file
 * with data-md-part naming which one runs, so enabling a feature keeps the policy intact.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var part = script ? script.getAttribute("data-md-part") : "";

  function announce() {
    var element = document.querySelector("[data-md-component=announce]");
    if (!element) return;
    var content = element.querySelector(".md-typeset");
    if (__md_hash(content.innerHTML) === __md_get("__announce")) element.hidden = true;
  }

  function outdated() {
    var element = document.querySelector("[data-md-component=outdated]");
    var base = new URL(script.getAttribute("data-md-base"), location);
    if (__md_get("__outdated", sessionStorage, base) === true && element) element.hidden = false;
  }

  function consent() {
    var form = document.forms.consent;
    var given = __md_get("__consent");
    if (given) {
      Array.from(form.elements).forEach(function (input) {
        if (input.name) input.checked = given[input.name] || false;
      });
    } else if (location.protocol !== "file:") {
      setTimeout(function () {
        document.querySelector("[data-md-component=consent]").hidden = false;
      }, 250);
    }
    ["submit", "reset"].forEach(function (action) {
      form.addEventListener(action, function (event) {
        event.preventDefault();
        if (event.type === "reset") {
          Array.from(form.elements).forEach(function (input) {
            if (input.name) input.checked = false;
          });
        }
        var chosen = {};
        Array.from(new FormData(form).keys()).forEach(function (key) { chosen[key] = true; });
        __md_set("__consent", chosen);
        location.hash = "";
        location.reload();
      });
    });
  }

  var parts = { announce: announce, outdated: outdated, consent: consent };
  if (parts[part]) parts[part]();
})();
