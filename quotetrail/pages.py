"""Stage 6 — render: the pages whose inputs changed, and the data files.

Each page's fingerprint (fingerprint.py) is compared with last build's: an
unchanged page still in the output is kept as it is, the others are rendered
by forked workers straight into the staging folder (write.py). The pages that
show the whole site and the data files are made in this process first.
"""
from __future__ import annotations

import concurrent.futures
import functools
import itertools
import operator
from dataclasses import dataclass
from pathlib import Path

from .speed.fingerprint import Fingerprinter, fingerprint_inputs, shared_context
from .render import Renderer, render_body, weave
from .sitemodel import ArticleView, DeferredPage, SiteModel, with_diffs
from .text import json_record, json_records
from .speed.workers import PARALLEL_MIN, parallel_map
from .write import Staging, link_previous, write_file

RENDER_SLICE = 250  # pages per task: small enough that the workers finish together
RENEW_AFTER = 3  # tasks a render worker does before a new fork replaces it (its copied memory given back)
_SECOND = operator.itemgetter(1)


def _page_bytes(renderer: Renderer, page) -> bytes:
    context = dict(page.context)
    if page.template == "quote.html":
        context["quote"] = with_diffs(context["quote"])
    view = context.get("view")
    if isinstance(view, ArticleView):
        marks = sorted(view.marks, key=lambda m: m.start)
        context["body_html"] = weave(view.body_html, marks) if view.body_html is not None else render_body(view.article.body, marks)
    return renderer.render(page.template, context, page.path).encode("utf-8")


@dataclass(frozen=True)
class RenderJob:
    """What every render task reads: the pages, last build's fingerprints and
    output, and where the new files go. Workers inherit it (workers.py)."""

    pages: tuple
    prints: dict  # path → last build's fingerprint
    salt: bytes
    shared: dict  # the context values most pages share (fingerprint.shared_context)
    same: dict  # path → fingerprint, for pages known unchanged without hashing
    renderer: Renderer
    fingerprinter: Fingerprinter
    root: Path  # the staging folder
    previous: Path | None  # the last output
    link: bool  # link unchanged files into the staging folder
    listed: set  # the last output's files


@dataclass(frozen=True)
class TaskResult:
    written: list[str]
    kept: list[str]
    prints: dict[str, str]


def _render_task(job: RenderJob, task: tuple) -> TaskResult:
    """A slice of the pages (their numbers): fingerprint each, keep it when
    unchanged, else render and write it."""
    fresh, kept, prints = [], [], {}
    previous_prints, previous_site, root, link = job.prints, job.previous, job.root, job.link
    renderer, pages, same, listed = job.renderer, job.pages, job.same, job.listed
    for n in task:
        page = pages[n]
        path = page.path
        fp = same.get(path)
        if fp is None:
            fp = job.fingerprinter.fingerprint(page, job.salt, job.shared)
        prints[path] = fp
        # unchanged and still there: kept (most pages of a rebuild: link_previous inlined)
        if (previous_prints.get(path) == fp and path in listed
                and (not link or link_previous(root, path, previous_site, link, listed))):
            kept.append(path)
            continue
        written = write_file(root, path, _page_bytes(renderer, page), previous_site, link)
        (fresh if written else kept).append(path)
    return TaskResult(fresh, kept, prints)


