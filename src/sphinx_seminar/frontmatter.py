"""Read and validate each session's YAML front matter, with file and line in every error.

MyST parses front matter too, but hands lists to Sphinx as JSON strings and keeps
no line numbers; this module parses the same block from the source with PyYAML's
node API, so each field keeps its line, and validates it with the pydantic schema.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import yaml

from .config import parse_iso_date, settings
from .diagnostics import report_error
from .digest import digest
from .domain import seminar_domain
from .model import SessionRecord, TopicRecord

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from .schema import SessionFrontMatter

SESSION_FILE = re.compile(r"^(?P<date>\d{4}-\d{2}-\d{2})-(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)$")
YEAR_PAGE = re.compile(r"^\d{4}$")
FRONT_MATTER_START = 2  # the block's first line in the file, after the opening '---'


class _PlainLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """SafeLoader (libyaml's, where installed) that keeps dates and times as text, as
    written: the schema parses them itself. YAML 1.1 reads ``13:30`` as the base-60
    number 810 (but ``09:30`` as text); here both stay text, as YAML 1.2 reads them."""


_STR_TAG = "tag:yaml.org,2002:str"
#: YAML 1.1's base-60 numbers ('13:30', '1:30:00', '190:20:30.15'), kept as text
_BASE_60 = re.compile(r"^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$")
_PlainLoader.yaml_implicit_resolvers = {
    first: [(_STR_TAG, _BASE_60)] * (first in "+-0123456789")
    + [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class FrontMatterError(Exception):
    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


@dataclass(frozen=True)
class FrontMatter:
    data: dict[str, object]
    lines: dict[str, int]  # field -> 1-based line in the file
    item_lines: dict[str, list[int]]  # list field -> line of each item
    #: list field -> for each item that is a mapping ({name: …}), the line of each key
    item_key_lines: dict[str, list[dict[str, int]]] = field(default_factory=dict)


def split_front_matter(text: str) -> tuple[str, int] | None:
    """The YAML block of a MyST page and the line after it, or None if it has none."""
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        return None
    for number, line in enumerate(lines[1:], start=1):
        if line.strip() == "---":
            return "\n".join(lines[1:number]), number + 1
    raise FrontMatterError("front matter opened with '---' on line 1 is never closed", 1)


def parse_front_matter(text: str) -> FrontMatter:
    """Parse a page's front matter, keeping the line of every field (1-based)."""
    block = split_front_matter(text)
    if block is None:
        raise FrontMatterError(
            "no front matter: a session page starts with '---', the fields number, date, "
            "title, speakers, topics (and video, if recorded), and '---'",
            1,
        )
    yaml_text, _ = block
    loader = _PlainLoader(yaml_text)
    try:
        node = loader.get_single_node()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + FRONT_MATTER_START if mark else 1
        problem = getattr(exc, "problem", None) or str(exc)
        raise FrontMatterError(f"front matter is not valid YAML: {problem}", line) from None
    if not isinstance(node, yaml.MappingNode):
        line = node.start_mark.line + FRONT_MATTER_START if node else 1
        raise FrontMatterError("front matter must be a mapping of 'field: value' lines", line)
    lines: dict[str, int] = {}
    item_lines: dict[str, list[int]] = {}
    item_key_lines: dict[str, list[dict[str, int]]] = {}
    for key_node, value_node in node.value:
        key = key_node.value
        line = key_node.start_mark.line + FRONT_MATTER_START
        if key in lines:
            raise FrontMatterError(
                f"field {key!r} is given twice (first on line {lines[key]})", line
            )
        lines[key] = line
        if isinstance(value_node, yaml.SequenceNode):
            item_lines[key] = [
                item.start_mark.line + FRONT_MATTER_START for item in value_node.value
            ]
            item_key_lines[key] = [
                {
                    str(inner.value): inner.start_mark.line + FRONT_MATTER_START
                    for inner, _ in (item.value if isinstance(item, yaml.MappingNode) else ())
                }
                for item in value_node.value
            ]
    try:
        data = loader.construct_document(node)
    except (yaml.YAMLError, ValueError) as exc:
        raise FrontMatterError(
            f"front matter is not valid YAML: {exc}", FRONT_MATTER_START
        ) from None
    finally:
        loader.dispose()
    return FrontMatter(data=data, lines=lines, item_lines=item_lines, item_key_lines=item_key_lines)


def validate(
    front: FrontMatter, topics: set[str], topics_dir: str = "topics"
) -> tuple[SessionFrontMatter | None, list[tuple[int, str]]]:
    """Check front matter against the schema: the session, or (line, message) per problem.
    ``topics_dir`` is the site's folder of topic pages, named in the hint for a new topic."""
    # pydantic: imported only when a session is validated
    from pydantic import ValidationError

    from .schema import SessionFrontMatter

    try:
        return SessionFrontMatter.model_validate(
            front.data, context={"topics": topics, "topics_dir": topics_dir}
        ), []
    except ValidationError as exc:
        return None, [_describe(front, error) for error in exc.errors()]


def _describe(front: FrontMatter, error: dict) -> tuple[int, str]:
    """(line, message) of one schema error: a field, or a key inside a list's item
    (``speakers[0]``'s ``afiliation``), named as written."""
    location = error["loc"]
    name = str(location[0]) if location else "front matter"
    line = front.lines.get(name, FRONT_MATTER_START)
    item = location[1] if len(location) > 1 and isinstance(location[1], int) else None
    if item is not None:
        items = front.item_lines.get(name, [])
        line = items[item] if item < len(items) else line
    inner = str(location[2]) if item is not None and len(location) > 2 else None
    kind = error["type"]
    if inner is not None:
        keys = front.item_key_lines.get(name, [])
        line = keys[item].get(inner, line) if item < len(keys) else line
        where = f"{name} (item {item + 1})"
        if kind == "extra_forbidden":  # only speakers' items are mappings
            from .schema import Speaker

            allowed = ", ".join(Speaker.model_fields)
            return line, f"unknown key {inner!r} in {where}; allowed keys: {allowed}"
        if kind == "missing":
            return line, f"{where} lacks the required key {inner!r}"
        return line, f"{where}, key {inner!r}: {error['msg'].removeprefix('Value error, ')}"
    if kind == "missing":
        return FRONT_MATTER_START, f"front matter lacks the required field {name!r}"
    if kind == "extra_forbidden":
        from .schema import SessionFrontMatter

        allowed = ", ".join(SessionFrontMatter.model_fields)
        return line, f"unknown front matter field {name!r}; allowed fields: {allowed}"
    message = error["msg"].removeprefix("Value error, ")
    return line, f"front matter field {name!r}: {message}"


def year_of_page(docname: str, sessions_dir: str) -> int | None:
    """The year of a year page (``sessions/2021``), else None."""
    folder, _, name = docname.rpartition("/")
    return int(name) if folder == sessions_dir and YEAR_PAGE.match(name) else None


def session_year(docname: str, sessions_dir: str) -> int | None:
    """The year of a session page (``sessions/2021-02-09-slug``), else None."""
    folder, _, name = docname.rpartition("/")
    match = SESSION_FILE.match(name) if folder == sessions_dir else None
    return int(match["date"][:4]) if match else None


def session_kind(env: BuildEnvironment, docname: str) -> str | None:
    """'session', 'topic' or None for other pages."""
    series = settings(env)
    folder, _, name = docname.rpartition("/")
    if folder == series.sessions_dir and name != "index" and not YEAR_PAGE.match(name):
        return "session"
    if folder == series.topics_dir and name != "index":
        return "topic"
    return None


def topic_slugs(env: BuildEnvironment) -> set[str]:
    """The topic vocabulary: the topic pages there are (known before any page is read)."""
    known = seminar_domain(env).topic_slugs
    if known is not None:
        return known
    prefix = settings(env).topics_dir + "/"
    return {
        docname.removeprefix(prefix)
        for docname in env.found_docs
        if docname.startswith(prefix) and docname != prefix + "index"
    }


def front_matter_key(path: str, text: str, topics: set[str]) -> str | None:
    """What a session's validation depends on: its file, its front matter and the topic
    vocabulary (None where the front matter cannot even be found)."""
    try:
        block = split_front_matter(text)
    except FrontMatterError:
        return None
    return digest(path, block[0] if block else None, sorted(topics))


def read_session(env: BuildEnvironment, docname: str, text: str) -> SessionRecord | None:
    """Validate one session page; report every problem with its line; store the record.

    A page read again with the same front matter (its text edited, or just saved)
    keeps the record validated before, without parsing or validating again.
    """
    domain = seminar_domain(env)
    path = str(env.doc2path(docname))
    key = front_matter_key(path, text, topic_slugs(env))
    known = domain.validated.get(docname)
    if key is not None and known is not None and known[0] == key:
        domain.sessions[docname] = known[1]
        return known[1]

    def fail(line: int, message: str) -> None:
        domain.mark_invalid(docname)
        report_error("frontmatter", message, (docname, line))

    try:
        front = parse_front_matter(text)
    except FrontMatterError as exc:
        fail(exc.line, str(exc))
        return None
    meta, problems = validate(front, topic_slugs(env), settings(env).topics_dir)
    file_match = SESSION_FILE.match(docname.rpartition("/")[2])
    if not file_match:
        problems.append(
            (1, "a session file is named YYYY-MM-DD-short-title.md (lower case, digits, '-')")
        )
    elif _real_date(front.data.get("date")) and file_match["date"] != str(front.data["date"]):
        problems.append(
            (
                front.lines.get("date", FRONT_MATTER_START),
                f"the date {front.data['date']} differs from the file name's "
                f"{file_match['date']}: rename the file or fix the date",
            )
        )
    for line, message in problems:
        fail(line, message)
    if problems:
        return None
    record = SessionRecord.from_front_matter(docname, path, meta, front.lines)
    domain.sessions[docname] = record
    if key is not None:
        domain.validated[docname] = (key, record)
    return record


def _real_date(value: object) -> bool:
    try:
        parse_iso_date(value)
    except ValueError:
        return False
    return True


def stand_in(text: str, docname: str) -> str:
    """What MyST reads of a session page whose front matter failed: the page's body
    under a front matter that has only its title (else the file name). The mistake,
    already reported with its line, is not reported again in other words: no
    "Malformed YAML" from MyST, no "doesn't have a title" from each table of contents
    that lists the page. The body stays on its lines; a page without any front
    matter gets it above (its body three lines lower), one never closed is all
    front matter."""
    title = docname.rpartition("/")[2]
    try:
        block = split_front_matter(text)
    except FrontMatterError:  # never closed: nothing of a body can be told apart
        return f"---\ntitle: {json.dumps(title)}\n---\n"
    if block is None:
        return f"---\ntitle: {json.dumps(title)}\n---\n{text}"
    try:
        data = yaml.load(block[0], Loader=_PlainLoader)
    except yaml.YAMLError:
        data = None
    if isinstance(data, dict) and isinstance(data.get("title"), str) and data["title"].strip():
        title = data["title"]
    lines = text.splitlines(keepends=True)
    closing = block[1] - 1  # the index of the closing '---'
    head = ["---\n", f"title: {json.dumps(title, ensure_ascii=False)}\n"]
    return "".join([*head, "\n" * max(0, closing - 2), "---\n", *lines[closing + 1 :]])


def read_topic(env: BuildEnvironment, docname: str, text: str) -> TopicRecord:
    """A topic page's record, with the aliases its front matter declares (checked)."""
    from pydantic import ValidationError

    from .schema import TopicFrontMatter

    domain = seminar_domain(env)
    record = TopicRecord(docname=docname, slug=docname.rpartition("/")[2])
    try:
        front = parse_front_matter(text) if split_front_matter(text) else None
    except FrontMatterError:
        front = None  # MyST reports a broken block itself; a topic needs no front matter
    if front is not None:
        try:
            meta = TopicFrontMatter.model_validate(front.data)
        except ValidationError as exc:
            domain.mark_invalid(docname)
            for error in exc.errors():
                line, message = _describe(front, error)
                report_error("frontmatter", message, (docname, line))
        else:
            record = TopicRecord(record.docname, record.slug, tuple(meta.aliases))
    domain.topics[docname] = record
    return record


def _on_source_read(app: Sphinx, docname: str, source: list[str]) -> None:
    kind = session_kind(app.env, docname)
    if kind == "session":
        if read_session(app.env, docname, source[0]) is None:
            source[0] = stand_in(source[0], docname)
    elif kind == "topic":
        read_topic(app.env, docname, source[0])


def _collect_topics(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Work out the topic vocabulary once per build, not once per session page."""
    domain = seminar_domain(env)
    domain.topic_slugs = None
    domain.topic_slugs = topic_slugs(env)


def _forget_removed_pages(app: Sphinx, env: BuildEnvironment) -> None:
    validated = seminar_domain(env).validated
    for docname in set(validated) - env.all_docs.keys():
        del validated[docname]


def _reread_invalid(app: Sphinx, env: BuildEnvironment, added, changed, removed) -> list[str]:
    """Pages that failed validation are read again, so their errors are reported again;
    so are the sessions on a topic whose page was removed, which are now invalid."""
    domain = seminar_domain(env)
    gone = {
        docname.rpartition("/")[2] for docname in removed if session_kind(env, docname) == "topic"
    }
    on_gone_topics = {d for d, record in domain.sessions.items() if gone & set(record.topics)}
    return sorted((set(domain.invalid) | on_gone_topics) - set(removed))


def setup_frontmatter(app: Sphinx) -> None:
    app.connect("source-read", _on_source_read)
    app.connect("env-get-outdated", _reread_invalid)
    app.connect("env-before-read-docs", _collect_topics)
    app.connect("env-updated", _forget_removed_pages)
