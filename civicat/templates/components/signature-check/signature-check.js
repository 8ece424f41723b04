/* signature-check: after a PDF of a form that checks electronic signatures has landed, ask the
   forms API for the check's result and say it under the file, in the page's language (the API
   words it: "Unterschrieben von Maria Petrova: Signatur unverändert …"). The check runs beside
   the API, so the answer comes a moment later; the script asks again with growing pauses and
   says so when it takes long. Without this script the function checks a required signature when
   the form is posted and shows the same words on its own error page. */
(function () {
  "use strict";
  if (!window.civicat || !window.fetch || !window.Promise || !window.JSON || !Element.prototype.closest) return;

  var PAUSES = [250, 400, 600, 900, 1500, 2500]; /* then every 2.5 s */
  var SLOW_MS = 20000, GIVE_UP_MS = 120000;

  function format(text, values) {
    return String(text || "").replace(/\{(\w+)\}/g, function (all, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : all;
    });
  }
  /* Only our own kind of address: site-relative or http(s). */
  function safeUrl(url) { return typeof url === "string" && /^(https?:\/\/|\/(?!\/))/.test(url); }

  civicat.start("signature-check", "[data-cc-files][data-cc-signature]", function (group) {
    var form = group.closest("form[data-cc-words]");
    if (!form) return;
    var words = JSON.parse(form.getAttribute("data-cc-words") || "{}");
    var w = (words.files && words.files.signature) || {};
    var status = group.querySelector("[data-cc-files-status]");

    group.addEventListener("cc-uploaded", function (event) {
      var item = event.target, detail = event.detail || {};
      if (!safeUrl(detail.statusUrl)) return;
      var name = "\u2068" + detail.name + "\u2069";
      var line = document.createElement("p");
      line.className = "cc-signature cc-signature--pending";
      line.textContent = format(w.checking, { name: name });
      item.appendChild(line);
      var started = Date.now(), tries = 0, slow = false;

      function show(result) {
        line.className = "cc-signature cc-signature--" + result.tone;
        line.textContent = "";
        if (result.tone === "error") {
          /* The same hidden "Fehler:" as every other error message on the page. */
          var prefix = document.createElement("span");
          prefix.className = "cc-visually-hidden";
          prefix.textContent = (words.error_prefix || "") + " ";
          line.appendChild(prefix);
        }
        line.appendChild(document.createTextNode(result.message));
        /* role=status: screen readers hear a verdict; a mere notice (an unsigned PDF where a
           signature is optional) stays on its line and does not interrupt. */
        if (status && result.tone !== "notice") status.textContent = result.message;
      }
      function later() {
        var waited = Date.now() - started;
        if (waited > GIVE_UP_MS) return;
        if (waited > SLOW_MS && !slow) {
          slow = true;
          line.textContent = format(w.slow, { name: name });
          if (status) status.textContent = line.textContent;
        }
        setTimeout(ask, PAUSES[Math.min(tries++, PAUSES.length - 1)]);
      }
      function ask() {
        if (!item.parentNode) return; /* the citizen removed the file */
        fetch(detail.statusUrl, { credentials: "same-origin", headers: { "Accept": "application/json" } })
          .then(function (response) { return response.ok ? response.json() : null; })
          .then(function (body) {
            var result = body && body.signature;
            if (result && result.tone && result.tone !== "pending" && typeof result.message === "string") show(result);
            else later();
          }, later);
      }
      later();
    });
  });
})();
