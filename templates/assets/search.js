// Pagefind's search UI, with result links that work at a domain root and
// under a sub-path: the site root is this script's folder's parent.
(function () {
  var root = new URL("../", document.currentScript.src).pathname;
  window.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("#search .no-js").forEach(function (el) { el.remove(); });
    var ui = new PagefindUI({
      element: "#search",
      baseUrl: root,
      bundlePath: root + "pagefind/",
      showSubResults: true,
      showImages: false,
      resetStyles: false
    });
    var query = new URLSearchParams(window.location.search).get("q");
    if (query) { ui.triggerSearch(query); }
  });
})();
