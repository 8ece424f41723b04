/* Zensical only (written by `civicat render`): open Zensical's search where a visitor asked for it.
   Our search component (civicat/templates/components/search) loads the engine's script on the
   visitor's first sign: the search toggle, the "skip to search" link, the home page's search form,
   ?q= in the address. Material then shows its search at once. Zensical's search is a dialog of its
   own that opens on a click in the search box once its script has started, so that first sign would
   only load the script: this opens the dialog as soon as Zensical has made it, with the visitor's
   words. After that, Zensical's own button opens it. */
(function () {
  "use strict";
  var box = document.querySelector("[data-md-component=search]");
  var toggle = document.getElementById("__search");
  if (!box || !toggle || !window.MutationObserver) return;
  var started = false;
  var words = new URLSearchParams(location.search).get("q");

  /* The box's button, before Zensical has started: load it the way our search component does. */
  box.addEventListener("click", function (event) {
    if (started || !event.isTrusted) return;
    toggle.checked = true;
    toggle.dispatchEvent(new Event("change"));
  });

  /* The button shows Zensical's shortcut (Ctrl+K, ⌘K on a Mac), which its script handles once
     started; before that, the shortcut starts it. */
  document.addEventListener("keydown", function (event) {
    if (started || event.key.toLowerCase() !== "k" || !(event.ctrlKey || event.metaKey) || event.altKey) return;
    event.preventDefault();
    toggle.checked = true;
    toggle.dispatchEvent(new Event("change"));
  });

  /* The home page's search form: our component opens the search; keep what was typed. */
  var forms = document.querySelectorAll("[data-cc-search-form]");
  for (var i = 0; i < forms.length; i++) {
    forms[i].addEventListener("submit", function (event) {
      var field = event.currentTarget.querySelector("input[name=q]");
      words = field ? field.value : "";
    });
  }

  /* Zensical draws its dialog into the shadow root once the search index has arrived. */
  function whenInput(root, then) {
    var input = root.querySelector("input");
    if (input) return then(input);
    var waiting = new MutationObserver(function () {
      var found = root.querySelector("input");
      if (found) {
        waiting.disconnect();
        then(found);
      }
    });
    waiting.observe(root, { childList: true, subtree: true });
  }

  function open(root) {
    started = true;
    if (!toggle.checked && words === null) return;
    toggle.checked = false; /* Material's search overlay stays closed */
    box.click();
    if (words) {
      whenInput(root, function (input) {
        input.value = words;
        input.dispatchEvent(new Event("input", { bubbles: true }));
      });
    }
  }

  /* Zensical adds its dialog's host (an element with a shadow root) to the body when it starts;
     by then it listens for clicks in the search box. */
  var watcher = new MutationObserver(function (changes) {
    for (var i = 0; i < changes.length; i++) {
      for (var j = 0; j < changes[i].addedNodes.length; j++) {
        if (changes[i].addedNodes[j].shadowRoot) {
          watcher.disconnect();
          open(changes[i].addedNodes[j].shadowRoot);
          return;
        }
      }
    }
  });
  watcher.observe(document.body, { childList: true });
})();
