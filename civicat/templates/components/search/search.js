/* search: loads mkdocs-material's script only when a visitor wants to search.
   Material's bundle (35 KB gzip) and its search worker would otherwise load on every page; the
   pages themselves need no script. The header search field, the "skip to search" link and the home
   page's search form all open Material's search; a page opened with ?q=… starts it at once.
   Material waits for DOMContentLoaded, which has passed when it loads late, so we announce it again
   (our own components ignore the repeat: civicat.start never starts an element twice). */
(function () {
  "use strict";
  if (!window.civicat) return;
  var state = { loading: false };

  function loadMaterial() {
    if (state.loading) return;
    var holder = document.querySelector("[data-cc-material]");
    if (!holder) return;
    state.loading = true;
    /* Material fetches sitemap.xml from every <link rel=alternate> (to map pages between languages
       in its own language menu, which we do not use). Our hreflang links carry absolute public
       addresses: on a preview or local server that would be requests to another origin. Search
       engines read them from the HTML as sent, so they are renamed before Material starts. */
    var alternates = document.querySelectorAll("link[rel=alternate][hreflang]");
    for (var i = 0; i < alternates.length; i++) alternates[i].setAttribute("rel", "x-alternate");
    var script = document.createElement("script");
    script.src = holder.getAttribute("data-cc-material");
    script.onload = function () { document.dispatchEvent(new Event("DOMContentLoaded")); };
    document.body.appendChild(script);
  }

  function openSearch(query) {
    var toggle = document.getElementById("__search");
    var input = document.querySelector(".md-search__input");
    if (input && typeof query === "string") input.value = query;
    if (toggle && !toggle.checked) {
      toggle.checked = true;
      toggle.dispatchEvent(new Event("change"));
    }
    loadMaterial();
    if (input) {
      input.focus();
      if (typeof query === "string") input.dispatchEvent(new Event("input"));
    }
  }

  civicat.start("search", "[data-cc-material]", function () {
    var input = document.querySelector(".md-search__input");
    var toggle = document.getElementById("__search");
    if (input) {
      input.addEventListener("focus", loadMaterial, { once: true });
      input.addEventListener("pointerdown", loadMaterial, { once: true });
    }
    if (toggle) toggle.addEventListener("change", loadMaterial, { once: true });
    if (/[?&]q=/.test(location.search)) loadMaterial();
  });

  /* "Skip to search" link: open the search and put the cursor in it. */
  civicat.start("search-link", "[data-cc-search-link]", function (link) {
    link.addEventListener("click", function (event) { event.preventDefault(); openSearch(); });
  });

  /* Search forms in the page (home): without JavaScript they lead to the A–Z list. */
  civicat.start("search-form", "[data-cc-search-form]", function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var field = form.querySelector("input[name=q]");
      openSearch(field ? field.value : "");
    });
  });
})();
