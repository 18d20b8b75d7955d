"""The build: load → extract → attribute → match → site model → render → write → search index.

``build`` checks the output and takes the build lock; ``_build`` is the
pipeline, one named step per stage over plain data. The speed layer (the cache,
fingerprints, worker processes, serve's memory) lives in ``speed/``.
"""
from __future__ import annotations

import gc
import os
import time
from dataclasses import dataclass, replace
from pathlib import Path

from .analyse import Analysis, analyse
from .articles import ArticleWork, process_articles
from .config import BASE_URL_RULE, HTTP_URL
from .errors import ContentError, Problem
from .guard import back_up_foreign, build_lock, check_output_location, foreign_files, marker_bytes, read_marker, refuse_foreign
from .guard import MARKER
from .load import Content, Sources, assemble, discover
from .pages import render_pages
from .render import ENGINE
from .search import index_complete, index_site
from .sitemodel import SiteModel, build_site_model
from .speed.cache import BuildCache, SourceScan, code_salt, digest, folder_salt, scan_sources
from .speed.families import families_key, families_of
from .speed.matching import speaker_matcher
from .speed.memory import BuildMemory, article_keys_of, watched_files
from .write import Staging, finish_interrupted_commits, interrupted_commits, previous_files, remove_abandoned, removal, write_file

PACKAGE_DIR = Path(__file__).resolve().parent
SEARCH_INDEX = "pagefind/"  # the search index's folder: Pagefind's file names vary from run to run


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
    rendered: int = 0  # pages in the site
    analysed: int = 0  # articles parsed, extracted and attributed now (the others came from the cache)
    unchanged_summary: str = ""
    notes: tuple[str, ...] = ()  # what the build did besides the site, for the user to know

    def summary(self) -> str:
        if self.content is None:
            return f"nothing changed since the last build ({self.unchanged_summary}); checked in {self.seconds:.2f} s"
        speakers = {q.speaker for q in self.analysis.quotes if q.speaker}
        outlets = {a.outlet.id for a in self.content.articles}
        return (f"built {len(self.content.articles)} articles, {len(self.analysis.quotes)} quotes, {len(outlets)} outlets, "
                f"{len(speakers)} speakers; {self.files} files written, {self.reused} unchanged, in {self.seconds:.2f} s")


@dataclass(frozen=True)
class Inputs:
    """What a build reads before any stage runs: the sources, each file's
    digest and cache key, and the key of the whole build."""

    sources: Sources
    scan: SourceScan
    keys: list[str]  # each article file's cache key (its bytes, the code, the speakers)
    code: bytes  # changes with quotetrail's code
    page_salt: bytes  # the code and the templates: what every page depends on besides its inputs
    build_key: str  # all of the above, the settings and the options
    trusted_watcher: bool  # only the files serve's watcher reported were looked at


@dataclass(frozen=True)
class ArticlesRead:
    """The per-article stages' results, by article slug."""

    content: Content
    per_article: dict  # slug → its ArticleAnalysis (quotations, attribution, statements)
    bodies: dict  # slug → the body's HTML, with quotation markers
    keys: dict  # slug → the article's cache key
    prints: dict  # slug → its narrative text's fingerprints (lineage.py)
    analysed: int  # files whose per-article work was done now, not taken from the cache


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
    # behind (an interrupted commit's files are checked once it is finished);
    # serve's later builds check once, with the lock (listing 30,000 files is a tenth of a second)
    if not force and (memory is None or not memory.filled) and not interrupted_commits(Path(output_dir).resolve()):
        refuse_foreign(output_dir, output_files(output_dir, cache_dir)[1])
    # A build makes millions of small objects and almost no reference cycles:
    # the cycle collector would rescan them all again and again (a third of
    # the site model's time at 10,000 articles), so it waits until the end.
    collecting = gc.isenabled()
    gc.disable()
    try:
        with build_lock(output_dir, cache_dir, announce=announce):
            return _build(Path(content_dir), Path(output_dir), templates_dir, base_url=base_url, search=search,
                          progress=progress, cache_dir=cache_dir, ignore_cache=ignore_cache,
                          jobs=jobs or default_jobs(), memory=memory, force=force)
    finally:
        if collecting:
            # What the build leaves (its result, warm caches) is long-lived: set it
            # aside, or the collector's next pass rescans all of it just as the
            # command is about to exit. serve unfreezes and collects while idle.
            gc.freeze()
            gc.enable()


