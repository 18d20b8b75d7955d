"""Turn a plain-text article (paragraphs separated by blank lines) into a
content file, so that pasted text becomes content without hand-editing YAML."""
from __future__ import annotations

import datetime as _dt
import re
from pathlib import Path

import yaml

from .text import slugify

# Some page scrapes start with a metadata marker such as " date 2023-06-19 ".
_DATE_MARKER = re.compile(r"^\s*date (\d{4}-\d{2}-\d{2})\s+")


class ImportError_(Exception):
    """An import that cannot be done; the message says why."""


def split_marker(text: str) -> tuple[str | None, str]:
    """Return (date from a leading ' date YYYY-MM-DD' marker or None, the text without it)."""
    m = _DATE_MARKER.match(text)
    if not m:
        return None, text
    return m.group(1), text[m.end():]


# A dateline before the first sentence: "BEIJING -- ", "BEIJING, June 19 (Reuters) - ",
# "WASHINGTON (AP) — ", "Beijing (CNN) — "
_DATELINE = re.compile(
    r"^(?:[A-Z][A-Z.'’-]*(?:[ ,]+[A-Z][A-Z.'’-]*){0,3}(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*(?:\([^()\n]{1,40}\))?"
    r"|[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2}\s*\([^()\n]{1,40}\))"
    r"\s*(?:--|—|–|-|:)\s+")
_CLAUSE_END = re.compile(r"(?:[,;:]|\s[—–-]{1,2})\s")
_OPENING = "“‘«\""
_DANGLING = {"a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "of", "on", "or", "said", "says", "that",
             "the", "to", "with"}


def strip_dateline(text: str) -> str:
    """The text without a leading dateline ("BEIJING (Reuters) - ")."""
    m = _DATELINE.match(text)
    return text[m.end():] if m and len(text) > m.end() else text


def _unclosed_quote(text: str) -> int | None:
    """Where the last quotation mark opened in ``text`` and not closed there begins, or None."""
    opened = None
    for n, c in enumerate(text):
        if c in "“«" or (c == "‘" and (n == 0 or not text[n - 1].isalnum())):
            opened = n
        elif c in "”»" or (c == "’" and (n + 1 == len(text) or not text[n + 1].isalnum())):
            opened = None
        elif c == '"':
            opened = n if opened is None else None
    return opened


def default_title(body: str, max_chars: int = 80) -> str:
    """A headline from the text: its first sentence without a dateline,
    shortened at a clause or word boundary, never inside a quotation."""
    from .statements import statement_spans

    first = " ".join(body.strip().split("\n\n", 1)[0].split())
    first = strip_dateline(first)
    start, end = statement_spans(first)[0]
    sentence = first[start:end].strip()
    if len(sentence) <= max_chars and _unclosed_quote(sentence) is None:
        return sentence.rstrip(".")
    cut = sentence[:max_chars + 1]
    clauses = [m.start() for m in _CLAUSE_END.finditer(cut) if m.start() >= max_chars // 2]
    cut = cut[:clauses[-1]] if clauses else cut.rsplit(" ", 1)[0]
    opened = _unclosed_quote(cut)
    if opened is not None and opened >= 20:
        cut = cut[:opened]
    words = cut.rstrip(" ,;:—–-").split(" ")
    while len(words) > 3 and words[-1].casefold().strip(",;:") in _DANGLING:
        words.pop()
    return " ".join(words).rstrip(" ,;:—–-") + "…"


def recorded_source(source: Path, articles_dir: Path) -> str:
    """How ``source:`` names the file an article came from: its path from the
    project folder (the content folder's parent) when it lies inside it, else
    its name alone, never an absolute local path."""
    project = articles_dir.resolve().parent.parent
    resolved = source.resolve()
    if resolved.is_relative_to(project):
        return resolved.relative_to(project).as_posix()
    return source.name


def import_article(
    source: Path,
    articles_dir: Path,
    *,
    outlet: str,
    date: str | None = None,
    url: str | None = None,
    title: str | None = None,
    wire: str | None = None,
    byline: str | None = None,
    slug: str | None = None,
    force: bool = False,
) -> Path:
    """Write ``articles_dir/<slug>.md`` from ``source`` and return its path."""
    try:
        raw = source.read_bytes()
    except OSError as exc:
        raise ImportError_(f"{source}: cannot be read: {exc.strerror}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportError_(f"{source}: is not valid UTF-8 (byte offset {exc.start})") from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    marker_date, body = split_marker(text)
    body = body.strip("\n").rstrip() + "\n"
    if not body.strip():
        raise ImportError_(f"{source}: has no article text")
    if not outlet or not outlet.strip():
        raise ImportError_("--outlet must name the outlet that published the article")
    date = date or marker_date
    if not date:
        raise ImportError_(f"{source}: no --date given and the text has no ' date YYYY-MM-DD' marker")
    try:
        parsed_date = _dt.date.fromisoformat(date)
    except ValueError:
        raise ImportError_(f"--date {date!r} is not a date in the form YYYY-MM-DD") from None
    if url and not re.match(r"^https?://\S+$", url, re.IGNORECASE):
        raise ImportError_(f"--url {url!r} must be an http(s) address")
    title = (title or default_title(body)).strip()
    slug = slug or slugify(f"{outlet} {title}", max_words=10)
    if not re.match(r"^[A-Za-z0-9][A-Za-z0-9_-]*$", slug):
        raise ImportError_(f"slug {slug!r} must be letters, digits, '-' or '_'")
    target = articles_dir / f"{slug}.md"
    if target.exists() and not force:
        raise ImportError_(f"{target} already exists; use --force to overwrite it")

    meta = {"title": title, "outlet": outlet.strip(), "date": parsed_date}
    for key, value in (("url", url), ("wire", wire), ("byline", byline)):
        if value:
            meta[key] = value
    meta["source"] = recorded_source(source, articles_dir)
    header = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=1000)
    articles_dir.mkdir(parents=True, exist_ok=True)
    target.write_text(f"---\n{header}---\n\n{body}", encoding="utf-8")
    return target
