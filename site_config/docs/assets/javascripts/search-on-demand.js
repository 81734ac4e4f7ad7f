/* Search on demand.
 *
 * mkdocs-material requests the search index (search/search_index.json, the largest file most
 * pages would load) and starts its search worker as soon as any page opens. This file runs just
 * before the theme's script and holds both back until the reader turns to search: focuses the
 * search box (a click, a tap on the search icon or the keyboard shortcut), or arrives from a
 * search result (the ?h= highlight). The theme's own code is unchanged; it only waits. It is
 * loaded outside the page's content, so instant navigation does not run it again.
 */
(function () {
  "use strict";

  var wanted = /[?&]h=/.test(location.search);
  var waiting = [];
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  var NativeWorker = window.Worker;

  function start() {
    if (wanted) return;
    wanted = true;
    waiting.splice(0).forEach(function (run) {
      try { run(); } catch (error) { /* the theme reports its own errors */ }
    });
  }

  /* The index request is sent once the reader wants it. */
  XMLHttpRequest.prototype.open = function (method, url) {
    this.__searchIndex = /\/search\/search_index\.json$/.test(String(url).split(/[?#]/)[0]);
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this, args = arguments;
    if (request.__searchIndex && !wanted) {
      waiting.push(function () { send.apply(request, args); });
      return;
    }
    return send.apply(request, args);
  };

  /* The search worker is started by the first message the theme sends it (the index). */
  if (NativeWorker && window.EventTarget) {
    window.Worker = function (url, options) {
      if (!/\/workers\/search\.[\w-]+\.min\.js$/.test(String(url))) {
        return new NativeWorker(url, options);
      }
      var address = new URL(url, location.href).href;
      var proxy = new EventTarget();
      var worker = null;
      proxy.postMessage = function (message, transfer) {
        if (!worker) {
          worker = new NativeWorker(address, options);
          worker.addEventListener("message", function (event) {
            proxy.dispatchEvent(new MessageEvent("message", { data: event.data }));
          });
        }
        worker.postMessage(message, transfer);
      };
      proxy.terminate = function () { if (worker) worker.terminate(); };
      return proxy;
    };
  }

  function inSearch(target) {
    return target && target.closest && target.closest("[data-md-component=search]");
  }
  document.addEventListener("focusin", function (event) {
    if (inSearch(event.target)) start();
  }, true);
  document.addEventListener("change", function (event) {
    if (event.target && event.target.id === "__search" && event.target.checked) start();
  }, true);
})();
