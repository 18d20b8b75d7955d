"""Stage 1 — load content: read ``content/`` into ``Article`` objects.

Every problem in every file is collected, so one run of ``check`` (or a failed
build) reports them all.
"""
from __future__ import annotations

import datetime as _dt
import operator
import os
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import frontmatter
import yaml

from .config import HTTP_URL, SiteConfig, load_site_config, load_speakers
from .errors import Problem
from .files import YAMLProblem, parse_yaml, read_content_file
from .model import Article, Outlet, QuoteOverride, Speaker
from .text import WINDOWS_RESERVED, identifier

ARTICLES_DIR = "articles"
REQUIRED = ("title", "outlet", "date")
OPTIONAL = ("url", "wire", "byline", "source", "slug", "quotes")
_SLUG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# A slug or id names a file: most file systems allow 255 bytes a name, and the
# output adds ".html"; a shorter limit keeps whole paths well inside 4,096.
MAX_ID_LENGTH = 150
# Private-use characters the renderer uses as markers; never legitimate text.
_RESERVED = re.compile("[\ue000-\ue00f]")
# C0 controls other than tab and newline are invalid in HTML text.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


# libyaml's C parser when PyYAML has it (it does on the usual platforms): the
# pure-Python one dominated build time on large sites.
_SafeBase = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _FrontMatterLoader(_SafeBase):
    """A safe loader that leaves dates as text, so a bad date is reported by
    field rather than failing the whole file."""


_FrontMatterLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_HANDLER = frontmatter.YAMLHandler()


@dataclass(frozen=True)
class Content:
    config: SiteConfig
    speakers: tuple[Speaker, ...]
    articles: tuple[Article, ...]  # sorted by date, outlet, slug
    problems: tuple[Problem, ...]  # errors and warnings

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @cached_property
    def by_slug(self) -> dict[str, Article]:
        """Made once: the site model and the CSV both look articles up by slug."""
        return {a.slug: a for a in self.articles}


@dataclass(frozen=True)
class Sources:
    """What a build reads before parsing articles: settings, speakers and the
    article files (path relative to the content folder, and the file's path
    as a string: a rebuild lists thousands, and Path objects cost more than
    the listing)."""

    config: SiteConfig
    speakers: tuple[Speaker, ...]
    files: tuple[tuple[str, str], ...]
    problems: tuple[Problem, ...]


def discover(content_dir: Path, files: tuple | None = None) -> Sources:
    """``files``: the article files as an earlier call found them, when known
    to be the same (serve's watcher saw none come or go): not listed again."""
    content_dir = Path(content_dir)
    problems: list[Problem] = []
    if not content_dir.is_dir():
        problems.append(Problem(str(content_dir), "content folder does not exist"))
        return Sources(SiteConfig(), (), (), tuple(problems))
    if not os.access(content_dir, os.R_OK | os.X_OK):
        problems.append(Problem(str(content_dir), "content folder cannot be read: permission denied"))
        return Sources(SiteConfig(), (), (), tuple(problems))
    config = load_site_config(content_dir, problems)
    speakers = load_speakers(content_dir, problems)
    articles_dir = content_dir / ARTICLES_DIR
    if not articles_dir.is_dir():
        files = ()
        problems.append(Problem(ARTICLES_DIR, "folder is missing: put articles in content/articles/<slug>.md"))
    elif files is None:
        root = os.fspath(content_dir)
        files = tuple((rel, os.path.join(root, rel)) for rel in article_files(articles_dir, ARTICLES_DIR, problems))
    return Sources(config, tuple(speakers), files, tuple(problems))


