/* Chart loader: draws each <figure class="chart"> when it is about to scroll into view, or
 * when the reader reaches for its static picture.
 *
 * - Text first: nothing chart-related is fetched before the page's load event and a moment of
 *   idle time, so the page paints and the theme starts before plotly.js is parsed. Each chart's
 *   drawing area has its height reserved by the page itself, so drawing shifts nothing.
 * - plotly.js is fetched from this site, once, and only by pages that have a chart near the
 *   viewport; pages without charts never load it. Charts draw one at a time, each in its own
 *   task, so the main thread is handed back between them.
 * - Each figure names the bundle that draws it (data-plotly-bundle). Normally that is "site",
 *   the bundle ./dev builds with exactly the trace types the site's chart types draw: every
 *   chart names it, so a page loads it once, however many charts the reader makes interactive.
 *   Where it could not be built, the official bundles stand in: "basic" (scatter, bar, pie) or
 *   "full" (4.8 MB). A page loads one bundle for all its charts, except when that is the full
 *   bundle: then its basic charts draw with the basic bundle and the full one loads only when a
 *   chart that needs it comes near. Every bundle sets window.Plotly, so every drawn chart keeps
 *   the Plotly that drew it (for re-theming and clicks).
 * - A figure the build drew as a static picture (data-chart-picture: inline SVG that follows
 *   the palette) shows that picture and loads plotly.js only when the reader reaches for the
 *   chart (mouse over it, tap, keyboard focus): reading a page costs no chart code at all.
 * - Figures are JSON files referenced by data attributes: nothing is inlined in the page, so
 *   mkdocs-material's instant navigation (which re-runs inline scripts) cannot break them.
 * - Runs on every page view, including instant navigation (Material's document$ observable),
 *   and re-themes drawn charts when the reader switches between light and dark.
 */
