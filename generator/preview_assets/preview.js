// The preview's live reload and problem banner: served only by `mkdocs serve` (see
// generator/preview.py), a file so that the site's policy (script-src 'self') allows it.
(function () {
  "use strict";
  var script = document.currentScript;
  var epoch = Number(script.dataset.epoch);
  var request = script.dataset.request;
  var base = script.dataset.base;
  var req = null;
  var timer = null;
  var BANNER = "explainer-preview-problems";

  // MkDocs' own protocol: the server answers once a build newer than this page's has ended.
  function poll() {
    stop();
    req = new XMLHttpRequest();
    req.onloadend = function () {
      if (parseFloat(this.responseText) > epoch) {
        location.reload();
      } else {
        timer = setTimeout(poll, this.status === 200 ? 0 : 3000);
      }
    };
    req.open("GET", "/livereload/" + epoch + "/" + request);
    req.send();
  }

  function stop() {
    if (req) req.abort();
    if (timer) clearTimeout(timer);
    req = timer = null;
  }

  function words(all) {
    var lang = (document.documentElement.lang || "").slice(0, 2);
    if (all[lang]) return all[lang];
    for (var key in all) return all[key];
    return { title: "The content has errors: {count}", intro: "" };
  }

  function banner(data) {
    var old = document.getElementById(BANNER);
    if (old) old.remove();
    if (!data.problems || !data.problems.length) return;
    var w = words(data.words || {});
    var box = document.createElement("div");
    box.id = BANNER;
    box.className = BANNER;
    box.setAttribute("role", "alert");
    var title = document.createElement("h2");
    title.textContent = w.title.replace("{count}", data.problems.length);
    box.appendChild(title);
    if (w.intro) {
      var intro = document.createElement("p");
      intro.textContent = w.intro;
      box.appendChild(intro);
    }
    var list = document.createElement("ul");
    data.problems.forEach(function (problem) {
      var item = document.createElement("li");
      var code = document.createElement("code");
      code.textContent = problem;
      item.appendChild(code);
      list.appendChild(item);
    });
    box.appendChild(list);
    document.body.insertBefore(box, document.body.firstChild);
  }

  function problems() {
    fetch(base + "problems.json", { cache: "no-store" })
      .then(function (response) { return response.ok ? response.json() : { problems: [] }; })
      .then(banner)
      .catch(function () {});
  }

  window.addEventListener("load", function () {
    problems();
    if (document.visibilityState === "visible") poll();
  });
  window.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") poll();
    else stop();
  });
  window.addEventListener("beforeunload", stop);
  // mkdocs-material's instant navigation swaps the page without a load event
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(problems);
  }
})();
