/*
 * Filters on the list of all sessions (sphinx_seminar/facets.py): ?topic=<slug>,
 * ?year=<YYYY>, ?speaker=<id on the people page> and ?recorded=1, combined.
 * Shows the matching sessions and their count, hides the year headings left
 * empty, and keeps the address in step with the form (history.replaceState), so
 * a filtered view can be shared. Values from the address are only compared and
 * written as text, never as HTML. Without this script the form stays hidden and
 * the whole list shows.
 *
 * Where a topic is chosen, that topic's calendar and feed are linked. The buttons
 * download the shown sessions as one calendar and one .bib, joined here from each
 * session's own files (data-seminar-ics, data-seminar-bib) on this site.
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

  /** A component's lines from BEGIN:<kind> to END:<kind> (folded lines start with a space). */
  function components(lines, kind) {
    var found = [];
    var current = null;
    lines.forEach(function (line) {
      if (line === "BEGIN:" + kind) current = [];
      if (current) current.push(line);
      if (line === "END:" + kind && current) {
        found.push(current);
        current = null;
      }
    });
    return found;
  }

  /** One VCALENDAR of several: the first one's properties, each time zone once, every event. */
  function joinCalendars(texts) {
    var head = [];
    var zones = [];
    var zoneIds = {};
    var events = [];
    texts.forEach(function (text, index) {
      var lines = text.split(/\r?\n/);
      if (index === 0) {
        var depth = 0;
        lines.forEach(function (line) {
          if (/^BEGIN:/.test(line)) depth += 1;
          else if (/^END:/.test(line)) depth -= 1;
          else if (depth === 1 && line) head.push(line);
        });
      }
      components(lines, "VTIMEZONE").forEach(function (zone) {
        var id = zone.filter(function (line) {
          return /^TZID[:;]/.test(line);
        })[0];
        if (!zoneIds[id]) {
          zoneIds[id] = true;
          zones.push(zone);
        }
      });
      events = events.concat(components(lines, "VEVENT"));
    });
    var lines = ["BEGIN:VCALENDAR"].concat(head);
    zones.concat(events).forEach(function (component) {
      lines = lines.concat(component);
    });
    lines.push("END:VCALENDAR");
    return lines.join("\r\n") + "\r\n";
  }

  /** One .bib of several: each entry once, by its key. */
  function joinBibliographies(texts) {
    var seen = {};
    var entries = [];
    texts.forEach(function (text) {
      text.split(/\n(?=@)/).forEach(function (entry) {
        var key = /^@\s*\w+\s*[{(]\s*([^,\s]+)/.exec(entry.trim());
        if (!key || seen[key[1]]) return;
        seen[key[1]] = true;
        entries.push(entry.trim());
      });
    });
    return entries.join("\n\n") + "\n";
  }

  function save(text, type, filename) {
    var link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], { type: type }));
    link.download = filename;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () {
      URL.revokeObjectURL(link.href);
    }, 0);
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
    var subscribe = box.querySelector(".seminar-facet-subscribe");
    var channels = parse(subscribe.getAttribute("data-subscribe"), { topics: {} });
    var exportStatus = box.querySelector(".seminar-export-status");
    var exportButtons = Array.prototype.slice.call(box.querySelectorAll("button.seminar-export"));
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
      showSubscriptions(state.topic);
      exportButtons.forEach(function (button) {
        var attribute = "data-seminar-" + button.getAttribute("data-export");
        button.disabled = !items.some(function (item) {
          return !item.hidden && item.hasAttribute(attribute);
        });
      });
      // "Show all sessions" only when something is filtered
      reset.hidden = !state.recorded && !FACETS.some(function (facet) {
        return state[facet];
      });
      count.textContent = counted(counts, shown);
      empty.hidden = shown > 0;
      message.textContent = shown > 0 ? "" : emptyMessage(state);
    }

    /** The chosen topic's calendar and feed, as links made of text, never of HTML. */
    function showSubscriptions(topic) {
      var links = channels.topics[topic];
      subscribe.textContent = "";
      subscribe.hidden = !links;
      if (!links) return;
      // the topic's name in full: a phone's closed topic field may cut it
      var name = selects.topic.options[selects.topic.selectedIndex].text;
      var label = channels.label.replace("{topic}", function () {
        return name;
      });
      subscribe.appendChild(document.createTextNode(label + " "));
      ["webcal", "ics", "atom"].forEach(function (kind) {
        if (!links[kind]) return;
        if (subscribe.querySelector("a")) subscribe.appendChild(document.createTextNode(" · "));
        var link = document.createElement("a");
        link.href = links[kind];
        link.textContent = channels[kind];
        subscribe.appendChild(link);
      });
    }

    function exportShown(button) {
      var kind = button.getAttribute("data-export");
      var attribute = kind === "ics" ? "data-seminar-ics" : "data-seminar-bib";
      var urls = items
        .filter(function (item) {
          return !item.hidden && item.hasAttribute(attribute);
        })
        .map(function (item) {
          return new URL(item.getAttribute(attribute), window.location.href).href;
        });
      exportStatus.textContent = "";
      exportStatus.hidden = true;
      Promise.all(
        urls.map(function (url) {
          return fetch(url).then(function (response) {
            if (!response.ok) throw new Error(url + ": " + response.status);
            return response.text();
          });
        })
      ).then(
        function (texts) {
          if (kind === "ics") save(joinCalendars(texts), "text/calendar", button.getAttribute("data-filename"));
          else save(joinBibliographies(texts), "application/x-bibtex", button.getAttribute("data-filename"));
        },
        function (error) {
          exportStatus.textContent = String(error.message);
          exportStatus.hidden = false;
        }
      );
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

    exportButtons.forEach(function (button) {
      button.addEventListener("click", function () {
        exportShown(button);
      });
    });

    var state = fromAddress();
    showInForm(state);
    apply(state);
    box.hidden = false;
    // the head's early filter (facets.EARLY_FILTER) has done its part
    var early = document.getElementById("seminar-early-filter");
    if (early) early.remove();
    document.documentElement.classList.remove("seminar-facets-topic");
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
