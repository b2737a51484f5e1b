"""A rebuild validates a session's front matter again only when it changed."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import build_without_warnings, copied_root

EDITED = "sessions/2020-03-24-fluids.md"


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    return copied_root("basic", tmp_path, monkeypatch)


def build(make_app, srcdir: Path, outdir: Path):
    return build_without_warnings(make_app, srcdir, outdir)[0]


def touch(path: Path) -> None:
    path.write_text(path.read_text(encoding="utf-8") + "\nMore notes.\n", encoding="utf-8")


@pytest.fixture
def validations(monkeypatch) -> list[str]:
    """The titles of the front matters validated against the schema."""
    from sphinx_seminar.schema import SessionFrontMatter

    seen: list[str] = []
    validate = SessionFrontMatter.model_validate.__func__

    def counted(cls, data, *args, **kwargs):
        seen.append(data.get("title"))
        return validate(cls, data, *args, **kwargs)

    monkeypatch.setattr(SessionFrontMatter, "model_validate", classmethod(counted))
    return seen


def test_an_unchanged_front_matter_is_not_validated_again(project, tmp_path, make_app, validations):
    build(make_app, project, tmp_path / "out")
    assert len(validations) == 3  # the three sessions
    validations.clear()
    touch(project / EDITED)  # the text changes, the front matter does not
    build(make_app, project, tmp_path / "out")
    assert validations == []
    path = project / EDITED
    path.write_text(
        path.read_text(encoding="utf-8").replace("Hidden Fluid", "Visible Fluid"), encoding="utf-8"
    )
    app = build(make_app, project, tmp_path / "out")
    assert validations == ["Visible Fluid Mechanics"]
    assert "Visible Fluid Mechanics" in (app.outdir / "sessions" / "index.html").read_text()
