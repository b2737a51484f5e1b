/* The "Copy BibTeX" buttons of the BibTeX records (div.seminar-bibtex-record: the
 * button, then the record folded in details.seminar-bibtex), on the references page
 * and under each paper of a session page.
 *
 * The page carries each button hidden, with its labels in the site's language
 * (data-copied, data-failed); this script shows the buttons, since they work only
 * with it. A click puts the record's plain text on the clipboard and says so in
 * the record's status line (role=status), for a few seconds. Where the clipboard
 * is not available, the record's text is selected instead, to copy by keyboard.
 */
(function () {
  "use strict";

  var SHOWN_MS = 2500;

  function announce(status, text) {
    status.textContent = text;
    window.clearTimeout(status.seminarTimer);
    status.seminarTimer = window.setTimeout(function () {
      status.textContent = "";
    }, SHOWN_MS);
  }

  function selectText(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function setUp(record) {
    var actions = record.querySelector(".seminar-bibtex-actions");
    var pre = record.querySelector("pre");
    if (!actions || !pre) {
      return;
    }
    var button = actions.querySelector("button.seminar-copy-bibtex");
    var status = actions.querySelector(".seminar-copy-status");
    if (!button || !status) {
      return;
    }
    button.addEventListener("click", function () {
      var text = pre.textContent;
      var failed = function () {
        selectText(pre);
        announce(status, button.dataset.failed || "");
      };
      if (!navigator.clipboard || !navigator.clipboard.writeText) {
        failed();
        return;
      }
      navigator.clipboard.writeText(text).then(function () {
        announce(status, button.dataset.copied || "");
      }, failed);
    });
    actions.hidden = false;
  }

  function init() {
    document.querySelectorAll(".seminar-bibtex-record").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
