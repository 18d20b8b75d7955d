"""The build: load → extract → attribute → match → site model → render → write.

Per-article work (parse, extract, attribute, Markdown) runs in worker processes
and is cached by content; matching and the site model are global; pages are
rendered by forked workers straight into the staging folder, and a page whose
fingerprint did not change since the last build is linked, not rendered.
"""
from __future__ import annotations

import concurrent.futures
import copyreg
import functools
import gc
import hashlib
import io
import itertools
import multiprocessing
import operator
import os
import pickle
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from .analyse import Analysis, analyse, analyse_article
from .attribute import Registry
from .cache import BOOKKEEPING, BuildCache, SourceScan, code_salt, digest, folder_salt, scan_sources
from .errors import ContentError, Problem
from .load import ARTICLES_DIR, Content, assemble, discover, parse_article
from .match import SpeakerIndex, match_group, normalise_tokens
from .render import Renderer, markdown_with_markers, quotation_spans, render_body, weave
from .search import index_search
from .sitemodel import KEYED, SHARED_ROWS, ArticleView, DeferredPage, SiteModel, build_site_model, with_diffs
from .text import json_record, json_records
from .config import BASE_URL_RULE, HTTP_URL
from .guard import (MARKER, back_up_foreign, build_lock, check_output_location, foreign_files, marker_bytes,
                    read_marker, refuse_foreign)
from .write import Staging, finish_interrupted_commits, interrupted_commits, link_previous, previous_files, remove_abandoned, removal, write_file

PACKAGE_DIR = Path(__file__).resolve().parent
PARALLEL_MIN = 64  # below this many items a worker pool costs more than it saves
_SECOND = operator.itemgetter(1)


def default_templates() -> Path:
    """``./templates`` when the project has one, else the templates beside the package."""
    local = Path("templates")
    if (local / "base.html").is_file():
        return local
    return PACKAGE_DIR.parent / "templates"


def default_jobs() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


@dataclass(frozen=True)
class BuildResult:
    content: Content | None  # None when nothing changed since the last build
    analysis: Analysis | None
    model: SiteModel | None
    files: int  # files written (new bytes)
    seconds: float
    timings: dict  # stage → seconds
    reused: int = 0  # files linked unchanged from the previous output
    rendered: int = 0  # pages rendered
    unchanged_summary: str = ""
    notes: tuple[str, ...] = ()  # what the build did besides the site, for the user to know

    def summary(self) -> str:
        if self.content is None:
            return f"nothing changed since the last build ({self.unchanged_summary}); checked in {self.seconds:.2f} s"
        speakers = {q.speaker for q in self.analysis.quotes if q.speaker}
        outlets = {a.outlet.id for a in self.content.articles}
        return (f"built {len(self.content.articles)} articles, {len(self.analysis.quotes)} quotes, {len(outlets)} outlets, "
                f"{len(speakers)} speakers; {self.files} files written, {self.reused} unchanged, in {self.seconds:.2f} s")


@dataclass
class BuildMemory:
    """What a process that stays up (``serve``) keeps from one build for the
    next: the cache's entries as objects, each article's matching inputs and
    each speaker's group key and matching index, the site model's rows and pages, each page's
    fingerprint and shared rows' digests, the renderer with its
    ``cached`` fragments, and each row's record in the data files. Unchanged articles and speakers (and the
    quotes of a speaker matched again that came out the same) come back as
    the very same objects, which later stages recognise at once. It also
    holds the folders its commits left to delete, and, ``watched``, what its
    watcher reported since the last build (note_changes)."""

    cached: dict = field(default_factory=dict)  # kind → {key: value} (BuildCache)
    analysis: dict = field(default_factory=dict)  # analyse's reuse: each article's matching inputs
    group_keys: dict = field(default_factory=dict)  # speaker_matcher's known keys
    speaker_indexes: dict = field(default_factory=dict)  # speaker → SpeakerIndex of its last match here
    article_keys: tuple = (b"", {})  # (salt, {(content file, digest of its bytes): its cache key})
    pages: tuple | None = None  # (salt, {path: (page, fingerprint)}) of the last build
    site_model: dict = field(default_factory=dict)  # build_site_model's reuse
    data_records: dict = field(default_factory=dict)  # data file → list → {id(row): (row, its record's bytes)}
    renderer: tuple | None = None  # (salt, the Renderer that keeps its ``cached`` fragments)
    row_digests: dict = field(default_factory=dict)  # id(row) → (row, digest): the last model's rows' and those used
    shared_rows: tuple = ()  # the last model's (SiteModel.shared_rows)
    leftovers: list = field(default_factory=list)  # (folder, its deletion: write.removal) of what commits replaced, one step at a time
    watched: bool = False  # a watcher reports every change to the content (note_changes): serve
    changes: set | None = None  # paths the watcher saw change since the last build began; None: not known
    scanned: tuple | None = None  # (content folder, its article files, their digests, the scan's memo) of the last build
    unverified: bool = False  # the last build took the watcher's word for the files it did not report

    @property
    def filled(self) -> bool:
        return any(entries for kind, entries in self.cached.items() if kind not in BOOKKEEPING)

    def note_changes(self, paths) -> None:
        """What the watcher of a ``watched`` memory (serve) saw change since
        the last build began: files and folders, or None when not known. The
        next build then looks at those files only; until a build succeeds,
        what the watcher reported since the last one that did is kept."""
        if paths is None or self.changes is None:
            self.changes = None
        else:
            self.changes.update(map(os.fspath, paths))

    def delete_leftovers(self) -> None:
        """Delete at once what commits left for the idle steps (serve, as it stops)."""
        for _, steps in self.leftovers:
            for _ in steps:
                pass
        self.leftovers.clear()

    def scanned_now(self, content_dir, scan: SourceScan, trusted: bool) -> None:
        """A build succeeded with ``scan``; ``trusted``: it took the watcher's word."""
        self.changes = set() if self.watched else None  # the watcher's reports count from here
        self.scanned = (os.fspath(content_dir), scan.files, tuple(scan.digests), scan.memo)
        self.unverified = trusted


