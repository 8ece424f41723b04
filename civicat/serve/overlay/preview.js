/* civicat serve's error banner: only preview builds load this file (never `civicat build`).
   While the preview keeps serving the last good pages because the catalogue has errors, the
   editor must see that the change is not live: this script polls /_preview/status.json (written
   by civicat/serve/preview.py) and shows the errors — file:line, what, how to fix — at the top of
   every page, in the page's language, until the file is fixed. */
(function () {
  "use strict";
  if (!window.fetch || !document.querySelector) return;
  var STATUS = "/_preview/status.json";
  var shown = "";

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text) node.textContent = text;
    return node;
  }

  function words(status) {
    var lang = (document.documentElement.getAttribute("lang") || "en").split("-")[0];
    return status.words[lang] || status.words.en || status.words[Object.keys(status.words)[0]];
  }

  /* "3 errors": a plural map of the string table, by the core's CLDR rules (civicat.js, on every page). */
  function counted(forms, count) {
    if (window.civicat && window.civicat.plural) return window.civicat.plural(forms, count);
    return String(typeof forms === "string" ? forms : forms.other).replace("{count}", String(count));
  }

  function banner(status) {
    var w = words(status);
    var root = document.documentElement;
    var box = el("section", { "class": "cc-preview", id: "cc-preview", "aria-labelledby": "cc-preview-title",
                              lang: root.getAttribute("lang") || "en",
                              dir: window.getComputedStyle(document.body).direction || "ltr" });
    var alert = el("div", { role: "alert" });
    var title = el("p", { id: "cc-preview-title", "class": "cc-preview__title" });
    title.appendChild(el("strong", {}, counted(w.title, status.count)));
    title.appendChild(document.createTextNode(" "));
    title.appendChild(el("a", { href: "#cc-preview-errors", "class": "cc-preview__jump" }, w.jump));
    alert.appendChild(title);
    box.appendChild(alert);
    var list = el("ol", { id: "cc-preview-errors", "class": "cc-preview__errors", tabindex: "-1", "aria-label": w.label });
    status.errors.forEach(function (error) {
      var item = el("li");
      item.appendChild(el("code", { dir: "ltr", "class": "cc-preview__where" }, error.where));
      item.appendChild(document.createTextNode(" "));
      item.appendChild(el("span", { lang: "en", dir: "ltr" }, error.key + ": " + error.message));
      var fix = el("p", { "class": "cc-preview__fix" });
      fix.appendChild(el("span", {}, w.fix + " "));
      fix.appendChild(el("span", { lang: "en", dir: "ltr" }, error.fix));
      item.appendChild(fix);
      list.appendChild(item);
    });
    box.appendChild(list);
    if (status.more) box.appendChild(el("p", {}, counted(w.more, status.more)));
    return box;
  }

  function update(status) {
    var key = JSON.stringify(status.errors) + status.more;
    if (key === shown) return;
    shown = key;
    var old = document.getElementById("cc-preview");
    if (old) old.parentNode.removeChild(old);
    if (status.errors.length) document.body.insertBefore(banner(status), document.body.firstChild);
  }

  function poll() {
    fetch(STATUS, { cache: "no-store", credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (status) { if (status) update(status); })
      .catch(function () { /* the preview is restarting: try again */ })
      .then(function () { setTimeout(poll, 1000); });
  }

  var css = el("link", { rel: "stylesheet", href: "/_preview/preview.css" });
  document.head.appendChild(css);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", poll);
  else poll();
})();
