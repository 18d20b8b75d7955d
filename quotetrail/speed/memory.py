"""What a process that stays up (``serve``) keeps from one build for the next,
and the work it does while it waits for an edit (``prepare_next``).
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..load import ARTICLES_DIR, discover
from ..match import match_group
from .cache import BOOKKEEPING, SourceScan, digest, scan_sources
from .fingerprint import Fingerprinter
from .matching import match_by_index
from ..match import SpeakerIndex


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
    families: dict = field(default_factory=dict)  # families_of's shared-copy index (lineage.SharedCopy), last inputs and copy families
    data_records: dict = field(default_factory=dict)  # data file → list → {id(row): (row, its record's bytes)}
    renderer: tuple | None = None  # (salt, the Renderer that keeps its ``cached`` fragments)
    row_digests: dict = field(default_factory=dict)  # id(row) → (row, digest): the last model's rows' and those used
    shared_rows: tuple = ()  # the last model's (SiteModel.shared_rows)
    leftovers: list = field(default_factory=list)  # (folder, its deletion: write.removal) of what commits replaced, one step at a time
    watched: bool = False  # a watcher reports every change to the content (note_changes): serve
    changes: set | None = None  # paths the watcher saw change since the last build began; None: not known
    scanned: tuple | None = None  # (content folder, its article files, their digests, the scan's memo) of the last build
    unverified: bool = False  # the last build took the watcher's word for the files it did not report
    search_later: bool = False  # commit first, bring the search index up to date in the idle steps (serve)
    search: object | None = None  # that work: a search.SearchUpdate, while the index is behind the site
    search_records: dict = field(default_factory=dict)  # id(page) → (page, its search.Record), last build's
    search_ahead: tuple | None = None  # (search.RecordMaker, the pages): records to make while idle
    messages: list = field(default_factory=list)  # what the idle steps have to say (a failed search index)

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

    def stop_search(self) -> None:
        """Give up bringing the search index up to date (a later build does it)."""
        if self.search is not None:
            self.search.stop()
            self.search = None

    def scanned_now(self, content_dir, scan: SourceScan, trusted: bool) -> None:
        """A build succeeded with ``scan``; ``trusted``: it took the watcher's word."""
        self.changes = set() if self.watched else None  # the watcher's reports count from here
        self.scanned = (os.fspath(content_dir), scan.files, tuple(scan.digests), scan.memo)
        self.unverified = trusted


INDEX_AHEAD_MIN = 200  # quotations of a speaker worth indexing before an edit needs it


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
    build rendered and hashed most pages in its workers. Beside these, at
    every step, the search index catches up with the site serve's builds
    commit before it (search_step). Returns whether steps remain, or STALE.

    Before all that, when the last build took the watcher's word for which
    files changed, the files are checked against what it saw: a change the
    watcher missed returns STALE, and the next build looks at every file."""
    if memory.unverified:
        memory.unverified = False
        if not scan_still_holds(memory.scanned):
            memory.changes = None
            return STALE
        return True
    searching = search_step(memory)
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
    fingerprinter = Fingerprinter(memory.row_digests)
    try:
        for row in missing[:DIGESTS_PER_STEP]:
            fingerprinter.row_digest(row)
    finally:
        memory.row_digests.update(fingerprinter.digests)
    return len(missing) > DIGESTS_PER_STEP or searching


RECORDS_PER_STEP = 2000  # search records made in one idle step (about 0.05 s)


def search_step(memory: BuildMemory) -> bool:
    """The search index catching up with the site serve committed: Pagefind
    indexes the shards whose pages changed beside serve, and each is put in
    place once done (search.SearchUpdate); meanwhile, the search records of
    the pages that have none are made, so that an edit's rebuild makes only
    its own. Whether work remains."""
    if memory.search is not None and not memory.search.step():
        if memory.search.error:
            memory.messages.append(f"{memory.search.error}; the search index stays as it was until the next build")
        memory.search = None
    if memory.search_ahead is not None:
        make, pages = memory.search_ahead
        pages = make.ahead(pages, RECORDS_PER_STEP)
        memory.search_ahead = (make, pages) if pages else None
    return memory.search is not None or memory.search_ahead is not None


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