@dataclass(frozen=True)
class ArticleWork:
    """Everything the per-article stages produce for one content file."""

    article: object  # Article or None
    problems: tuple[Problem, ...]
    quotations: tuple = ()
    attribution: object = None
    body_html: str | None = None
    tokens: tuple = ()  # normalised words of each quotation, for matching


# ----------------------------------------------------------------------------- per-article work


def article_keys_of(salt: bytes, files, digests: list[str], memory: BuildMemory | None) -> list[str]:
    """Each content file's cache key: its path and bytes, with the code and the
    speakers in ``salt``. ``memory`` keeps last build's, keyed by path and digest."""
    kept = memory.article_keys if memory is not None and memory.article_keys[0] == salt else (salt, {})
    made = {}
    for (rel, _), d in zip(files, digests):
        made[rel, d] = kept[1].get((rel, d)) or digest(salt, rel.encode(), d.encode())
    if memory is not None:
        memory.article_keys = (salt, made)
    return list(made.values())

_REGISTRY: Registry | None = None  # set before worker processes fork


@functools.lru_cache(maxsize=65536)
def _words_of(quotation_text: str) -> tuple[str, ...]:
    """A quotation's normalised words, for matching. Memoised in each worker:
    many outlets print the same words."""
    return tuple(normalise_tokens(quotation_text))


def _article_work(item: tuple[str, bytes, str]) -> ArticleWork:
    rel, raw, stem = item
    problems: list[Problem] = []
    article = parse_article(raw, rel, stem, problems)
    if article is None:
        work = ArticleWork(None, tuple(problems))
    else:
        quotations, attribution = analyse_article(article, _REGISTRY)
        html = markdown_with_markers(article.body, quotation_spans(article.body, quotations))
        tokens = tuple(_words_of(q.text) for q in quotations)
        work = ArticleWork(article, tuple(problems), quotations, attribution, html, tokens)
    return work


_POOL_WORK: tuple = ()  # (function, items) of the running pool, set before its workers fork


def _imap(function, items: list, jobs: int, chunksize: int = 16, min_items: int = PARALLEL_MIN, done=None,
          meanwhile=None):
    """``function`` over ``items``, results yielded in order as they arrive (the
    caller works on them while the workers go on), in forked worker processes
    when worth it; ``done(n, total)`` hears as results arrive. ``meanwhile()``
    runs in this process once the workers have started (first, without them)."""
    if jobs <= 1 or len(items) < min_items:
        if meanwhile is not None:
            meanwhile()
        for n, item in enumerate(items, 1):
            yield function(item)
            if done is not None:
                done(n, len(items))
        return
    # Forked workers share the parent's objects copy-on-write; frozen, the
    # garbage collector leaves them alone instead of touching (copying) them all.
    # They inherit the function and the items too: only item numbers travel.
    global _POOL_WORK
    gc.freeze()
    _POOL_WORK = (function, items)
    try:
        with multiprocessing.get_context("fork").Pool(min(jobs, len(items))) as pool:
            results = pool.imap(_run_inherited, range(len(items)), chunksize=chunksize)
            if meanwhile is not None:
                meanwhile()
            for n, result in enumerate(results, 1):
                yield result
                if done is not None:
                    done(n, len(items))
    finally:
        _POOL_WORK = ()
        gc.unfreeze()


def _run_inherited(n: int):
    function, items = _POOL_WORK
    return function(items[n])


def _pickled_result(function, item) -> bytes:
    """In a worker: ``function(item)`` pickled once — for the way back and for the cache."""
    return pickle.dumps(function(item), protocol=pickle.HIGHEST_PROTOCOL)


def process_articles(sources, cache: BuildCache, jobs: int, scan: SourceScan, keys: list[str], progress=None) -> list[ArticleWork]:
    """Each file's work, from the cache or made now (``scan`` has the bytes)."""
    global _REGISTRY
    _REGISTRY = Registry(sources.speakers)
    cached = cache.get_many("article", keys)
    works: list[ArticleWork | None] = [cached.get(key) for key in keys]
    raws = {n: scan.raw(n) for n, work in enumerate(works) if not isinstance(work, ArticleWork)}
    for n, raw in raws.items():
        if isinstance(raw, OSError):
            works[n] = ArticleWork(None, (Problem(sources.files[n][0], f"cannot be read: {raw.strerror}"),))
    missing = [n for n, work in enumerate(works) if not isinstance(work, ArticleWork)]
    items = [(sources.files[n][0], raws[n], Path(sources.files[n][1]).stem) for n in missing]
    fresh = {}
    try:
        done = (lambda n, total: progress("reading articles", n, total)) if progress else None
        # the results first in zip: it then asks for one past the last, and the pool can finish
        for data, n in zip(_imap(functools.partial(_pickled_result, _article_work), items, jobs, done=done), missing):
            works[n] = pickle.loads(data)
            fresh[keys[n]] = data
    finally:
        _REGISTRY = None
    cache.put_many("article", fresh, {keys[n]: works[n] for n in missing})
    return works


