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
from .languages import available as _profiles, has_profile as _has_profile, normalise_code as _language_code
from .model import Article, Outlet, QuoteOverride, Speaker
from .text import WINDOWS_RESERVED, identifier

ARTICLES_DIR = "articles"
REQUIRED = ("title", "outlet", "date")
OPTIONAL = ("time", "url", "wire", "byline", "source", "slug", "quotes", "language")
_SLUG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
_URL_UNSAFE = re.compile(r"[\s\"<>\\^`{|}]+")  # what an address cannot hold as it is (RFC 3986)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# a time of day, HH:MM or HH:MM:SS, with an optional UTC offset (Z, +08:00, -0500)
_TIME_OF_DAY = r"(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(Z|[+-]\d{2}(?::?\d{2})?)?"
_TIME = re.compile(f"^{_TIME_OF_DAY}$", re.IGNORECASE)
_DATETIME = re.compile(f"^(\\d{{4}}-\\d{{2}}-\\d{{2}})[T ]{_TIME_OF_DAY}$", re.IGNORECASE)
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
# nor a time of day as a number: YAML 1.1 reads 14:30 as 870 (base 60)
_NOT_BASE_60 = re.compile(r"""^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+)$""")
_FrontMatterLoader.yaml_implicit_resolvers = {
    first: [(tag, _NOT_BASE_60 if tag == "tag:yaml.org,2002:int" else regexp) for tag, regexp in resolvers]
    for first, resolvers in _FrontMatterLoader.yaml_implicit_resolvers.items()
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

    date, time = _parse_date(meta.get("date"), rel, problems)
    if meta.get("time") is not None:
        if time is not None:
            problems.append(Problem(rel, "is given twice: in date and in time; give it once", field="time"))
        else:
            time = _parse_time(meta.get("time"), rel, problems)

    outlet = None
    if "outlet" in fields:
        outlet = Outlet(identifier(fields["outlet"]), fields["outlet"])

    url = fields.get("url")
    if url is not None:
        # a browser's copy of an address may hold characters a URL cannot ("…/macron-"la-paix"-…"):
        # written percent-encoded, as a browser sends them; an apostrophe is a URL's own
        encoded = _URL_UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode()), url.strip())
        if not HTTP_URL.match(encoded):
            problems.append(Problem(rel, f"must be an http:// or https:// address, got {url!r}", field="url"))
            url = None
        elif encoded != url:
            problems.append(Problem(rel, f"has characters an address cannot hold; written as {encoded!r}",
                                    field="url", severity="warning"))
            url = encoded

    slug = fields.get("slug") or stem
    if not _SLUG.match(slug):
        problems.append(Problem(rel, f"{slug!r} must be letters, digits, '-' or '_' (no slashes, dots or spaces)", field="slug"))
    elif len(slug) > MAX_ID_LENGTH:
        problems.append(Problem(rel, f"is {len(slug)} characters long; at most {MAX_ID_LENGTH} (it names the article's page)",
                                field="slug"))
    elif slug.casefold() in WINDOWS_RESERVED:
        problems.append(Problem(rel, f"{slug!r} is a name Windows reserves for a device; choose another", field="slug"))

    overrides = _parse_overrides(meta.get("quotes"), rel, problems)
    language = _parse_language(meta.get("language"), rel, problems)

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
        time=time,
        language=language,
    )


def _parse_date(value, rel: str, problems: list[Problem]) -> tuple[_dt.date | None, str | None]:
    """(the date, the time of day if the value had one)."""
    if value is None or value == "":
        problems.append(Problem(rel, "is required (YYYY-MM-DD)", field="date"))
        return None, None
    if isinstance(value, _dt.datetime):
        return value.date(), None
    if isinstance(value, _dt.date):
        return value, None
    if isinstance(value, str) and _DATE.match(value.strip()):  # not ISO's other forms, such as 2023-W25-1
        try:
            return _dt.date.fromisoformat(value.strip()), None
        except ValueError:
            pass
    dated = _DATETIME.match(value.strip()) if isinstance(value, str) else None
    if dated:
        try:
            day = _dt.date.fromisoformat(dated.group(1))
        except ValueError:
            day = None
        time = _time_of(dated.groups()[1:])
        if day is not None and time is not None:
            return day, time
    problems.append(Problem(rel, f"{value!r} is not a date in the form YYYY-MM-DD (or YYYY-MM-DDTHH:MM, with an "
                            "optional :SS and UTC offset)", field="date"))
    return None, None


def _parse_time(value, rel: str, problems: list[Problem]) -> str | None:
    """``time``: HH:MM or HH:MM:SS, with an optional UTC offset (Z, +08:00)."""
    found = _TIME.match(value.strip()) if isinstance(value, str) else None
    time = _time_of(found.groups()) if found else None
    if time is None:
        problems.append(Problem(rel, f"{value!r} is not a time of day in the form HH:MM or HH:MM:SS, with an optional "
                                "UTC offset such as +08:00 or Z", field="time"))
    return time


def _time_of(groups) -> str | None:
    """A time's (hour, minute, second, offset) as matched, normalised
    ("9:05" → "09:05", "+0800" → "+08:00", "z" → "Z"), or None if out of range."""
    hour, minute, second, offset = groups
    if int(hour) > 23 or int(minute) > 59 or (second is not None and int(second) > 59):
        return None
    text = f"{int(hour):02d}:{minute}" + (f":{second}" if second is not None else "")
    if offset:
        if offset.upper() == "Z":
            return text + "Z"
        digits = offset[1:].replace(":", "")
        hours, minutes = int(digits[:2]), int(digits[2:] or 0)
        if hours > 14 or minutes > 59:
            return None
        text += f"{offset[0]}{hours:02d}:{minutes:02d}"
    return text


def _parse_language(value, rel: str, problems: list[Problem]) -> str | None:
    """A two-letter language code (``fr``; ``fr-CA`` is read as ``fr``). One
    quotetrail has no attribution rules for is kept, with a warning: its
    quotations are read by the site's language's rules."""
    if value is None or value == "":
        return None
    code = _language_code(value) if isinstance(value, str) else None
    if code is None:
        problems.append(Problem(rel, f"must be a two-letter language code such as en or fr, got {value!r}; the site's "
                                "language is used", field="language", severity="warning"))
        return None
    if not _has_profile(code):
        problems.append(Problem(rel, f"quotetrail has no attribution rules for {code!r} (it has {', '.join(_profiles())}); "
                                "the site's language's rules are used for its quotations", field="language", severity="warning"))
    return code


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
        statements = item.get("statements")
        if statements is not None:
            if statements == "one":
                pass
            elif (isinstance(statements, list) and statements
                  and all(isinstance(s, str) and s.strip() for s in statements)):
                statements = tuple(s.strip() for s in statements)
            else:
                problems.append(Problem(rel, "'statements' must be \"one\" or a list of the words each statement "
                                             "begins with", field=f"quotes[{n}]"))
                continue
        out.append(QuoteOverride(item["text"].strip(), speaker.strip() if speaker else None, statements,
                                 sets_speaker="speaker" in item or statements is None))
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
