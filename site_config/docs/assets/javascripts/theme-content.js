/* mkdocs-material's script after the page content (partials/javascripts/content.html), served
 * from the site instead of written inline, so that the Content-Security-Policy needs no hash.
 *
 * It sits inside the theme's content container, where instant navigation runs it again on each
 * page a reader moves to (for a <script src> the theme copies the element with its attributes,
 * so data-md-tabs-link survives). What it does: open the content tab the address points at, and,
 * with the theme's "content.tabs.link" feature (data-md-tabs-link), the tabs the reader chose.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  if (script && script.hasAttribute("data-md-tabs-link")) {
    var tabs = __md_get("__tabs");
    if (Array.isArray(tabs)) {
      document.querySelectorAll(".tabbed-set").forEach(function (set) {
        var labels = set.querySelector(".tabbed-labels");
        for (var t = 0; t < tabs.length; t++) {
          var label = Array.from(labels.getElementsByTagName("label")).find(function (item) {
            return item.innerText.trim() === tabs[t];
          });
          if (label) {
            document.getElementById(label.htmlFor).checked = true;
            return;
          }
        }
      });
    }
  }
  var target = document.getElementById(location.hash.slice(1));
  if (target && target.name) target.checked = target.name.startsWith("__tabbed_");
})();
