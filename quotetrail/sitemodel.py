"""Stage 5 — build the site model: which pages exist and what data each shows.

Pages are plain data (a template name and a context of dataclasses); every
link is a path relative to the site root, so a page prefixes it with its own
``root`` ("../") and the site works at a domain root or under a sub-path.
"""
from __future__ import annotations

import functools
import operator
import re
import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache

from .config import SiteConfig
from .load import Content
from .browse import overview_pages, paged_path, pager, speaker_pages
from .extract import is_fragment
from .model import Article, Outlet, utc_time
from .statements import statement_pieces
from .text import csv_text, slugify, spreadsheet_text


@dataclass(frozen=True)
class Page:
    path: str  # output file, relative to the site root
    template: str
    context: dict = field(default_factory=dict)
    # A page that shows the whole site (every article, every quote) changes
    # with nearly any edit, and hashing its context costs as much as rendering
    # it: it is rendered on every build instead of fingerprinted (and still
    # not rewritten when its bytes come out the same).
    every_build: bool = False

    @property
    def searchable(self) -> bool:
        meta = self.context.get("meta")
        return meta is not None and meta.searchable


@dataclass(frozen=True, eq=False)
class DeferredPage:
    """A page whose context is ``make(*args)``, made only when the page is
    rendered: by the render stage's worker processes, side by side, rather than
    here one by one (article and quote pages are nine in ten of a site's pages).
    ``make`` must be a module-level function of ``args`` alone: the page's
    fingerprint hashes its name and the args, never the context."""

    path: str
    template: str
    searchable: bool
    make: Callable[..., dict]
    args: tuple
    every_build: bool = False
    lists: bool = False  # its context lists many statements (a browser shard, a CSV), not one article's or statement's

    def __post_init__(self):
        if "<" in self.make.__qualname__:  # <lambda>, <locals>: its name would not say what it computes
            raise TypeError(f"a deferred page needs a module-level function, not {self.make.__qualname__}")

    @property
    def context(self) -> dict:
        # made each time it is asked for (once, when the page is rendered), and not kept: a list
        # page's text would stay in memory with the page; not functools.cached_property either,
        # whose lock (Python 3.11) is one for every page: a render worker forked while this
        # process held it, rendering a list page, would wait forever
        return self.make(*self.args)


@dataclass(frozen=True, eq=False)
class RecordList:
    """One of a data file's long lists, written one record per row: a process
    that keeps them (``serve``) reuses a record made from the very same row
    last build. ``record(n, shared, *args)`` is row n's record."""

    name: str  # its key in a JSON file
    rows: tuple
    record: Callable[..., object]


@dataclass(frozen=True, eq=False)
class DataFile:
    """A data file, likewise made when it is written: ``frame(*args)`` gives
    (the data without its long lists, what their records need), and each of
    ``lists`` fills its place (a CSV file's rows follow its header)."""

    frame: Callable[..., tuple]
    args: tuple
    lists: tuple[RecordList, ...]


@dataclass(frozen=True)
class PageMeta:
    """What a page says about itself to feeds, search engines and link previews."""

    description: str = ""
    og_type: str = "website"
    url: str | None = None  # absolute, when the site's address is known
    json_ld: dict | None = None
    searchable: bool = False  # indexed by the search


@dataclass(frozen=True)
class NavItem:
    label: str
    path: str


@dataclass(frozen=True)
class ArticleRef:
    slug: str
    title: str
    outlet: Outlet
    date: str
    path: str
    outlet_path: str
    family: str | None = None  # the copy family it belongs to (lineage.py), if any
    time: str = ""  # the time of day as given (Article.time), or ""
    url: str | None = None  # where the outlet published it


@dataclass(frozen=True)
class OutletSummary:
    outlet: Outlet
    path: str
    articles: tuple[ArticleRef, ...]


@dataclass(frozen=True)
class SiteModel:
    config: SiteConfig
    pages: tuple[Page | DeferredPage, ...]
    data_files: dict[str, DataFile]  # extra files (path → JSON-able data) for the writer
    shared_rows: tuple = ()  # the quote rows and article references many pages show


def leaf_path(folder: str, name: str) -> str:
    """One page per article, quote, speaker or outlet — a file, not a folder
    with an index.html: creating a folder costs about as much as writing a
    page, and a site has tens of thousands of them. ("index" stays clear of the
    folder's own index page; no slug or id contains a dot.)"""
    return f"{folder}/{name}.page.html" if name.casefold() == "index" else f"{folder}/{name}.html"


def article_path(slug: str) -> str:
    return leaf_path("articles", slug)


def outlet_path(outlet_id: str) -> str:
    return leaf_path("outlets", outlet_id)


def page_url(path: str) -> str:
    """A page's address relative to the site root: a folder's index.html is the folder."""
    return path[: -len("index.html")] if path == "index.html" or path.endswith("/index.html") else path


def page_root(path: str) -> str:
    """Relative prefix from a page's folder back to the site root."""
    return "../" * path.count("/")


def article_ref(article: Article, family: str | None = None) -> ArticleRef:
    return ArticleRef(
        slug=article.slug,
        title=article.title,
        outlet=article.outlet,
        date=article.date.isoformat(),
        path=article_path(article.slug),
        outlet_path=outlet_path(article.outlet.id),
        family=family,
        time=article.time or "",
        url=article.url,
    )


def outlets_of(articles, refs: dict | None = None) -> list[OutletSummary]:
    """``refs``: slug → the article's ``ArticleRef``, when already made."""
    by_outlet: dict[str, list[ArticleRef]] = {}
    names: dict[str, Outlet] = {}
    for article in articles:
        oid = article.outlet.id
        listed = by_outlet.get(oid)
        if listed is None:
            listed = by_outlet[oid] = []
            names[oid] = article.outlet
        listed.append(refs[article.slug] if refs is not None else article_ref(article))
    return [OutletSummary(names[oid], outlet_path(oid), tuple(by_outlet[oid]))
            for oid in sorted(by_outlet, key=lambda o: (names[o].name.casefold(), o))]


def navigation(extra: list[NavItem] | None = None) -> tuple[NavItem, ...]:
    """The header's links (the site's title, before them, leads home)."""
    items = [NavItem("Statements", "quotes/"), NavItem("Speakers", "speakers/"), NavItem("Outlets", "outlets/"),
             NavItem("Timeline", "timeline/")]
    return tuple(items + [item for item in extra or [] if item.path not in {i.path for i in items}]
                 + [NavItem("Search", "search/")])


