/* The theme's first script, served from the site instead of written inline into every page, so
 * that the Content-Security-Policy allows scripts from this site only ('self', no hashes).
 *
 * Loaded as a blocking <script src> in <head> (site_config/overrides/partials/javascripts/
 * base.html), before the theme's bundle, which expects what it defines:
 * - __md_scope, __md_hash, __md_get, __md_set: what mkdocs-material's partials/javascripts/
 *   base.html defines inline (its text, with the scope read from this element's data-md-scope
 *   attribute instead of being written into the script).
 * - The reader's chosen palette, applied before the first paint (mkdocs-material does it with an
 *   inline script in the header, partials/javascripts/palette.html). <body> does not exist yet
 *   when <head> runs, so a MutationObserver applies it as soon as the parser has inserted the
 *   body (and, for the automatic light/dark option, the palette input it reads): observers run
 *   at the end of the parser's task, before the browser renders anything of it.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  window.__md_scope = new URL(script.getAttribute("data-md-scope") || ".", location);
  window.__md_hash = function (value) {
    return Array.from(value).reduce(function (hash, character) {
      return (hash << 5) - hash + character.charCodeAt(0);
    }, 0);
  };
  window.__md_get = function (key, storage, scope) {
    storage = storage || localStorage;
    scope = scope || __md_scope;
    return JSON.parse(storage.getItem(scope.pathname + "." + key));
  };
  window.__md_set = function (key, value, storage, scope) {
    storage = storage || localStorage;
    scope = scope || __md_scope;
    try {
      storage.setItem(scope.pathname + "." + key, JSON.stringify(value));
    } catch (error) {
      /* storage full or disabled: the choice is not remembered */
    }
  };

  var palette;
  try {
    palette = __md_get("__palette");
  } catch (error) {
    return; // storage disabled: nothing was chosen
  }
  if (!palette || !palette.color) return;
  var automatic = palette.color.media === "(prefers-color-scheme)";

  /* The input whose colours the automatic option takes (null until the parser reaches it). */
  function automaticInput() {
    var light = matchMedia("(prefers-color-scheme: light)").matches;
    return document.querySelector(light
      ? "[data-md-color-media='(prefers-color-scheme: light)']"
      : "[data-md-color-media='(prefers-color-scheme: dark)']");
  }

  /* True once the palette is on <body>; false while the parser has not reached what it needs. */
  function apply() {
    if (!document.body) return false;
    if (automatic) {
      var input = automaticInput();
      if (!input) return false;
      palette.color.media = input.getAttribute("data-md-color-media");
      palette.color.scheme = input.getAttribute("data-md-color-scheme");
      palette.color.primary = input.getAttribute("data-md-color-primary");
      palette.color.accent = input.getAttribute("data-md-color-accent");
    }
    Object.keys(palette.color).forEach(function (key) {
      document.body.setAttribute("data-md-color-" + key, palette.color[key]);
    });
    return true;
  }

  if (apply()) return;
  var observer = new MutationObserver(function () {
    if (apply()) observer.disconnect();
  });
  observer.observe(document.documentElement, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", function () {
    observer.disconnect(); // the page has no palette input: leave the theme's default
  });
})();
