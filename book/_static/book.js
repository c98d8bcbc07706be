// Inline formulas cannot break across lines; one wider than its paragraph (on
// a phone) becomes a box of its own that scrolls sideways (.wide-inline-math).
//
// A box that scrolls sideways must be reachable by keyboard, or a reader
// without a mouse cannot see its end (WCAG 2.1.1; axe: scrollable-region-focusable).
// Display formulas and printed tables scroll inside their own box on narrow
// screens (book.css); each one that is wider than its box becomes focusable,
// so the arrow keys scroll it.
(function () {
  "use strict";
  var BOXES = 'mjx-container[display="true"], mjx-container.wide-inline-math, div.cell_output pre, div.pst-scrollable-table-container';
  function mark() {
    document.querySelectorAll("mjx-container:not([display])").forEach(function (math) {
      var block = math.parentElement && math.parentElement.closest("p, li, dd, dt, td, th, div, section");
      var room = block ? block.clientWidth : window.innerWidth;
      math.classList.toggle("wide-inline-math", math.scrollWidth > room + 1);
    });
    document.querySelectorAll(BOXES).forEach(function (box) {
      var scrolls = box.scrollWidth > box.clientWidth + 1;
      if (scrolls && !box.hasAttribute("tabindex")) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("data-scroll-box", "");
      } else if (!scrolls && box.hasAttribute("data-scroll-box")) {
        box.removeAttribute("tabindex");
        box.removeAttribute("data-scroll-box");
      }
    });
  }
  var pending = null;
  function later() {
    if (pending) { clearTimeout(pending); }
    pending = setTimeout(mark, 150);
  }
  window.addEventListener("load", function () {
    mark();
    var mathjax = window.MathJax;
    if (mathjax && mathjax.startup && mathjax.startup.promise) { mathjax.startup.promise.then(mark); }
    window.addEventListener("resize", later);
  });
})();
