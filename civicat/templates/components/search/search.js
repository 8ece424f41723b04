/* search: results under the search field as a visitor types, reachable by keyboard.
   The form works without this script (it asks the functions' results page). With it, the first
   focus on a search field loads the engine (search-engine.js, ~3 KB) and the language's
   meta.json; each query then fetches only the index files its words need (engine.mjs).
   Keyboard: Tab or ArrowDown from the field reach the results (links); ArrowUp/ArrowDown move
   between them; Escape closes the list and returns to the field; Enter in the field opens the
   results page. The count ("12 results") is announced once typing pauses (role=status). */
(function () {
  "use strict";
  if (!window.civicat) return;
  var SHOWN = 10; /* results listed under the field; the results page has them all */
  var state = { index: null, root: null };

  function holder() { return document.querySelector("[data-cc-search-index]"); }

  /* The engine and the index's meta.json, once per page (a promise). */
  function engine() {
    if (state.index) return state.index;
    var where = holder();
    if (!where) return Promise.reject(new Error("no search index on this page"));
    var base = document.baseURI;
    var meta = new URL(where.getAttribute("data-cc-search-index"), base);
    state.root = new URL("..", meta); /* the language's root: <root>/search/meta.json */
    /* meta.json is asked for while the engine loads, not after it: one round trip less on a slow
       network before the first result. */
    function json(address) {
      return fetch(address).then(function (response) {
        if (!response.ok) throw new Error(address + ": " + response.status);
        return response.json();
      });
    }
    var early = json(meta.href);
    var engineLoaded = import(new URL(where.getAttribute("data-cc-search-engine"), base).href);
    state.index = Promise.all([engineLoaded, early]).then(function (both) {
      var first = both[1];
      return both[0].open(meta.href, function (address) {
        if (address === meta.href && first) { var found = first; first = null; return Promise.resolve(found); }
        return json(address);
      });
    });
    state.index.catch(function () { state.index = null; }); /* try again on the next search */
    return state.index;
  }

  function count(words, lang, n) {
    var table = words.results;
    var form = table[new Intl.PluralRules(lang).select(n)] || table.other;
    return form.replace("{count}", n);
  }

  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (all, key) { return key in values ? values[key] : all; });
  }

  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text) el.textContent = text;
    return el;
  }

  civicat.start("search", "form[data-cc-search]", function (form) {
    var input = form.querySelector("input[name=q]");
    var id = form.id;
    var panel = form.querySelector("[data-cc-search-results]");
    var status = form.querySelector("[data-cc-search-status]");
    var lang = (form.querySelector("input[name=lang]") || {}).value || document.documentElement.lang;
    if (!input || !panel || !status) return;
    input.setAttribute("aria-controls", panel.id);
    input.setAttribute("aria-describedby", ((input.getAttribute("aria-describedby") || "") + " " + id + "-keys").trim());
    var typing = null, announcing = null, asked = 0, spoken = "";

    function links() { return Array.prototype.slice.call(panel.querySelectorAll("a")); }

    function close() {
      panel.hidden = true;
      status.textContent = "";
      spoken = "";
      form.classList.remove("cc-search--open");
    }

    function announce(text) {
      /* Once typing pauses: a screen reader hears the count, not every keystroke's. */
      clearTimeout(announcing);
      announcing = setTimeout(function () {
        if (text !== spoken) { status.textContent = text; spoken = text; }
      }, 700);
    }

    function show(index, query, hits, shown) {
      var meta = index.meta, words = meta.words, root = state.root;
      panel.textContent = "";
      if (!hits.length) {
        var none = element("p", "cc-search__none", fill(words.none, { query: query }));
        var help = element("p", "cc-search__help", words.none_help);
        var list = element("ul", "cc-search__links");
        [["az", words.az], ["topics", words.topics], ["contact", words.contact]].forEach(function (pair) {
          var item = element("li");
          var link = element("a", "", pair[1]);
          link.setAttribute("href", new URL(meta.links[pair[0]], root).pathname);
          item.appendChild(link);
          list.appendChild(item);
        });
        panel.appendChild(none);
        panel.appendChild(help);
        panel.appendChild(list);
        announce(fill(words.none, { query: query }));
      } else {
        var heading = element("p", "cc-search__count", fill(words.results_for, { count: count(words, lang, hits.length), query: query }));
        heading.setAttribute("aria-hidden", "true"); /* the status line says it */
        var results = element("ol", "cc-search__list");
        shown.forEach(function (doc) {
          var item = element("li", "cc-search__item");
          var link = element("a", "cc-search__title", doc[1]);
          link.setAttribute("href", new URL(doc[0], root).pathname);
          item.appendChild(link);
          if (doc[2]) item.appendChild(element("p", "cc-search__line", doc[2]));
          if (doc[3]) item.appendChild(element("p", "cc-search__office", fill(words.office, { office: doc[3] })));
          results.appendChild(item);
        });
        panel.appendChild(heading);
        panel.appendChild(results);
        if (hits.length > shown.length) {
          var more = element("p", "cc-search__more");
          var all = element("a", "", words.all);
          all.href = form.action + "?" + new URLSearchParams({ q: query, lang: lang }).toString();
          more.appendChild(all);
          panel.appendChild(more);
        }
        announce(fill(words.results_for, { count: count(words, lang, hits.length), query: query }));
      }
      panel.hidden = false;
      form.classList.add("cc-search--open");
    }

    function search() {
      var query = input.value.trim();
      var ticket = ++asked;
      if (!query) { close(); return; }
      engine().then(function (index) {
        return index.search(query).then(function (hits) {
          return Promise.all(hits.slice(0, SHOWN).map(function (doc) { return index.shown(doc); })).then(function (shown) {
            if (ticket === asked) show(index, query, hits, shown);
          });
        });
      }).catch(function () {
        /* Offline, or no index: say so; Enter still opens the results page. */
        if (ticket !== asked) return;
        var text = (document.getElementById(id + "-unavailable") || {}).textContent || "";
        panel.textContent = "";
        panel.appendChild(element("p", "cc-search__none", text));
        panel.hidden = false;
        announce(text);
      });
    }

    input.addEventListener("focus", function () { engine().catch(function () {}); }, { once: true });
    input.addEventListener("input", function () {
      clearTimeout(typing);
      typing = setTimeout(search, 120);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" && !panel.hidden && links().length) {
        event.preventDefault();
        links()[0].focus();
      } else if (event.key === "Escape" && !panel.hidden) {
        event.preventDefault(); /* keep what was typed (a search field would clear itself) */
        close();
      }
    });
    panel.addEventListener("keydown", function (event) {
      var all = links(), at = all.indexOf(document.activeElement);
      if (event.key === "Escape") {
        event.preventDefault();
        close();
        input.focus();
      } else if (event.key === "ArrowDown" && at >= 0) {
        event.preventDefault();
        all[Math.min(at + 1, all.length - 1)].focus();
      } else if (event.key === "ArrowUp" && at >= 0) {
        event.preventDefault();
        (at === 0 ? input : all[at - 1]).focus();
      }
    });
    /* The list stays while focus is in the form (Tab moves on into it) and closes when focus or a
       click goes elsewhere. */
    form.addEventListener("focusout", function (event) {
      if (event.relatedTarget && !form.contains(event.relatedTarget)) close();
    });
    document.addEventListener("click", function (event) {
      if (!form.contains(event.target)) close();
    });
    if (input.value.trim()) search(); /* a value the browser restored (back button) */
  });

  /* "Skip to search" puts the cursor in the header's search field. */
  civicat.start("search-link", "[data-cc-search-link]", function (link) {
    link.addEventListener("click", function (event) {
      var form = document.getElementById(link.getAttribute("href").slice(1));
      var field = form && form.querySelector("input[name=q]");
      if (!field) return;
      event.preventDefault();
      field.focus();
    });
  });
})();
