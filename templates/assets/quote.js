// Copy buttons on quote pages: the page's link and its citation.
(function () {
  function copy(text, button) {
    var done = function () {
      var label = button.textContent;
      button.textContent = "Copied";
      setTimeout(function () { button.textContent = label; }, 1500);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done);
    } else {
      var area = document.createElement("textarea");
      area.value = text;
      document.body.appendChild(area);
      area.select();
      document.execCommand("copy");
      area.remove();
      done();
    }
  }
  document.querySelectorAll("[data-copy]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var what = button.getAttribute("data-copy");
      var text = what === "link" ? window.location.href.split("#")[0]
        : document.getElementById(what).textContent.trim();
      copy(text, button);
    });
  });
})();
