/* form: sends a form page to the forms API as JSON and answers in place (GOV.UK patterns).
   Without this script the form still works: it posts to the function, which answers with its own
   error page or a redirect. The script starts only where it can do the whole job (fetch, FormData,
   Promise, crypto), and each part (form, "use my location") is its own civicat
   component, so one failing never stops another. The character count is a component of its own
   (components/character-count). */
(function () {
  "use strict";
  if (!window.civicat || !window.fetch || !window.FormData || !window.Promise || !window.JSON ||
      !window.crypto || !crypto.getRandomValues || !Array.from || !Element.prototype.closest) return;

  var REFERENCE = /^[A-Z]{1,10}-[0-9]{4}-[0-9A-Z]{5}$/;

  /* A string from the table with its {placeholders} filled in; a plural map takes the form for
     values.count (civicat.plural: the page language's CLDR rules). */
  function format(text, values) {
    if (text && typeof text === "object") text = civicat.plural(text, values.count);
    return String(text).replace(/\{(\w+)\}/g, function (all, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : all;
    });
  }
  function json(el, name) { return JSON.parse(el.getAttribute(name) || "{}"); }
  function wordsOf(el) { var form = el.closest("form[data-cc-words]"); return form ? json(form, "data-cc-words") : null; }
  /* Characters as the function counts them: code points, not UTF-16 units. */
  function length(text) { return Array.from(text).length; }
  /* Only our own kind of address for links from an answer: site-relative or http(s). */
  function safeUrl(url) { return typeof url === "string" && /^(https?:\/\/|\/(?!\/))/.test(url); }
  function newKey() {
    if (crypto.randomUUID) return crypto.randomUUID();
    var bytes = crypto.getRandomValues(new Uint8Array(18));
    return Array.from(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }
  /* A file name keeps its own direction inside a sentence of the other (first-strong isolate). */
  function isolate(text) { return "\u2068" + text + "\u2069"; }
  function make(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text != null) el.textContent = text;
    return el;
  }
  function control(group) {
    return group.querySelector("input:not([type=hidden]):not([type=radio]):not([type=checkbox]), textarea, select") ||
      group.querySelector("input[type=radio], input[type=checkbox]");
  }
  /* The first message of an API error answer ({"errors": [{"field", "message"}]}). */
  function firstMessage(body) {
    var e = body && body.errors && body.errors[0];
    return e && typeof e.message === "string" ? e.message : null;
  }

  /* ---- Errors: GOV.UK error summary at the top, a message with a hidden "Error:" at the field. */
  function Errors(page, form, words) {
    this.page = page; this.form = form; this.words = words;
    this.summary = page.querySelector("[data-cc-error-summary]");
    this.title = document.title;
    var self = this;
    /* A link moves focus to the field and shows its label or legend (not only the input), as GOV.UK. */
    this.summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      if (!link) return;
      var input = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
      if (!input) return;
      event.preventDefault();
      var fieldset = input.closest("fieldset");
      var caption = (fieldset && fieldset.querySelector("legend")) ||
        form.querySelector("label[for='" + input.id + "']") || input;
      caption.scrollIntoView();
      input.focus({ preventScroll: true });
    });
  }
  Errors.prototype.group = function (field) {
    if (field === "file") field = "attachments";
    return field ? this.form.querySelector("[data-cc-field='" + String(field).replace(/[^a-z0-9_]/gi, "") + "']") : null;
  };
  /* The element whose description lists the message: the fieldset of a choice group, else the control. */
  function described(group) {
    return group.querySelector("fieldset") || control(group);
  }
  Errors.prototype.inline = function (group, message) {
    if (group.querySelector(".cc-error-message")) return; /* one message per field; the summary lists all */
    var input = control(group);
    var id = input.id.replace(/-\d+$/, "") + "-error";
    var p = make("p", "cc-error-message");
    p.id = id;
    p.appendChild(make("span", "cc-visually-hidden", this.words.error_prefix));
    p.appendChild(document.createTextNode(" " + message));
    var before = group.querySelector(".cc-choices, .cc-choice, .cc-input, .cc-textarea, .cc-select, .cc-file");
    before.parentNode.insertBefore(p, before);
    group.classList.add("cc-form-group--error");
    var target = described(group);
    var ids = (target.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
    if (ids.indexOf(id) < 0) ids.push(id);
    target.setAttribute("aria-describedby", ids.join(" "));
    if (target === input && input.type !== "checkbox") input.setAttribute("aria-invalid", "true");
  };
  Errors.prototype.clearGroup = function (group) {
    var message = group.querySelector(".cc-error-message");
    if (!message) return;
    var target = described(group);
    var ids = (target.getAttribute("aria-describedby") || "").split(" ").filter(function (id) {
      return id && id !== message.id;
    });
    if (ids.length) target.setAttribute("aria-describedby", ids.join(" ")); else target.removeAttribute("aria-describedby");
    control(group).removeAttribute("aria-invalid");
    group.classList.remove("cc-form-group--error");
    message.parentNode.removeChild(message);
  };
  Errors.prototype.clear = function () {
    var groups = this.form.querySelectorAll(".cc-form-group--error");
    for (var i = 0; i < groups.length; i++) this.clearGroup(groups[i]);
    this.summary.hidden = true;
    this.summary.querySelector("ul").textContent = "";
    document.title = this.title;
  };
  /* errors: [{field, message}] from the checks below or from the function (422). */
  Errors.prototype.show = function (errors) {
    this.clear();
    var list = this.summary.querySelector("ul");
    for (var i = 0; i < errors.length; i++) {
      var error = errors[i], group = this.group(error.field), item = make("li");
      if (group) {
        var link = make("a", null, error.message);
        link.href = "#" + control(group).id;
        item.appendChild(link);
        this.inline(group, error.message);
      } else {
        item.textContent = error.message;
      }
      list.appendChild(item);
    }
    this.summary.hidden = false;
    document.title = this.words.error_prefix + " " + this.title;
    this.summary.focus();
  };

  /* ---- Checks: the browser's own constraint validation, worded with the contract's messages. */
  function number(text) {
    var value = text.replace(/\s/g, "");
    if (value.split(",").length === 2 && value.indexOf(".") < 0) value = value.replace(",", ".");
    return /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(value) ? parseFloat(value) : NaN;
  }
  function check(group) {
    var type = group.getAttribute("data-cc-type"), m = json(group, "data-cc-messages");
    var required = group.hasAttribute("data-cc-required");
    if (type === "files") return null;
    if (type === "radio" || type === "checkboxes" || type === "checkbox") {
      return required && !group.querySelector("input:checked") ? m.required : null;
    }
    var input = control(group), value = input.value.trim(), v = input.validity || {};
    if (v.badInput) return m.invalid || m.required;
    if (!value) return required ? m.required : null;
    var min = parseInt(input.getAttribute("minlength"), 10);
    var max = parseInt(input.getAttribute("maxlength") || group.getAttribute("data-cc-count"), 10);
    if (min && length(value) < min) return m.too_short;
    if (max && length(value) > max) return m.too_long;
    if (v.typeMismatch) return m.invalid;
    if (v.patternMismatch) return m.pattern || m.invalid;
    if (input.hasAttribute("data-cc-min") || input.hasAttribute("data-cc-max")) {
      var n = number(value), lo = input.getAttribute("data-cc-min"), hi = input.getAttribute("data-cc-max");
      if (isNaN(n)) return m.invalid;
      if ((lo !== null && lo !== "" && n < +lo) || (hi !== null && hi !== "" && n > +hi)) return m.range || m.invalid;
    }
    if (v.rangeUnderflow || v.rangeOverflow) return m.range || m.invalid;
    return null;
  }
  function validate(form, words) {
    var errors = [], groups = form.querySelectorAll("[data-cc-field]");
    for (var i = 0; i < groups.length; i++) {
      var message = check(groups[i]);
      if (message) errors.push({ field: groups[i].getAttribute("data-cc-field"), message: message });
    }
    /* Latitude and longitude come both or neither (the function's rule). */
    var lat = form.elements.location_lat, lon = form.elements.location_lon;
    if (lat && lon && !errors.some(function (e) { return /^location_l/.test(e.field); })) {
      var hasLat = !!lat.value.trim(), hasLon = !!lon.value.trim();
      if (hasLat !== hasLon) errors.push({ field: hasLat ? "location_lon" : "location_lat", message: words.location.both });
    }
    return errors;
  }

  /* ---- Values: the JSON body, with exactly the names the function accepts. */
  function values(form, key, startedAt, files) {
    var out = { lang: form.elements.lang.value, submission_key: key, started_at: startedAt,
                website: form.elements.website ? form.elements.website.value : "" };
    var groups = form.querySelectorAll("[data-cc-field]");
    for (var i = 0; i < groups.length; i++) {
      var group = groups[i], name = group.getAttribute("data-cc-field"), type = group.getAttribute("data-cc-type");
      if (type === "files") { out.attachments = files ? files.ids() : []; continue; }
      if (type === "radio") {
        var chosen = group.querySelector("input:checked");
        out[name] = chosen ? chosen.value : "";
        continue;
      }
      if (type === "checkboxes") {
        out[name] = Array.from(group.querySelectorAll("input:checked"), function (box) { return box.value; });
        continue;
      }
      if (type === "checkbox") { out[name] = control(group).checked; continue; }
      out[name] = control(group).value;
    }
    return out;
  }

  /* ---- Files: each chosen file is announced, then posted (presigned S3 POST or the local server). */
  function Files(group, words, errors, lang) {
    this.group = group; this.w = words.files; this.errors = errors; this.lang = lang;
    this.input = group.querySelector("input[type=file]");
    this.list = group.querySelector("[data-cc-files-list]");
    this.status = group.querySelector("[data-cc-files-status]");
    this.items = [];
    this.max = +group.getAttribute("data-cc-max-files");
    this.maxSize = +group.getAttribute("data-cc-max-size");
    this.types = group.getAttribute("data-cc-types").split(",");
    this.input.addEventListener("change", this.choose.bind(this));
  }
  Files.prototype.say = function (text) { this.status.textContent = text; };
  Files.prototype.choose = function () {
    var w = this.w, problems = [], files = Array.from(this.input.files || []);
    this.input.value = "";
    this.errors.clearGroup(this.group);
    for (var i = 0; i < files.length; i++) {
      var file = files[i], name = isolate(file.name);
      if (this.items.length >= this.max) { problems.push(format(w.too_many, { count: this.max })); break; }
      var types = this.group.getAttribute("data-cc-type-names"), size = this.group.getAttribute("data-cc-size");
      if (this.types.indexOf(file.type) < 0) problems.push(format(w.type, { name: name, types: types }));
      else if (!file.size) problems.push(format(w.empty, { name: name }));
      else if (file.size > this.maxSize) problems.push(format(w.too_large, { name: name, size: size }));
      else this.items.push(this.upload(file));
    }
    if (problems.length) { this.errors.inline(this.group, problems.join(" ")); this.say(problems.join(" ")); }
  };
  Files.prototype.upload = function (file) {
    var self = this, w = this.w, item = { name: file.name, id: null, done: false, xhr: null };
    item.li = make("li");
    item.li.appendChild(make("span", "cc-files__name", file.name));
    var name = isolate(file.name);
    item.state = make("span", "cc-files__state", format(w.uploading, { name: name, percent: 0 }));
    item.li.appendChild(item.state);
    var remove = make("button", "cc-link-button", w.remove);
    remove.type = "button";
    remove.appendChild(make("span", "cc-visually-hidden", " " + file.name));
    remove.addEventListener("click", function () { self.remove(item, true); });
    item.li.appendChild(remove);
    this.list.appendChild(item.li);
    this.say(format(w.uploading, { name: name, percent: 0 }));
    item.promise = fetch(this.group.getAttribute("data-cc-upload"), {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Accept": "application/json" },
      body: JSON.stringify({ filename: file.name, content_type: file.type, size: file.size, lang: this.lang })
    }).then(function (response) {
      return response.json().catch(function () { return null; }).then(function (body) {
        if (response.status !== 201 || !body || !body.upload_id) {
          throw new Error(firstMessage(body) || format(w.failed, { name: name }));
        }
        item.target = body;
        return self.send(item, file, body);
      });
    }).then(function (id) {
      item.id = id; item.done = true;
      item.state.textContent = format(w.uploaded, { name: name });
      self.say(format(w.uploaded, { name: name }));
      /* A PDF whose signature the API checks: components/signature-check shows the result. */
      if (item.target.status_url && window.CustomEvent) {
        item.li.dispatchEvent(new CustomEvent("cc-uploaded", { bubbles: true,
          detail: { name: file.name, statusUrl: item.target.status_url } }));
      }
    }, function (error) {
      if (item.removed) return;
      self.remove(item, false);
      var message = error && error.message ? error.message : format(w.failed, { name: name });
      self.errors.inline(self.group, message);
      self.say(message);
    });
    return item;
  };
  /* The file itself, with XMLHttpRequest for its progress events (fetch has none for uploads). */
  Files.prototype.send = function (item, file, target) {
    var w = this.w, name = isolate(file.name);
    return new Promise(function (resolve, reject) {
      if (!safeUrl(target.url)) { reject(new Error(format(w.failed, { name: name }))); return; }
      var data = new FormData(), fields = target.fields || {};
      Object.keys(fields).forEach(function (name) { data.append(name, fields[name]); });
      data.append(target.file_field || "file", file, file.name);
      var xhr = item.xhr = new XMLHttpRequest();
      xhr.open(target.method || "POST", target.url);
      xhr.upload.addEventListener("progress", function (event) {
        if (!event.lengthComputable) return;
        item.state.textContent = format(w.uploading, { name: name, percent: Math.floor(100 * event.loaded / event.total) });
      });
      xhr.addEventListener("load", function () {
        if (xhr.status >= 200 && xhr.status < 300) { resolve(target.upload_id); return; }
        var body = null;
        try { body = JSON.parse(xhr.responseText); } catch (err) { /* S3 answers in XML */ }
        reject(new Error(firstMessage(body) || format(w.failed, { name: name })));
      });
      xhr.addEventListener("error", function () { reject(new Error(format(w.failed, { name: name }))); });
      xhr.addEventListener("abort", function () { reject(new Error("aborted")); });
      xhr.send(data);
    });
  };
  Files.prototype.remove = function (item, byUser) {
    item.removed = byUser;
    if (item.xhr && !item.done) item.xhr.abort();
    this.items = this.items.filter(function (other) { return other !== item; });
    if (item.li.parentNode) item.li.parentNode.removeChild(item.li);
    if (byUser) { this.say(format(this.w.removed, { name: isolate(item.name) })); this.input.focus(); }
  };
  Files.prototype.ids = function () {
    return this.items.filter(function (item) { return item.done; }).map(function (item) { return item.id; });
  };
  Files.prototype.pending = function () { return this.items.some(function (item) { return !item.done; }); };
  Files.prototype.settled = function () {
    return Promise.all(this.items.map(function (item) { return item.promise; }));
  };

  /* ---- The form. */
  civicat.start("form", "form[data-cc-form]", function (form) {
    var page = form.closest("[data-cc-form-page]"), words = json(form, "data-cc-words");
    var errors = new Errors(page, form, words);
    var filesGroup = form.querySelector("[data-cc-files]");
    var files = filesGroup ? new Files(filesGroup, words, errors, form.elements.lang.value) : null;
    var key = newKey(), startedAt = Date.now(), busy = false;
    var button = form.querySelector("[data-cc-submit]"), status = form.querySelector("[data-cc-form-status]");
    form.noValidate = true;

    function done() {
      busy = false;
      button.removeAttribute("aria-disabled");
      status.textContent = "";
    }
    function problem(message) { done(); errors.show([{ field: null, message: message }]); }
    function confirm(body) {
      var template = page.querySelector("template[data-cc-confirmation]");
      var answer = template.content.cloneNode(true);
      answer.querySelector("[data-cc-reference]").textContent = body.reference;
      if (safeUrl(body.status_url)) {
        answer.querySelector("[data-cc-status-link]").href = body.status_url;
        answer.querySelector("[data-cc-status]").hidden = false;
      }
      page.textContent = "";
      page.appendChild(answer);
      document.title = words.sent_title + " – " + errors.title;
      page.querySelector(".cc-panel__title").focus();
    }
    function answer(response) {
      return response.json().catch(function () { return null; }).then(function (body) {
        var code = response.status;
        if ((code === 200 || code === 201) && body && REFERENCE.test(body.reference)) { confirm(body); return; }
        if (code === 422 && body && body.errors && body.errors.length) { done(); errors.show(body.errors); return; }
        if (code === 413) { problem(firstMessage(body) || words.too_large); return; }
        if (code === 429) { problem(firstMessage(body) || words.failed); return; }
        problem(words.failed); /* 400, 404, 415, 5xx: nothing the citizen can fix in the form */
      });
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (busy) return; /* a double click sends once */
      var found = validate(form, words);
      if (found.length) { errors.show(found); return; }
      busy = true;
      button.setAttribute("aria-disabled", "true");
      status.textContent = files && files.pending() ? words.files.waiting : words.sending;
      (files ? files.settled() : Promise.resolve()).then(function () {
        status.textContent = words.sending;
        return fetch(form.getAttribute("action"), {
          method: "POST", credentials: "same-origin",
          headers: { "Content-Type": "application/json", "Accept": "application/json" },
          body: JSON.stringify(values(form, key, startedAt, files))
        });
      }).then(answer, function () { problem(words.offline); })
        .catch(function (err) { problem(words.failed); if (window.console) console.error("civicat form:", err); });
    });
  });

  /* ---- "Use my location": only offered where the browser can, and only on request. */
  civicat.start("locate", "[data-cc-locate]", function (box) {
    if (!navigator.geolocation || window.isSecureContext === false) return;
    var words = wordsOf(box), fieldset = box.closest("fieldset"), busy = false;
    if (!words) return;
    var w = words.location, button = box.querySelector("button"), status = box.querySelector("[data-cc-locate-status]");
    var lat = fieldset.querySelector("[name=location_lat]"), lon = fieldset.querySelector("[name=location_lon]");
    box.hidden = false;
    button.addEventListener("click", function () {
      if (busy) return;
      busy = true;
      status.textContent = w.locating;
      navigator.geolocation.getCurrentPosition(function (position) {
        busy = false;
        lat.value = position.coords.latitude.toFixed(6);
        lon.value = position.coords.longitude.toFixed(6);
        status.textContent = format(w.located, { accuracy: Math.max(1, Math.round(position.coords.accuracy || 0)) });
      }, function (error) {
        busy = false;
        status.textContent = error && error.code === 1 ? w.denied : w.failed;
      }, { enableHighAccuracy: true, timeout: 20000, maximumAge: 60000 });
    });
  });

})();
