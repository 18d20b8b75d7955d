"""Plain data passed between the pipeline stages.

Each stage takes these objects and returns new ones; nothing here knows how it
was produced or how it will be shown.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Speaker:
    """Someone (or some organisation) quotations are attributed to."""

    id: str
    name: str
    tracked: bool = False
    aliases: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    kind: str = "person"  # "person" or "organisation"
    pronoun: str | None = None  # "he", "she" or "they", when the registry says
    # phrases that refer to them, in any language ("Beijing's top diplomat",
    # "le président chinois"): they resolve to them while no other person the
    # phrase fits has been named more recently
    descriptions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Outlet:
    id: str
    name: str


@dataclass(frozen=True)
class QuoteOverride:
    """An editor's correction from front matter: quotes whose text contains
    ``text`` are attributed to ``speaker`` (``None`` = unattributed)."""

    text: str
    speaker: str | None
    # how the quotations it selects are cut into statements: None (by sentence,
    # the default), "one" (one statement however many sentences), or the words
    # each statement begins with
    statements: str | tuple[str, ...] | None = None
    sets_speaker: bool = True  # False: the entry only cuts, the speaker stays as read


@dataclass(frozen=True)
class Article:
    slug: str
    title: str
    outlet: Outlet
    date: _dt.date
    body: str  # Markdown source; quotation offsets index into this string
    source_path: str  # content file, relative to the content folder, for messages
    url: str | None = None
    wire: str | None = None
    byline: str | None = None
    source: str | None = None
    overrides: tuple[QuoteOverride, ...] = ()
    # the article's language (front matter ``language``, a two-letter code);
    # None: the site's (site.yaml ``language``), else English
    language: str | None = None
    # the time of publication as written, normalised: "HH:MM" or "HH:MM:SS",
    # with its UTC offset if it had one ("14:30+08:00", "06:00Z"); None if not given
    time: str | None = None
    # where the article comes in lists: by date, time (articles without one
    # first), outlet and slug; made with the article (a rebuild sorts
    # thousands of articles it already had)
    reading_order: tuple = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "reading_order", (self.date, utc_time(self.time), self.outlet.name.casefold(), self.slug))


def utc_time(time: str | None) -> int:
    """An article's ``time`` in seconds from the start of its date in UTC (a
    time without an offset is taken as UTC; "01:00+08:00" is -25200, the
    evening before), or -10**6 (before any) for none: what orders articles
    within a day."""
    if not time:
        return -10 ** 6
    clock, sign, offset = time.rstrip("Z").partition("+") if "+" in time else time.rstrip("Z").partition("-")
    parts = [int(p) for p in clock.split(":")] + [0]
    seconds = parts[0] * 3600 + parts[1] * 60 + parts[2]
    if offset:
        hours, _, minutes = offset.partition(":")
        shift = int(hours) * 3600 + int(minutes or 0) * 60
        seconds -= shift if sign == "+" else -shift
    return seconds


@dataclass(frozen=True)
class Span:
    """One quoted stretch of text: ``body[start:end]`` without its marks."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Quotation:
    """A direct quotation as extracted from one article.

    Usually one span; a quotation carried over several paragraphs has one span
    per paragraph.
    """

    article: str  # slug
    index: int  # 0-based position among the article's quotations
    spans: tuple[Span, ...]
    fragment: bool = False  # a scare quote or a few words, not a full statement
    statement_starts: tuple[int, ...] | None = None  # an editor's cut into statements (offsets in text)

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.spans)

    @property
    def start(self) -> int:
        return self.spans[0].start

    @property
    def anchor(self) -> str:
        return f"q{self.index + 1}"


@dataclass(frozen=True)
class Attribution:
    """Who said a quotation, and the cue that says so (for debugging/reading)."""

    speaker: str | None
    cue: str = ""


@dataclass(frozen=True)
class Occurrence:
    """One article's printing of a quote."""

    article: str
    outlet: str
    anchor: str  # the quotation's, in its article
    text: str  # this statement's words as printed
    exact: bool
    quotation_index: int
    quotation: str = ""  # the whole quotation it was printed in ("" when the same as text)
    start: int = 0  # where text begins in the quotation
    language: str = "en"  # its article's language: a printing in another language than the quote's is a translation


@dataclass(frozen=True)
class Quote:
    """One statement as carried by one or more outlets (the cross-reference's unit)."""

    id: str
    speaker: str | None
    text: str  # canonical wording
    occurrences: tuple[Occurrence, ...] = field(default_factory=tuple)
    language: str = "en"  # the canonical wording's