def speaker_matcher(cache: BuildCache, salt: bytes, jobs: int, known_keys: dict | None = None,
                    indexes: dict | None = None):
    """``map_groups`` for matching: each speaker's group is looked up in the
    cache by its content, and the missing ones are matched in worker processes,
    largest first so two workers finish together. ``known_keys`` (speaker →
    (salt, group, key, its items' lines), kept between builds by ``serve``): a group equal
    to last build's has the same key, and comparing is cheaper than hashing;
    and a group matched again gives back last build's very objects for the
    quotes that came out the same, so later stages recognise them at once.
    ``indexes`` (speaker → SpeakerIndex, kept by ``serve``): a speaker matched
    here before is matched again here, by updating its index, when at most
    MATCH_HERE_MAX groups changed; so is a lone missing group (an edit),
    whose index is then kept."""
    used: set[str] = set()
    known = known_keys if known_keys is not None else {}

    def key_of(group) -> str:
        speaker = group.items[0].speaker
        hit = known.get(speaker)
        last = hit if hit is not None and hit[0] == salt else None
        if last is not None and last[1].items == group.items:
            key, lines = last[2], last[3]
        else:
            lines = item_lines(group, last)
            key = digest(salt, "\n".join(lines).encode())
        known[speaker] = (salt, group, key, lines)
        return key

    def item_lines(group, last) -> list[str]:
        # A quotation's words are a function of its text (and the code, in the
        # salt): its fields name it, and repr is far cheaper than pickling the
        # words. An item of last build's group (alive: ``known`` holds it) keeps its line.
        kept = {id(i): line for i, line in zip(last[1].items, last[3])} if last is not None else {}
        return [kept.get(id(i)) or repr((i.article, i.outlet, i.anchor, i.quotation_index, i.speaker, i.text, i.fragment))
                for i in group.items]

    def map_groups(function, groups):
        groups = list(groups)
        before = {speaker: hit[2] for speaker, hit in known.items()}  # last build's keys
        keys = [key_of(g) for g in groups]
        for speaker in set(known) - {g.items[0].speaker for g in groups}:
            del known[speaker]  # no quotations any more
            if indexes is not None:
                indexes.pop(speaker, None)
        used.update(keys)
        cached = cache.get_many("match", keys)
        results = [cached.get(key) for key in keys]
        missing = sorted((n for n, r in enumerate(results) if not isinstance(r, tuple)),
                         key=lambda n: (-len(groups[n].items), n))
        # an edit changes a few speakers' groups: matched here, by their indexes; a
        # change to many (the speakers' file) goes to the workers (an index left
        # behind is still right: it is brought to whatever group it is given)
        few = len(missing) <= MATCH_HERE_MAX
        here = {n for n in missing
                if indexes is not None and few and (groups[n].items[0].speaker in indexes or len(missing) == 1)}
        elsewhere = [n for n in missing if n not in here]
        work_items = sum(len(groups[n].items) for n in elsewhere)
        pool_jobs = jobs if work_items >= 50 * PARALLEL_MIN else 1
        fresh = {}
        matched = _imap(functools.partial(_pickled_result, function), [groups[n] for n in elsewhere], pool_jobs,
                        chunksize=1, min_items=2)
        for data, n in itertools.chain(zip(matched, elsewhere), ((None, n) for n in sorted(here))):
            speaker = groups[n].items[0].speaker
            last = cache.held("match", before.get(speaker))
            if data is None:  # matched here
                index = indexes.pop(speaker, None) or SpeakerIndex()  # not kept if matching fails halfway
                results[n] = match_by_index(function, groups[n], index, last)
                indexes[speaker] = index
                data = pickle.dumps(results[n], protocol=pickle.HIGHEST_PROTOCOL)
            else:
                quotes, pairs = pickle.loads(data)
                results[n] = (same_as_before(quotes, last[0]) if last is not None else quotes, pairs)
            fresh[keys[n]] = data
        cache.put_many("match", fresh, {keys[n]: results[n] for n in missing})
        return results

    map_groups.used = used
    return map_groups


INDEX_AHEAD_MIN = 200  # quotations of a speaker worth indexing before an edit needs it
MATCH_HERE_MAX = 8  # changed speakers' groups matched in this process by their indexes, at most


DIGESTS_PER_STEP = 2000  # shared rows digested in one idle step (about 0.05 s)


