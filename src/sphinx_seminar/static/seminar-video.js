/*
 * Click-to-load recordings of the seminar archive (sphinx_seminar/video.py).
 *
 * Until the reader presses a "Play recording" button, nothing is loaded from
 * YouTube. On a click (Enter and Space on a focused <button> are clicks too) the
 * button is replaced, in its 16:9 box, by a youtube-nocookie.com player that
 * starts playing, and the focus moves to the player.
 *
 * Loaded with `defer`; the page has no inline script, so a strict
 * Content-Security-Policy (script-src 'self'; frame-src
 * https://www.youtube-nocookie.com) works.
 */
(function () {
  "use strict";

  var YOUTUBE_ID = /^[A-Za-z0-9_-]{11}$/;
  var BUTTON = "button.seminar-video-play[data-youtube-id]";
  // the player's name in the site's language, from this script's own element
  var script = document.currentScript;
  var LABEL = (script && script.getAttribute("data-recording-label")) || "Recording";

  function play(button) {
    var id = button.getAttribute("data-youtube-id") || "";
    if (!YOUTUBE_ID.test(id)) {
      return; // never build a URL from anything but a well-formed video id
    }
    var title = button.getAttribute("data-title") || "";
    var frame = document.createElement("iframe");
    frame.className = "seminar-video-player";
    frame.src = "https://www.youtube-nocookie.com/embed/" + id + "?autoplay=1";
    frame.title = LABEL + ": " + title; // a text property: no HTML is parsed
    frame.setAttribute("allow", "autoplay; encrypted-media; picture-in-picture");
    frame.setAttribute("allowfullscreen", "");
    // YouTube's embed refuses to play without knowing the embedding site
    frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
    button.parentNode.replaceChild(frame, button);
    frame.focus();
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    var button = target && target.closest ? target.closest(BUTTON) : null;
    if (button) {
      event.preventDefault();
      play(button);
    }
  });
})();