def absolute(config: SiteConfig, path: str) -> str | None:
    return config.base_url + path if config.base_url else None


def not_found_page(config: SiteConfig, nav) -> Page:
    """GitHub Pages serves 404.html at any depth, so relative links cannot work
    there: use the site's address (``--base-url``), or the domain root."""
    page = make_page("404.html", "404.html", config, nav, "Page not found")
    page.context["root"] = config.base_url or "/"
    return page


def make_page(path: str, template: str, config: SiteConfig, nav, title: str, every_build: bool = False,
              **context) -> Page:
    url = page_url(path)
    context.setdefault("meta", PageMeta(description=config.description, url=absolute(config, url)))
    context.update(
        site=config,
        nav=nav,
        title=title,
        root=page_root(path),
        current=url,
    )
    return Page(path, template, context, every_build)


@dataclass(frozen=True)
class ArticleView:
    ref: ArticleRef
    article: Article
    marks: tuple  # render.Mark objects for quotations in the body
    quotes: int = 0  # how many quotations the article has
    body_html: str | None = None  # body already rendered with markers at the marks, when known


@dataclass(frozen=True)
class SpeakerRef:
    id: str
    name: str
    tracked: bool
    css: str  # "sp-1".."sp-3" for tracked speakers, "sp-other", "sp-none"
    path: str | None
    kind: str = "person"


@dataclass(frozen=True)
class DiffPart:
    op: str  # "equal", "insert", "delete", "replace", "variant", "omitted" (quoted in part)
    text: str
    was: str = ""
    # what follows the part: a space between parts, nothing after the last.
    # (A template that asked its loop whether this is the last part would make
    # Jinja track every loop of the page: a fifth of the quote page's template.)
    after: str = ""


@dataclass(frozen=True)
class OccurrenceRow:
    article: ArticleRef
    href: str  # article page + #anchor
    text: str  # this statement's words as printed
    exact: bool
    diff: tuple[DiffPart, ...] = ()  # filled in when the quote's page is rendered (see with_diffs)
    before: str = ""  # the rest of the quotation it was printed in: context, not part of the statement
    after: str = ""
    translation: str = ""  # its language, when it is not the canonical wording's (no word diff then)

    def with_diff(self, diff: tuple[DiffPart, ...]) -> "OccurrenceRow":
        """``replace(self, diff=diff)`` without its look-up of the fields, which
        costs more than the copy (once per printing of every quote page)."""
        return OccurrenceRow(self.article, self.href, self.text, self.exact, diff, self.before, self.after,
                             self.translation)


@dataclass(frozen=True)
class QuoteRow:
    id: str
    path: str
    text: str
    speaker: SpeakerRef
    occurrences: tuple[OccurrenceRow, ...]
    outlets: tuple[Outlet, ...]
    differs: bool
    by_outlet: tuple = ()  # OutletGroup per outlet, filled in by with_diffs
    sources: int = 0  # independent sources: its outlets' articles counted once per copy family
    fragment: bool = False  # a scare quote or a few words, not a statement (extract.is_fragment of its wording)
    first: str = ""  # the date it was first printed
    first_at: int = -10 ** 6  # and the time that day (model.utc_time), when the article gives one
    days: tuple[str, ...] = ()  # every date it was printed on, in order
    variant_outlets: tuple[str, ...] = ()  # the outlets (ids) whose wording differs from the canonical one
    translated_outlets: tuple[str, ...] = ()  # the outlets (ids) that printed it only in another language

    @property
    def variants(self) -> int:
        return len(self.variant_outlets)

    @property
    def citation(self) -> str:
        """How to cite it (made when its page is: only that page shows it)."""
        return citation(self.text, self.speaker, self.occurrences)

    @property
    def spread(self) -> tuple["SpreadDay", ...]:
        """How it spread (made when its page is): each day it was printed, each outlet once, with its
        first printing that gives a time (else its first) and how many of its articles printed it."""
        days: dict[str, dict[str, list[OccurrenceRow]]] = {}
        for o in self.occurrences:
            days.setdefault(o.article.date, {}).setdefault(o.article.outlet.id, []).append(o)
        spread = []
        for day in sorted(days):
            # the outlet's earliest printing that gives a time (else its first); outlets in the order
            # the site gives articles within a day (model.utc_time: those without a time first)
            firsts = [(min(printings, key=lambda o: (not o.article.time, utc_time(o.article.time or None))),
                       len({o.article.slug for o in printings})) for printings in days[day].values()]
            spread.append(SpreadDay(day, tuple(SpreadOutlet(o, n) for o, n in
                                               sorted(firsts, key=lambda f: utc_time(f[0].article.time or None)))))
        return tuple(spread)


@dataclass(frozen=True)
class SpreadOutlet:
    printing: OccurrenceRow  # the outlet's first printing that day
    articles: int  # how many of its articles printed it that day


@dataclass(frozen=True)
class SpreadDay:
    date: str
    outlets: tuple[SpreadOutlet, ...]


@dataclass(frozen=True)
class QuoteSummary:
    """A line about a quote in a long list (an outlet's page)."""

    id: str
    path: str
    text: str
    speaker: SpeakerRef
    outlets: int
    differs: bool


@dataclass(frozen=True)
class SpeakerSection:
    speaker: SpeakerRef
    quotes: tuple[QuoteRow, ...]


@dataclass(frozen=True)
class MatrixRow:
    quote: QuoteRow
    cells: tuple[str, ...]  # per outlet: "exact", "variant" or ""


SHARED_ROWS = (QuoteRow, SpeakerSection, OutletSummary, SpeakerRef, ArticleRef)  # shown on many pages: fingerprinted once each


def quote_path(quote_id: str) -> str:
    return leaf_path("quotes", quote_id)


def speaker_path(speaker_id: str) -> str:
    return leaf_path("speakers", speaker_id)


@lru_cache(maxsize=262144)
def _word_keys(word: str) -> tuple[str, str]:
    """(as printed ignoring case and punctuation, with spelling normalised)."""
    from .match import loose_tokens, normalise_tokens

    return " ".join(loose_tokens(word)), " ".join(normalise_tokens(word))


