"""The settings and front-matter lists of docs/start-an-archive.md are what the code makes
them (tools/reference_tables.py writes them), so the page on GitHub cannot drift."""

from __future__ import annotations

from dataclasses import replace

import reference_tables

from sphinx_seminar.config import CONFIG_VALUES
from sphinx_seminar.schema import SessionFrontMatter


def test_the_page_is_up_to_date():
    text = reference_tables.PAGE.read_text(encoding="utf-8")
    assert reference_tables.updated(text) == text, "run python tools/reference_tables.py"


def test_every_setting_and_field_is_listed_once():
    text = reference_tables.PAGE.read_text(encoding="utf-8")
    for name in [*CONFIG_VALUES, *SessionFrontMatter.model_fields]:
        assert text.count(f"\n- `{name}` · ") == 1, name


def test_a_change_in_the_code_shows_as_stale(monkeypatch):
    text = reference_tables.PAGE.read_text(encoding="utf-8")
    setting = CONFIG_VALUES["seminar_timezone"]
    monkeypatch.setitem(CONFIG_VALUES, "seminar_timezone", replace(setting, description="changed"))
    assert reference_tables.updated(text) != text
    assert "- `seminar_timezone` · default: `'UTC'`: changed\n" in reference_tables.updated(text)
