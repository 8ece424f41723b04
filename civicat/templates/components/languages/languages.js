/* languages: the language switcher (components/languages/languages.html) is a <details> that
   works without a script; this closes it on Escape (focus back on its button), on a click outside
   it and when the focus leaves it, as a menu does: an open list left behind would cover the page. */
(function () {
  "use strict";
  if (!window.civicat) return;

  civicat.start("languages", "[data-cc-lang]", function (box) {
    var summary = box.querySelector("summary");
    box.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && box.open) {
        event.preventDefault();
        box.open = false;
        if (summary) summary.focus();
      }
    });
    box.addEventListener("focusout", function (event) {
      if (box.open && event.relatedTarget && !box.contains(event.relatedTarget)) box.open = false;
    });
    document.addEventListener("click", function (event) {
      if (box.open && !box.contains(event.target)) box.open = false;
    });
  });
})();
