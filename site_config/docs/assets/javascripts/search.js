/* The site's search: Pagefind (generator/search_index.py builds one bundle per language, at
 * <language root>/pagefind/, two folders above this file). Nothing is fetched until the reader
 * opens search, and the filters' values (Pagefind's filter files, which grow with the story:
 * one value per actor) only when the reader opens the filter panel; a plain query needs none of
 * them. Every request goes to the site itself. Handlers sit on the document, so they
 * keep working after the theme's instant navigation replaces the page's content.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var root = new URL("../../", script ? script.src : location.href);
  var bundle = new URL("pagefind/", root);
  var engine = null;
  var serial = 0;
  var LABELS = {
    en: { kind: "Kind", status: "Status", actor: "Actor", investigation: "Investigation",
      year: "Year", all: "All", claim: "Claim", event: "Event", actor_: "Actor",
      relation: "Relation", source: "Source", dataset: "Dataset", page: "Page",
      filters: "Filters" },
    ro: { kind: "Tip", status: "Stare", actor: "Actor", investigation: "Investigație",
      year: "An", all: "Toate", claim: "Afirmație", event: "Eveniment", actor_: "Actor",
      relation: "Relație", source: "Sursă", dataset: "Set de date", page: "Pagină",
      filters: "Filtre" }
  };

  function labels() {
    return LABELS[(document.documentElement.lang || "en").slice(0, 2)] || LABELS.en;
  }
  function kindLabel(kind) { return labels()[kind === "actor" ? "actor_" : kind] || kind; }
  function dialog() { return document.querySelector(".explainer-search"); }
  function input() { return document.querySelector(".explainer-search .md-search__input"); }
  function toggle() { return document.getElementById("__search"); }
  function panel() { return document.querySelector(".explainer-search__panel"); }

  function load() {
    if (!engine) {
      engine = import(new URL("pagefind.js", bundle).href).then(function (pagefind) {
        return pagefind.options({ baseUrl: root.pathname, highlightParam: "highlight" })
          .then(function () { return pagefind.init(); })
          .then(function () { return pagefind; });
      });
    }
    return engine;
  }

  /* The panel's first opening: Pagefind's filters() fetches every filter file. */
  function openFilters() {
    var box = dialog().querySelector(".explainer-search__filters");
    if (box.dataset.loaded) return;
    box.dataset.loaded = "yes";
    load().then(function (pagefind) { return pagefind.filters(); }).then(function (filters) {
      box.textContent = "";
      ["kind", "status", "actor", "investigation", "year"].forEach(function (name) {
        if (!filters[name]) return;
        var label = document.createElement("label");
        var select = document.createElement("select");
        select.name = name;
        label.append(labels()[name] + " ", select);
        select.append(new Option(labels().all, ""));
        Object.keys(filters[name]).sort().forEach(function (value) {
          var text = name === "kind" ? kindLabel(value) : value;
          select.append(new Option(text + " (" + filters[name][value] + ")", value));
        });
        box.append(label);
      });
    });
  }

  /* The panel's label, with how many filters are chosen: they apply while it is closed too. */
  function labelPanel() {
    var details = panel();
    if (!details) return;
    var count = Object.keys(chosen()).length;
    details.querySelector("summary").textContent =
      labels().filters + (count ? " (" + count + ")" : "");
  }

  function chosen() {
    var filters = {};
    dialog().querySelectorAll(".explainer-search__filters select").forEach(function (select) {
      if (select.value) filters[select.name] = select.value;
    });
    return filters;
  }

  function search() {
    var query = input().value.trim();
    var mine = ++serial;
    var filters = chosen();
    var list = dialog().querySelector(".md-search-result__list");
    var meta = dialog().querySelector(".md-search-result__meta");
    var total = 0;
    var browse = dialog().querySelector(".explainer-search__browse");
    if (!query && !Object.keys(filters).length) {
      list.textContent = ""; meta.textContent = ""; browse.hidden = false; return;
    }
    load().then(function (pagefind) {
      return pagefind.search(query || null, { filters: filters });
    }).then(function (found) {
      if (mine !== serial) return null;
      total = found.results.length;
      return Promise.all(found.results.slice(0, 20).map(function (r) { return r.data(); }));
    }).then(function (items) {
      if (!items || mine !== serial) return;
      var box = dialog();
      /* how many entries match in all, though only the first 20 are shown */
      meta.textContent = !total ? box.dataset.searchNone
        : (total === 1 ? box.dataset.searchOne
          : box.dataset.searchOther.replace("#", String(total)));
      list.textContent = "";
      browse.hidden = items.length > 0;
      items.forEach(function (item) { list.append(result(item)); });
    });
  }

  function result(item) {
    var li = document.createElement("li");
    li.className = "md-search-result__item";
    var link = document.createElement("a");
    link.className = "md-search-result__link";
    link.href = item.url;
    var article = document.createElement("article");
    article.className = "md-search-result__article";
    var heading = document.createElement("h3");
    heading.textContent = item.meta.title || item.url;
    var kind = document.createElement("p");
    kind.className = "explainer-search__kind";
    kind.textContent = kindLabel(item.meta.kind || "page") +
      (item.meta.status ? " · " + item.meta.status : "");
    var excerpt = document.createElement("p");
    /* Pagefind's excerpt: the site's own text, escaped, with <mark> around matches */
    excerpt.innerHTML = item.excerpt;
    article.append(heading, kind, excerpt);
    link.append(article);
    li.append(link);
    return li;
  }

  function close() { var t = toggle(); if (t) { t.checked = false; } }

  // the form only holds the field: Enter searches here, it never leaves the page
  document.addEventListener("submit", function (event) {
    if (event.target.closest(".explainer-search")) event.preventDefault();
  });
  /* A query once typing pauses: each prefix typed ("p", "pr", ...) would fetch index chunks of
   * its own, which a first query on a large site cannot afford. */
  var pending = null;
  document.addEventListener("input", function (event) {
    if (event.target !== input()) return;
    clearTimeout(pending);
    pending = setTimeout(search, 200);
  });
  document.addEventListener("change", function (event) {
    if (event.target.closest && event.target.closest(".explainer-search__filters")) {
      labelPanel();
      search();
    }
    if (event.target === toggle() && toggle().checked) {
      load();
      input().focus(); /* at once: the next key typed is the query's first letter */
    }
  });
  /* "toggle" does not bubble: listen while it goes down to the panel */
  document.addEventListener("toggle", function (event) {
    if (event.target === panel() && panel().open) openFilters();
  }, true);
  document.addEventListener("focusin", function (event) {
    if (event.target === input()) load();
  });
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(".explainer-search .md-search-result__link");
    if (!link) return;
    close();
    /* a result on this very page: the theme only scrolls to it, so mark the words here */
    if (link.pathname === location.pathname) setTimeout(highlight, 100);
  });
  document.addEventListener("keydown", function (event) {
    var open = toggle() && toggle().checked;
    var typing = /^(INPUT|TEXTAREA|SELECT)$/.test(event.target.tagName) || event.target.isContentEditable;
    if (event.key === "/" && !typing && !open) {
      event.preventDefault();
      toggle().checked = true;
      toggle().dispatchEvent(new Event("change", { bubbles: true }));
      return;
    }
    if (!open) return;
    if (event.key === "Escape") { close(); return; }
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    var links = Array.prototype.slice.call(dialog().querySelectorAll(".md-search-result__link"));
    var at = links.indexOf(document.activeElement);
    var next = event.key === "ArrowDown" ? at + 1 : at - 1;
    if (next < 0) { input().focus(); event.preventDefault(); return; }
    if (links[next]) { links[next].focus(); event.preventDefault(); }
  });

  /* The words searched for, marked on the page a result opens (?highlight=...). */
  function highlight() {
    if (!/[?&]highlight=/.test(location.search)) return;
    import(new URL("pagefind-highlight.js", bundle).href).then(function (module) {
      var Highlight = module.default || window.PagefindHighlight;
      /* styles from search.css: the policy allows no <style> the script would add */
      new Highlight({ highlightParam: "highlight", markContext: ".md-content", addStyles: false });
    });
  }

  function ready() {
    var box = input();
    if (box) box.hidden = false;
    var details = panel();
    if (details) {
      labelPanel();
      details.hidden = false;
    }
    highlight();
  }
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(ready);
  else document.addEventListener("DOMContentLoaded", ready);
})();
