"""Worker processes: a map over items in forked processes, when worth it.

Forked workers share the parent's objects copy-on-write: the function and the
items are inherited, not pickled, and only item numbers travel. The one
module-level slot below is how a forked child finds them (nothing else can
reach a child without pickling); it is set only while a pool runs.
"""
from __future__ import annotations

import gc
import multiprocessing
import pickle

PARALLEL_MIN = 64  # below this many items a worker pool costs more than it saves


_POOL_WORK: tuple = ()  # (function, items) of the running pool, set before its workers fork


def parallel_map(function, items: list, jobs: int, chunksize: int = 16, min_items: int = PARALLEL_MIN, done=None,
          renew_after: int | None = None):
    """``function`` over ``items``, results yielded in order as they arrive (the
    caller works on them while the workers go on), in forked worker processes
    when worth it; ``done(n, total)`` hears as results arrive.
    ``renew_after``: a worker is replaced by a new fork after that many chunks,
    giving back the memory its reads copied (each object it reads is written:
    its reference count)."""
    if jobs <= 1 or len(items) < min_items:
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
        with multiprocessing.get_context("fork").Pool(min(jobs, len(items)), maxtasksperchild=renew_after) as pool:
            results = pool.imap(_run_inherited, range(len(items)), chunksize=chunksize)
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


def pickled_result(function, item) -> bytes:
    """In a worker: ``function(item)`` pickled once — for the way back and for the cache."""
    return pickle.dumps(function(item), protocol=pickle.HIGHEST_PROTOCOL)
