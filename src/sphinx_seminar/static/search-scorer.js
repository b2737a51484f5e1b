/* Search ranking of the seminar archive (Sphinx's html_search_scorer).
 * Sphinx scores every page that merely contains a word alike and then sorts
 * alphabetically, so topic and listing pages crowd out the sessions themselves.
 * A session page gets the weight of a title match; everything else is Sphinx's default. */
var Scorer = {
  score: (result) => {
    const [docname, , , , score] = result;
    return /^sessions\/\d{4}-\d{2}-\d{2}-/.test(docname) ? score + 10 : score;
  },
  objNameMatch: 11,
  objPartialMatch: 6,
  objPrio: { 0: 15, 1: 5, 2: -5 },
  objPrioDefault: 0,
  title: 15,
  partialTitle: 7,
  term: 5,
  partialTerm: 2,
};
