/* Chart loader: draws each <figure class="chart"> when it is about to scroll into view.
 *
 * - plotly.js is fetched from this site, once, and only by pages that have a chart near the
 *   viewport; pages without charts never load it.
 * - Figures are JSON files referenced by data attributes: nothing is inlined in the page, so
 *   mkdocs-material's instant navigation (which re-runs inline scripts) cannot break them.
 * - Runs on every page view, including instant navigation (Material's document$ observable),
 *   and re-themes drawn charts when the reader switches between light and dark.
 */
(function () {
  "use strict";

  var plotlyLoading = null;
  var plotlyBundle = null; // "basic" or "full": the bundle loaded, or being loaded
  var pageBundle = null; // the bundle this page's charts need: { name, src }
  var templates = {};
  var observer = null;

  /* A page whose charts all draw with the basic bundle loads only that; one chart needing more
     makes the page load the full bundle for all. After instant navigation, a page needing more
     than what is loaded loads the full bundle, which replaces window.Plotly. */
  function loadPlotly(bundle) {
    if (plotlyLoading && (plotlyBundle === bundle.name || plotlyBundle === "full")) {
      return plotlyLoading;
    }
    plotlyBundle = bundle.name;
    plotlyLoading = new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = bundle.src;
      script.async = true;
      script.onload = function () { resolve(window.Plotly); };
      script.onerror = function () {
        plotlyLoading = null;
        plotlyBundle = null;
        reject(new Error("plotly.js"));
      };
      document.head.appendChild(script);
    });
    return plotlyLoading;
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

  function draw(figure) {
    if (figure.dataset.chartState) return;
    figure.dataset.chartState = "loading";
    var canvas = figure.querySelector(".chart__canvas");
    Promise.all([
      loadPlotly(pageBundle),
      fetchJSON(figure.dataset.chartSrc),
      template(figure.dataset.chartTemplate),
    ]).then(function (loaded) {
      var Plotly = loaded[0], spec = loaded[1], house = loaded[2];
      var layout = Object.assign({}, spec.layout || {}, { template: house, autosize: true });
      canvas.textContent = "";
      return Plotly.newPlot(canvas, spec.data, themed(layout, pageColours(figure)), {
        responsive: true,
        displaylogo: false,
        displayModeBar: false,
        showLink: false,
        showEditInChartStudio: false,
        scrollZoom: false,
      }).then(function () {
        figure.dataset.chartState = "drawn";
        canvas.on("plotly_click", function (event) {
          var point = event && event.points && event.points[0];
          if (point && typeof point.customdata === "string") {
            window.location.href = (figure.dataset.chartRoot || "") + point.customdata;
          }
        });
      });
    }).catch(function () {
      figure.dataset.chartState = "failed";
      figure.classList.add("chart--failed");
    });
  }

  function retheme() {
    if (!window.Plotly) return;
    document.querySelectorAll("figure.chart[data-chart-state=drawn]").forEach(function (figure) {
      var canvas = figure.querySelector(".chart__canvas");
      var colours = pageColours(figure);
      window.Plotly.relayout(canvas, {
        paper_bgcolor: colours.background,
        plot_bgcolor: colours.background,
        "font.color": colours.text,
      });
    });
  }

  function init() {
    var figures = document.querySelectorAll("figure.chart[data-chart-src]");
    if (observer) observer.disconnect();
    if (!figures.length) return;
    var chosen = document.querySelector("figure.chart[data-plotly-bundle=full]") || figures[0];
    pageBundle = { name: chosen.dataset.plotlyBundle, src: chosen.dataset.plotlySrc };
    if (!("IntersectionObserver" in window)) {
      figures.forEach(draw);
      return;
    }
    observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) {
          observer.unobserve(entry.target);
          draw(entry.target);
        }
      });
    }, { rootMargin: "300px 0px" });
    figures.forEach(function (figure) { observer.observe(figure); });
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
