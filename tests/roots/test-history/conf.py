extensions = ["sphinx_seminar"]
myst_title_to_header = True
bibtex_bibfiles = ["refs.bib"]
html_theme = "basic"
html_baseurl = "https://seminar.example.org/"
seminar_series_name = "History seminar"
seminar_timezone = "Europe/Berlin"
seminar_start_time = "15:00"
seminar_unique_dates = True
seminar_strict_bibliography = True
seminar_schedule = "every second Tuesday"
seminar_location = "Institute A"
seminar_attendance = "mixed"
seminar_streamed = True
seminar_organizer = "Group A"
seminar_youtube_channel = "https://www.youtube.com/channel/UCyXAYFO3h-tBIEbPEqMnNKw"
seminar_series_changes = [
    {"date": "2021-01-01", "note": "Institute A is renamed Institute B.",
     "location": "Institute B", "organizer": "Group B"},
    {"date": "2021-06-01", "note": "No more live streams.", "streamed": False},
    {"date": "2022-01-01", "note": "Online only.", "location": "Online, on Zoom",
     "attendance": "online"},
    {"date": "2030-01-01", "note": "A weekly journal club.", "schedule": "every Tuesday",
     "start_time": "11:00", "location": "Institute B, and online", "attendance": "mixed"},
]
