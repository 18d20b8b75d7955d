// Pagefind's search UI over the site's index: the primary bundle in
// pagefind/ and the shards pagefind/quotetrail.json lists, merged in the
// browser (Pagefind's multisite search). Result links work at a domain root
// and under a sub-path: the site root is this script's folder's parent.
//
// The shards are merged through Pagefind's JS API, all at once, before the UI
// starts: the UI imports the very same pagefind.js module (same address),
// so it searches them all; its own mergeIndex option would load them one
// after the other, two requests each.
(function () {
  var root = new URL("../", document.currentScript.src).pathname;
  var bundle = root + "pagefind/";

  function shards() {
    return fetch(bundle + "quotetrail.json")
      .then(function (response) { return response.ok ? response.json() : { bundles: [""] }; })
      .then(function (state) {  // the shards but the primary, those that hold pages
        return (state.bundles || []).filter(function (path, k) { return k > 0 && state.pages[k] > 0; });
      })
      .catch(function () { return []; });
  }

  function merge(paths) {
    if (!paths.length) { return Promise.resolve([]); }
    return import(bundle + "pagefind.js").then(function (pagefind) {
      return pagefind.options({ baseUrl: root }).then(function () {
        return Promise.all(paths.map(function (path) {
          return pagefind.mergeIndex(bundle + path, { baseUrl: root });
        }));
      });
    }).then(function () { return []; }, function () {
      return paths;  // left to the UI's own mergeIndex option
    });
  }

  function start(unmerged) {
    document.querySelectorAll("#search .no-js").forEach(function (el) { el.remove(); });
    var ui = new PagefindUI({
      element: "#search",
      baseUrl: root,
      bundlePath: bundle,
      mergeIndex: unmerged.map(function (path) { return { bundlePath: bundle + path, baseUrl: root }; }),
      showSubResults: true,
      showImages: false,
      resetStyles: false
    });
    // the widget's box has a title but no label: name it for screen readers (once it is drawn)
    var label = function () {
      var input = document.querySelector("#search .pagefind-ui__search-input");
      if (input && !input.hasAttribute("aria-label")) { input.setAttribute("aria-label", "Search"); }
      return Boolean(input);
    };
    if (!label()) {
      var watcher = new MutationObserver(function () { if (label()) { watcher.disconnect(); } });
      watcher.observe(document.getElementById("search"), { childList: true, subtree: true });
    }
    var query = new URLSearchParams(window.location.search).get("q");
    if (query) { ui.triggerSearch(query); }
  }

  var merged = shards().then(merge);
  var loaded = new Promise(function (resolve) {
    if (document.readyState === "loading") { window.addEventListener("DOMContentLoaded", resolve); } else { resolve(); }
  });
  Promise.all([merged, loaded]).then(function (both) { start(both[0]); });
})();
