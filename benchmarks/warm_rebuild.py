#!/usr/bin/env python3
"""One rebuild after an edit in a process that stays up, as ``serve`` does it:

    python benchmarks/warm_rebuild.py CONTENT OUTPUT CACHE TEMPLATES LABEL

Builds once (filling the memory serve keeps between builds), edits one article
(as run.py's one-edit rebuild does), builds again and prints that rebuild's
wall seconds and the process's peak resident MB. The watcher's wait for more
changes (200 ms) and the browser's reload are not included.
"""
from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

from quotetrail.pipeline import BuildMemory, build  # noqa: E402
from run import edit_one  # noqa: E402


def main() -> None:
    content, output, cache, templates, label = sys.argv[1:6]
    memory = BuildMemory()
    options = dict(templates_dir=Path(templates), cache_dir=Path(cache), search=False, memory=memory)
    build(Path(content), Path(output), **options)
    edit_one(Path(content), label)
    started = time.perf_counter()
    build(Path(content), Path(output), **options)
    seconds = time.perf_counter() - started
    print(f"{seconds:.3f} {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}")


if __name__ == "__main__":
    main()
