#!/usr/bin/env python3
"""Rebuilds after an edit in a process that stays up, as ``serve`` does them:

    python benchmarks/warm_rebuild.py CONTENT OUTPUT CACHE TEMPLATES LABEL [--edits N] [--stages]

Builds once (filling the memory serve keeps between builds), does the work
serve does while it waits for an edit (``prepare_next``: each large
speaker's matching index) and prints how long that took, then N times
(default 1) edits one article (as run.py's one-edit rebuild does), reports
it as serve's watcher would, and builds again, doing serve's work while it
waits after each. Prints each rebuild's wall seconds (with ``--stages``, the
time of each stage too) and, last, the median rebuild's wall seconds and the
process's peak resident MB. The watcher's wait for more changes (200 ms) and
the browser's reload are not included.
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
from quotetrail.speed.memory import STALE, BuildMemory, prepare_next  # noqa: E402
from run import edit_one  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    for name in ("content", "output", "cache", "templates", "label"):
        parser.add_argument(name)
    parser.add_argument("--edits", type=int, default=1, help="edits, each followed by a rebuild (default: 1)")
    parser.add_argument("--stages", action="store_true", help="print each rebuild's stage times")
    args = parser.parse_args()
    content, output = Path(args.content), Path(args.output)
    memory = BuildMemory(watched=True)  # as serve's: told what changed
    options = dict(templates_dir=Path(args.templates), cache_dir=Path(args.cache), search=False, memory=memory)
    build(content, output, **options)
    started = time.perf_counter()
    while prepare_next(memory):
        pass
    print(f"serve's work while it waits: {time.perf_counter() - started:.2f} s")
    seconds = []
    for n in range(args.edits):
        edited = edit_one(content, f"{args.label} {n}" if args.edits > 1 else args.label)
        memory.note_changes({str(edited.resolve())})  # as serve's watcher reports it
        started = time.perf_counter()
        result = build(content, output, **options)
        seconds.append(time.perf_counter() - started)
        while step := prepare_next(memory):  # serve's work while it waits for the next edit
            if step == STALE:
                raise SystemExit("the rebuild missed a change: the edit was not reported as serve's watcher does")
        if args.edits > 1 or args.stages:
            stages = "  ".join(f"{stage.split(' (')[0]} {s:.2f}" for stage, s in result.timings.items()) if args.stages else ""
            print(f"rebuild {n + 1}: {seconds[-1]:.3f} s  {stages}".rstrip())
    print(f"{statistics.median(seconds):.3f} {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}")


if __name__ == "__main__":
    main()
