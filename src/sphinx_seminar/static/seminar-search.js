/* Search summaries of the seminar archive, on the search page only.
 * Sphinx cuts each result's summary from the page's main element, where the book
 * theme also keeps its buttons (theme switcher, contents toggle) and the
 * previous/next footer, and a copy of the contents for print, so a summary
 * began "System Settings Light Dark ... Contents".
 * The theme's parts are removed before Sphinx takes the text. Loaded deferred,
 * after searchtools.js has defined Search; without it, nothing changes. */
(() => {
  if (typeof Search === "undefined" || typeof Search.htmlToText !== "function") return;
  const THEME_PARTS =
    ".bd-header-article, .onlyprint, .bd-sidebar-secondary, .prev-next-area, .bd-footer-article";
  const sphinxHtmlToText = Search.htmlToText;
  Search.htmlToText = (htmlString, anchor) => {
    const page = new DOMParser().parseFromString(htmlString, "text/html");
    page.querySelectorAll(THEME_PARTS).forEach((part) => part.remove());
    return sphinxHtmlToText(page.documentElement.outerHTML, anchor);
  };
})();