@lru_cache(maxsize=4096)  # the hits come from the printings of one quote, diffed together
def _text_keys(text: str) -> tuple[list[str], list[str], list[str]]:
    """A wording's words and each one's two keys (``_word_keys``), made once
    per wording: the canonical one is compared with every printing of its
    quote, and a word-by-word lookup was half the time of a diff.
    (Lists, shared between calls: read, never changed.)"""
    words = text.split()
    keys = [_word_keys(w) for w in words]
    return words, [k[0] for k in keys], [k[1] for k in keys]


@dataclass(frozen=True)
class OutletGroup:
    outlet: Outlet
    path: str  # the outlet's page
    occurrences: tuple[OccurrenceRow, ...]


def with_diffs(quote: "QuoteRow") -> "QuoteRow":
    """The quote with each printing's word diff against the canonical wording,
    grouped by outlet (a quote carried thousands of times stays readable).
    Computed when its page is rendered: in parallel, and only if it changed."""
    occurrences = tuple(o.with_diff((DiffPart("equal", o.text),) if o.translation else word_diff(quote.text, o.text))
                        for o in quote.occurrences)
    groups: dict[str, list[OccurrenceRow]] = defaultdict(list)
    for o in occurrences:
        groups[o.article.outlet.id].append(o)
    by_outlet = tuple(OutletGroup(rows[0].article.outlet, rows[0].article.outlet_path, tuple(rows))
                      for _, rows in sorted(groups.items(), key=lambda kv: (kv[1][0].article.outlet.name.casefold(), kv[0])))
    return replace(quote, occurrences=occurrences, by_outlet=by_outlet)


@lru_cache(maxsize=65536)  # several outlets often print the same variant of a quote
def word_diff(canonical: str, printed: str) -> tuple[DiffPart, ...]:
    """Word-level diff of an outlet's wording against the canonical one.
    Spelling-only differences (stabilise/stabilize) are marked as variants."""
    from rapidfuzz.distance import Levenshtein

    if printed == canonical:  # half of all printings
        return (DiffPart("equal", printed),)
    (a_words, a_loose, a_norm), (b_words, b_loose, b_norm) = _text_keys(canonical), _text_keys(printed)
    if a_loose == b_loose:
        return (DiffPart("equal", printed),)
    # (op, words, was): a run of equal words is one part, its words joined once at the end
    parts: list[tuple[str, list[str], str]] = []
    # rapidfuzz: bit-parallel edit script, so long repetitive quotations stay fast
    for op, i1, i2, j1, j2 in Levenshtein.opcodes(a_norm, b_norm):
        if op == "equal":
            for a_w, b_w, al, bl in zip(a_words[i1:i2], b_words[j1:j2], a_loose[i1:i2], b_loose[j1:j2]):
                if al != bl:
                    parts.append(("variant", [b_w], a_w))
                elif parts and parts[-1][0] == "equal":
                    parts[-1][1].append(b_w)
                else:
                    parts.append(("equal", [b_w], ""))
        elif op == "insert":
            parts.append(("insert", b_words[j1:j2], ""))
        elif op == "delete":
            parts.append(("delete", a_words[i1:i2], ""))
        else:
            parts.append(("replace", b_words[j1:j2], " ".join(a_words[i1:i2])))
    # an outlet that quoted only part of the words left the rest out, it did not delete them
    if len(parts) > 1 and parts[0][0] == "delete":
        parts[0] = ("omitted", ["…"], " ".join(parts[0][1]))
    if len(parts) > 1 and parts[-1][0] == "delete":
        parts[-1] = ("omitted", ["…"], " ".join(parts[-1][1]))
    last = len(parts) - 1
    return tuple(DiffPart(op, " ".join(words), was, " " if n < last else "") for n, (op, words, was) in enumerate(parts))


def _speaker_refs(analysis, content, kept: dict) -> dict:
    """One SpeakerRef per speaker (rows compare theirs by identity); ``kept``,
    last build's: one equal to this build's is taken, so rows made from it
    are recognised as the same."""
    tracked = [s for s in content.speakers if s.tracked]
    refs = {}
    for sid, speaker in analysis.speakers.items():
        index = next((n for n, s in enumerate(tracked) if s.id == sid), None)
        css = f"sp-{index % 3 + 1}" if index is not None else "sp-other"
        refs[sid] = SpeakerRef(sid, speaker.name, speaker.tracked, css, speaker_path(sid), speaker.kind)
    refs[None] = SpeakerRef("", "Unattributed", False, "sp-none", None)
    return {sid: old if (old := kept.get(sid)) == ref else ref for sid, ref in refs.items()}


@dataclass(frozen=True)
class ArticleParse:
    """What the per-article stage made of one file. ``key``, when known, names
    all of it (the cache key of the file's bytes and the code): a page's
    fingerprint then hashes the key instead of the article's whole text."""

    article: Article
    quotations: tuple
    body_html: str | None = None  # body rendered with markers at the quotations, when known
    key: str | None = None


@dataclass(frozen=True)
class CopyView:
    """What an article's page says of the copy it shares with other articles (lineage.py)."""

    family: str | None  # the name of its copy family, if it is in one
    family_path: str | None  # the family on the lineage page
    shares: tuple  # (ArticleRef, per cent of this article's text found in it), largest first
    own: tuple[str, ...]  # the passages found in no other article of its family (shortened)


@dataclass(frozen=True)
class FamilyView:
    """A copy family on the lineage pages."""

    id: str
    name: str
    wire: str | None
    members: tuple  # ArticleRef of each member, in reading order
    disagreeing: tuple[str, ...]  # slugs of members whose wire field names another source
    path: str = ""  # where it is listed: its page's address and #id ("lineage/#family-1")


@dataclass(frozen=True)
class FamilyLink:
    """What a statement's page names of a copy family among its printings."""

    id: str
    name: str
    path: str  # the family on the lineage pages (FamilyView.path)


@dataclass(frozen=True)
class FamilySource:
    """A copy family that carried a statement: one source, however many outlets ran it."""

    family: FamilyLink
    outlets: tuple  # Outlet of each outlet whose article of the family printed it, by name