def _build(content_dir: Path, output_dir: Path, templates_dir: Path, *, base_url: str | None, search: bool, progress,
           cache_dir: Path | None, ignore_cache: bool, jobs: int, memory: BuildMemory | None,
           force: bool) -> BuildResult:
    clock = _Clock()
    cache = BuildCache(cache_dir, enabled=not ignore_cache, memory=memory.cached if memory is not None else None)
    manifest = cache.manifest(output_dir)
    inputs = read_inputs(content_dir, templates_dir, base_url, search, manifest, memory)
    if (manifest.get("build_key") == inputs.build_key and output_dir.is_dir() and (memory is None or memory.filled)
            and (not search or memory is not None or index_complete(output_dir))):  # (serve's index may be behind)
        clock.lap("check")
        if memory is not None:
            memory.scanned_now(content_dir, inputs.scan, inputs.trusted_watcher)
        return BuildResult(None, None, None, 0, clock.total(), clock.timings,
                           unchanged_summary=manifest.get("summary", ""))
    listing, foreign = settle_output(output_dir, cache_dir, manifest, force, memory)
    clock.lap("read")

    read = read_articles(inputs, cache, jobs, progress)
    clock.lap("parse, extract, attribute, Markdown (per article)")
    matcher = speaker_matcher(cache, inputs.code, jobs, *((memory.group_keys, memory.speaker_indexes) if memory else ()))
    analysis = analyse(read.content, read.per_article, map_groups=matcher,
                       reuse=memory.analysis if memory is not None else None)
    clock.lap("match quotes across outlets")
    lineage_key = families_key(read.content.articles, read.prints, inputs.code) if memory is None else None
    lineage = families_of(read.content.articles, read.prints, memory.families if memory is not None else None,
                          cache, lineage_key)
    read = replace(read, per_article={}, prints={})  # matched and fingerprinted: their memory serves the pages now
    clock.lap("copy families")
    try:
        model = build_site_model(read.content, analysis, read.bodies, read.keys, memory.site_model if memory else None,
                                 lineage)
    except BaseException:
        if memory is not None:
            memory.site_model.clear()  # it may be half updated: the next build makes the model afresh
        raise
    clock.lap("site model")

    notes = []
    backup = back_up_foreign(output_dir, foreign) if force else None
    if backup is not None:
        notes.append(f"moved {len(foreign)} file(s) no build wrote from {output_dir} to {backup}")
        listing -= set(foreign)
    staging = Staging(output_dir, listing)
    try:
        prints = render_pages(model, templates_dir, staging, manifest.get("pages", {}), inputs.page_salt, jobs,
                              progress, memory, cache.compiled_templates(inputs.code, ENGINE))
        staging.copy_tree("assets", templates_dir / "assets")
        clock.lap("render and write pages")
        if search:
            write_search_index(staging, model, prints, memory, jobs)
            clock.lap("search index")
        site_files = write_marker(staging, search)
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
        memory.scanned_now(content_dir, inputs.scan, inputs.trusted_watcher)
    notes += remember(cache, output_dir, inputs, prints, read.content, search, site_files, matcher.used, lineage_key)
    return BuildResult(read.content, analysis, model, staging.written, clock.total(), clock.timings,
                       reused=staging.linked, rendered=len(model.pages), analysed=read.analysed, notes=tuple(notes))


# ----------------------------------------------------------------------------- the steps


def read_inputs(content_dir: Path, templates_dir: Path, base_url: str | None, search: bool, manifest: dict,
                memory: BuildMemory | None) -> Inputs:
    """The settings, speakers and article files, each file's digest (read
    again only when its size or times changed) and cache key, and the build's key."""
    listing, changed = None, None
    if memory is not None:
        listing, changed = watched_files(content_dir, memory.changes, memory.scanned)
        memory.changes = None  # known again once this build is done: a failed one leaves the next looking at every file
    sources = discover(content_dir, listing)
    config = sources.config
    if base_url is not None:
        config = replace(config, base_url=base_url)
    if config.base_url and not config.base_url.endswith("/"):
        config = replace(config, base_url=config.base_url + "/")
    sources = replace(sources, config=config)
    scan = scan_sources(content_dir, sources.files, manifest.get("sources"), changed)
    code = code_salt()
    # an article's analysis depends on the speakers and, for its language's rules, on the site's language
    article_salt = code + repr(sources.speakers).encode() + sources.config.language.encode()
    keys = article_keys_of(article_salt, sources.files, scan.digests, memory)
    page_salt = code + folder_salt(templates_dir)
    build_key = digest(page_salt, article_salt, repr(config).encode(), repr(sorted(sources.problems, key=str)).encode(),
                       str(search).encode(), "\n".join(keys).encode())
    return Inputs(sources, scan, keys, code, page_salt, build_key, changed is not None)


