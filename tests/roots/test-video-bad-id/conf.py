extensions = ["myst_parser", "sphinxcontrib.bibtex", "sphinx_design", "sphinx_seminar"]
myst_title_to_header = True
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "plain"
bibtex_reference_style = "author_year"
seminar_youtube_channel = "https://www.youtube.com/channel/UCyXAYFO3h-tBIEbPEqMnNKw"
seminar_mailing_list = "https://groups.google.com/forum/#!forum/mlhzg/join"
html_theme = "basic"
