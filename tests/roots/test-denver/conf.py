# A second archive: another reading group, in German, in America/Denver time, no recordings
extensions = ["sphinx_seminar"]
myst_title_to_header = True
bibtex_bibfiles = ["refs.bib"]
language = "de"
html_theme = "alabaster"
html_baseurl = "https://lesekreis.example.org/"
seminar_series_name = "Lesekreis Maschinelles Lernen Denver"
seminar_timezone = "America/Denver"
seminar_start_time = "12:30"
seminar_schedule = "jeden zweiten Dienstag"
seminar_location = "Denver, Raum 101"
seminar_organizer = "Lesekreis ML Denver"
seminar_series_changes = [
    {"date": "2026-06-01", "note": "Im Sommer auch als Livestream.", "streamed": True},
]
