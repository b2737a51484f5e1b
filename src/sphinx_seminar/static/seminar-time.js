/*
 * A session's start in the reader's own time zone (sphinx_seminar/header.py).
 *
 * The header gives the seminar's time in <time class="seminar-time"
 * datetime="2020-05-05T15:00:00+02:00">. Where the reader's clock shows another
 * time at that moment (another UTC offset then), a line is added after it:
 * "09:00 in your time zone (America/New_York)", with the date as well where the
 * day differs ("Wed 6 May, 01:00 ..."). The phrase comes, translated, from this
 * script's data-phrase; dates and times are formatted by the browser (Intl) in
 * the page's language. Nothing is fetched, and no text is parsed as HTML.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var PHRASE =
    (script && script.getAttribute("data-phrase")) || "{time} in your time zone ({zone})";
  var ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?([+-])(\d{2}):(\d{2})$/;
  var MINUTE = 60000;

  /* The page's language for Intl; English pages write the day before the month
     ("5 May 2020", render.DATE_PATTERNS), as British English does. */
  function locales() {
    var lang = document.documentElement.lang || "";
    var list = lang === "en" ? ["en-GB", "en"] : [lang];
    try {
      return Intl.DateTimeFormat.supportedLocalesOf(list).concat(["en-GB"]);
    } catch (error) {
      return ["en-GB"]; // a malformed lang attribute
    }
  }

  /* {instant, offset (minutes east of UTC), day} of a datetime attribute, or null. */
  function parse(value) {
    var m = ISO.exec(value || "");
    if (!m) {
      return null;
    }
    var offset = (m[7] === "-" ? -1 : 1) * (Number(m[8]) * 60 + Number(m[9]));
    var wall = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +(m[6] || 0));
    if (isNaN(wall)) {
      return null;
    }
    return { instant: new Date(wall - offset * MINUTE), offset: offset, day: m[1] + m[2] + m[3] };
  }

  /* YYYYMMDD of the instant on the reader's calendar. */
  function localDay(date) {
    function pad(n) {
      return (n < 10 ? "0" : "") + n;
    }
    return date.getFullYear() + pad(date.getMonth() + 1) + pad(date.getDate());
  }

  function zoneName(date) {
    var zone = "";
    try {
      zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
    } catch (error) {
      zone = "";
    }
    if (zone) {
      return zone;
    }
    var east = -date.getTimezoneOffset();
    var hours = Math.floor(Math.abs(east) / 60);
    var minutes = Math.abs(east) % 60;
    return (
      "UTC" + (east < 0 ? "-" : "+") + (hours < 10 ? "0" : "") + hours + ":" +
      (minutes < 10 ? "0" : "") + minutes
    );
  }

  function readerTime(element) {
    var start = parse(element.getAttribute("datetime"));
    if (!start || -start.instant.getTimezoneOffset() === start.offset) {
      return ""; // unreadable, or the reader's clock shows the seminar's time
    }
    var options = { hour: "2-digit", minute: "2-digit", hourCycle: "h23" };
    if (localDay(start.instant) !== start.day) {
      options.weekday = "short";
      options.day = "numeric";
      options.month = "short";
    }
    var time = new Intl.DateTimeFormat(locales(), options).format(start.instant);
    // split, not replace(): a "$" in a translation stays as it is
    return PHRASE.split("{time}").join(time).split("{zone}").join(zoneName(start.instant));
  }

  function addReaderTimes() {
    var elements = document.querySelectorAll("time.seminar-time[datetime]");
    for (var i = 0; i < elements.length; i++) {
      var element = elements[i];
      var next = element.nextElementSibling;
      if (next && next.classList.contains("seminar-reader-time")) {
        continue; // added already
      }
      var text;
      try {
        text = readerTime(element);
      } catch (error) {
        text = ""; // a browser without Intl: the seminar's time alone
      }
      if (text) {
        var line = document.createElement("span");
        line.className = "seminar-reader-time";
        line.textContent = text;
        element.parentNode.insertBefore(line, element.nextSibling);
      }
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", addReaderTimes);
  } else {
    addReaderTimes();
  }
})();