def watched_files(content_dir: Path, reported: set | None, scanned: tuple | None) -> tuple[tuple | None, set[str] | None]:
    """What a watcher's report (``reported``: the paths it saw change since
    the last build began) says of the article files, against the last
    build's ``scanned`` files (BuildMemory.scanned): that build's listing,
    when no article file came or went, and the article files that changed
    (relative paths; the others are as that build saw them). (None, None):
    nothing is known, look at every file. Settings, speakers and templates
    are read by every build anyway."""
    root = os.fspath(content_dir)
    if reported is None or scanned is None or scanned[0] != root:
        return None, None
    articles = os.path.realpath(os.path.join(root, ARTICLES_DIR))
    listed = {rel for rel, _ in scanned[1]}
    changed, relist = set(), False
    for path in reported:
        # the folder resolved, not a linked file: the link is what is listed (a
        # change to its target is not reported, but prepare_next finds it)
        real = os.path.join(os.path.realpath(os.path.dirname(path)), os.path.basename(path))
        if articles == real or articles.startswith(real.rstrip(os.sep) + os.sep):
            return None, None  # the articles folder itself (or one it is in) came, went or moved
        if not real.startswith(articles + os.sep):
            continue
        rel = ARTICLES_DIR + "/" + os.path.relpath(real, articles).replace(os.sep, "/")
        changed.add(rel)
        relist = relist or rel not in listed or not os.path.isfile(real)  # came, went, or a folder
    return (None if relist else scanned[1]), changed


def scan_still_holds(scanned: tuple) -> bool:
    """Whether the article files are still as the last build saw them
    (``scanned``: BuildMemory.scanned), by listing and looking at each."""
    content_dir, files, digests, memo = scanned
    now = discover(Path(content_dir)).files
    return now == files and tuple(scan_sources(content_dir, files, memo).digests) == digests


STALE = "stale"  # prepare_next: the last build missed a change (the watcher did not report it)


def prepare_next(memory: BuildMemory) -> bool | str:
    """One step of the work ``serve`` does while it waits for an edit, so that
    the edit's rebuild does not: first deleting the files the last commits
    replaced (see Staging.commit), then the matching index of each speaker of
    at least INDEX_AHEAD_MIN quotations (largest first), so that matching it
    again is an update; then the templates, and the digests of the shared
    rows that have none (the pages an edit changes show thousands): a first
    build rendered and hashed most pages in its workers. Returns whether
    steps remain, or STALE.

    Before all that, when the last build took the watcher's word for which
    files changed, the files are checked against what it saw: a change the
    watcher missed returns STALE, and the next build looks at every file."""
    if memory.unverified:
        memory.unverified = False
        if not scan_still_holds(memory.scanned):
            memory.changes = None
            return STALE
        return True
    if memory.leftovers:
        if next(memory.leftovers[0][1], StopIteration) is StopIteration:
            memory.leftovers.pop(0)
        return True
    todo = sorted(((len(group.items), n, speaker) for n, (speaker, (_, group, *_)) in enumerate(memory.group_keys.items())
                   if speaker not in memory.speaker_indexes and len(group.items) >= INDEX_AHEAD_MIN), reverse=True)
    if todo:
        speaker = todo[0][2]
        _, group, key, _ = memory.group_keys[speaker]
        index = SpeakerIndex()  # its quotes too: the first update gives them back, as last build's objects
        match_by_index(match_group, group, index, memory.cached.get("match", {}).get(key))
        memory.speaker_indexes[speaker] = index
        return True
    if memory.renderer is not None and memory.pages is not None:  # templates the workers used
        if memory.renderer[1].load(sorted({page.template for page, _ in memory.pages[1].values()})):
            return True
    missing = [row for row in memory.shared_rows if id(row) not in memory.row_digests]  # (an entry holds its row)
    keep_row_digests(memory.row_digests)
    try:
        for row in missing[:DIGESTS_PER_STEP]:
            row_digest(row)
    finally:
        memory.row_digests.update(forget_row_digests())
    return len(missing) > DIGESTS_PER_STEP


def match_by_index(match, group, index: SpeakerIndex, last: tuple | None) -> tuple[list, int]:
    """``match(group, index)``, its quotes equal to those of ``last`` (last
    build's result for the speaker, if any) being those very objects, which
    the index then gives back for the same items next time too."""
    quotes, pairs = match(group, index)
    if last is not None:
        quotes = same_as_before(quotes, last[0])
        index.keep(quotes)
    return quotes, pairs


def same_as_before(quotes: list, before: list) -> list:
    """``quotes``, each one equal to a quote of ``before`` (same id) replaced by that very object."""
    by_id = {quote.id: quote for quote in before}
    return [old if (old := by_id.get(quote.id)) is not None and old == quote else quote for quote in quotes]


# ----------------------------------------------------------------------------- rendering

_RENDER: dict = {}  # set before worker processes fork


def _page_bytes(renderer: Renderer, page) -> bytes:
    context = dict(page.context)
    if page.template == "quote.html":
        context["quote"] = with_diffs(context["quote"])
    view = context.get("view")
    if isinstance(view, ArticleView):
        marks = sorted(view.marks, key=lambda m: m.start)
        context["body_html"] = weave(view.body_html, marks) if view.body_html is not None else render_body(view.article.body, marks)
    return renderer.render(page.template, context, page.path).encode("utf-8")


