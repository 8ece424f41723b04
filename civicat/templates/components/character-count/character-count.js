/* character-count (GOV.UK): a live count under a textarea instead of a hard limit.
   Markup: a group with data-cc-count="<max>" and data-cc-count-words (the form.count strings), a
   <textarea>, and a line with id "<textarea id>-info" stating the limit (read with the textarea
   through aria-describedby). Without this script that line and the textarea's maxlength stand. */
(function () {
  "use strict";
  if (!window.civicat || !window.JSON || !Array.from) return;

  function part(className) {
    var el = document.createElement("div");
    el.className = className;
    return el;
  }

  civicat.start("character-count", "[data-cc-count]", function (group) {
    var words = JSON.parse(group.getAttribute("data-cc-count-words") || "null");
    var area = group.querySelector("textarea");
    var info = area && document.getElementById(area.id + "-info");
    if (!words || !info) return;
    var max = +group.getAttribute("data-cc-count");
    var timer = null;
    /* Let people type past the limit and then shorten, instead of silently cutting pasted text. */
    area.removeAttribute("maxlength");
    info.classList.add("cc-visually-hidden"); /* still read with the textarea (aria-describedby) */
    var visible = part("cc-hint cc-form-hint cc-character-count__status");
    visible.setAttribute("aria-hidden", "true"); /* screen readers get the calmer line below */
    var spoken = part("cc-visually-hidden");
    spoken.setAttribute("aria-live", "polite");
    info.parentNode.insertBefore(spoken, info.nextSibling);
    info.parentNode.insertBefore(visible, info.nextSibling);

    /* Characters as the forms API counts them: code points, not UTF-16 units. */
    function text() {
      var left = max - Array.from(area.value).length, count = Math.abs(left);
      var table = left < 0 ? words.over : words.remaining;
      return { over: left < 0, text: civicat.plural(table, count) };
    }
    function update() {
      var state = text();
      visible.textContent = state.text;
      visible.classList.toggle("cc-character-count__status--error", state.over);
      area.classList.toggle("cc-textarea--over", state.over);
    }
    update();
    /* Screen readers hear the count once typing pauses for a second, not after every key. */
    area.addEventListener("input", function () {
      update();
      clearTimeout(timer);
      timer = setTimeout(function () { spoken.textContent = text().text; }, 1000);
    });
  });
})();
