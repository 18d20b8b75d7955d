"""Stage 5, for readers: the pages that give an overview, made so that they
stay readable and light at 50, 1,000 or 10,000 articles.

* the home page: the event, its tracked speakers and their most widely
  carried statements, charts, the largest outlets and the latest articles;
* the statement browser at ``quotes/``: a pre-built first screen (the most
  widely carried statements), and a small same-origin script
  (``assets/browse.js``) that filters and sorts every statement over a
  compact JSON index split by speaker (``quotes/data/``), with each outlet's
  statements again in files of their own (``quotes/data/outlets/``, so that a
  filter by outlet or a comparison fetches a few hundred KB, not the whole
  index), and likewise the statements of each copy family's articles
  (``quotes/data/families/``), fetched only when the reader asks for more
  than the first screen;
* per speaker, a coverage matrix of their most widely carried statements ×
  the outlets that carried them, where it fits, with all of it as CSV;
* paged lists: a speaker's statements, an outlet's, the unattributed ones,
  every article;
* the outlets page with a chart, the outlet comparison, and the timeline.

``sitemodel.build_site_model`` calls ``overview_pages`` and
``speaker_pages``; everything here is plain data for the templates.
"""
from __future__ import annotations

import json
import operator
from collections import Counter, defaultdict
from dataclasses import dataclass, replace

from .charts import Chart, bars, columns
from .text import csv_text, script_safe, spreadsheet_text

FIRST_SCREEN = 50  # statements the browser's page shows before the script takes over
LIST_PAGE = 100  # statements a page of a speaker's, an outlet's or the unattributed list shows
ARTICLES_PAGE = 200  # articles a page of the list of every article shows
MATRIX_ROWS = 15  # a speaker's coverage matrix: the most widely carried statements...
MATRIX_COLUMNS = 16  # ...and the outlets that carried most of them
HOME_STATEMENTS = 3  # per tracked speaker on the home page
HOME_OUTLETS = 12
HOME_ARTICLES = 8
COMPARE_ROWS = 100  # statements the comparison page shows before the script takes over
INDEX_TEXT = 240  # characters of a statement's wording in the browser's index
DAY_ROWS = 150  # statements a page of the timeline shows at most, spread over its days
TIMELINE_DAYS = 62  # more days than this: the timeline's first page lists months, each with a page of its days
SHARD_ROWS = 2500  # statements a file of the browser's index holds at most (~350 KB)
DATA = "quotes/data/"
OUTLET_SHARDS = "outlets/"  # each outlet's statements, again: quotes/data/outlets/<outlet id>.json
FAMILY_SHARDS = "families/"  # the statements of each copy family's articles, again: quotes/data/families/<family id>.json
BROWSER_PATH = "quotes/index.html"
UNATTRIBUTED_PATH = "quotes/unattributed.html"
ARTICLES_PATH = "articles/index.html"
TIMELINE_PATH = "timeline/index.html"
COMPARE_PATH = "compare/index.html"

_COMPACT = json.JSONEncoder(ensure_ascii=False, check_circular=False, separators=(",", ":")).encode


def compact_json(value) -> str:
    """JSON without spaces, inert inside a <script> block."""
    return script_safe(_COMPACT(value))


# ----------------------------------------------------------------------------- paging


@dataclass(frozen=True)
class Pager:
    number: int  # this page, from 1
    count: int
    links: tuple[tuple[int, str], ...]  # (number, path) of the pages the pager names; 0 for a gap
    previous: str | None
    next: str | None


def paged_path(path: str, n: int) -> str:
    """Page n of a list whose first page is ``path``: ``speakers/xi.html``,
    ``speakers/xi.2.html``... (ids and slugs never hold a dot, so these
    names meet no other page's)."""
    return path if n == 1 else f"{path[:-len('.html')]}.{n}.html"


def pager(path: str, number: int, count: int) -> Pager | None:
    if count <= 1:
        return None
    shown = sorted({1, count, *range(max(1, number - 2), min(count, number + 2) + 1)})
    links = []
    for n in shown:
        if links and n - links[-1][0] > 1:
            links.append((0, ""))
        links.append((n, paged_path(path, n)))
    return Pager(number, count, tuple(links), paged_path(path, number - 1) if number > 1 else None,
                 paged_path(path, number + 1) if number < count else None)


