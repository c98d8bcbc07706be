// Concept checks (book/_ext/concept_checks.py): show the explanation of the
// reader's choice at once, with no kernel. Without this script every
// explanation stays visible under its question.
//
// A choice question answers when a radio button is chosen (mouse, or arrow
// keys and Space). A number question answers on its Check button or Enter:
// the typed value picks the explanation whose listed value is within the
// tolerance of it, else the one for any other value. The feedback region is
// aria-live, so a screen reader reads the explanation that appears.
(function () {
  "use strict";
  function show(check, explanation) {
    check.querySelectorAll(".cc-explanation").forEach(function (each) {
      each.hidden = each !== explanation;
    });
    check.classList.toggle("cc-answered-right", !!explanation && explanation.classList.contains("cc-right"));
    check.classList.toggle("cc-answered-wrong", !!explanation && explanation.classList.contains("cc-wrong"));
  }
  function parse(text) {
    var cleaned = text.trim().replace(/\u2212/g, "-").replace(",", ".");
    return cleaned === "" || isNaN(Number(cleaned)) ? NaN : Number(cleaned);
  }
  function numberExplanation(check, value) {
    var tolerance = Number(check.querySelector(".cc-number").getAttribute("data-tolerance")) || 0;
    var other = null;
    var found = null;
    check.querySelectorAll(".cc-explanation").forEach(function (each) {
      var listed = each.getAttribute("data-value");
      if (listed === "other") { other = each; return; }
      if (found === null && Math.abs(Number(listed) - value) <= tolerance + 1e-12) { found = each; }
    });
    return found || other;
  }
  function setUp(check) {
    check.classList.add("cc-ready");
    show(check, null);
    if (check.getAttribute("data-kind") === "number") {
      var box = check.querySelector(".cc-number input");
      var answer = function () {
        var value = parse(box.value);
        if (isNaN(value)) {
          box.setAttribute("aria-invalid", "true");
          show(check, null);
          return;
        }
        box.removeAttribute("aria-invalid");
        show(check, numberExplanation(check, value));
      };
      check.querySelector(".cc-submit").addEventListener("click", answer);
      box.addEventListener("keydown", function (event) {
        if (event.key === "Enter") { event.preventDefault(); answer(); }
      });
      return;
    }
    check.querySelectorAll('input[type="radio"]').forEach(function (radio) {
      radio.addEventListener("change", function () {
        show(check, check.querySelector('.cc-explanation[data-option="' + radio.value + '"]'));
      });
    });
  }
  function start() { document.querySelectorAll("fieldset.concept-check").forEach(setUp); }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
