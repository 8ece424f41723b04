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
  /* The form of a plural map ({one: "…", other: "{count} …"}, civicat/i18n) for count, by the
     CLDR rules of the page's language (Intl.PluralRules), with {count} filled in. A browser
     without Intl.PluralRules gets "other", which every map has. */
  var rules = null;
  function plural(forms, count) {
    if (typeof forms === "string") return forms.replace(/\{count\}/g, String(count));
    if (rules === null) {
      try { rules = new Intl.PluralRules(document.documentElement.lang || "en"); }
      catch (err) { rules = { select: function () { return "other"; } }; }
    }
    var text = forms[rules.select(count)] || forms.other;
    return text.replace(/\{count\}/g, String(count));
  }
  return { start: start, plural: plural };
})();
