/* menu: the navigation drawer's button on small screens (components/menu/menu.html).
   Opens and closes Material's drawer (the #__drawer checkbox its styles react to), says so in
   aria-expanded, puts the focus on the first link when it opens, and closes on Escape (focus back
   on the button), when the focus leaves the navigation, or on the overlay (Material's label). */
(function () {
  "use strict";
  if (!window.civicat) return;

  civicat.start("menu", "[data-cc-menu]", function (button) {
    var drawer = document.getElementById("__drawer");
    var nav = document.getElementById(button.getAttribute("aria-controls"));
    if (!drawer || !nav) return; /* the link stays: it still leads to the navigation */
    var link = button.parentNode.querySelector("[data-cc-menu-link]");
    if (link) link.hidden = true;
    button.hidden = false;

    function sync() { button.setAttribute("aria-expanded", drawer.checked ? "true" : "false"); }
    function set(open) {
      drawer.checked = open;
      sync();
      if (open) {
        var first = nav.querySelector("a[href]");
        if (first) first.focus();
      }
    }
    button.addEventListener("click", function () { set(!drawer.checked); });
    drawer.addEventListener("change", sync); /* the overlay (a label for the checkbox) closes it */
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && drawer.checked) { set(false); button.focus(); }
    });
    nav.addEventListener("focusout", function (event) {
      var next = event.relatedTarget;
      if (drawer.checked && next && !nav.contains(next) && next !== button) set(false);
    });
    sync();
  });
})();
