"""Atom feed (provisional)."""


def setup_feed(app):
    pass
