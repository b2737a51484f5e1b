# Related sessions: one anchor session sharing a paper, a speaker and topics with
# six others (one more than the list shows), and one session sharing nothing
extensions = ["sphinx_seminar"]
myst_title_to_header = True
bibtex_bibfiles = ["refs.bib"]
html_baseurl = "https://related.example.org/"  # the site's address: absolute URLs in calendar, feed, sitemap
html_theme = "basic"
seminar_series_name = "Related test seminar"
seminar_timezone = "Europe/Berlin"
seminar_start_time = "15:00"
seminar_location = "Room 1"
seminar_organizer = "Test"
seminar_unique_dates = True
seminar_strict_bibliography = True