def render_pages(model: SiteModel, templates: Path, staging: Staging, previous: dict, salt: bytes, jobs: int,
                 progress=None, memory=None, compiled: Path | None = None) -> dict:
    """Render the pages whose fingerprint changed, keep the others, write the
    data files. Returns the new fingerprints. ``memory`` keeps each page
    with its fingerprint for the next build, the renderer with its ``cached``
    fragments and the data files' records; ``compiled`` is a folder for the
    compiled templates (Renderer). The pages that show the whole
    site and the data files are made in this process before the workers
    render the rest: what they make to be kept stays here, and this process
    reads the rows it holds without copying them (a forked worker's first
    touch copies each page of memory, and so does this process's once
    workers share it). With few pages to hash, there are no workers."""
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
                else Renderer(templates, keep_fragments=memory is not None, compiled=compiled))
    if jobs > 1:  # compiled here once, inherited by every worker forked (renewed ones too)
        renderer.load(sorted({page.template for page in model.pages}))
    fingerprinter = Fingerprinter(memory.row_digests if memory is not None else None)
    job = RenderJob(model.pages, previous, salt, shared, same, renderer, fingerprinter, staging.root, staging.previous,
                    staging.link, staging.listed)
    # an unchanged page still in the output stays as it is (most pages of a
    # rebuild): no task looks at it (with a complete staging folder, a task links it)
    settled = ({path: fp for path, fp in same.items() if previous.get(path) == fp and path in staging.listed}
               if same and not staging.link else {})
    tasks, mine = render_tasks(model, settled), pages_here(model, settled)
    pages_done = list(itertools.accumulate(len(t) for t in tasks))
    written_here, records, results = [], {}, []
    # these files are large (46 MB at 10,000 articles): a thread writes them
    # (Python lets go of the lock while the bytes go to the file) while this
    # process makes the next; it is shut down before the workers fork
    writer = concurrent.futures.ThreadPoolExecutor(1)

    def here(path: str, data: bytes):
        written_here.append((path, writer.submit(write_file, staging.root, path, data, staging.previous, staging.link)))

    def whole_site_and_data():
        for page in model.pages:
            if page.every_build:
                here(page.path, _page_bytes(renderer, page))
        results.append(_render_task(job, mine))
        for path, data in model.data_files.items():
            content, made = data_file(path, data, kept_records.get(path, {}))
            if memory is not None:  # else the records' bytes go once written (57 MB at 10,000 articles)
                records[path] = made
            here(path, content)
        here(".nojekyll", b"")  # GitHub Pages: publish the folder as it is

    try:
        # First, then the workers: this process reads every row for these, and
        # each page of memory it touched while workers shared it would be copied
        # (at 10,000 articles: a peak of 1,000 MB against 920 MB)
        whole_site_and_data()
        writer.shutdown()  # every write done, its bytes gone and no thread left before the fork
        results += list(parallel_map(functools.partial(_render_task, job), tasks, jobs, chunksize=1, min_items=2,
                                     renew_after=RENEW_AFTER,
                             done=(lambda n, _: progress("rendering pages", pages_done[n - 1], pages_done[-1])) if progress else None))
    finally:
        writer.shutdown()  # waits for the writes: none may land in a staging folder that is thrown away
        digests = fingerprinter.digests
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
    for result in results:
        staging.record_all(result.written, True)
        staging.record_all(result.kept, False)
        prints.update(result.prints)
    if memory is not None:
        memory.data_records = records
        memory.pages = (salt, {page.path: (page, prints[page.path]) for page in model.pages if not page.every_build})
    return prints


def render_tasks(model: SiteModel, settled=()) -> list[tuple]:
    """The pages for the render workers, in slices (tuples of page numbers):
    the deferred ones of one article or statement (the worker makes their
    context), but those ``settled`` (paths) already."""
    rest = [n for n, page in enumerate(model.pages)
            if _in_workers(page) and not page.every_build and page.path not in settled]
    return [tuple(rest[n:n + RENDER_SLICE]) for n in range(0, len(rest), RENDER_SLICE)]


def pages_here(model: SiteModel, settled=()) -> tuple:
    """The pages this process fingerprints and renders before the workers do
    the rest: those whose context is made already, and those that list many
    statements (outlets, speakers, the timeline, the browser's index, the
    speakers' CSV files). A worker reading them would copy most of this
    process's memory, each object it reads having its reference count
    written (peak memory at 10,000 articles)."""
    return tuple(n for n, page in enumerate(model.pages)
                 if not _in_workers(page) and not page.every_build and page.path not in settled)


def _in_workers(page) -> bool:
    """A deferred page of one article or statement: the workers make its context and render it."""
    return isinstance(page, DeferredPage) and not page.lists


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
