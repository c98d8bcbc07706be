// Prepare the page for the embedded-widget manager (embed-amd.js), which is
// served from this folder rather than from a CDN. Loaded after require.js and
// before embed-amd.js, on pages that contain widgets only.
(function () {
  "use strict";
  var folder = document.currentScript.src.replace(/[^/]*$/, "");

  // The widget bundle resolves its icon fonts against its module URI, which
  // RequireJS derives from baseUrl: point that at this folder.
  if (window.requirejs && window.requirejs.config) {
    window.requirejs.config({ baseUrl: folder });
  }

  // The widget code typesets labels with the MathJax 2 call
  // MathJax.Hub.Queue(["Typeset", MathJax.Hub, element]); MathJax 3 has no
  // Hub. Provide that one call on top of MathJax 3's typesetPromise.
  function addHub() {
    var mathjax = window.MathJax;
    if (!mathjax || mathjax.Hub) {
      return;
    }
    mathjax.Hub = {
      Queue: function (job) {
        var element = job && job[2];
        if (window.MathJax && window.MathJax.typesetPromise && element) {
          window.MathJax.typesetPromise([element]).catch(function () {});
        }
      },
    };
  }
  addHub();
  document.addEventListener("DOMContentLoaded", addHub);
  window.addEventListener("load", addHub);
})();
