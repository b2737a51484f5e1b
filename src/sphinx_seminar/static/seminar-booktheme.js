/* The book theme's controls, made to work and named (sphinx_seminar/booktheme.py).
 * Loaded deferred, so the page is parsed; without JavaScript nothing changes. */
(() => {
  /* Names for the sidebar's expand buttons. The theme opens the sub-pages of a
   * sidebar entry with a <summary> that holds only a chevron icon, which screen
   * readers announce as an unnamed button. Each such summary is named after the
   * section it opens; a summary with text or a name of its own is left alone. */
  for (const summary of document.querySelectorAll("nav summary")) {
    if (summary.textContent.trim() || summary.hasAttribute("aria-label")) continue;
    if (summary.hasAttribute("aria-labelledby") || summary.hasAttribute("title")) continue;
    const item = summary.closest("li");
    const link = item && item.querySelector(":scope > a");
    const section = link ? link.textContent.trim() : "";
    summary.setAttribute(
      "aria-label",
      section ? `Show or hide the pages in ${section}` : "Show or hide sub-pages",
    );
  }

  /* The sidebar buttons. pydata-sphinx-theme (and the book theme on wide
   * screens) listen only on the first .primary-toggle and .secondary-toggle of
   * the page, the header's, which the book theme hides; the buttons a reader
   * sees do nothing on a phone (pydata/pydata-sphinx-theme#2451,
   * executablebooks/sphinx-book-theme#988, both open). A click on any other
   * toggle is handed to the first one, so the theme's own code opens the
   * sidebar. Once the theme listens on every toggle, this is not needed. */
  for (const kind of ["primary", "secondary"]) {
    const [listened, ...others] = document.querySelectorAll(`button.${kind}-toggle`);
    for (const toggle of others) {
      toggle.addEventListener("click", (event) => {
        event.preventDefault();
        listened.click();
      });
    }
  }
})();