@dataclass(frozen=True)
class FamilySection:
    """A family on a page of the lineage list: the whole of it, or the part of
    a family too large for one page that this page shows."""

    family: FamilyView
    members: tuple  # the ArticleRefs this page lists
    continued: bool = False  # it began on an earlier page
    statements: str = ""  # the statement browser filtered on it, when its articles printed any


KEYED = (ArticleParse,)  # fingerprinted by their ``key`` when they have one


def build_site_model(content: Content, analysis, bodies: dict | None = None, keys: dict | None = None,
                     reuse: dict | None = None, lineage=None) -> SiteModel:
    """``bodies``: slug → body HTML with quotation markers, and ``keys``: slug →
    the article's cache key, both from the per-article stage when it ran.
    ``reuse``, a dict a long-running process keeps between builds (``serve``):
    an article's reference, a quote's row and matrix row, and an article's or
    quote's page (and its links to quotes) made last time from the very same
    objects (frozen, so the same values) are taken from it, not made again — and being the same
    objects, later stages compare them at once. (Settings and navigation
    equal to last build's are taken from it too, so that pages made from
    them can be the same.)"""
    config = content.config
    nav = navigation([NavItem("Quotes", "quotes/"), NavItem("Speakers", "speakers/"), NavItem("Sources", "lineage/")])
    reuse = reuse if reuse is not None else {}
    if reuse.get("frame") == (config, nav):
        config, nav = reuse["frame"]  # last build's, equal: what is made of them compares at once
    kept_refs, kept_rows, kept_pages = reuse.get("refs", {}), reuse.get("rows", {}), reuse.get("pages", {})
    refs, made_refs, new_refs, kept_by_slug = {}, {}, [], reuse.get("refs_by_slug", {})
    family_of = lineage.family_of if lineage is not None else {}
    for a in content.articles:
        hit = kept_refs.get(id(a))
        if hit is not None and hit[0] is a and hit[1].family == family_of.get(a.slug):
            refs[a.slug] = hit[1]
            made_refs[id(a)] = hit
            continue
        ref = article_ref(a, family_of.get(a.slug))
        if kept_by_slug.get(a.slug) == ref:  # an edit that changed no field a reference shows
            ref = kept_by_slug[a.slug]
        else:
            new_refs.append(a.slug)
        refs[a.slug] = ref
        made_refs[id(a)] = (a, ref)  # the article is kept too, so its id is not reused meanwhile
    families = tuple(FamilyView(f.id, f.name, f.wire, tuple(refs[slug] for slug in f.articles), f.disagreeing)
                     for f in (lineage.families if lineage is not None else ()))
    # the families listed page by page; each knows its page, so an article links to it there
    layout = family_layout([len(f.members) for f in families])
    where = {n: family_link(number, families[n].id) for number, listed in enumerate(layout, 1)
             for n, start, _ in listed if start == 0}
    families = tuple(replace(f, path=where[n]) for n, f in enumerate(families))
    family_by_id = {f.id: f for f in families}
    family_links = {f.id: FamilyLink(f.id, f.name, f.path) for f in families}  # (a statement's page names these)
    outlets = outlets_of(content.articles, refs)
    speakers = _speaker_refs(analysis, content, reuse.get("speakers", {}))
    new_ref = set(new_refs)  # a quote printed in an article whose reference is new: its row shows the old one

    rows: list[QuoteRow] = []
    carried_by: dict[str, list[QuoteRow]] = defaultdict(list)  # outlet → the quotes it carried
    links_at: dict[tuple[str, int], list] = defaultdict(list)  # (article, quotation index) → (start, link) of its statements
    made_rows = {}
    touched = set()  # articles whose statements' links may differ from last build's: of new rows, or rows gone
    for quote in analysis.quotes:
        speaker = speakers[quote.speaker]
        hit = kept_rows.get(id(quote))
        if (hit is None or hit[0] is not quote or hit[1] is not speaker
                or (new_ref and any(occ.article in new_ref for occ in quote.occurrences))):
            occurrence_refs = tuple(refs[occ.article] for occ in quote.occurrences)
            row = quote_row(quote, speaker, occurrence_refs)
            touched.update(occ.article for occ in quote.occurrences)
            summary = QuoteSummary(row.id, row.path, row.text, row.speaker, len(row.outlets), row.differs)
            link = QuoteLink(row.path, row.speaker, len(row.outlets))
            hit = (quote, speaker, row, summary, tuple(o.id for o in row.outlets), link)
        made_rows[id(quote)] = hit
        _, _, row, summary, outlet_ids, link = hit
        rows.append(row)
        for oid in outlet_ids:
            carried_by[oid].append(row)
        for occ in quote.occurrences:
            links_at[(occ.article, occ.quotation_index)].append((occ.start, link))
    for gone in kept_rows.keys() - made_rows.keys():
        touched.update(occ.article for occ in kept_rows[gone][0].occurrences)
    reuse.update(frame=(config, nav), refs=made_refs, refs_by_slug=refs, rows=made_rows, speakers=speakers)

    grouped: list[tuple[SpeakerRef, list[QuoteRow]]] = []  # rows come sorted by speaker
    for row in rows:
        if not grouped or grouped[-1][0] is not row.speaker:  # one SpeakerRef per speaker (_speaker_refs)
            grouped.append((row.speaker, []))
        grouped[-1][1].append(row)
    sections = [SpeakerSection(speaker, tuple(quotes)) for speaker, quotes in grouped]
    # the home page, the statement browser and its index, the lists, outlets, comparison, timeline (browse.py)
    pages = overview_pages(config, nav, content, rows, sections, outlets, refs, reuse, families)
    pages.append(not_found_page(config, nav))
    made_pages = {}  # id(the row or article) → (it, the page's inputs, the page): reused when all are the same
    carrying = set()  # the families whose articles printed a statement
    for row in rows:
        hit = kept_pages.get(id(row))
        carriers = families_of(row, family_links) if family_links else ()
        carrying.update(carriers)
        inputs = (config, nav, carriers)
        if hit is None or hit[0] is not row or hit[1] != inputs:
            # (a fragment's page is left out of the search: a few words would lead the results)
            hit = (row, inputs, DeferredPage(row.path, "quote.html", not row.fragment, quote_page,
                                             (config, nav, row, carriers)))
        made_pages[id(row)] = hit
        pages.append(hit[2])
    pages += speaker_pages(config, nav, sections, len(outlets), reuse)  # (browse.py)
    bodies, keys = bodies or {}, keys or {}
    kept_copies, copies = reuse.get("copies", {}), {}
    for article in content.articles:
        slug = article.slug
        ref = refs[slug]
        quotations = analysis.quotations[slug]
        hit = kept_pages.get(id(article))
        copy = (copy_view(article, lineage, refs, family_by_id, kept_copies, copies)
                if lineage is not None and lineage.shares.get(slug) else None)
        # an article none of whose statements changed, and whose page's other
        # inputs are last build's, has last build's page: no links to gather
        if (hit is not None and hit[0] is article and slug not in touched and hit[1][:3] == (config, nav, ref)
                and hit[1][4] == quotations and hit[1][5] is bodies.get(slug) and hit[1][6] == keys.get(slug)
                and hit[1][7] is copy):
            made_pages[id(article)] = hit
            pages.append(hit[2])
            continue
        # each quotation's statements: (where each begins in it, its link), in order
        links = tuple(tuple(sorted(links_at[(slug, q.index)], key=_FIRST)) for q in quotations)
        inputs = (config, nav, ref, links, quotations, bodies.get(slug), keys.get(slug), copy)
        if hit is None or hit[0] is not article or hit[1] != inputs:
            parse = ArticleParse(article, *inputs[4:7])
            hit = (article, inputs, DeferredPage(ref.path, "article.html", True, article_page,
                                                 (config, nav, ref, links, parse, copy)))
        made_pages[id(article)] = hit
        pages.append(hit[2])
    reuse.update(pages=made_pages, copies=copies)
    pages.append(make_page("search/index.html", "search.html", config, nav, "Search"))
    pages += lineage_pages(config, nav, families, layout, {f.id for f in carrying})
    pages += feed_pages(content, config, pages)

    rows, article_rows = tuple(rows), tuple(refs.values())  # (made in the articles' order)
    return SiteModel(config, tuple(pages), {
        "quotes.json": DataFile(quotes_json_frame, (analysis, content, outlets, lineage),
                                (RecordList("articles", article_rows, article_record),
                                 RecordList("quotes", rows, quote_record))),
        "quotes.csv": DataFile(csv_frame, (analysis, content, speakers, lineage),
                               (RecordList("quotes", rows, csv_quote_lines),))},
        rows + article_rows)


