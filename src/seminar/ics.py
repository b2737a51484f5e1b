"""iCalendar export (provisional)."""


def setup_calendar(app):
    pass