def _render_task(task: tuple) -> tuple[list[str], list[str], dict]:
    """A slice of the pages (their numbers): fingerprint each, keep it when
    unchanged, else render and write it. Returns (paths written, paths kept,
    fingerprints)."""
    state = _RENDER
    fresh, kept, prints = [], [], {}
    previous_prints, previous_site, root, link = state["prints"], state["previous"], state["root"], state["link"]
    renderer, pages, same, listed = state["renderer"], state["pages"], state["same"], state["listed"]
    for n in task:
        page = pages[n]
        path = page.path
        fp = same.get(path)
        if fp is None:
            fp = fingerprint(page, state["salt"], state["shared"])
        prints[path] = fp
        # unchanged and still there: kept (most pages of a rebuild: link_previous inlined)
        if (previous_prints.get(path) == fp and path in listed
                and (not link or link_previous(root, path, previous_site, link, listed))):
            kept.append(path)
            continue
        written = write_file(root, path, _page_bytes(renderer, page), previous_site, link)
        (fresh if written else kept).append(path)
    return fresh, kept, prints


RENDER_SLICE = 250  # pages per task: small enough that the workers finish together


FINGERPRINT_PROTOCOL = 5  # of every pickle a fingerprint hashes (a keyed value without a key is reduced for it too)
SHARED_CONTEXT = ("site", "nav")  # the same objects on (nearly) every page


def shared_context(pages) -> tuple[dict, bytes]:
    """The values most pages share, and their bytes: hashed once into the
    salt instead of pickled again for each page (~40 % of fingerprinting)."""
    shared = {key: pages[0].context[key] for key in SHARED_CONTEXT if pages and key in pages[0].context}
    return shared, pickle.dumps(shared, protocol=FINGERPRINT_PROTOCOL)


def fingerprint(page, salt: bytes, shared: dict | None = None) -> str:
    """A hash of everything the page shows; a shared value stands in by name
    only when it is the very object the salt was made from. A deferred page's
    context is a function of its inputs (and the code, in the salt): those are
    hashed instead, so an unchanged page's context is never made at all."""
    shared = shared or {}
    if isinstance(page, DeferredPage):
        by_id = {id(value): key for key, value in shared.items()}
        inputs = tuple(("(shared)", by_id[id(a)]) if id(a) in by_id and a is shared[by_id[id(a)]] else a
                       for a in page.args)
        what = _context_bytes((page.make.__module__, page.make.__qualname__, inputs))
    else:
        own = {key: value for key, value in page.context.items() if not (key in shared and value is shared[key])}
        own["(shared)"] = tuple(key for key in page.context if key not in own)
        what = _context_bytes(own)
    return hashlib.blake2b(salt + page.template.encode() + what, digest_size=16).hexdigest()


def fingerprint_inputs(page) -> tuple:
    """What a page's fingerprint is a function of (with the salt): a process
    that keeps its last build's pages (``serve``) compares them, which is far
    cheaper than hashing them, and hashes only the pages that changed. (A
    deferred page's inputs are its function and arguments, not its context.)"""
    if isinstance(page, DeferredPage):
        return page.template, page.make, page.args
    return page.template, page.context


def _digested(digest: bytes):  # named in fingerprints only; never unpickled
    raise TypeError("a fingerprint is not meant to be unpickled")


def _by_digest(row):
    return _digested, (row_digest(row),)


def _by_key(value):
    if value.key is None:
        return value.__reduce_ex__(FINGERPRINT_PROTOCOL)
    return _digested, (value.key.encode(),)


class _ContextPickler(pickle.Pickler):
    """Pickles a page's context for its fingerprint. A row that many pages show
    (``SHARED_ROWS``: the cross-reference repeats every quote, and so do the
    speaker pages, the quote pages, the index) stands in by its digest, made
    once per process, instead of being pickled again on every page; and a
    value named by a content key (``KEYED``: an article's parse) by its key.
    A dispatch table, not ``reducer_override``: the pickler looks a type up
    in it without calling Python, where the override was called for every
    object in the context."""

    dispatch_table = {**copyreg.dispatch_table, **dict.fromkeys(SHARED_ROWS, _by_digest),
                      **dict.fromkeys(KEYED, _by_key)}


def _context_bytes(value) -> bytes:
    buffer = io.BytesIO()
    _ContextPickler(buffer, protocol=FINGERPRINT_PROTOCOL).dump(value)
    return buffer.getvalue()


_ROW_DIGESTS: dict[int, tuple[object, bytes]] = {}  # id → (the row, kept alive so the id is not reused; digest)
_KEPT_DIGESTS: dict[int, tuple[object, bytes]] = {}  # last build's, when kept (serve): taken for the very same rows


def row_digest(row) -> bytes:
    """A digest of a shared row's type and fields (rows inside it by their own
    digests): a function of the value, whichever page or process meets it first."""
    hit = _ROW_DIGESTS.get(id(row))
    if hit is not None and hit[0] is row:
        return hit[1]
    hit = _KEPT_DIGESTS.get(id(row))
    if hit is None or hit[0] is not row:
        hit = (row, hashlib.blake2b(_context_bytes((type(row).__qualname__, vars(row))), digest_size=16).digest())
    _ROW_DIGESTS[id(row)] = hit
    return hit[1]


def keep_row_digests(kept: dict) -> None:
    """Before a build's pages: the digests of last build's rows, for those that come again."""
    _KEPT_DIGESTS.update(kept)