def matrix_row(row: QuoteRow, columns: tuple[str, ...]) -> MatrixRow:
    """``columns``: the outlets' ids, in the matrix's order."""
    carried, variant, translated = {o.id for o in row.outlets}, set(row.variant_outlets), set(row.translated_outlets)
    return MatrixRow(row, tuple("variant" if oid in variant else "translation" if oid in translated
                                else "exact" if oid in carried else "" for oid in columns))


def quote_row(quote, speaker: SpeakerRef, occurrence_refs: tuple) -> QuoteRow:
    """``occurrence_refs``: the ``ArticleRef`` of each occurrence's article."""
    occurrences = tuple(OccurrenceRow(ref, f"{ref.path}#{occ.anchor}", occ.text, occ.exact, (), *_context(occ),
                                      occ.language if occ.language != quote.language and not occ.exact else "")
                        for occ, ref in zip(quote.occurrences, occurrence_refs))
    quote_outlets = {}
    for ref in occurrence_refs:
        quote_outlets.setdefault(ref.outlet.id, ref.outlet)
    sources = len({ref.family or ref.slug for ref in occurrence_refs})  # a copy family is one source
    first = min(((ref.date, utc_time(ref.time or None)) for ref in occurrence_refs), default=("", -10 ** 6))
    exact_in: dict[str, bool] = {}  # a translation is no changed wording: only printings in the canonical's language
    for o in occurrences:
        if not o.translation:
            exact_in[o.article.outlet.id] = exact_in.get(o.article.outlet.id, True) and o.exact
    named = tuple(sorted(quote_outlets.values(), key=lambda o: (o.name.casefold(), o.id)))  # listed by name
    return QuoteRow(quote.id, quote_path(quote.id), quote.text, speaker, occurrences, named,
                    not all(exact_in.values()),
                    sources=sources, fragment=is_fragment(quote.text), first=first[0], first_at=first[1],
                    days=tuple(sorted({ref.date for ref in occurrence_refs})),
                    variant_outlets=tuple(oid for oid, exact in exact_in.items() if not exact),
                    translated_outlets=tuple(oid for oid in quote_outlets if oid not in exact_in))


def _context(occ) -> tuple[str, str]:
    """The words of the quotation before and after the statement, if it had others."""
    if not occ.quotation:
        return "", ""
    return occ.quotation[:occ.start].strip(), occ.quotation[occ.start + len(occ.text):].strip()


@dataclass(frozen=True)
class QuoteLink:
    """What an article's page shows of a statement its quotation holds."""

    path: str
    speaker: SpeakerRef
    outlets: int  # how many outlets carried the statement


def article_page(config: SiteConfig, nav, ref: ArticleRef, links, parse: ArticleParse, copy=None) -> dict:
    """An article's page: its quotations marked in the text, each statement
    linked to its page (``links``: for each quotation, (start, ``QuoteLink``)
    of each statement), and a label after each quotation: its speaker and how
    many outlets carried it."""
    from .render import Mark, label_position

    article, quotations, body_html = parse.article, parse.quotations, parse.body_html
    root = page_root(ref.path)
    marks, speakers = [], set()
    for q, statements in zip(quotations, links):
        if not statements:
            continue
        speaker = statements[0][1].speaker
        speakers.add(speaker)
        reach = max(link.outlets for _, link in statements)
        label = f"{speaker.name} · {reach} outlet{'s' if reach != 1 else ''}"
        link_at = dict(statements)  # where a statement begins in the quotation → its link
        pieces = statement_pieces(q)
        for n, (start, end, begins) in enumerate(pieces):
            link = link_at.get(begins, statements[0][1])
            last = n == len(pieces) - 1
            marks.append(Mark(start, end, q.anchor if n == 0 else None, f"qt {speaker.css}",
                              label if last else None, root + statements[0][1].path if last else None,
                              label_position(article.body, end) if last else None, root + link.path))
    view = ArticleView(ref, article, tuple(marks), len(quotations), body_html)
    meta = PageMeta(description=summary_of(article.body), og_type="article", url=absolute(config, ref.path),
                    json_ld=news_article_json_ld(article, config, ref), searchable=True)
    return make_page(ref.path, "article.html", config, nav, article.title, view=view, meta=meta,
                     speakers_here=sorted({s.name for s in speakers if s.path}), copy=copy).context


