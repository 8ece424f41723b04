/* The site's not-found page answers every missing address in every language. This puts the
   section in the visitor's language first: the language the address starts with (/en/…), else
   the first of the browser's languages the site has. Without script every language is shown in
   the site's order, which is just as usable. */
(function () {
  "use strict";
  var main = document.querySelector("main[data-cc-not-found]");
  if (!main) return;
  var sections = Array.prototype.slice.call(main.querySelectorAll("section[lang]"));
  var root = main.getAttribute("data-cc-root") || "/";
  var path = location.pathname.indexOf(root) === 0 ? location.pathname.slice(root.length) : "";
  var wanted = [path.split("/")[0]].concat(Array.prototype.slice.call(navigator.languages || []));
  for (var i = 0; i < wanted.length; i++) {
    var code = String(wanted[i]).toLowerCase().split("-")[0];
    for (var j = 0; j < sections.length; j++) {
      if (sections[j].lang === code) {
        if (j > 0) main.insertBefore(sections[j], sections[0]);
        document.title = sections[j].querySelector("h2").textContent + " – " + main.querySelector("h1").textContent;
        return;
      }
    }
  }
})();