def article_files(folder: Path, prefix: str, problems: list[Problem]) -> list[str]:
    """Every ``*.md`` file under ``folder`` (not following linked folders), as
    ``prefix/...`` paths in a fixed order. A folder that cannot be listed is
    an error: its articles would silently vanish from the site. Plain strings:
    a site has thousands, and Path objects made listing them a tenth of a rebuild."""
    found, folders = [], 0

    def unlistable(exc: OSError) -> None:
        rel = os.path.relpath(exc.filename or folder, folder).replace(os.sep, "/")
        where = prefix if rel == "." else f"{prefix}/{rel}"
        problems.append(Problem(where, f"folder cannot be read: {exc.strerror or exc}"))

    for here, dirs, names in os.walk(folder, onerror=unlistable):
        dirs.sort()
        rel = os.path.relpath(here, folder).replace(os.sep, "/")
        base = prefix if rel == "." else f"{prefix}/{rel}"
        before = len(found)
        found.extend(f"{base}/{name}" for name in names if name.endswith(".md"))
        folders += len(found) > before
    if folders <= 1:  # one folder: the same order as a plain sort (a tenth of its time)
        return sorted(found)
    return sorted(found, key=lambda rel: rel.split("/"))


def assemble(sources: Sources, articles: list[Article], problems: list[Problem]) -> Content:
    """Content from parsed articles: checks what spans files (unique slugs) and
    puts articles in their reading order."""
    problems = list(sources.problems) + list(problems)
    articles = list(articles)
    _check_unique_slugs(articles, problems)
    articles.sort(key=_READING_ORDER)
    _check_outlet_spellings(articles, problems)
    return Content(sources.config, sources.speakers, tuple(articles), tuple(problems))


def load_content(content_dir: Path) -> Content:
    sources = discover(content_dir)
    problems: list[Problem] = []
    articles = [a for rel, path in sources.files if (a := read_article(path, rel, problems)) is not None]
    return assemble(sources, articles, problems)


def read_article(path: str | Path, rel: str, problems: list[Problem]) -> Article | None:
    """Read and parse one content file; append problems, None if unusable."""
    try:
        raw = read_content_file(path)
    except OSError as exc:
        problems.append(Problem(rel, f"cannot be read: {exc.strerror}"))
        return None
    return parse_article(raw, rel, Path(path).stem, problems)


def parse_article(raw: bytes, rel: str, stem: str, problems: list[Problem]) -> Article | None:
    """Parse one content file's bytes; append problems, None if unusable."""
    before = len(problems)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.append(Problem(rel, f"is not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})", line=line))
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.startswith("---"):
        problems.append(Problem(rel, "has no front matter: start the file with a '---' line, the YAML fields, and another '---'", line=1))
        return None
    try:
        fm, body_text = _HANDLER.split(text)
    except ValueError:
        problems.append(Problem(rel, "front matter is not closed: add a '---' line after the fields", line=1))
        return None
    try:
        meta, duplicates = parse_yaml(fm, _FrontMatterLoader)
    except YAMLProblem as exc:
        line = exc.line + 1 if exc.line is not None else None  # 1-based (the text starts with the '---' line's end)
        problems.append(Problem(rel, f"front matter is not valid YAML: {exc}", line=line))
        return None
    for key, line in duplicates:
        problems.append(Problem(rel, "is given twice; the last value is used", field=key, line=line + 1,
                                severity="warning"))
    if not isinstance(meta, dict):
        problems.append(Problem(rel, f"front matter must be a mapping of fields, not {type(meta).__name__}", line=2))
        return None

    for key in sorted(set(map(str, meta)) - set(REQUIRED) - set(OPTIONAL)):
        problems.append(Problem(rel, f"unknown field (known: {', '.join(REQUIRED + OPTIONAL)})", field=key, severity="warning"))

    fields: dict[str, str] = {}
    for key in REQUIRED + ("url", "wire", "byline", "source", "slug"):
        value = meta.get(key)
        if key == "date":
            continue
        if value is None:
            if key in REQUIRED:
                problems.append(Problem(rel, "is required", field=key))
            continue
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            problems.append(Problem(rel, f"must be text, not {type(value).__name__}", field=key))
            continue
        value = _RESERVED.sub("", value).strip()
        if not value:
            if key in REQUIRED:
                problems.append(Problem(rel, "must not be empty", field=key))
            continue
        fields[key] = value

    date = _parse_date(meta.get("date"), rel, problems)

    outlet = None
    if "outlet" in fields:
        outlet = Outlet(identifier(fields["outlet"]), fields["outlet"])

    url = fields.get("url")
    if url is not None and not HTTP_URL.match(url):
        problems.append(Problem(rel, f"must be an http(s) address without spaces, quotes or angle brackets, got {url!r}", field="url"))
        url = None

    slug = fields.get("slug") or stem
    if not _SLUG.match(slug):
        problems.append(Problem(rel, f"{slug!r} must be letters, digits, '-' or '_' (no slashes, dots or spaces)", field="slug"))
    elif len(slug) > MAX_ID_LENGTH:
        problems.append(Problem(rel, f"is {len(slug)} characters long; at most {MAX_ID_LENGTH} (it names the article's page)",
                                field="slug"))
    elif slug.casefold() in WINDOWS_RESERVED:
        problems.append(Problem(rel, f"{slug!r} is a name Windows reserves for a device; choose another", field="slug"))

    overrides = _parse_overrides(meta.get("quotes"), rel, problems)

    body, controls = _CONTROL.subn("", _RESERVED.sub("", body_text))
    body = body.strip("\n")
    if controls:
        problems.append(Problem(rel, f"removed {controls} control characters (such as NUL) from the body", severity="warning"))
    if not body.strip():
        problems.append(Problem(rel, "article body is empty"))

    if len(problems) > before and any(p.severity == "error" for p in problems[before:]):
        return None
    return Article(
        slug=slug,
        title=fields["title"],
        outlet=outlet,
        date=date,
        body=body,
        source_path=rel,
        url=url,
        wire=fields.get("wire"),
        byline=fields.get("byline"),
        source=fields.get("source"),
        overrides=overrides,
    )