LINEAGE_PATH = "lineage/index.html"
LINEAGE_TITLE = "Sources: who ran the same copy"
LINEAGE_PAGE = 500  # articles a page of the copy families lists at most (a larger family goes on over the next pages)
LINEAGE_CHART = 12  # families the first page's overview draws: the largest
LINEAGE_CLUSTER = 3  # more articles of a family than this on one date are drawn as one dot with their number


def family_layout(sizes: list[int], per_page: int | None = None) -> list[list[tuple[int, int, int]]]:
    """The pages of the lineage list, families in order (``sizes``: each
    one's number of articles): on each page, (family n, the first of its
    articles listed there, the end), at most ``per_page`` articles a page. A
    family that does not fit in what is left of a page starts the next one;
    one larger than a page goes on over the next pages. At least one page."""
    per_page = per_page or LINEAGE_PAGE
    pages: list[list[tuple[int, int, int]]] = [[]]
    used = 0
    for n, size in enumerate(sizes):
        if used and used + size > per_page:
            pages.append([])
            used = 0
        start = 0
        while size - start > per_page - used:  # (only for a family larger than a page)
            pages[-1].append((n, start, start + per_page - used))
            start += per_page - used
            pages.append([])
            used = 0
        pages[-1].append((n, start, size))
        used += size - start
    return pages


def family_link(number: int, family_id: str) -> str:
    """A family on page ``number`` of the lineage list, relative to the site root."""
    return page_url(paged_path(LINEAGE_PATH, number)) + "#" + family_id


def lineage_pages(config: SiteConfig, nav, families: tuple, layout, carrying=frozenset()) -> list[Page]:
    """The copy families, page by page (``layout``: ``family_layout``'s), the
    first with an overview of the largest; ``carrying``: the ids of those
    whose articles printed a statement (each links to the browser filtered on it)."""
    count = len(layout)
    articles = sum(len(f.members) for f in families)
    pages = []
    for number, listed in enumerate(layout, 1):
        path = paged_path(LINEAGE_PATH, number)
        sections = tuple(FamilySection(families[n], families[n].members[start:end], start > 0,
                                       f"quotes/?family={families[n].id}" if families[n].id in carrying else "")
                         for n, start, end in listed)
        title = LINEAGE_TITLE + (f" (page {number})" if number > 1 else "")
        pages.append(make_page(path, "lineage.html", config, nav, title, sections=sections, families=len(families),
                               articles=articles, chart=lineage_chart(families) if number == 1 else None,
                               pager=pager(LINEAGE_PATH, number, count)))
    return pages


def copy_view(article: Article, lineage, refs: dict, families: dict, kept: dict | None = None,
              made: dict | None = None) -> CopyView:
    """The articles this one shares text with, its family and its own passages.
    ``kept``, last build's views (id(article) → (its inputs, the view)): one
    made from the same inputs is taken from it (cutting the body into
    paragraphs is the cost); ``made`` receives this build's."""
    slug = article.slug
    family = families.get(lineage.family_of.get(slug))
    numbers = tuple(lineage.own.get(slug, ())) if family is not None else ()
    shares = tuple((refs[other], round(share * 100)) for other, share in lineage.shares[slug])
    inputs = (article, family.name if family else None, family.path if family else None, numbers, shares)
    hit = kept.get(id(article)) if kept is not None else None
    if hit is None or hit[0] != inputs:
        hit = (inputs, CopyView(inputs[1], inputs[2], shares, _own_passages(article, numbers) if family else ()))
    if made is not None:
        made[id(article)] = hit  # the entry holds the article: its id is not reused meanwhile
    return hit[1]


def _own_passages(article: Article, numbers: tuple) -> tuple[str, ...]:
    """The article's paragraphs ``numbers``, shortened."""
    from .extract import mask_markup, paragraphs

    body = mask_markup(article.body)
    blocks = [" ".join(body[a:b].split()) for a, b in paragraphs(body)]
    return tuple(_shortened(blocks[n]) for n in numbers if n < len(blocks))


def _shortened(text: str, limit: int = 200) -> str:
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"