def forget_row_digests() -> dict:
    """After a build's pages: the rows may be freed, and their ids reused.
    Returns the digests this build used, for the next to keep."""
    used = dict(_ROW_DIGESTS)
    _ROW_DIGESTS.clear()
    _KEPT_DIGESTS.clear()
    return used


def render_pages(model: SiteModel, templates: Path, staging: Staging, previous: dict, salt: bytes, jobs: int,
                 progress=None, memory: BuildMemory | None = None) -> dict:
    """Render the pages whose fingerprint changed, keep the others, write the
    data files. Returns the new fingerprints. ``memory`` keeps each page
    with its fingerprint for the next build, the renderer with its ``cached``
    fragments and the data files' records. The pages that show the whole
    site and the data files are made in this process while the workers
    render the rest: what they make to be kept stays here, and this process
    reads the rows it holds without copying them (a forked worker's first
    touch copies each page of memory). With few pages to hash, there are no
    workers."""
    shared, shared_bytes = shared_context(model.pages)
    salt = salt + shared_bytes
    kept = memory.pages if memory is not None else None
    known = kept[1] if kept is not None and kept[0] == salt else {}
    # a page that is last build's very object (frozen inputs), or of equal
    # inputs, has last build's fingerprint, with no hashing
    same = {}
    for page in model.pages if known else ():
        old = known.get(page.path)
        if old is not None and (old[0] is page or fingerprint_inputs(old[0]) == fingerprint_inputs(page)):
            same[page.path] = old[1]
    # workers pay for themselves when there are pages to hash (and render):
    # forking, and the copying of each memory page either side touches, cost
    # more than comparing the inputs of every page of a rebuild after one edit
    jobs = jobs if len(model.pages) - len(same) >= PARALLEL_MIN else 1
    kept_records = memory.data_records if memory is not None else {}
    kept_renderer = memory.renderer if memory is not None else None
    renderer = (kept_renderer[1] if kept_renderer is not None and kept_renderer[0] == salt
                else Renderer(templates, keep_fragments=memory is not None))
    _RENDER.update(pages=model.pages, prints=previous, salt=salt, shared=shared, same=same, renderer=renderer,
                   root=staging.root, previous=staging.previous, link=staging.link, listed=staging.listed)
    keep_row_digests(memory.row_digests if memory is not None else {})
    # an unchanged page still in the output stays as it is (most pages of a
    # rebuild): no task looks at it (with a complete staging folder, a task links it)
    settled = ({path: fp for path, fp in same.items() if previous.get(path) == fp and path in staging.listed}
               if same and not staging.link else {})
    tasks = render_tasks(model, settled)
    pages_done = list(itertools.accumulate(len(t) for t in tasks))
    written_here, records = [], {}
    # these files are large (46 MB at 10,000 articles): a thread writes them
    # (Python lets go of the lock while the bytes go to the file) while this
    # process goes on. Its thread starts with the first write, in
    # whole_site_and_data, once the workers are forked: they must not inherit it
    writer = concurrent.futures.ThreadPoolExecutor(1)

    def here(path: str, data: bytes):
        written_here.append((path, writer.submit(write_file, staging.root, path, data, staging.previous, staging.link)))

    def whole_site_and_data():
        for page in model.pages:
            if page.every_build:
                here(page.path, _page_bytes(renderer, page))
        for path, data in model.data_files.items():
            content, records[path] = data_file(path, data, kept_records.get(path, {}))
            here(path, content)
        here(".nojekyll", b"")  # GitHub Pages: publish the folder as it is

    try:
        results = list(_imap(_render_task, tasks, jobs, chunksize=1, min_items=2, meanwhile=whole_site_and_data,
                             done=(lambda n, _: progress("rendering pages", pages_done[n - 1], pages_done[-1])) if progress else None))
    finally:
        writer.shutdown()  # waits for the writes: none may land in a staging folder that is thrown away
        _RENDER.clear()
        digests = forget_row_digests()
        renderer.end_build()
    if memory is not None:
        # the rows of this model keep their digests, used this time or not: the
        # next edit's pages may show any of them (a kept entry holds its row,
        # so an id found there is that very row)
        ids = list(map(id, model.shared_rows))
        carried = dict(filter(_SECOND, zip(ids, map(memory.row_digests.get, ids))))
        carried.update(digests)
        memory.renderer, memory.row_digests, memory.shared_rows = (salt, renderer), carried, model.shared_rows
    for path, written in written_here:
        staging.record(path, written.result())
    staging.record_all(settled, False)
    prints = dict(settled)
    for fresh, linked, share_prints in results:
        staging.record_all(fresh, True)
        staging.record_all(linked, False)
        prints.update(share_prints)
    if memory is not None:
        memory.data_records = records
        memory.pages = (salt, {page.path: (page, prints[page.path]) for page in model.pages if not page.every_build})
    return prints


def render_tasks(model: SiteModel, settled=()) -> list[tuple]:
    """The pages for the render workers, in slices (tuples of page numbers):
    all but those that show the whole site, which ``render_pages`` renders
    itself, and those ``settled`` (paths) already."""
    rest = [n for n, page in enumerate(model.pages) if not page.every_build and page.path not in settled]
    return [tuple(rest[n:n + RENDER_SLICE]) for n in range(0, len(rest), RENDER_SLICE)]


