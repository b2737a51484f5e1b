extensions = ["sphinx_seminar"]
myst_title_to_header = True
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "plain"
bibtex_reference_style = "author_year"
html_baseurl = "https://seminar.example.org/"  # the site's address: absolute URLs in calendar, feed, sitemap
html_theme = "sphinx_book_theme"
# the site's navigation: collapsed, one level open
html_theme_options = {"home_page_in_toc": True, "show_navbar_depth": 1, "collapse_navbar": True}
# a list of this project's own: the theme adds its folders to it, and the default
# list is shared by every app of one test process
templates_path = []
seminar_series_name = "ML@HZG seminar"
seminar_timezone = "Europe/Berlin"
seminar_start_time = "15:00"
seminar_location = "Helmholtz-Zentrum Geesthacht (HZG)"
seminar_organizer = "ML@HZG"
seminar_unique_dates = True
seminar_strict_bibliography = True
html_sidebars = {"**": ["navbar-logo.html", "seminar-sidebar-nav.html"]}
