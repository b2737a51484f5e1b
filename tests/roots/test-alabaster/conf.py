# test-basic with Sphinx's default theme and no other extension: the extension's
# pages, styles and player must not need the book theme or sphinx-design
extensions = ["sphinx_seminar"]
myst_title_to_header = True
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "plain"
bibtex_reference_style = "author_year"
seminar_youtube_channel = "https://www.youtube.com/channel/UCyXAYFO3h-tBIEbPEqMnNKw"
seminar_mailing_list = "https://groups.google.com/forum/#!forum/mlhzg/join"
html_baseurl = "https://seminar.example.org/"  # the site's address: absolute URLs in calendar, feed, sitemap
html_theme = "alabaster"
seminar_series_name = "ML@HZG seminar"
seminar_timezone = "Europe/Berlin"
seminar_start_time = "15:00"
seminar_location = "Helmholtz-Zentrum Geesthacht (HZG)"
seminar_organizer = "ML@HZG"
seminar_unique_dates = True
seminar_strict_bibliography = True