def data_file(path: str, data, kept: dict) -> tuple[list[bytes], dict]:
    """A data file's bytes (in pieces), and each list's records ({list: {id(row): (row,
    the record's bytes)}}) for the next build; ``kept`` holds last build's,
    and a record made from the very same row is not made again."""
    frame, shared = data.frame(*data.args)
    is_csv = path.endswith(".csv")
    encode = str if is_csv else json_record  # a CSV file's header and records come as text
    written, records = {}, {}
    for rows in data.lists:
        # looked up by the rows' ids without a Python step per row: a kept
        # entry holds its row, so an id found is that very row's
        ids = list(map(id, rows.rows))
        hits = list(map(kept.get(rows.name, {}).get, ids))
        for n in [n for n, hit in enumerate(hits) if hit is None]:
            hits[n] = (rows.rows[n], encode(rows.record(n, shared, *data.args)).encode("utf-8"))
        written[rows.name], records[rows.name] = list(map(_SECOND, hits)), dict(zip(ids, hits))
    if is_csv:
        # UTF-8 with a BOM (spreadsheets then read it as UTF-8); cells come
        # spreadsheet-safe (text.spreadsheet_text)
        return ["\ufeff".encode("utf-8"), encode(frame).encode("utf-8"), *itertools.chain(*written.values())], records
    return json_records(frame, written) + [b"\n"], records


# ----------------------------------------------------------------------------- the build


def output_files(output_dir: Path, cache_dir: Path | None, manifest: dict | None = None) -> tuple[set[str], list[str]]:
    """The output's files, and those of them no build wrote (by the output's
    marker, or for a site built before markers, the cache's ``manifest``)."""
    output_dir = Path(output_dir)
    if not output_dir.is_dir():
        return set(), []
    listing = previous_files(output_dir)
    wrote = read_marker(output_dir)
    if wrote is None:
        manifest = manifest if manifest is not None else BuildCache(cache_dir).manifest(output_dir)
        wrote = manifest.get("files") if isinstance(manifest.get("files"), set) else set()
    return listing, foreign_files(listing, wrote)


def build(content_dir: Path, output_dir: Path, *, base_url: str | None = None, templates_dir: Path | None = None,
          search: bool = True, progress=None, cache_dir: Path | None = None, ignore_cache: bool = False,
          jobs: int | None = None, memory: BuildMemory | None = None, force: bool = False,
          announce=None) -> BuildResult:
    """Run every stage; ``progress(stage, done, total)`` hears about long ones.
    With ``cache_dir``, unchanged articles and pages are reused from the last
    build (``ignore_cache`` forces a cold build, and refreshes the cache).
    ``memory``, which a process that stays up (``serve``) passes to each of
    its builds, carries what one build made over to the next; a build given
    an empty one runs in full even when nothing changed, to fill it.

    Before anything is touched, the output folder is checked (guard.py): it
    must not overlap the content, templates or cache folder, and may hold only
    files a build wrote (``force`` moves any others aside into a backup). One
    build at a time writes an output or a cache (``announce`` hears if this one waits)."""
    templates_dir = Path(templates_dir or default_templates())
    check_output_location(output_dir, content=content_dir, templates=templates_dir, cache=cache_dir)
    if base_url and not HTTP_URL.match(base_url):
        raise ContentError([Problem("--base-url", f"{BASE_URL_RULE}, got {base_url!r}")])
    # refused before the lock is taken, too, so that a refused build leaves nothing
    # behind (an interrupted commit's files are checked once it is finished)
    if not force and not interrupted_commits(Path(output_dir).resolve()):
        refuse_foreign(output_dir, output_files(output_dir, cache_dir)[1])
    # A build makes millions of small objects and almost no reference cycles:
    # the cycle collector would rescan them all again and again (a third of
    # the site model's time at 10,000 articles), so it waits until the end.
    collecting = gc.isenabled()
    gc.disable()
    try:
        with build_lock(output_dir, cache_dir, announce=announce):
            return _build(content_dir, output_dir, base_url=base_url, templates_dir=templates_dir, search=search,
                          progress=progress, cache_dir=cache_dir, ignore_cache=ignore_cache, jobs=jobs, memory=memory,
                          force=force)
    finally:
        if collecting:
            # What the build leaves (its result, warm caches) is long-lived: set it
            # aside, or the collector's next pass rescans all of it (0.8 s at
            # 10,000 articles, just as the command is about to exit). A process
            # that stays up can gc.unfreeze() and collect while idle; serve does.
            gc.freeze()
            gc.enable()


