#!/usr/bin/env python3
"""Rebuilds after an edit in a process that stays up, as ``serve`` does them:

    python benchmarks/warm_rebuild.py CONTENT OUTPUT CACHE TEMPLATES LABEL [--edits N] [--stages] [--no-search]

Builds once (filling the memory serve keeps between builds), does the work
serve does while it waits for an edit (``prepare_next``: the search index,
each large speaker's matching index, ...) and prints how long that took, then
N times (default 1) edits one article (as run.py's one-edit rebuild does),
reports it as serve's watcher would, and builds again, doing serve's work
while it waits after each. With serve's default options: the search index on,
left behind by the rebuild (which commits the site) and brought up to date
by the idle steps; ``--no-search`` as ``serve --no-search``.

Prints each rebuild's wall seconds (with ``--stages``, the time of each stage
too) and how long after it the search index had caught up, and, last, the
median rebuild's wall seconds, the median catch-up's seconds, and this
process's peak resident MB (run.py adds its workers' and Pagefind's).
The watcher's wait for more changes (200 ms) and the browser's reload are not
included.
"""
from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

from quotetrail.pipeline import build  # noqa: E402
from quotetrail.search import index_complete  # noqa: E402
from quotetrail.speed.memory import STALE, BuildMemory, prepare_next  # noqa: E402
from run import edit_one  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    for name in ("content", "output", "cache", "templates", "label"):
        parser.add_argument(name)
    parser.add_argument("--edits", type=int, default=1, help="edits, each followed by a rebuild (default: 1)")
    parser.add_argument("--stages", action="store_true", help="print each rebuild's stage times")
    parser.add_argument("--no-search", action="store_true", help="without the search index (serve --no-search)")
    args = parser.parse_args()
    content, output = Path(args.content), Path(args.output)
    search = not args.no_search
    memory = BuildMemory(watched=True, search_later=search)  # as serve's: told what changed, indexes when idle
    options = dict(templates_dir=Path(args.templates), cache_dir=Path(args.cache), search=search, memory=memory)
    build(content, output, **options)
    started = time.perf_counter()
    idle(memory)
    print(f"serve's work while it waits: {time.perf_counter() - started:.2f} s")
    seconds, caught_up = [], []
    for n in range(args.edits):
        edited = edit_one(content, f"{args.label} {n}" if args.edits > 1 else args.label)
        memory.note_changes({str(edited.resolve())})  # as serve's watcher reports it
        started = time.perf_counter()
        result = build(content, output, **options)
        seconds.append(time.perf_counter() - started)
        caught_up.append(idle(memory))  # serve's work while it waits for the next edit
        if search and not index_complete(output):
            raise SystemExit("the search index did not catch up with the site")
        if args.edits > 1 or args.stages:
            stages = "  ".join(f"{stage.split(' (')[0]} {s:.2f}" for stage, s in result.timings.items()) if args.stages else ""
            print(f"rebuild {n + 1}: {seconds[-1]:.3f} s, search index caught up {caught_up[-1]:.2f} s later  {stages}".rstrip())
    print(f"{statistics.median(seconds):.3f} {statistics.median(caught_up):.3f} "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}")


def idle(memory: BuildMemory) -> float:
    """serve's idle steps until none remain, a step at most every 0.01 s
    while only the search index is being made (serve looks for a change
    between steps); returns the seconds until the search index caught up."""
    started, caught_up = time.perf_counter(), None
    while True:
        step = prepare_next(memory)
        if step == STALE:
            raise SystemExit("the rebuild missed a change: the edit was not reported as serve's watcher does")
        if caught_up is None and memory.search is None:
            caught_up = time.perf_counter() - started
        if not step:
            return caught_up
        if memory.search is not None:
            time.sleep(0.01)


if __name__ == "__main__":
    main()
