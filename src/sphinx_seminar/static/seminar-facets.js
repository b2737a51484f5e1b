/*
 * Filters on the list of all sessions (sphinx_seminar/facets.py): ?topic=<slug>,
 * ?year=<YYYY>, ?speaker=<id on the people page> and ?recorded=1, combined.
 * Shows the matching sessions and their count, hides the year headings left
 * empty, and keeps the address in step with the form (history.replaceState), so
 * a filtered view can be shared. Values from the address are only compared and
 * written as text, never as HTML. Without this script the form stays hidden and
 * the whole list shows.
 */
(function () {
  "use strict";

  var FACETS = ["topic", "year", "speaker"];
  // the data attribute of a list item that holds each facet's values
  var DATA = { topic: "seminarTopics", year: "seminarYear", speaker: "seminarSpeakers" };

  function parse(text, fallback) {
    try {
      return JSON.parse(text);
    } catch (error) {
      return fallback;
    }
  }

  /** '{count} sessions' in the form the page's language uses for this count. */
  function counted(forms, count) {
    var rule = "other";
    try {
      rule = new Intl.PluralRules(document.documentElement.lang || "en").select(count);
    } catch (error) {
      // an unknown language tag: the general form
    }
    return (forms[rule] || forms.other || "{count}").replace("{count}", String(count));
  }

  function start() {
    var box = document.querySelector(".seminar-facets");
    if (!box) return;
    var form = box.querySelector("form");
    var reset = box.querySelector(".seminar-facet-reset");
    var count = box.querySelector(".seminar-facet-count");
    var empty = box.querySelector(".seminar-facet-empty");
    var message = box.querySelector(".seminar-facet-message");
    var recorded = form.elements.namedItem("recorded");
    var counts = parse(box.getAttribute("data-counts"), {});
    var messages = parse(box.getAttribute("data-empty"), {});
    var items = Array.prototype.slice.call(document.querySelectorAll("li[data-seminar-year]"));
    var selects = {};
    var known = {};
    FACETS.forEach(function (facet) {
      selects[facet] = form.elements.namedItem(facet);
      known[facet] = {};
      Array.prototype.forEach.call(selects[facet].options, function (option) {
        if (option.value) known[facet][option.value] = true;
      });
    });

    function fromAddress() {
      var params = new URLSearchParams(window.location.search);
      var state = { recorded: params.get("recorded") === "1" };
      FACETS.forEach(function (facet) {
        state[facet] = params.get(facet) || "";
      });
      return state;
    }

    function fromForm() {
      var state = { recorded: recorded.checked };
      FACETS.forEach(function (facet) {
        state[facet] = selects[facet].value;
      });
      return state;
    }

    function showInForm(state) {
      FACETS.forEach(function (facet) {
        var select = selects[facet];
        // an unknown value from the address is shown as chosen, as plain text
        Array.prototype.slice.call(select.querySelectorAll("option[data-unknown]")).forEach(
          function (option) {
            option.remove();
          }
        );
        if (state[facet] && !known[facet][state[facet]]) {
          var option = new Option(state[facet], state[facet]);
          option.setAttribute("data-unknown", "");
          select.add(option);
        }
        select.value = state[facet];
      });
      recorded.checked = state.recorded;
    }

    function matches(item, state) {
      if (state.recorded && item.dataset.seminarRecorded !== "true") return false;
      return FACETS.every(function (facet) {
        if (!state[facet]) return true;
        var values = (item.dataset[DATA[facet]] || "").split(" ");
        return values.indexOf(state[facet]) !== -1;
      });
    }

    function emptyMessage(state) {
      for (var i = 0; i < FACETS.length; i++) {
        var facet = FACETS[i];
        if (state[facet] && !known[facet][state[facet]] && messages[facet]) {
          var value = state[facet];
          // a function, so that "$&" in the value is not read as a replacement pattern
          return messages[facet].replace("{value}", function () {
            return value;
          });
        }
      }
      return messages.all || "";
    }

    function apply(state) {
      var shown = 0;
      items.forEach(function (item) {
        var match = matches(item, state);
        item.hidden = !match;
        if (match) shown += 1;
      });
      // a year's list and its heading hide when none of its sessions is shown
      Array.prototype.forEach.call(document.querySelectorAll("ul.seminar-listing"), function (list) {
        if (!list.querySelector("li[data-seminar-year]")) return;
        var hidden = !list.querySelector("li[data-seminar-year]:not([hidden])");
        list.hidden = hidden;
        var heading = list.previousElementSibling;
        if (heading && heading.classList.contains("seminar-year")) {
          heading.hidden = hidden;
          // and its link in the row of years above the list
          var jump = document.querySelector('nav.seminar-jump a[href="#' + heading.id + '"]');
          if (jump) jump.hidden = hidden;
        }
      });
      count.textContent = counted(counts, shown);
      empty.hidden = shown > 0;
      message.textContent = shown > 0 ? "" : emptyMessage(state);
    }

    function toAddress(state) {
      var url = new URL(window.location.href);
      FACETS.forEach(function (facet) {
        if (state[facet]) url.searchParams.set(facet, state[facet]);
        else url.searchParams.delete(facet);
      });
      if (state.recorded) url.searchParams.set("recorded", "1");
      else url.searchParams.delete("recorded");
      window.history.replaceState(window.history.state, "", url.href);
    }

    function changed() {
      var state = fromForm();
      toAddress(state);
      apply(state);
    }

    form.addEventListener("change", changed);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
    });
    reset.addEventListener("click", function () {
      showInForm({ topic: "", year: "", speaker: "", recorded: false });
      changed();
    });

    var state = fromAddress();
    showInForm(state);
    apply(state);
    box.hidden = false;
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
