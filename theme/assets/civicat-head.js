/* civicat-head.js: the little a page needs from a script before it is drawn, as a file of its own
   (the site's Content-Security-Policy runs no inline script). Loaded in <head> in place of
   mkdocs-material's inline script (theme/partials/javascripts/base.html replaces that partial).

   1. The page says that scripts run: Material's styles show the search field only in ".js" pages,
      and our search component makes the field work.
   2. The storage helpers Material's script expects as globals when it is loaded for search
      (__md_scope, __md_hash, __md_get, __md_set; Material defines them the same way, inline).
      Their scope is the language's root folder, which this file knows from its own address:
      <language root>/assets/civicat-head.js. */
document.documentElement.classList.replace("no-js", "js");
var __md_scope = new URL("..", document.currentScript.src);
var __md_hash = function (text) {
  return Array.prototype.reduce.call(text, function (hash, letter) {
    return (hash << 5) - hash + letter.charCodeAt(0);
  }, 0);
};
var __md_get = function (key, storage, scope) {
  storage = storage || localStorage;
  scope = scope || __md_scope;
  return JSON.parse(storage.getItem(scope.pathname + "." + key));
};
var __md_set = function (key, value, storage, scope) {
  storage = storage || localStorage;
  scope = scope || __md_scope;
  try {
    storage.setItem(scope.pathname + "." + key, JSON.stringify(value));
  } catch (error) { /* storage full or forbidden: Material works without it */ }
};
