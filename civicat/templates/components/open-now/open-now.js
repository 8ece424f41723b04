/* open-now: fills [data-cc-open] badges from hours/<office>.json.
   The data is a list of open intervals in minutes since the epoch (UTC), computed by the build
   with public holidays and closures applied. Times are shown in the municipality's time zone
   (data-cc-tz), not the visitor's, so daylight-saving changes and travellers see office time.
   Outside the data's range (site not rebuilt for months) the badge stays hidden. */
(function () {
  "use strict";
  if (!window.fetch || !window.Intl || !Intl.DateTimeFormat || !window.civicat) return;
  var WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
  var requests = {};
  var formatters = {};

  function load(url) {
    if (!requests[url]) {
      requests[url] = fetch(url, { credentials: "same-origin" }).then(function (r) {
        if (!r.ok) throw new Error("HTTP " + r.status + " for " + url);
        return r.json();
      });
    }
    return requests[url];
  }

  /* Date, time and weekday of a moment in time zone tz. */
  function local(minutes, tz) {
    var f = formatters[tz] || (formatters[tz] = new Intl.DateTimeFormat("en-GB", {
      timeZone: tz, year: "numeric", month: "2-digit", day: "2-digit",
      hour: "2-digit", minute: "2-digit", hourCycle: "h23", weekday: "short"
    }));
    var out = {};
    f.formatToParts(new Date(minutes * 60000)).forEach(function (part) { out[part.type] = part.value; });
    return {
      day: Date.UTC(+out.year, +out.month - 1, +out.day) / 86400000,
      date: +out.day,
      month: +out.month,
      time: out.hour + ":" + out.minute,
      weekday: WEEKDAYS.indexOf(out.weekday)
    };
  }

  /* {open: bool, text: string} at minute `now`, or null when the data does not cover it. */
  function describe(data, words, now) {
    if (now < data.from || now >= data.until) return null;
    var tz = data.tz;
    for (var i = 0; i < data.open.length; i++) {
      var span = data.open[i];
      if (span[0] <= now && now < span[1]) {
        return { open: true, text: words.closes.replace("{time}", local(span[1], tz).time) };
      }
      if (span[0] > now) {
        var next = local(span[0], tz);
        var days = next.day - local(now, tz).day;
        /* Within six days the weekday is clear; later (after Christmas: on 23 December the
           office opens again on 4 January, not "Monday") only the date is. */
        var day = days === 0 ? words.today : days === 1 ? words.tomorrow : days <= 6 ? words.days[next.weekday]
          : words.on_date.replace("{day}", next.date).replace("{month}", words.months[next.month - 1]);
        return { open: false, text: words.opens.replace("{day}", day).replace("{time}", next.time) };
      }
    }
    return { open: false, text: "" };
  }

  function show(el, data, words) {
    var state = describe(data, words, Math.floor(Date.now() / 60000));
    if (!state) { el.hidden = true; return; }
    el.textContent = "";
    var strong = document.createElement("strong");
    strong.className = "cc-open__state";
    strong.textContent = state.open ? words.open : words.closed;
    el.appendChild(strong);
    if (state.text) el.appendChild(document.createTextNode(" · " + state.text));
    el.className = "cc-open " + (state.open ? "cc-open--open" : "cc-open--closed");
    el.hidden = false;
  }

  civicat.start("open-now", "[data-cc-open]", function (el) {
    var words = JSON.parse(el.getAttribute("data-cc-words"));
    load(el.getAttribute("data-cc-open")).then(function (data) {
      show(el, data, words);
      setInterval(function () { show(el, data, words); }, 30000);
    }).catch(function (err) { if (window.console) console.warn("open-now:", err); });
  });

  window.civicat.openNow = { describe: describe };
})();