(function () {
  "use strict";

  var bundles = {}; // bundle name -> Promise of the Plotly object it defines
  var drawnWith = new WeakMap(); // canvas -> the Plotly object that drew it
  var templates = {};
  var observer = null;
  var queue = [];
  var drawing = false;
  var ready = null; // resolves once the page has loaded and the browser has had a pause

  function idle() {
    return new Promise(function (resolve) {
      if ("requestIdleCallback" in window) window.requestIdleCallback(resolve, { timeout: 1000 });
      else setTimeout(resolve, 50);
    });
  }

  function pageLoaded() {
    if (!ready) {
      ready = new Promise(function (resolve) {
        if (document.readyState === "complete") resolve();
        else window.addEventListener("load", resolve, { once: true });
      }).then(idle);
    }
    return ready;
  }

  function loadBundle(name, src) {
    if (!bundles[name]) {
      bundles[name] = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = src;
        script.async = true;
        script.onload = function () { resolve(window.Plotly); };
        script.onerror = function () {
          delete bundles[name];
          reject(new Error("plotly.js " + name));
        };
        document.head.appendChild(script);
      });
    }
    return bundles[name];
  }

  /* The Plotly to draw ``figure`` with: one already loaded (or loading) that draws it, else the
     bundle the page chose for it. The full bundle draws everything; any bundle draws the basic
     traces. */
  function plotlyFor(figure) {
    var name = figure.dataset.plotlyBundle;
    if (bundles.full) return bundles.full;
    if (bundles[name]) return bundles[name];
    if (name === "basic") {
      var other = Object.keys(bundles)[0];
      if (other) return bundles[other];
    }
    return loadBundle(name, figure.dataset.plotlySrc);
  }

  function fetchJSON(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) throw new Error(url + ": " + response.status);
      return response.json();
    });
  }

  function template(url) {
    if (!templates[url]) templates[url] = fetchJSON(url);
    return templates[url];
  }

  /* Colours come from the page's own CSS, so charts follow the light/dark palette exactly. */
  function pageColours(element) {
    var style = getComputedStyle(element);
    var body = getComputedStyle(document.body);
    var background = body.getPropertyValue("--md-default-bg-color").trim() || "#ffffff";
    return { text: style.color, background: background };
  }

  function themed(layout, colours) {
    var copy = Object.assign({}, layout);
    copy.paper_bgcolor = colours.background;
    copy.plot_bgcolor = colours.background;
    copy.font = Object.assign({}, copy.font || {}, { color: colours.text });
    return copy;
  }

  /* Month names on date axes and in hover labels in the page's language, as the figure's
     meta gives them (a line chart's); plotly.js keeps its own words for everything else. */
  function localised(config, meta) {
    if (!meta || !meta.language || !meta.months) return config;
    var locales = {};
    locales[meta.language] = { format: { months: meta.months, shortMonths: meta.shortMonths } };
    return Object.assign(config, { locale: meta.language, locales: locales });
  }

  function draw(figure) {
    var canvas = figure.querySelector(".chart__canvas");
    return Promise.all([
      plotlyFor(figure),
      fetchJSON(figure.dataset.chartSrc),
      template(figure.dataset.chartTemplate),
    ]).then(function (loaded) {
      var Plotly = loaded[0], spec = loaded[1], house = loaded[2];
      if (!document.body.contains(figure)) return; // the reader has moved on (instant navigation)
      var layout = Object.assign({}, spec.layout || {}, { template: house, autosize: true });
      var network = layout.meta && layout.meta.network;
      if (network) fitPicture(layout, spec.data, network, canvas);
      // keep the height the picture or spacer gave it while plotly.js draws (a style set from
      // script: the site's policy refuses style attributes written in the page)
      canvas.style.minHeight = canvas.offsetHeight + "px";
      canvas.textContent = "";
      return Plotly.newPlot(canvas, spec.data, themed(layout, pageColours(figure)), localised({
        responsive: true,
        displaylogo: false,
        displayModeBar: false,
        showLink: false,
        showEditInChartStudio: false,
        scrollZoom: false,
      }, layout.meta)).then(function () {
        drawnWith.set(canvas, Plotly);
        figure.dataset.chartState = "drawn";
        if (network) lightNeighbours(Plotly, canvas, spec, network);
        canvas.on("plotly_click", function (event) {
          var point = event && event.points && event.points[0];
          // an item's page on this site, relative to the site's root: nothing else is followed
          if (point && typeof point.customdata === "string" && /^[a-z0-9-]+\//.test(point.customdata)) {
            window.location.href = (figure.dataset.chartRoot || "") + point.customdata;
          }
        });
      });
    }).catch(function () {
      figure.dataset.chartState = "failed";
      figure.classList.add("chart--failed");
    });
  }

  /* A network's picture is scaled to the column's width: plotly.js draws the same area with
     margins, label sizes and offsets scaled alike, so nodes and labels land where the picture
     had them, at any width. */
  function fitPicture(layout, data, network, canvas) {
    var shown = Array.prototype.filter.call(
      canvas.querySelectorAll("svg.chart__picture"),
      function (svg) { return svg.getBoundingClientRect().width > 0; }
    )[0];
    if (!shown || !shown.viewBox || !shown.viewBox.baseVal) return;
    var box = shown.viewBox.baseVal;
    var scale = shown.getBoundingClientRect().width / box.width;
    var margin = layout.margin || {};
    layout.height = Math.round(box.height * scale);
    layout.margin = {};
    ["l", "r", "t", "b"].forEach(function (side) {
      layout.margin[side] = (margin[side] || 0) * scale;
    });
    layout.margin.pad = 0;
    var traces = {};  // the nodes' markers (each figure is fetched afresh for its drawing)
    Object.keys(network.neighbours).forEach(function (key) { traces[key.split(":")[0]] = true; });
    Object.keys(traces).forEach(function (index) {
      var marker = data[Number(index)].marker;
      if (marker && Array.isArray(marker.size)) {
        marker.size = marker.size.map(function (size) { return size * scale; });
      }
    });
    layout.annotations = (layout.annotations || []).map(function (note) {
      var copy = Object.assign({}, note);
      copy.xshift = (note.xshift || 0) * scale;
      copy.yshift = (note.yshift || 0) * scale;
      copy.font = Object.assign({}, note.font || {});
      if (copy.font.size) copy.font.size = copy.font.size * scale;
      return copy;
    });
  }

  /* Hovering a network's node draws its links in the highlight trace and dims every node but
     it and its neighbours; leaving it restores the chart. */
  function lightNeighbours(Plotly, canvas, spec, network) {
    var nodeTraces = {};
    Object.keys(network.neighbours).forEach(function (key) {
      nodeTraces[key.split(":")[0]] = true;
    });
    var traces = Object.keys(nodeTraces).map(Number);
    function restyleNodes(lit) {
      var opacities = traces.map(function (index) {
        return spec.data[index].x.map(function (_, point) {
          return !lit || lit[index + ":" + point] ? 1 : 0.25;
        });
      });
      Plotly.restyle(canvas, { "marker.opacity": opacities }, traces);
    }
    function at(key) {
      var parts = key.split(":");
      var trace = spec.data[Number(parts[0])];
      return [trace.x[Number(parts[1])], trace.y[Number(parts[1])]];
    }
    canvas.on("plotly_hover", function (event) {
      var point = event && event.points && event.points[0];
      var key = point && point.curveNumber + ":" + point.pointNumber;
      if (!key || !network.neighbours[key]) return;
      var lit = {};
      lit[key] = true;
      var xs = [], ys = [];
      network.neighbours[key].forEach(function (other) {
        lit[other] = true;
        var from = at(key), to = at(other);
        xs.push(from[0], to[0], null);
        ys.push(from[1], to[1], null);
      });
      Plotly.restyle(canvas, { x: [xs], y: [ys] }, [network.highlight]);
      restyleNodes(lit);
    });
    canvas.on("plotly_unhover", function () {
      Plotly.restyle(canvas, { x: [[]], y: [[]] }, [network.highlight]);
      restyleNodes(null);
    });
  }

  /* One chart at a time, each after a pause, in the order they came near the viewport. */
  function drainQueue() {
    if (drawing) return;
    var figure = queue.shift();
    if (!figure) return;
    drawing = true;
    pageLoaded()
      .then(function () { return draw(figure); })
      .then(idle)
      .then(function () {
        drawing = false;
        drainQueue();
      });
  }

  function enqueue(figure) {
    if (figure.dataset.chartState) return;
    figure.dataset.chartState = "loading";
    queue.push(figure);
    drainQueue();
  }

  /* A chart shown as its picture becomes interactive when the reader reaches for it: a mouse
     over its drawing, a tap on it, or keyboard focus inside its figure. A finger that only
     scrolls past a chart does not load plotly.js. */
  function awaitReader(figure) {
    var canvas = figure.querySelector(".chart__canvas");
    function reached(event) {
      if (event.type === "pointerover" && event.pointerType !== "mouse") return;
      // keyboard focus on a picture's own marks (a network's nodes) stays with the picture,
      // which lights up what is focused; plotly.js offers the keyboard nothing more
      if (event.type === "focusin" && event.target.closest && event.target.closest(".chart__picture")) return;
      canvas.removeEventListener("pointerover", reached);
      canvas.removeEventListener("click", reached);
      figure.removeEventListener("focusin", reached);
      enqueue(figure);
    }
    canvas.addEventListener("pointerover", reached);
    canvas.addEventListener("click", reached);
    figure.addEventListener("focusin", reached);
  }

  function hasPicture(figure) {
    return figure.hasAttribute("data-chart-picture");
  }

  function retheme() {
    document.querySelectorAll("figure.chart[data-chart-state=drawn]").forEach(function (figure) {
      var canvas = figure.querySelector(".chart__canvas");
      var Plotly = drawnWith.get(canvas);
      if (!Plotly) return;
      var colours = pageColours(figure);
      Plotly.relayout(canvas, {
        paper_bgcolor: colours.background,
        plot_bgcolor: colours.background,
        "font.color": colours.text,
      });
    });
  }

  /* A page whose charts need a bundle other than the basic one loads it for all its charts,
     unless it is the full bundle: then the basic charts keep to the basic bundle. */
  function chooseBundles(figures) {
    var larger = null;
    figures.forEach(function (figure) {
      if (figure.dataset.plotlyBundle !== "basic") larger = larger || figure;
    });
    if (!larger || larger.dataset.plotlyBundle === "full") return;
    figures.forEach(function (figure) {
      figure.dataset.plotlyBundle = larger.dataset.plotlyBundle;
      figure.dataset.plotlySrc = larger.dataset.plotlySrc;
    });
  }

  function init() {
    var figures = Array.prototype.slice.call(
      document.querySelectorAll("figure.chart[data-chart-src]")
    );
    if (observer) observer.disconnect();
    queue = queue.filter(function (figure) { return document.body.contains(figure); });
    if (!figures.length) return;
    chooseBundles(figures);
    figures.filter(hasPicture).forEach(awaitReader);
    var near = figures.filter(function (figure) { return !hasPicture(figure); });
    if (!("IntersectionObserver" in window)) {
      near.forEach(enqueue);
      return;
    }
    observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) {
          observer.unobserve(entry.target);
          enqueue(entry.target);
        }
      });
    }, { rootMargin: "200px 0px" });
    near.forEach(function (figure) { observer.observe(figure); });
  }

  new MutationObserver(retheme).observe(document.body, {
    attributes: true,
    attributeFilter: ["data-md-color-scheme"],
  });

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
