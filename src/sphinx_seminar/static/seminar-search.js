/* The search page of the seminar archive, on the Pagefind index in pagefind/
 * (sphinx_seminar/search.py). Reads ?q= and the filters (topic, year, speaker,
 * recorded) from the address, asks Pagefind, and writes each result as text: its
 * title linked, its date, an excerpt with the query's words marked. A hit on the
 * references page links to the entry it is in (references.html#<key>).
 * The address follows the form, so a search can be shared or bookmarked.
 * Nothing from the address or the index is inserted as HTML. */
(() => {
  "use strict";
  const form = document.querySelector("form.seminar-search-form");
  const status = document.getElementById("seminar-search-status");
  const list = document.getElementById("search-results");
  if (!form || !status || !list) return;

  const FACETS = ["topic", "year", "speaker", "recorded"];
  const SHOWN = 8; // results fetched and shown at a time: each costs one fragment
  const ENTRIES = 3; // reference entries shown under the references page
  /* A session's topics name what it is about in the archive's own words (its title is
   * often a pun), so a query that names a topic finds the sessions on it before the
   * topic's page; a speaker's name finds their sessions before the people page. The
   * date is shown, not searched. Measured on tests/search_queries.yaml (docs/about.md). */
  const RANKING = { metaWeights: { topics: 8, aliases: 8, speakers: 5, date: 0 } };
  let messages = {};
  try {
    messages = JSON.parse(form.dataset.messages || "{}");
  } catch {
    // the labels stay empty rather than the search failing
  }
  const say = (name, values = {}) =>
    (messages[name] || "").replace(/\{(\w+)\}/g, (whole, key) => (key in values ? values[key] : whole));
  /** '{count} results' in the form the page's language uses for this count. */
  function counted(count) {
    const forms = messages.counts || {};
    let rule = "other";
    try {
      rule = new Intl.PluralRules(document.documentElement.lang || "en").select(count);
    } catch {
      // an unknown language tag: the general form
    }
    return (forms[rule] || forms.other || "{count}").replace("{count}", String(count));
  }

  // the link to the list of all sessions, for filters without words
  const listed = element("p", "seminar-search-list");
  listed.append(element("a", "", messages.listed || ""));
  listed.hidden = true;
  status.after(listed);

  const root = new URL(document.documentElement.dataset.content_root || "./", document.baseURI);
  const references = new URL(messages.references || "references.html", root).pathname;

  let pagefind = null;
  async function loadPagefind() {
    if (!pagefind) {
      const module = await import(new URL("pagefind/pagefind.js", root).href);
      // noWorker: the search runs on the page, which spares the worker's script (12 KiB)
      await module.options({
        baseUrl: root.pathname,
        excerptLength: 24,
        ranking: RANKING,
        noWorker: true,
      });
      pagefind = module;
    }
    return pagefind;
  }

  /** The search the address asks for: {query, filters: {name: value}}. */
  function fromAddress() {
    const params = new URLSearchParams(window.location.search);
    const filters = {};
    for (const name of FACETS) {
      const value = (params.get(name) || "").trim();
      if (value) filters[name] = value;
    }
    return { query: (params.get("q") || "").trim(), filters };
  }

  function fromForm() {
    const filters = {};
    for (const name of FACETS) {
      const field = form.elements[name];
      const value = field.type === "checkbox" ? (field.checked ? field.value : "") : field.value;
      if (value) filters[name] = value;
    }
    return { query: form.elements.q.value.trim(), filters };
  }

  function toForm(search) {
    form.elements.q.value = search.query;
    for (const name of FACETS) {
      const field = form.elements[name];
      const value = search.filters[name] || "";
      if (field.type === "checkbox") field.checked = value === field.value;
      // a value that is no option leaves the choice at "all"; the message names it
      else field.value = [...field.options].some((option) => option.value === value) ? value : "";
    }
  }

  function toAddress(search) {
    const params = new URLSearchParams();
    if (search.query) params.set("q", search.query);
    for (const [name, value] of Object.entries(search.filters)) params.set(name, value);
    const query = params.toString();
    return `${window.location.pathname}${query ? `?${query}` : ""}`;
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /** Pagefind's excerpt ("… <mark>word</mark> …", its text escaped) as text and marks,
   * read by an inert parser: nothing of it becomes markup but the marks we make. */
  function excerpt(html, className = "seminar-search-excerpt") {
    const paragraph = element("p", className);
    const parsed = new DOMParser().parseFromString(`<p>${html}</p>`, "text/html");
    for (const node of parsed.body.firstChild?.childNodes ?? []) {
      if (node.nodeName === "MARK") paragraph.append(element("mark", "", node.textContent));
      else paragraph.append(document.createTextNode(node.textContent));
    }
    return paragraph;
  }

  /** Words around the first hit of a stretch of the page, the hits marked. */
  function passage(words, hits, start, end) {
    const first = hits[0];
    const from = Math.max(start, first - 8);
    const to = Math.min(end, from + 24);
    const marked = new Set(hits);
    const paragraph = element("p", "seminar-search-excerpt");
    if (from > start) paragraph.append("… ");
    for (let at = from; at < to; at += 1) {
      if (at > from) paragraph.append(" ");
      if (marked.has(at)) paragraph.append(element("mark", "", words[at]));
      else paragraph.append(words[at]);
    }
    if (to < end) paragraph.append(" …");
    return paragraph;
  }

  /** A word as the entries are compared: lower case, letters and digits only. */
  const plain = (word) =>
    word.toLowerCase().normalize("NFKD").replace(/[^\p{L}\p{N}]/gu, "");

  /** On the references page: the entries (elements with an id) that hold the hits,
   * best first: the entry with most of the query's words (a long word counting more
   * than a short one, which Pagefind also matches as the start of many words), then
   * the earlier; each with its address and a passage. */
  function entries(data, query) {
    const anchors = (data.anchors || [])
      .filter((anchor) => anchor.id && !/^h[1-6]$/i.test(anchor.element))
      .sort((a, b) => a.location - b.location);
    const words = (data.content || "").split(/\s+/);
    // a query word matches a page's word that starts like it (its ending may differ)
    const starts = query
      .split(/\s+/)
      .map(plain)
      .filter(Boolean)
      .map((term) => term.slice(0, term.length > 4 ? term.length - 2 : term.length));
    const found = new Map();
    for (const location of data.locations || []) {
      let within = null;
      for (const anchor of anchors) {
        if (anchor.location > location) break;
        within = anchor;
      }
      if (!within) continue;
      if (!found.has(within.id)) found.set(within.id, { anchor: within, hits: [], terms: new Set() });
      const entry = found.get(within.id);
      entry.hits.push(location);
      const word = plain(words[location] || "");
      for (const start of starts) if (word.startsWith(start)) entry.terms.add(start);
    }
    const score = (entry) => [...entry.terms].reduce((sum, term) => sum + term.length, 0);
    return [...found.values()]
      .sort((a, b) => score(b) - score(a) || a.anchor.location - b.anchor.location)
      .slice(0, ENTRIES)
      .map(({ anchor, hits }) => {
        const next = anchors.find((other) => other.location > anchor.location);
        const end = next ? next.location : words.length;
        return { id: anchor.id, hits, start: anchor.location, end, words };
      });
  }

  function item(data, query) {
    const li = element("li", "seminar-search-result");
    const title = element("p", "seminar-search-title");
    const link = element("a", "", data.meta?.title || data.url);
    link.href = data.url;
    title.append(link);
    if (data.meta?.date) title.append(" ", element("span", "seminar-search-date", data.meta.date));
    li.append(title);
    const page = new URL(data.url, window.location.href).pathname;
    const inEntries = page === references && query ? entries(data, query) : [];
    if (!inEntries.length) {
      li.append(excerpt(data.excerpt || ""));
      return li;
    }
    const sub = element("ul", "seminar-search-entries");
    for (const entry of inEntries) {
      const entryItem = element("li");
      const entryLink = element("a", "seminar-search-entry");
      entryLink.href = `${data.url.split("#")[0]}#${encodeURIComponent(entry.id)}`;
      entryLink.append(passage(entry.words, entry.hits, entry.start, entry.end));
      entryItem.append(entryLink);
      sub.append(entryItem);
    }
    li.append(sub);
    return li;
  }

  /** The message for a search that found nothing: the filter value no page has, the
   * filters together, or the words. */
  async function nothing(search) {
    if (Object.keys(search.filters).length) {
      let known = {};
      try {
        known = await (await loadPagefind()).filters();
      } catch {
        known = {};
      }
      for (const [name, value] of Object.entries(search.filters)) {
        if (!known[name] || !(value in known[name])) return say(name, { value }) || say("all");
      }
      return say("all");
    }
    return say("nothing", { query: search.query });
  }

  let latest = 0;
  async function run(search) {
    const turn = ++latest;
    list.replaceChildren();
    list.setAttribute("aria-busy", "true");
    await find(search, turn);
    if (turn === latest) list.removeAttribute("aria-busy");
  }

  async function find(search, turn) {
    listed.hidden = true;
    if (!search.query) {
      // Pagefind would fetch its whole index to list pages without words: the list of
      // all sessions filters them on the page instead (facets.py), with the same names
      const filtered = Object.keys(search.filters).length > 0;
      status.textContent = say(filtered ? "words" : "empty");
      if (filtered && messages.list) {
        const address = new URL(messages.list, root);
        for (const [name, value] of Object.entries(search.filters)) {
          address.searchParams.set(name, value);
        }
        listed.firstChild.href = address.href;
        listed.hidden = false;
      }
      return;
    }
    status.textContent = say("searching");
    try {
      const engine = await loadPagefind();
      const found = await searchSpellings(engine, search);
      if (turn !== latest || !found) return;
      if (!found.results.length) {
        const message = await nothing(search);
        if (turn === latest) status.textContent = message;
        return;
      }
      await show(found.results, 0, turn, search.query);
      if (turn === latest) status.textContent = counted(found.results.length);
    } catch (error) {
      if (turn !== latest) return;
      status.textContent = say("failed");
      console.error("search:", error);
    }
  }

  /* Pagefind indexes "Lorenz-96" and "Lorenz96" in a page as the joined word and as
   * its parts, but asks a query's "Lorenz-96" or "Lorenz96" only as the joined word,
   * which misses a page that writes "Lorenz 96". Such a query is asked with its parts
   * apart too (hyphens, and letters joined to digits), a word spaced from a number
   * joined too ("ERA 5": "ERA5"), and the results merged by score. */
  function apart(query) {
    return query
      // not "U-Net": a one-letter part would match every word that starts with it
      .replace(/(?<=[\p{L}\d]{2})[-\u2010\u2011\u2013](?=[\p{L}\d]{2})/gu, " ")
      .replace(/(\p{L}{3,})(?=\d)/gu, "$1 ")
      .replace(/(\d)(?=\p{L}{3,})/gu, "$1 ");
  }

  async function searchSpellings(engine, search) {
    const joined = search.query.replace(/(\p{L}) (?=\d)/gu, "$1");
    const asked = [...new Set([search.query, apart(search.query), joined])];
    const lists = await Promise.all(asked.map((query) => engine.search(query, { filters: search.filters })));
    if (lists.some((found) => !found)) return null;
    const best = new Map();
    for (const found of lists) {
      for (const result of found.results) {
        if (!best.has(result.id) || best.get(result.id).score < result.score) best.set(result.id, result);
      }
    }
    return { results: [...best.values()].sort((a, b) => b.score - a.score) };
  }

  async function show(results, from, turn, query) {
    const page = await Promise.all(results.slice(from, from + SHOWN).map((result) => result.data()));
    if (turn !== latest) return;
    list.querySelector(".seminar-search-more")?.remove();
    for (const data of page) list.append(item(data, query));
    if (from + SHOWN < results.length) {
      const more = element("li", "seminar-search-more");
      const button = element("button", "", say("more") || "…");
      button.type = "button";
      button.addEventListener("click", async () => {
        button.disabled = true;
        const next = list.children.length - 1;
        await show(results, from + SHOWN, turn, query);
        list.children[next]?.querySelector("a")?.focus();
      });
      more.append(button);
      list.append(more);
    }
  }

  function apply() {
    const search = fromForm();
    const address = toAddress(search);
    if (address !== `${window.location.pathname}${window.location.search}`) {
      window.history.pushState(null, "", address);
    }
    run(search);
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    apply();
  });
  form.addEventListener("change", (event) => {
    if (event.target !== form.elements.q) apply();
  });
  window.addEventListener("popstate", () => {
    const search = fromAddress();
    toForm(search);
    run(search);
  });

  form.hidden = false;
  const search = fromAddress();
  toForm(search);
  run(search);
})();