def lineage_chart(families) -> dict | None:
    """The families over time, as the lineage page's SVG draws it: the
    LINEAGE_CHART largest (in the order of their first article), one row a
    family, one dot a member at its date (dates spread evenly across the
    width). Members closer than a large dot's width make one dot with
    their number, when more than LINEAGE_CLUSTER: a row has at most a few
    dozen dots, however large its family."""
    if not families:
        return None
    largest = sorted(range(len(families)), key=lambda n: (-len(families[n].members), n))[:LINEAGE_CHART]
    shown = [families[n] for n in sorted(largest)]
    dates = sorted({ref.date for family in shown for ref in family.members})
    width, left, row, top, near = 640, 180, 28, 24, 18
    step = (width - left - 20) / max(1, len(dates) - 1)
    x_of = {d: left + (n * step if len(dates) > 1 else (width - left - 20) / 2) for n, d in enumerate(dates)}
    rows = []
    for n, family in enumerate(shown):
        y = top + n * row
        clusters: list[list] = []  # runs of members whose dates lie within ``near`` of the run's first
        for ref in sorted(family.members, key=lambda r: r.date):  # (stable: reading order within a date)
            if clusters and x_of[ref.date] - x_of[clusters[-1][0].date] < near:
                clusters[-1].append(ref)
            else:
                clusters.append([ref])
        dots = []
        for refs in clusters:
            if len(refs) > LINEAGE_CLUSTER:
                names = sorted({ref.outlet.name for ref in refs}, key=str.casefold)
                named = ", ".join(names[:6]) + (f" and {len(names) - 6} more" if len(names) > 6 else "")
                when = refs[0].date if refs[0].date == refs[-1].date else f"{refs[0].date} to {refs[-1].date}"
                dots.append({"x": round(x_of[refs[0].date], 1), "y": y, "r": 9, "count": len(refs),
                             "title": f"{len(refs)} articles, {when}: {named}"})
                continue
            seen: dict[str, int] = {}
            for ref in refs:  # a few members on one date side by side
                k = seen[ref.date] = seen.get(ref.date, -1) + 1
                dots.append({"x": round(x_of[ref.date] + k * 7, 1), "y": y, "r": 5, "count": 0,
                             "title": f"{ref.outlet.name}, {ref.date}"})
        rows.append({"name": family.name, "y": y, "dots": dots, "x1": min(d["x"] for d in dots),
                     "x2": max(d["x"] for d in dots), "family": family})
    ticked = dates if len(dates) <= 8 else (dates[0], dates[len(dates) // 2], dates[-1])
    # (the last label ends at its date, so that it stays inside the drawing)
    ticks = [{"x": round(x_of[d], 1), "label": d, "anchor": "end" if d == dates[-1] and len(dates) > 1 else "middle"}
             for d in ticked]
    return {"width": width, "height": top + len(shown) * row + 24, "rows": rows, "ticks": ticks,
            "axis_y": top + len(shown) * row, "shown": len(shown), "of": len(families),
            "clustered": any(d["count"] for r in rows for d in r["dots"])}


def families_of(row: QuoteRow, links: dict) -> tuple[FamilyLink, ...]:
    """The copy families among a statement's printings (``links``: family id →
    its ``FamilyLink``), in the order of their first printing."""
    return tuple(links[fid] for fid in dict.fromkeys(o.article.family for o in row.occurrences) if fid is not None)


def source_groups(row: QuoteRow, families: tuple) -> tuple[tuple[FamilySource, ...], tuple]:
    """A statement's printings by independent source: each copy family among
    them (``families``: ``families_of``), the most outlets first, with the
    outlets whose article of it printed the statement; then each outlet's own
    reports, (Outlet, its articles in no family that printed it), by name.
    The families and the own reports together are ``row.sources``."""
    by_family: dict[str, dict] = {f.id: {} for f in families}
    own: dict[str, list] = {}
    counted = set()
    for o in row.occurrences:
        ref = o.article
        if ref.family is not None and ref.family in by_family:
            by_family[ref.family].setdefault(ref.outlet.id, ref.outlet)
        elif ref.slug not in counted:  # (an article that printed it twice is one report)
            counted.add(ref.slug)
            own.setdefault(ref.outlet.id, [ref.outlet, 0])[1] += 1

    def by_name(outlet) -> tuple:
        return outlet.name.casefold(), outlet.id

    groups = [FamilySource(f, tuple(sorted(by_family[f.id].values(), key=by_name))) for f in families]
    order = {f.id: n for n, f in enumerate(families)}
    groups.sort(key=lambda g: (-len(g.outlets), order[g.family.id]))
    reports = tuple((outlet, n) for outlet, n in sorted(own.values(), key=lambda e: by_name(e[0])))
    return tuple(groups), reports


def quote_page(config: SiteConfig, nav, row: QuoteRow, families: tuple = ()) -> dict:
    """A statement's page; ``families``: the copy families among its printings
    (``families_of``), for its part on its sources (when more than one
    article printed it)."""
    meta = PageMeta(description=row.citation[:300], og_type="article", url=absolute(config, row.path),
                    json_ld=quotation_json_ld(row, config), searchable=True)
    several = families and len({o.article.slug for o in row.occurrences}) > 1
    copy_sources, own_sources = source_groups(row, families) if several else ((), ())
    return make_page(row.path, "quote.html", config, nav, f"Quote: {row.text[:60]}", quote=row, meta=meta,
                     copy_sources=copy_sources, own_sources=own_sources).context


def quotes_json_frame(analysis, content: Content, outlets, lineage) -> tuple[dict, dict]:
    """``quotes.json`` with its articles and quotes left out (each an
    ``article_record`` or ``quote_record``, written in the place of the empty lists)."""
    used = {q.speaker for q in analysis.quotes}
    families = lineage.families if lineage is not None else ()
    return {
        "speakers": [{"id": s.id, "name": s.name, "tracked": s.tracked} for sid, s in analysis.speakers.items() if sid in used],
        "outlets": [{"id": o.outlet.id, "name": o.outlet.name} for o in outlets],
        "families": [{"id": f.id, "name": f.name, "wire": f.wire, "articles": list(f.articles),
                      "wire_disagrees": list(f.disagreeing)} for f in families],
        "articles": [],
        "quotes": [],
    }, (lineage.family_of if lineage is not None else {})


def article_record(n: int, family_of: dict, analysis, content: Content, outlets, lineage) -> dict:
    a = content.articles[n]
    return {"slug": a.slug, "title": a.title, "outlet": a.outlet.id, "date": a.date.isoformat(), "time": a.time,
            "url": a.url, "path": article_path(a.slug), "family": family_of.get(a.slug)}


def quote_record(n: int, _, analysis, content: Content, outlets, lineage) -> dict:
    q = analysis.quotes[n]
    return {"id": q.id, "speaker": q.speaker, "text": q.text, "language": q.language,
            "occurrences": [{"article": o.article, "outlet": o.outlet, "text": o.text, "exact": o.exact,
                             "anchor": o.anchor, "quotation": o.quotation or o.text, "language": o.language}
                            for o in q.occurrences]}


# ----------------------------------------------------------------------------- publishing


def summary_of(body: str, limit: int = 240) -> str:
    """The first paragraph as plain text, for feeds and link previews."""
    first = body.strip().split("\n\n", 1)[0]
    first = re.sub(r"<(script|style)\b.*?</\1\s*>", "", first, flags=re.IGNORECASE | re.DOTALL)
    first = re.sub(r"<[^>]*>|[*_`#>\[\]]", "", first)
    first = " ".join(first.split())
    return first if len(first) <= limit else first[:limit].rsplit(" ", 1)[0] + "…"


def cited_as(a: ArticleRef) -> str:
    """How a citation names an article: "outlet, “title”, date, url"."""
    return f"{a.outlet.name}, “{a.title}”, {a.date}" + (f", {a.url}" if a.url else "")


def citation(text: str, speaker: SpeakerRef, occurrences) -> str:
    """A statement's citation: its words, speaker, and each article that printed it, once."""
    carried = dict.fromkeys(cited_as(occ.article) for occ in occurrences)
    return f"“{text}” — {speaker.name}. Quoted in: " + "; ".join(carried) + "."


def news_article_json_ld(article: Article, config: SiteConfig, ref: ArticleRef) -> dict:
    data = {
        "@context": "https://schema.org", "@type": "NewsArticle", "headline": article.title,
        "datePublished": article.date.isoformat(), "publisher": {"@type": "Organization", "name": article.outlet.name},
    }
    if article.url:
        data["url"] = article.url
    if article.byline:
        data["author"] = {"@type": "Person", "name": article.byline}
    if config.base_url:
        data["mainEntityOfPage"] = config.base_url + ref.path
    return data


def quotation_json_ld(row: QuoteRow, config: SiteConfig) -> dict:
    data = {"@context": "https://schema.org", "@type": "Quotation", "text": row.text}
    if row.speaker.path:
        kind = "Organization" if row.speaker.kind == "organisation" else "Person"
        data["creator"] = {"@type": kind, "name": row.speaker.name}
    data["isPartOf"] = [
        {"@type": "NewsArticle", "headline": o.article.title, "datePublished": o.article.date,
         "publisher": {"@type": "Organization", "name": o.article.outlet.name}}
        for o in row.occurrences
    ]
    if config.base_url:
        data["url"] = config.base_url + row.path
    return data


FEED_ENTRIES = 100  # the newest articles; a feed is for following, the site is the archive
SITEMAP_URLS = 50_000  # addresses a sitemap file may list (the protocol's limit); more go in several, with an index


def _latest(articles: tuple, n: int) -> tuple:
    """From articles in date order (Content's), those of the ``n`` latest
    dates (every one of the n-th latest date): the feed sorts these, not all."""
    start = max(len(articles) - n, 0)
    while start > 0 and articles[start - 1].date == articles[start].date:
        start -= 1
    return articles[start:]


def feed_pages(content: Content, config: SiteConfig, site_pages=()) -> list[Page]:
    """Atom feed of the articles, sitemap and robots.txt. Feed ids are the
    site's URLs when its address is known, else stable URNs. The sitemap
    lists every HTML page of ``site_pages`` but the 404 page."""
    newest = content.articles[-1].date if content.articles else None  # (articles come in date order)
    site_key = slugify(config.title) or "quotetrail"
    entries = [
        {"article": a, "id": absolute(config, article_path(a.slug)) or f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, site_key + '/' + a.slug)}",
         "summary": summary_of(a.body), "path": article_path(a.slug)}
        for a in sorted(_latest(content.articles, FEED_ENTRIES), key=lambda a: (a.date, a.slug), reverse=True)[:FEED_ENTRIES]
    ]
    feed_id = config.base_url or f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, site_key)}"
    pages = [
        Page("feed.xml", "feed.xml", {"site": config, "entries": entries, "updated": newest, "feed_id": feed_id}),
        Page("robots.txt", "robots.txt", {"site": config}),
    ]
    if config.base_url:  # sitemaps need absolute addresses
        pages += sitemap_pages(config, [page_url(p.path) for p in site_pages
                                        if p.path.endswith(".html") and p.path != "404.html"])
    return pages


