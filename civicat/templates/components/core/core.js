/* civicat core: starts each component once per element, after the document is parsed.
   A component that throws is logged and does not stop the others (progressive enhancement:
   every page works as plain HTML; scripts only add to it). */
window.civicat = window.civicat || (function () {
  "use strict";
  var KEY = "data-cc-started";
  function start(name, selector, init) {
    function run() {
      var nodes = document.querySelectorAll(selector);
      for (var i = 0; i < nodes.length; i++) {
        var el = nodes[i];
        var started = (el.getAttribute(KEY) || "").split(" ");
        if (started.indexOf(name) !== -1) continue; /* never start twice */
        el.setAttribute(KEY, (started.join(" ") + " " + name).trim());
        try { init(el); } catch (err) { if (window.console) console.error("civicat " + name + ":", err); }
      }
    }
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run, { once: true });
    else run();
  }
  return { start: start };
})();
