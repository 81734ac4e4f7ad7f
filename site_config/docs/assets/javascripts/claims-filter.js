/* The claims page a reader scans, and claims linked from anywhere.
 *
 * - Filter: the page carries a hidden filter ([data-claims-filter]) with one button per status
 *   and per actor who says the claims. This script shows it; one tap on a button narrows the
 *   list to the claims of that status and/or said by that actor, and hides the status sections
 *   left empty. Without JavaScript the filter stays hidden and the links to each status's
 *   heading (nav.claims-jump) do the job.
 * - A link to '#claim-…' (or any entry) opens that entry's collapsed details and scrolls it into
 *   view, also when the filter hid it, and on pages reached by the theme's instant navigation
 *   (Material's document$ observable).
 * Runs on every page view; pages without claims cost one querySelector.
 */
(function () {
  "use strict";

  function entries(root) {
    return Array.prototype.slice.call(root.querySelectorAll("article.claim[data-status]"));
  }

  /* The status heading (h2) before each claim, with the note that follows it. */
  function sectionOf(article) {
    var node = article.previousElementSibling;
    while (node && node.tagName !== "H2") node = node.previousElementSibling;
    return node;
  }

  function apply(filter, state) {
    var claims = entries(document);
    var shown = 0;
    var visibleBySection = new Map();
    claims.forEach(function (claim) {
      var byStatus = !state.status || claim.dataset.status === state.status;
      var actors = (claim.dataset.actors || "").split(" ");
      var byActor = !state.actor || actors.indexOf(state.actor) !== -1;
      var visible = byStatus && byActor;
      claim.hidden = !visible;
      if (visible) shown += 1;
      var heading = sectionOf(claim);
      if (heading) visibleBySection.set(heading, (visibleBySection.get(heading) || 0) + visible);
    });
    visibleBySection.forEach(function (count, heading) {
      heading.hidden = !count;
      var note = heading.nextElementSibling;
      if (note && note.classList.contains("section-note")) note.hidden = !count;
    });
    var counter = filter.querySelector("[data-claims-count]");
    if (counter) {
      counter.textContent = shown
        ? counter.dataset.template.replace("{shown}", shown).replace("{total}", claims.length)
        : counter.dataset.none;
    }
    filter.querySelectorAll("[data-filter-status]").forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.dataset.filterStatus === state.status));
    });
    filter.querySelectorAll("[data-filter-actor]").forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.dataset.filterActor === state.actor));
    });
  }

  function setUpFilter() {
    var filter = document.querySelector("[data-claims-filter]");
    if (!filter || filter.dataset.ready) return;
    filter.dataset.ready = "1";
    var state = { status: "", actor: "" };
    filter.hidden = false;
    var jump = document.querySelector("nav.claims-jump");
    if (jump) jump.hidden = true; // the status buttons do its job
    filter.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button) return;
      if (button.hasAttribute("aria-expanded")) {
        var others = document.getElementById(button.getAttribute("aria-controls"));
        others.hidden = false;
        button.hidden = true;
        var first = others.querySelector("button");
        if (first) first.focus();
        return;
      }
      if ("filterStatus" in button.dataset) state.status = button.dataset.filterStatus;
      if ("filterActor" in button.dataset) state.actor = button.dataset.filterActor;
      apply(filter, state);
    });
    apply(filter, state);
  }

  /* The entry a reader's click asked for. The address alone is not enough after instant
   * navigation: the theme's heading tracking can rewrite the hash before the new page is in. */
  var asked = null;
  document.addEventListener(
    "click",
    function (event) {
      var link = event.target.closest && event.target.closest("a[href*='#']");
      if (link) asked = decodeURIComponent(new URL(link.href, location.href).hash.slice(1));
    },
    true
  );

  /* Open the entry the address points at: its details, and any section the filter hid. */
  function reveal() {
    var id = asked && document.getElementById(asked) ? asked : location.hash.slice(1);
    asked = null;
    id = decodeURIComponent(id);
    if (!id) return;
    var target = document.getElementById(id);
    if (!target || !target.matches("article.entry, article.entry *")) return;
    var entry = target.closest("article.entry");
    if (entry.hidden) {
      var filter = document.querySelector("[data-claims-filter]");
      var all = filter && filter.querySelectorAll('[data-filter-status=""], [data-filter-actor=""]');
      if (all) all.forEach(function (button) { button.click(); });
    }
    entry.querySelectorAll("details").forEach(function (details) {
      details.open = true;
    });
    entry.scrollIntoView({ block: "start" });
  }

  function start() {
    setUpFilter();
    // after the theme has placed the new page (it scrolls to the top or to the hash itself)
    window.setTimeout(reveal, 50);
  }

  window.addEventListener("hashchange", reveal);
  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(start);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