def pages_of(path: str, items, per_page: int) -> list[tuple[str, tuple, Pager | None]]:
    """The pages of a list: (path, its items, its pager); at least one page."""
    items = tuple(items)
    count = max(1, -(-len(items) // per_page))
    return [(paged_path(path, n), items[(n - 1) * per_page:n * per_page], pager(path, n, count))
            for n in range(1, count + 1)]


# ----------------------------------------------------------------------------- statements


def statements_first(quotes) -> tuple[tuple, tuple]:
    """(the statements, the fragments), each in the order given."""
    return tuple(q for q in quotes if not q.fragment), tuple(q for q in quotes if q.fragment)


def reach_order(row) -> tuple:
    """The browser's default order: most outlets first, then the earliest printed."""
    return (-len(row.outlets), row.first, row.first_at, row.id)


def list_order(row) -> tuple:
    """The order of the lists: statements in ``reach_order``, then fragments."""
    return (row.fragment, -len(row.outlets), row.first, row.first_at, row.id)


_FIRST = operator.itemgetter(0)


def exact_by_outlet(row) -> dict[str, bool]:
    """Outlet id → whether every printing there has the canonical wording
    (or is a translation of it: another language is no change of words)."""
    differ = row.variant_outlets
    return {o.id: o.id not in differ for o in row.outlets}


@dataclass(frozen=True)
class SpeakerCount:
    speaker: object  # SpeakerRef
    statements: int  # not counting fragments
    fragments: int
    top: tuple = ()  # its most widely carried statements (QuoteRow), on the home page


def speaker_counts(sections, top: int = 0) -> list[SpeakerCount]:
    counts = []
    for section in sections:
        statements, fragments = statements_first(section.quotes)
        counts.append(SpeakerCount(section.speaker, len(statements), len(fragments), statements[:top]))
    return counts


# ----------------------------------------------------------------------------- coverage


@dataclass(frozen=True)
class Coverage:
    """A speaker's coverage matrix: their most widely carried statements ×
    the outlets that carried most of them."""

    columns: tuple  # Outlet per column
    rows: tuple  # MatrixRow per statement
    more_rows: int  # statements carried by two or more outlets left out
    more_columns: int  # outlets left out
    csv: str  # every statement × every outlet that carried one, as CSV


def coverage(section, csv_path: str) -> Coverage | None:
    """None when fewer than two of the speaker's statements were carried by two outlets or more."""
    from .sitemodel import matrix_row

    shared = [q for q in section.quotes if not q.fragment and len(q.outlets) > 1]
    if len(shared) < 2:
        return None
    top = shared[:MATRIX_ROWS]  # (the section comes most widely carried first)
    count, outlet = Counter(), {}
    for q in top:
        for o in q.outlets:
            count[o.id] += 1
            outlet[o.id] = o
    order = sorted(count, key=lambda oid: (-count[oid], outlet[oid].name.casefold(), oid))
    shown = tuple(order[:MATRIX_COLUMNS])
    return Coverage(tuple(outlet[oid] for oid in shown), tuple(matrix_row(q, shown) for q in top),
                    len(shared) - len(top), len(order) - len(shown), csv_path)


def coverage_csv(quotes: tuple) -> dict:
    """A speaker's statements × the outlets that carried any of them, as CSV
    (UTF-8 with a byte-order mark, for spreadsheets): one row per statement,
    a column per outlet with ``same`` (the canonical wording), ``different``,
    ``translation`` (only in another language) or nothing. The context of a page rendered with ``_raw.txt``."""
    count, name = Counter(), {}
    cells = []
    for q in quotes:
        exact = exact_by_outlet(q)
        cells.append(exact)
        for o in q.outlets:
            count[o.id] += 1
            name[o.id] = o.name
    order = sorted(count, key=lambda oid: (-count[oid], name[oid].casefold(), oid))
    header = ["statement_id", "statement", "fragment", "outlets", "first_printed", *(name[oid] for oid in order)]
    lines = [[spreadsheet_text(cell) for cell in header]]
    for q, exact in zip(quotes, cells):
        lines.append([spreadsheet_text(q.id), spreadsheet_text(q.text), "yes" if q.fragment else "no", str(len(q.outlets)),
                      q.first, *(("translation" if oid in q.translated_outlets else "same" if exact[oid] else "different")
                                 if oid in exact else "" for oid in order)])
    return {"text": "\ufeff" + csv_text(lines)}


# ----------------------------------------------------------------------------- the browser's index


def shard_group(speaker) -> str:
    """Which files of the index hold a speaker's statements: a tracked
    speaker's their own, the other speakers' together, the unattributed
    statements apart ("_" begins no speaker id)."""
    if speaker.tracked:
        return speaker.id
    return "_others" if speaker.path else "_unattributed"


def shards_of(sections) -> tuple[dict[str, list], dict[str, list[str]]]:
    """The index's files, each of at most SHARD_ROWS statements (name → the
    statements), and each speaker's files (id → names). A group's files are
    ``group``, ``group.2``, ... (ids and slugs hold no dot)."""
    shards: dict[str, list] = {}
    of_speaker: dict[str, list[str]] = {}
    filled: dict[str, int] = {}  # group → its files so far
    for section in sections:
        group = shard_group(section.speaker)
        names = of_speaker.setdefault(section.speaker.id, [])
        for q in section.quotes:
            count = filled.get(group, 0)
            name = group if count <= 1 else f"{group}.{count}"
            if count == 0 or len(shards[name]) >= SHARD_ROWS:
                count = filled[group] = count + 1
                name = group if count == 1 else f"{group}.{count}"
                shards[name] = []
            shards[name].append(q)
            if not names or names[-1] != name:
                names.append(name)
    return shards, of_speaker


def outlet_shards_of(outlets, carried: dict) -> tuple[dict[str, tuple], dict[str, list[str]]]:
    """Each outlet's statements and fragments, in files of at most SHARD_ROWS
    (name → the statements), and each outlet's files (id → names): what a
    filter by one outlet across every speaker, or a comparison of outlets,
    fetches instead of the whole index. An outlet's files are
    ``outlets/<id>``, ``outlets/<id>.2``, ... (an outlet without statements
    has none). ``carried``: outlet id → its statements."""
    shards: dict[str, tuple] = {}
    of_outlet: dict[str, list[str]] = {}
    for summary in outlets:
        oid = summary.outlet.id
        quotes = tuple(carried.get(oid, ()))
        names = of_outlet[oid] = []
        for start in range(0, len(quotes), SHARD_ROWS):
            name = OUTLET_SHARDS + oid + (f".{start // SHARD_ROWS + 1}" if start else "")
            shards[name] = quotes[start:start + SHARD_ROWS]
            names.append(name)
    return shards, of_outlet


def family_shards_of(families, carried: dict) -> tuple[dict[str, tuple], dict[str, int]]:
    """The statements and fragments printed by any article of each copy
    family, in files of at most SHARD_ROWS (name → the statements), and how
    many files each family has (id → count; a family whose articles printed
    none has none): what a filter by copy family fetches. A family's files
    are ``families/<id>``, ``families/<id>.2``, ... ``carried``: family id →
    its statements."""
    shards: dict[str, tuple] = {}
    count: dict[str, int] = {}
    for family in families:
        quotes = tuple(carried.get(family.id, ()))
        for start in range(0, len(quotes), SHARD_ROWS):
            shards[FAMILY_SHARDS + family.id + (f".{start // SHARD_ROWS + 1}" if start else "")] = \
                quotes[start:start + SHARD_ROWS]
        if quotes:
            count[family.id] = -(-len(quotes) // SHARD_ROWS)
    return shards, count


@dataclass(frozen=True)
class FamilyChoice:
    """A copy family in the statement browser's form."""

    id: str
    label: str  # its name, its first article's date when the name is a wire's, its number of articles


def family_choices(families, files: dict) -> list[FamilyChoice]:
    """The copy families whose articles printed a statement (``files``:
    ``family_shards_of``'s), by name, then in the order of their first article."""
    chosen = []
    for n, f in enumerate(families):
        if f.id not in files:
            continue
        name = f"{f.name}, {f.members[0].date}" if f.wire and f.members else f.name
        chosen.append(((f.name.casefold(), n), FamilyChoice(f.id, f"{name} ({len(f.members)} articles)")))
    return [choice for _, choice in sorted(chosen, key=_FIRST)]


def browser_shard(rows: tuple, speakers: tuple, outlets: tuple, days: tuple) -> dict:
    """One file of the browser's index: each statement as
    ``[id, speaker, text, day, outlets, flags, time, sources]`` with
    ``speaker`` an index into the index's speakers, ``day`` into its days,
    ``outlets`` indexes into its outlets (``-1 - n`` for an outlet whose
    wording differs), ``flags`` 1 for a fragment, ``time`` the seconds into
    the day (UTC) of the first printing when known, ``sources`` the number of
    independent sources when known; trailing nulls left out. The context of a
    page rendered with ``_raw.txt``."""
    key = (speakers, outlets, days)
    if _LINES.get("key") != key or len(_LINES.get("lines", ())) > _LINES_KEPT:
        _LINES.clear()  # (other positions, or rows of many builds ago)
        _LINES["key"] = key
    lines = _LINES.setdefault("lines", {})
    at = None
    out = []
    for q in rows:
        hit = lines.get(id(q))
        if hit is None or hit[0] is not q:
            if at is None:
                at = ({sid: n for n, sid in enumerate(speakers)}, {oid: n for n, oid in enumerate(outlets)},
                      {day: n for n, day in enumerate(days)})
            hit = lines[id(q)] = (q, compact_json(_index_record(q, *at)))
        out.append(hit[1])
    # one record per line: a diff of two builds shows the statements that changed
    return {"text": '{"rows":[\n' + ",\n".join(out) + "\n]}\n"}


# a statement's line in the browser's index, made once in a process for all the files
# that hold it (its speaker's, each of its outlets'): row id → (the row, its line), for
# the positions of "key" (the index's speakers, outlets and days)
_LINES: dict = {}
_LINES_KEPT = 500_000  # lines at most (serve adds the rows each edit made)


def _index_record(q, speaker_at: dict, outlet_at: dict, day_at: dict) -> list:
    text = q.text if len(q.text) <= INDEX_TEXT else q.text[:INDEX_TEXT - 1].rsplit(" ", 1)[0] + "…"
    cells = sorted(outlet_at[oid] if exact else -1 - outlet_at[oid] for oid, exact in exact_by_outlet(q).items())
    cells.sort(key=_outlet_of_cell)
    record = [q.id, speaker_at[q.speaker.id], text, day_at[q.first], cells, 1 if q.fragment else 0,
              q.first_at if q.first_at > -10 ** 6 else None, _sources(q)]
    while record[-1] is None:
        record.pop()
    return record


def _sources(q) -> int | None:
    """The independent sources of a statement (lineage.py), when fewer than its outlets."""
    sources = getattr(q, "sources", None)
    return sources if sources and sources < len(q.outlets) else None


def _outlet_of_cell(cell: int) -> int:
    return cell if cell >= 0 else -1 - cell


def browser_index(speakers: list[SpeakerCount], shards: dict, of_speaker: dict, outlets, days: tuple, statements: int,
                  fragments: int, outlet_shards: dict | None = None, of_outlet: dict | None = None,
                  families=(), family_shards: dict | None = None, of_family: dict | None = None) -> str:
    """The browser's index: its speakers, outlets and days (the shards refer to
    them by position), its shards (every statement once, by speaker), each
    outlet's shards (its statements again) and the copy families whose
    articles printed a statement. An outlet is ``[id, name, statements and
    fragments it printed, [its shards]]``; a family ``[id, statements and
    fragments its articles printed, number of files]``, its files being
    ``families/<id>``, ``families/<id>.2``... beside the index (short: a site
    has a thousand families or more)."""
    outlet_shards, of_outlet = outlet_shards or {}, of_outlet or {}
    family_shards, of_family = family_shards or {}, of_family or {}

    def family_count(fid: str) -> int:
        return sum(len(family_shards[FAMILY_SHARDS + fid + (f".{k}" if k > 1 else "")])
                   for k in range(1, of_family[fid] + 1))

    return compact_json({
        "version": 1,
        "statements": statements,
        "fragments": fragments,
        "speakers": [{"id": c.speaker.id, "name": c.speaker.name, "css": c.speaker.css, "path": c.speaker.path,
                      "tracked": c.speaker.tracked, "shards": of_speaker.get(c.speaker.id, []), "statements": c.statements,
                      "fragments": c.fragments} for c in speakers],
        "shards": {name: DATA + f"{name}.json" for name in shards},
        "outlets": [[o.outlet.id, o.outlet.name, sum(len(outlet_shards[name]) for name in of_outlet.get(o.outlet.id, ())),
                     of_outlet.get(o.outlet.id, [])] for o in outlets],
        "outlet_shards": {name: DATA + f"{name}.json" for name in outlet_shards},
        "families": [[f.id, family_count(f.id), of_family[f.id]] for f in families if f.id in of_family],
        "days": list(days),
    }) + "\n"


# ----------------------------------------------------------------------------- charts


def reach_chart(rows) -> Chart:
    """How many outlets carried each statement (fragments left out)."""
    reach = Counter(len(q.outlets) for q in rows if not q.fragment)  # (fragments left out, if any)
    most = max(reach, default=1)
    if most <= 12:
        buckets = [(str(n), (n, n)) for n in range(1, most + 1)]
    else:
        edges = [1, 2, 3, 4, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 10 ** 9]
        buckets = []
        for a, b in zip(edges, edges[1:]):
            if a > most:
                break
            high = min(b - 1, most)
            buckets.append((str(a) if high == a else f"{a}–{high}", (a, high)))
    data = [(label, (sum(c for n, c in reach.items() if a <= n <= b),)) for label, (a, b) in buckets]
    total = sum(reach.values())
    alone = reach.get(1, 0)
    summary = (f"{total:,} statements: {alone:,} carried by one outlet only, {total - alone:,} by two or more; "
               f"the most widely carried by {most:,}.") if total else "No statements yet."
    return columns("chart-reach", "Outlets per statement", summary, data, (("bar", "statements"),),
                   "outlets that carried it")


def outlet_chart(ranked, counted: dict, exact_counts: dict, limit: int = 15) -> Chart:
    """Statements per outlet: the outlets that carried most (``ranked``:
    OutletSummary, most first), split by wording."""
    data = []
    for o in ranked[:limit]:
        n, same = counted.get(o.outlet.id, 0), exact_counts.get(o.outlet.id, 0)
        data.append((o.outlet.name, (same, n - same)))
    shown = f"the {len(data)} that carried most" if len(ranked) > limit else "each outlet"
    top = f" {data[0][0]} carried the most, {sum(data[0][1]):,}." if data else ""
    return bars("chart-outlets", "Statements per outlet",
                f"How many statements {shown} printed, in the canonical wording or another.{top}", data,
                (("bar", "same wording"), ("bar-2", "different wording")), "outlet")


def spread_chart(days: list["Day"]) -> Chart:
    """Per day: statements printed for the first time, and earlier ones printed again."""
    data = [(_short_day(d.date, len(days)), (d.new, d.reprints)) for d in days]
    busiest = max(days, key=lambda d: (d.new + d.reprints, d.date), default=None)
    summary = (f"{len(days)} day{'s' if len(days) != 1 else ''} from {days[0].date} to {days[-1].date}; "
               f"the busiest, {busiest.date}, had {busiest.new:,} new statements and {busiest.reprints:,} earlier ones "
               "printed again.") if days else "No statements yet."
    chart = columns("chart-spread", "Spread over time", summary, data,
                    (("bar", "new statements"), ("bar-2", "earlier statements printed again")), "day")
    # the table names each day in full
    table = tuple((d.date, *row[1:]) for d, row in zip(days, chart.table))
    return replace(chart, table=table)


def _short_day(day: str, count: int) -> str:
    """A day's label on an axis: "06-19" within a year's span, else the whole date."""
    return day[5:] if count <= 366 else day


# ----------------------------------------------------------------------------- timeline


@dataclass(frozen=True)
class Day:
    date: str
    articles: int  # published that day
    new: int  # statements printed for the first time that day (fragments left out)
    reprints: int  # statements first printed on an earlier day and printed again that day
    top: tuple  # the most widely carried of its new statements (QuoteRow)
    more: int  # its other new statements


@dataclass(frozen=True)
class Month:
    """A month on the timeline's first page, when the days are too many for one page."""

    month: str  # YYYY-MM
    path: str  # its own page
    days: int  # with articles
    articles: int
    new: int
    reprints: int
    top: tuple  # the most widely carried of its new statements
    more: int


def timeline_days(statements, articles, per_day: int | None = None) -> list[Day]:
    """Every day with an article or a new statement, with its ``per_day``
    most widely carried new statements (by default as many as keep the page
    light). ``statements``: no fragments, in ``list_order``."""
    per_day_articles = Counter(a.date.isoformat() for a in articles)
    new: dict[str, list] = defaultdict(list)
    reprints: Counter = Counter()  # day → statements printed again that day
    for q in statements:
        new[q.first].append(q)
        for day in q.days[1:]:
            reprints[day] = reprints.get(day, 0) + 1
    dates = sorted(set(per_day_articles) | set(new))
    if per_day is None:
        per_day = max(1, min(10, DAY_ROWS // max(1, len(dates))))  # the page stays light however many days
    days = []
    for date in dates:
        fresh = new.get(date, ())
        days.append(Day(date, per_day_articles.get(date, 0), len(fresh), reprints.get(date, 0), tuple(fresh[:per_day]),
                        max(0, len(fresh) - per_day)))
    return days


# ----------------------------------------------------------------------------- comparison


@dataclass(frozen=True)
class CompareRow:
    quote: object  # QuoteRow
    cells: tuple[str, ...]  # per outlet compared: "same", "different" or "" (left out)


@dataclass(frozen=True)
class CompareTally:
    outlet: object  # OutletSummary
    printed: int
    different: int
    only: int  # statements no other outlet compared printed


def comparison(ranked, carried: dict, statements) -> tuple[tuple, tuple, tuple, int]:
    """The comparison the page shows before the reader picks: the three
    outlets that carried most statements (``ranked``: OutletSummary, most
    first), side by side. ``carried``: outlet id → its statements;
    ``statements``: all, in ``list_order``. Returns (the outlets, each one's
    tally, the rows, how many rows in all)."""
    chosen = tuple(ranked[:3])
    if len(chosen) < 2:
        return chosen, (), (), 0
    ids = [o.outlet.id for o in chosen]
    union = {id(q) for oid in ids for q in carried.get(oid, ())}
    rows, tallies = [], {oid: [0, 0, 0] for oid in ids}
    for q in statements:
        if id(q) not in union:
            continue
        exact = exact_by_outlet(q)
        cells = tuple(("same" if exact[oid] else "different") if oid in exact else "" for oid in ids)
        printed = sum(1 for c in cells if c)
        for oid, cell in zip(ids, cells):
            if cell:
                tallies[oid][0] += 1
                tallies[oid][1] += cell == "different"
                tallies[oid][2] += printed == 1
        rows.append((-printed, CompareRow(q, cells)))
    rows.sort(key=_FIRST)  # (stable: in list order within each)
    return (chosen, tuple(CompareTally(o, *tallies[o.outlet.id]) for o in chosen),
            tuple(row for _, row in rows[:COMPARE_ROWS]), len(rows))


# ----------------------------------------------------------------------------- the pages


@dataclass(frozen=True)
class Facts:
    """The numbers the home page and the browser lead with."""

    articles: int
    outlets: int
    statements: int  # not counting fragments
    fragments: int
    speakers: int  # tracked
    first: str  # the earliest article's date
    last: str

    @property
    def summary(self) -> str:
        days = self.first if self.first == self.last else f"{self.first} to {self.last}"
        return (f"{self.articles:,} article{'s' if self.articles != 1 else ''} from {self.outlets:,} "
                f"outlet{'s' if self.outlets != 1 else ''}, {days}: {self.statements:,} "
                f"statement{'s' if self.statements != 1 else ''} by the speakers they quote, each linked to every "
                "outlet that printed it.")


_BY_DATE = operator.attrgetter("date")


def _deferred(kept: dict, made: dict, path: str, template: str, make, args: tuple):
    """A DeferredPage for ``make(*args)``; last build's very object (``kept``:
    path → page) when made by the same function of equal arguments, so that
    the render stage knows it unchanged at once (``serve``)."""
    from .sitemodel import DeferredPage

    old = kept.get(path)
    page = old if old is not None and old.make is make and old.args == args else DeferredPage(path, template, False, make, args, lists=True)
    made[path] = page
    return page


def overview_pages(config, nav, content, rows, sections, outlets, refs, reuse: dict, families=()) -> list:
    """Every page that gives an overview, and the browser's index.
    ``rows``: every statement's QuoteRow; ``sections``: SpeakerSection per
    speaker (tracked first); ``outlets``: OutletSummary per outlet; ``refs``:
    slug → ArticleRef in reading order; ``reuse``: what a long-running
    process keeps between builds (sitemodel.build_site_model); ``families``:
    the copy families (sitemodel.FamilyView), in their order."""
    from .sitemodel import Page, PageMeta, absolute, make_page

    kept, made = reuse.get("overview", {}), {}
    # one sort: every list below is a part of this one, in its order
    ordered = sorted(rows, key=list_order)
    statements = ordered[:sum(1 for q in ordered if not q.fragment)]
    carried: dict[str, list] = defaultdict(list)  # outlet id → its statements, then its fragments
    for q in statements:
        for o in q.outlets:
            carried[o.id].append(q)
    counted = Counter({oid: len(quotes) for oid, quotes in carried.items()})  # outlet id → statements (not fragments)
    reworded = Counter(oid for q in statements for oid in q.variant_outlets)
    exact_counts = Counter({oid: n - reworded[oid] for oid, n in counted.items()})  # ... in the canonical wording
    for q in ordered[len(statements):]:
        for o in q.outlets:
            carried[o.id].append(q)
    by_family: dict[str, list] = defaultdict(list)  # family id → the statements, then fragments, its articles printed
    if families:
        for q in ordered:
            for fid in {o.article.family for o in q.occurrences}:
                if fid is not None:
                    by_family[fid].append(q)

    articles = list(refs.values())
    tracked = [s for s in sections if s.speaker.tracked]
    unattributed = next((s for s in sections if not s.speaker.path), None)
    counts = speaker_counts(sections, HOME_STATEMENTS)
    facts = Facts(len(articles), len(outlets), len(statements), len(ordered) - len(statements), len(tracked),
                  articles[0].date if articles else "", articles[-1].date if articles else "")
    meta = PageMeta(description=config.description or facts.summary, url=absolute(config, ""))
    total_outlets = len(outlets)
    by_articles = sorted(outlets, key=lambda o: (-len(o.articles), o.outlet.name.casefold(), o.outlet.id))
    by_statements = sorted(outlets, key=lambda o: (-counted[o.outlet.id], o.outlet.name.casefold(), o.outlet.id))

    pages = [
        make_page("index.html", "index.html", config, nav, config.title, every_build=True, meta=meta, facts=facts,
                  tracked=[c for c in counts if c.speaker.tracked], total_outlets=total_outlets,
                  top_outlets=by_articles[:HOME_OUTLETS], latest=articles[::-1][:HOME_ARTICLES],
                  reach_chart=reach_chart(statements)),
        make_page("outlets/index.html", "outlets.html", config, nav, "Outlets", outlets=by_articles,
                  carried={oid: n for oid, n in counted.items()},
                  chart=outlet_chart(by_statements, counted, exact_counts)),
        make_page("speakers/index.html", "speakers.html", config, nav, "Speakers",
                  speakers=[c for c in counts if c.speaker.path]),
    ]

    # the browser: its first screen, and its index
    all_days = tuple(sorted({q.first for q in rows}))
    family_shards, of_family = family_shards_of(families, by_family)
    pages.append(make_page(BROWSER_PATH, "quotes.html", config, nav, "Statements", every_build=True, facts=facts,
                           rows=tuple(statements[:FIRST_SCREEN]), total_outlets=total_outlets, speakers=counts,
                           outlets=by_name(outlets), days=all_days, tracked=[c for c in counts if c.speaker.tracked],
                           others=[c for c in counts if not c.speaker.tracked and c.speaker.path],
                           unattributed=next((c for c in counts if not c.speaker.path), None),
                           families=family_choices(families, of_family), index=DATA + "index.json"))
    shards, of_speaker = shards_of(sections)
    speaker_ids = tuple(c.speaker.id for c in counts)
    outlet_ids = tuple(o.outlet.id for o in outlets)
    outlet_shards, of_outlet = outlet_shards_of(outlets, carried)
    for name, quotes in [*shards.items(), *outlet_shards.items(), *family_shards.items()]:
        pages.append(_deferred(kept, made, DATA + f"{name}.json", "_raw.txt", browser_shard,
                               (tuple(quotes), speaker_ids, outlet_ids, all_days)))
    reuse["overview"] = made
    pages.append(Page(DATA + "index.json", "_raw.txt",
                      {"text": browser_index(counts, shards, of_speaker, outlets, all_days, facts.statements,
                                             facts.fragments, outlet_shards, of_outlet, families, family_shards,
                                             of_family)}, every_build=True))

    if unattributed is not None:
        pages += list_pages(config, nav, UNATTRIBUTED_PATH, "quotes.list.html", "Unattributed statements",
                            unattributed.quotes, total_outlets, speaker=unattributed.speaker)

    # every article, page by page
    for path, chunk, page_pager in pages_of(ARTICLES_PATH, articles, ARTICLES_PAGE):
        dated = []
        for article in chunk:
            if not dated or dated[-1][0] != article.date:
                dated.append((article.date, []))
            dated[-1][1].append(article)
        number = f" (page {page_pager.number})" if page_pager and page_pager.number > 1 else ""
        pages.append(make_page(path, "articles.html", config, nav, "Articles" + number,
                               dated=tuple((d, tuple(a)) for d, a in dated), pager=page_pager, count=len(articles)))

    # each outlet's page(s): its articles, and the statements it carried
    for summary in outlets:
        oid = summary.outlet.id
        for path, chunk, page_pager in pages_of(summary.path, carried.get(oid, ()), LIST_PAGE):
            pages.append(make_page(path, "outlet.html", config, nav, summary.outlet.name, outlet=summary, quotes=chunk,
                                   pager=page_pager, first=page_pager is None or page_pager.number == 1,
                                   total_outlets=total_outlets, carried=counted[oid],
                                   reworded=counted[oid] - exact_counts[oid]))

    chosen, tallies, compare_rows, compare_total = comparison(by_statements, carried, statements)
    pages.append(make_page(COMPARE_PATH, "compare.html", config, nav, "Compare outlets", outlets=by_name(outlets),
                           chosen=chosen, tallies=tallies, rows=compare_rows, total=compare_total,
                           index=DATA + "index.json"))
    pages += timeline_pages(config, nav, statements, content.articles, total_outlets)
    return pages


def timeline_pages(config, nav, statements, articles, total_outlets: int) -> list:
    """The timeline: one page with every day; or, with more than
    TIMELINE_DAYS days, a first page of months and a page per month.
    ``statements``: no fragments, in ``list_order``."""
    from .sitemodel import make_page

    days = timeline_days(statements, articles)
    chart = spread_chart(days)
    if len(days) <= TIMELINE_DAYS:
        return [make_page(TIMELINE_PATH, "timeline.html", config, nav, "Timeline", days=tuple(days), months=(),
                          chart=chart, total_outlets=total_outlets, month=None, pager=None)]
    by_month: dict[str, list[Day]] = {}
    for day in days:
        by_month.setdefault(day.date[:7], []).append(day)
    month_rows: dict[str, list] = defaultdict(list)
    for q in statements:
        month_rows[q.first[:7]].append(q)
    names = list(by_month)
    months, pages = [], []
    for n, (month, month_days) in enumerate(by_month.items()):
        path = f"timeline/{month}.html"
        top = month_rows.get(month, [])[:3]
        new = sum(d.new for d in month_days)
        months.append(Month(month, path, len(month_days), sum(d.articles for d in month_days), new,
                            sum(d.reprints for d in month_days), tuple(top), new - len(top)))
        per_day = max(1, min(10, DAY_ROWS // len(month_days)))
        fresh = defaultdict(list)
        for q in month_rows.get(month, ()):
            fresh[q.first].append(q)
        detailed = [replace(d, top=tuple(fresh[d.date][:per_day]), more=max(0, d.new - per_day)) for d in month_days]
        link = Pager(n + 1, len(names), (), f"timeline/{names[n - 1]}.html" if n else None,
                     f"timeline/{names[n + 1]}.html" if n + 1 < len(names) else None)
        pages.append(make_page(path, "timeline.html", config, nav, f"Timeline: {month}", days=tuple(detailed), months=(),
                               chart=spread_chart(month_days), total_outlets=total_outlets, month=month, pager=link))
    return [make_page(TIMELINE_PATH, "timeline.html", config, nav, "Timeline", days=(), months=tuple(months),
                      chart=chart, total_outlets=total_outlets, month=None, pager=None)] + pages


def by_name(outlets) -> list:
    return sorted(outlets, key=lambda o: (o.outlet.name.casefold(), o.outlet.id))


def list_pages(config, nav, path: str, template: str, title: str, quotes, total_outlets: int, **context) -> list:
    """A long list of statements, page by page: the statements (most widely carried first), then the fragments."""
    from .sitemodel import make_page

    statements, fragments = statements_first(quotes)
    pages = []
    for page_path, chunk, page_pager in pages_of(path, statements + fragments, LIST_PAGE):
        shown, bits = statements_first(chunk)
        suffix = f" (page {page_pager.number})" if page_pager and page_pager.number > 1 else ""
        pages.append(make_page(page_path, template, config, nav, title + suffix, quotes=shown, fragments=bits,
                               pager=page_pager, statements=len(statements), fragment_count=len(fragments),
                               total_outlets=total_outlets, first=page_pager is None or page_pager.number == 1,
                               **context))
    return pages


def speaker_pages(config, nav, sections, total_outlets: int, reuse: dict) -> list:
    """Each speaker's page(s), with a tracked speaker's coverage matrix and its CSV."""
    kept, made = reuse.get("speaker_csv", {}), {}
    pages = []
    for section in sections:
        speaker = section.speaker
        if not speaker.path:
            continue
        matrix = None
        if speaker.tracked:
            csv_path = speaker.path[:-len(".html")] + ".csv"
            matrix = coverage(section, csv_path)
            pages.append(_deferred(kept, made, csv_path, "_raw.txt", coverage_csv, (section.quotes,)))
        pages += list_pages(config, nav, speaker.path, "speaker.html", speaker.name, section.quotes, total_outlets,
                            speaker=speaker, matrix=matrix)
    reuse["speaker_csv"] = made
    return pages