def sitemap_pages(config: SiteConfig, paths: list[str], limit: int = SITEMAP_URLS) -> list[Page]:
    """``sitemap.xml`` listing ``paths`` (relative to the site root), or, for
    more than ``limit``, a sitemap index naming ``sitemap-1.xml``, ... that
    list them ``limit`` at a time."""
    urls = [config.base_url + p for p in paths]
    if len(urls) <= limit:
        return [Page("sitemap.xml", "sitemap.xml", {"site": config, "urls": urls, "sitemaps": ()})]
    parts = [urls[start:start + limit] for start in range(0, len(urls), limit)]
    names = [f"sitemap-{n}.xml" for n in range(1, len(parts) + 1)]
    return [Page("sitemap.xml", "sitemap.xml", {"site": config, "urls": (),
                                                "sitemaps": [config.base_url + name for name in names]})] + \
        [Page(name, "sitemap.xml", {"site": config, "urls": part, "sitemaps": ()}) for name, part in zip(names, parts)]


_FIRST = operator.itemgetter(0)

CSV_COLUMNS = ("quote_id", "speaker_id", "speaker", "tracked", "canonical_text", "article", "outlet", "date",
               "article_url", "family", "text_as_printed", "exact", "page", "language")


class PerArticle(dict):
    """Slug → ``make(article)``, made when first asked for: once per article,
    not once per printing of each quote in it, and not at all for an article
    no quote asks about (``serve`` writes again only the changed quotes' records)."""

    def __init__(self, articles: dict, make):
        super().__init__()
        self._articles, self._make = articles, make  # slug → article

    def __missing__(self, slug: str):
        value = self[slug] = self._make(self._articles[slug])
        return value


def csv_article_cells(family_of: dict, a: Article) -> tuple[tuple[str, ...], str]:
    """An article's cells in ``quotes.csv``, spreadsheet-safe, and its page's path."""
    cells = tuple(map(spreadsheet_text, (a.slug, a.outlet.name, a.date.isoformat(), a.url or "",
                                         family_of.get(a.slug) or "")))
    return cells, article_path(a.slug) + "#"


def csv_frame(analysis, content: Content, speakers, lineage) -> tuple[str, PerArticle]:
    """``quotes.csv``'s header line, and each article's ``csv_article_cells`` for ``csv_quote_lines``."""
    family_of = lineage.family_of if lineage is not None else {}
    return csv_text([CSV_COLUMNS]), PerArticle(content.by_slug, functools.partial(csv_article_cells, family_of))


def csv_quote_lines(n: int, by_article: dict, analysis, content: Content, speakers, lineage) -> str:
    """One line per printing of quote n."""
    quote = analysis.quotes[n]
    speaker = speakers[quote.speaker]
    about = tuple(map(spreadsheet_text, (quote.id, quote.speaker or "", speaker.name,
                                         "yes" if speaker.tracked else "no", quote.text)))
    rows = []
    for occ in quote.occurrences:
        article, page = by_article[occ.article]
        rows.append((*about, *article, spreadsheet_text(occ.text), "yes" if occ.exact else "no", page + occ.anchor,
                     occ.language))
    return csv_text(rows)