def _build(content_dir: Path, output_dir: Path, *, base_url: str | None = None, templates_dir: Path | None = None,
           search: bool = True, progress=None, cache_dir: Path | None = None, ignore_cache: bool = False,
           jobs: int | None = None, memory: BuildMemory | None = None, force: bool = False) -> BuildResult:
    started = time.perf_counter()
    timings: dict[str, float] = {}
    jobs = jobs or default_jobs()

    def lap(stage: str, since: float) -> float:
        now = time.perf_counter()
        timings[stage] = now - since
        return now

    templates_dir = Path(templates_dir or default_templates())
    output_dir = Path(output_dir)
    cache = BuildCache(cache_dir, enabled=not ignore_cache, memory=memory.cached if memory is not None else None)
    listing, changed = None, None
    if memory is not None:
        listing, changed = watched_files(content_dir, memory.changes, memory.scanned)
        memory.changes = None  # known again once this build is done: a failed one leaves the next looking at every file
    sources = discover(Path(content_dir), listing)
    config = sources.config
    if base_url is not None:
        config = replace(config, base_url=base_url)
    if config.base_url and not config.base_url.endswith("/"):
        config = replace(config, base_url=config.base_url + "/")
    sources = replace(sources, config=config)

    manifest = cache.manifest(output_dir)
    scan = scan_sources(content_dir, sources.files, manifest.get("sources"), changed)
    code = code_salt()
    article_salt = code + repr(sources.speakers).encode()
    keys = article_keys_of(article_salt, sources.files, scan.digests, memory)
    page_salt = code + folder_salt(templates_dir)
    build_key = digest(page_salt, article_salt, repr(config).encode(), repr(sorted(sources.problems, key=str)).encode(),
                       str(search).encode(), "\n".join(keys).encode())
    if manifest.get("build_key") == build_key and output_dir.is_dir() and (memory is None or memory.filled):
        timings["check"] = time.perf_counter() - started
        if memory is not None:
            memory.scanned_now(content_dir, scan, changed is not None)
        return BuildResult(None, None, None, 0, time.perf_counter() - started, timings,
                           unchanged_summary=manifest.get("summary", ""))
    # what killed builds left: an interrupted commit is finished, staging folders deleted
    finish_interrupted_commits(output_dir.resolve())
    remove_abandoned(output_dir.resolve(), spare={folder for folder, _ in memory.leftovers} if memory is not None else ())
    listing, foreign = output_files(output_dir, cache_dir, manifest)
    if not force:
        refuse_foreign(output_dir, foreign)
    t = lap("read", started)

    works = process_articles(sources, cache, jobs, scan, keys, progress)
    problems, articles = [], []
    per_article, tokens, bodies, article_keys = {}, {}, {}, {}  # slug → each part of its work
    for w, key in zip(works, keys):
        if w.problems:
            problems.extend(w.problems)
        if w.article is not None:
            articles.append(w.article)
            slug = w.article.slug
            per_article[slug], tokens[slug], bodies[slug], article_keys[slug] = (w.quotations, w.attribution), w.tokens, w.body_html, key
    content = assemble(sources, articles, problems)
    if content.errors:
        raise ContentError(list(content.problems))
    t = lap("parse, extract, attribute, Markdown (per article)", t)

    matcher = speaker_matcher(cache, code, jobs, *((memory.group_keys, memory.speaker_indexes) if memory is not None else ()))
    analysis = analyse(content, per_article, tokens=tokens, map_groups=matcher,
                       reuse=memory.analysis if memory is not None else None)
    t = lap("match quotes across outlets", t)
    model = build_site_model(content, analysis, bodies, article_keys, memory.site_model if memory is not None else None)
    t = lap("site model", t)

    notes = []
    backup = back_up_foreign(output_dir, foreign) if force else None
    if backup is not None:
        notes.append(f"moved {len(foreign)} file(s) no build wrote from {output_dir} to {backup}")
        listing -= set(foreign)
    staging = Staging(output_dir, listing)
    try:
        prints = render_pages(model, templates_dir, staging, manifest.get("pages", {}), page_salt, jobs, progress,
                              memory)
        staging.copy_tree("assets", templates_dir / "assets")
        t = lap("render and write pages", t)
        if search:
            searchable_changed = any(p.every_build or manifest.get("pages", {}).get(p.path) != prints[p.path]
                                     for p in model.pages if p.searchable)
            if searchable_changed or manifest.get("search") is not True or not staging.keep_tree("pagefind"):
                staging.make_complete()  # the indexer reads the whole site
                index_search(staging.root)
                staging.adopt_tree("pagefind")
            t = lap("search index", t)
        site_files = staging.files(listing)
        # the search index's file names vary from run to run (Pagefind): its folder stands for them
        marker = marker_bytes(site_files, trees=("pagefind/",) if search else ())
        staging.record(MARKER, write_file(staging.root, MARKER, marker, staging.previous, staging.link))
        site_files.add(MARKER)
        cache.forget_manifest()  # until the new one is saved, the output may be between the two
        staging.commit()
    except BaseException:
        staging.abort()
        raise
    if memory is not None and staging.leftover is not None:
        memory.leftovers.append((staging.leftover, removal(staging.leftover)))  # while serve waits for the next edit
    else:
        staging.discard_leftover()
    if memory is not None:
        memory.scanned_now(content_dir, scan, changed is not None)
    try:  # the new site is in place: a cache that cannot be saved costs the next build time, nothing more
        cache.save_manifest(output_dir, build_key, prints, f"{len(content.articles)} articles", search, site_files,
                            scan.memo)
        cache.prune("article", set(keys))
        cache.prune("match", matcher.used)
    except OSError as exc:
        notes.append(f"the cache in {cache_dir} could not be saved ({exc}); the next build starts from scratch")
    finally:
        cache.close()
    return BuildResult(content, analysis, model, staging.written, time.perf_counter() - started, timings,
                       reused=staging.linked, rendered=len(model.pages), notes=tuple(notes))