def _parse_date(value, rel: str, problems: list[Problem]) -> _dt.date | None:
    if value is None or value == "":
        problems.append(Problem(rel, "is required (YYYY-MM-DD)", field="date"))
        return None
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, str) and _DATE.match(value.strip()):  # not ISO's other forms, such as 2023-W25-1
        try:
            return _dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    problems.append(Problem(rel, f"{value!r} is not a date in the form YYYY-MM-DD", field="date"))
    return None


def _parse_overrides(value, rel: str, problems: list[Problem]) -> tuple[QuoteOverride, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        problems.append(Problem(rel, "must be a list of {text, speaker} corrections", field="quotes"))
        return ()
    out = []
    for n, item in enumerate(value, start=1):
        if not isinstance(item, dict) or not isinstance(item.get("text"), str) or not item["text"].strip():
            problems.append(Problem(rel, "needs a non-empty 'text'", field=f"quotes[{n}]"))
            continue
        speaker = item.get("speaker")
        if speaker is not None and (not isinstance(speaker, str) or not speaker.strip()):
            problems.append(Problem(rel, "'speaker' must be a speaker id or name, or null for unattributed", field=f"quotes[{n}]"))
            continue
        out.append(QuoteOverride(item["text"].strip(), speaker.strip() if speaker else None))
    return tuple(out)


_READING_ORDER = operator.attrgetter("reading_order")


def _check_outlet_spellings(articles: list[Article], problems: list[Problem]) -> None:
    """Names that differ only in case, spacing or punctuation are one outlet
    (one id, one page): say so, in case they were meant to be two."""
    first: dict[str, Article] = {}
    told = set()
    for article in articles:
        outlet = article.outlet
        seen = first.setdefault(outlet.id, article)
        if seen.outlet.name != outlet.name and (outlet.id, outlet.name) not in told:
            told.add((outlet.id, outlet.name))
            problems.append(Problem(article.source_path, f"{outlet.name!r} is taken as the same outlet as {seen.outlet.name!r} "
                                    f"({seen.source_path}); write the name the same way everywhere", field="outlet",
                                    severity="warning"))


def _check_unique_slugs(articles: list[Article], problems: list[Problem]) -> None:
    if len({article.slug.casefold() for article in articles}) == len(articles):
        return  # (as it nearly always is: the loop below names the files)
    seen: dict[str, Article] = {}
    for article in articles:
        key = article.slug.casefold()
        other = seen.get(key)
        if other is not None:
            problems.append(Problem(article.source_path, f"slug {article.slug!r} is already used by {other.source_path} (slugs are compared ignoring case)", field="slug"))
        else:
            seen[key] = article
