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


def default_title(body: str, max_chars: int = 90) -> str:
    """The first sentence of the first paragraph, shortened at a word boundary."""
    first = body.strip().split("\n\n", 1)[0].strip()
    sentence = re.split(r"(?<=[.!?])\s+", first, maxsplit=1)[0]
    if len(sentence) <= max_chars:
        return sentence.rstrip(".")
    cut = sentence[:max_chars].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


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
    meta["source"] = source.as_posix()
    header = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=1000)
    articles_dir.mkdir(parents=True, exist_ok=True)
    target.write_text(f"---\n{header}---\n\n{body}", encoding="utf-8")
    return target