def settle_output(output_dir: Path, cache_dir: Path | None, manifest: dict, force: bool,
                  memory: BuildMemory | None) -> tuple[set[str], list[str]]:
    """With the lock held: finish an interrupted commit, delete what killed
    builds left, and check again that the output holds only a build's files.
    Returns the output's files and those no build wrote (``force``: to move aside)."""
    resolved = output_dir.resolve()
    finish_interrupted_commits(resolved)
    remove_abandoned(resolved, spare={folder for folder, _ in memory.leftovers} if memory is not None else ())
    listing, foreign = output_files(output_dir, cache_dir, manifest)
    if not force:
        refuse_foreign(output_dir, foreign)
    return listing, foreign


def read_articles(inputs: Inputs, cache: BuildCache, jobs: int, progress) -> ArticlesRead:
    """Each file parsed, its quotations found and attributed, its body made
    HTML (from the cache when its bytes are unchanged); then the content as a
    whole, or a ContentError with every problem of every file."""
    processed = process_articles(inputs.sources, cache, jobs, inputs.scan, inputs.keys, progress)
    works: list[ArticleWork] = processed.works
    problems, articles = [], []
    per_article, bodies, article_keys, prints = {}, {}, {}, {}
    for work, key in zip(works, inputs.keys):
        problems.extend(work.problems)
        if work.article is not None:
            articles.append(work.article)
            slug = work.article.slug
            per_article[slug] = work.analysis
            bodies[slug], article_keys[slug], prints[slug] = work.body_html, key, work.prints
    content = assemble(inputs.sources, articles, problems)
    if content.errors:
        raise ContentError(list(content.problems))
    return ArticlesRead(content, per_article, bodies, article_keys, prints, processed.analysed)


def write_search_index(staging: Staging, model: SiteModel, prints: dict, memory: BuildMemory | None,
                       jobs: int) -> None:
    """Index the searchable pages from records made of the site model, again
    only the shards whose pages changed (by their fingerprints, ``prints``)
    and whose records did (search.py); under ``serve`` the last index goes
    out with the site, and the idle steps bring it up to date."""
    index_site(staging, model, prints, memory, jobs)


def write_marker(staging: Staging, search: bool) -> set[str]:
    """The marker of the files this build wrote (guard.py); returns them all."""
    site_files = staging.files()
    marker = marker_bytes(site_files, trees=(SEARCH_INDEX,) if search else ())
    staging.record(MARKER, write_file(staging.root, MARKER, marker, staging.previous, staging.link))
    return site_files | {MARKER}


def remember(cache: BuildCache, output_dir: Path, inputs: Inputs, prints: dict, content: Content, search: bool,
             site_files: set[str], matches_used: set[str], lineage_key: str | None) -> list[str]:
    """Save what the next build needs: the manifest, and the cache without the
    entries this build did not use. The new site is in place already: a cache
    that cannot be saved costs the next build time, nothing more."""
    try:
        cache.save_manifest(output_dir, inputs.build_key, prints, f"{len(content.articles)} articles", search,
                            site_files, inputs.scan.memo)
        cache.prune("article", set(inputs.keys))
        cache.prune("match", matches_used)
        cache.prune("lineage", {lineage_key} if lineage_key else set())
    except OSError as exc:
        return [f"the cache in {cache.folder} could not be saved ({exc}); the next build starts from scratch"]
    finally:
        cache.close()
    return []


class _Clock:
    """Seconds per stage, for ``--verbose``."""

    def __init__(self):
        self.started = self.last = time.perf_counter()
        self.timings: dict[str, float] = {}

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.timings[stage] = now - self.last
        self.last = now

    def total(self) -> float:
        return time.perf_counter() - self.started
