/* Names for the book theme's sidebar expand buttons (sphinx_seminar/booktheme.py).
 * The theme opens the sub-pages of a sidebar entry with a <summary> that holds
 * only a chevron icon, which screen readers announce as an unnamed button. Each
 * such summary is named after the section it opens; a summary with text or a
 * name of its own is left alone. Loaded deferred, so the page is parsed. */
(() => {
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
})();
