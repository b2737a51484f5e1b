"""The one way every command finds a site: its ``conf.py``, its pages and its settings.

Paths mean what they mean in the shell: relative to the current folder. They are
made absolute before Sphinx reads ``conf.py`` (Sphinx reads it from inside the
folder), and shown back to the user as given, relative where they were relative.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path

from sphinx.config import Config
from sphinx.errors import ConfigError
from sphinx.util.tags import Tags

from ..config import CONFIG_VALUES, SeriesSettings, parse_settings
from ..refusal import REFUSED, Refused, absolute, shown
from ..scaffold import existing_sessions

# the commands import these from here; they live in refusal.py, below the commands, for
# the scaffold
__all__ = ["REFUSED", "Refused", "Site", "absolute", "find_site", "session_page", "shown"]

#: where the pages live when conf.py is in the folder above them, as in this archive
CONVENTIONAL_SRCDIR = "docs"
#: the values a command reads from conf.py besides the seminar_* settings: name -> default
READ_TOO: dict[str, object] = {"html_baseurl": "", "bibtex_bibfiles": []}


@dataclass(frozen=True)
class Site:
    """A site as the commands see it: folders (absolute) and validated settings."""

    confdir: Path
    srcdir: Path
    settings: SeriesSettings
    config: Config

    @property
    def conf_py(self) -> Path:
        return self.confdir / "conf.py"

    @property
    def sessions_dir(self) -> Path:
        return self.srcdir / self.settings.sessions_dir

    @property
    def topics_dir(self) -> Path:
        return self.srcdir / self.settings.topics_dir

    @property
    def language(self) -> str:
        return self.config.language or "en"

    @property
    def bibfile(self) -> Path | None:
        """The first of ``bibtex_bibfiles``, in the sources folder (None without one)."""
        files = self.config.bibtex_bibfiles
        return self.srcdir / files[0] if files else None

    @property
    def base_url(self) -> str | None:
        """``html_baseurl``: where the site is published (None if conf.py does not say)."""
        return self.config.html_baseurl or None

    @cached_property
    def topic_slugs(self) -> list[str]:
        return sorted(p.stem for p in self.topics_dir.glob("*.md") if p.stem != "index")


def read_config(confdir: Path) -> tuple[Config, SeriesSettings]:
    """conf.py read by Sphinx, and the series settings validated as a build would."""
    conf_py = confdir / "conf.py"
    if not conf_py.is_file():
        raise Refused(f"no conf.py in {shown(confdir)}: pass the site's folder with --confdir")
    try:
        config = Config.read(confdir, overrides={}, tags=Tags())
        for name, setting in CONFIG_VALUES.items():
            config.add(name, setting.default, "env", setting.types, setting.description)
        for name, default in READ_TOO.items():
            config.add(name, default, "env", (), "")
        return config, parse_settings(config)
    except ConfigError as exc:
        raise Refused(str(exc), path=conf_py) from None


def find_site(confdir: Path | None, srcdir: Path | None = None) -> Site:
    """The site configured in ``confdir`` (default: the current folder), its pages in
    ``srcdir`` (default: ``confdir``, or ``confdir/docs`` when the session pages are
    there, as in this archive)."""
    confdir = absolute(confdir if confdir is not None else Path())
    config, settings = read_config(confdir)
    if srcdir is not None:
        srcdir = absolute(srcdir)
    elif (
        not (confdir / settings.sessions_dir).is_dir()
        and (confdir / CONVENTIONAL_SRCDIR / settings.sessions_dir).is_dir()
    ):
        srcdir = confdir / CONVENTIONAL_SRCDIR
    else:
        srcdir = confdir
    return Site(confdir=confdir, srcdir=srcdir, settings=settings, config=config)


def session_page(site: Site, day: date) -> Path:
    """The page of the session on ``day``; refuse if there is none, or more than one."""
    wanted = day.isoformat()
    pages = [
        session.path
        for session in existing_sessions(site.sessions_dir)
        if session.path.name.startswith(f"{wanted}-") or session.date == wanted
    ]
    if not pages:
        raise Refused(f"no session on {wanted} in {shown(site.sessions_dir)}")
    if len(pages) > 1:
        names = ", ".join(shown(p) for p in pages)
        raise Refused(f"{len(pages)} sessions on {wanted} in {shown(site.sessions_dir)}: {names}")
    return pages[0]
