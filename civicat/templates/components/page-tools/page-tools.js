/* page-tools: print button, share button (Web Share API where the browser has it; otherwise a
   small disclosure with "copy link" and "send by e-mail"), and link targets for printing. */
(function () {
  "use strict";
  if (!window.civicat) return;

  civicat.start("print", "[data-cc-print]", function (button) {
    if (typeof window.print !== "function") return;
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });

  /* Printed links show their full address (the print stylesheet reads data-cc-href). */
  window.addEventListener("beforeprint", function () {
    var links = document.querySelectorAll(".md-content a[href]");
    for (var i = 0; i < links.length; i++) {
      var a = links[i];
      if (a.getAttribute("href").charAt(0) !== "#") a.setAttribute("data-cc-href", a.href);
    }
  });

  civicat.start("share", "[data-cc-share]", function (box) {
    var button = box.querySelector("[data-cc-share-button]");
    var menu = box.querySelector("[data-cc-share-menu]");
    var copy = box.querySelector("[data-cc-copy]");
    var mail = box.querySelector("[data-cc-mail]");
    var status = box.querySelector("[data-cc-share-status]");
    var title = box.getAttribute("data-cc-title") || document.title;
    var url = function () { return location.href.split("#")[0]; };
    if (mail) mail.href = "mailto:?subject=" + encodeURIComponent(title) + "&body=" + encodeURIComponent(url());
    if (copy && navigator.clipboard && navigator.clipboard.writeText) {
      copy.hidden = false;
      copy.addEventListener("click", function () {
        navigator.clipboard.writeText(url()).then(function () {
          status.textContent = status.getAttribute("data-cc-done") || "";
        }, function () { status.textContent = ""; });
      });
    }
    if (!button) return;
    menu.id = menu.id || "cc-share-menu";
    button.setAttribute("aria-controls", menu.id);
    menu.hidden = true;
    button.hidden = false;
    function toggle(open) {
      menu.hidden = !open;
      button.setAttribute("aria-expanded", open ? "true" : "false");
    }
    button.addEventListener("click", function () {
      if (navigator.share) {
        navigator.share({ title: title, url: url() }).catch(function () { /* cancelled: nothing to do */ });
        return;
      }
      toggle(menu.hidden);
    });
    box.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && !menu.hidden) { toggle(false); button.focus(); }
    });
  });
})();
