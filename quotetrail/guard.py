"""What keeps a build from harming the user's files: where the output may go,
which folder is a site quotetrail built (the marker), and one build at a time.

Every check here runs before a build touches anything.
"""
from __future__ import annotations

import json
import os
import sys
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

MARKER = ".quotetrail-site.json"  # in an output folder: the files a build of quotetrail wrote there
MARKER_FORMAT = "quotetrail-site-1"
LOCK_WAIT = 600  # seconds a build waits for another one writing the same output or cache
_NAMED = 5  # foreign files named in an error, at most


class UnsafeOutput(ValueError):
    """The output folder is one a build must not write to; nothing was touched."""


class OutputBusy(RuntimeError):
    """Another build kept the output or the cache for longer than a build waits."""


def _same(a: Path, b: Path) -> bool:
    """The same folder, however spelled (a case-insensitive file system, a link)."""
    if a == b:
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _inside(path: Path, folder: Path) -> bool:
    return _same(path, folder) or any(_same(parent, folder) for parent in path.parents)


def check_output_location(output: Path, *, content: Path, templates: Path, cache: Path | None) -> None:
    """Refuse an output folder that is, holds or lies inside the content,
    templates or cache folder, or that holds a git repository: a build
    replaces its output whole. No option overrides this."""
    out = Path(output).resolve()
    for name, folder in (("the root folder", Path(out.anchor)), ("your home folder", Path.home().resolve()),
                         ("the current folder", Path.cwd().resolve())):
        if _same(out, folder) or any(_same(out, parent) for parent in folder.parents):
            raise UnsafeOutput(f"output {output} is {name} or holds it: a build replaces its output whole; "
                               "choose a folder of its own, such as _site")
    for name, folder in (("content", content), ("templates", templates), ("cache", cache)):
        if folder is None:
            continue
        mine = Path(folder).resolve()
        if _inside(mine, out):
            raise UnsafeOutput(f"output {output} holds the {name} folder {folder}: a build would replace it; "
                               "choose a folder of its own, such as _site")
        if _inside(out, mine):
            raise UnsafeOutput(f"output {output} lies inside the {name} folder {folder}; choose a folder outside it")
    if (out / ".git").exists() or ".git" in out.parts:
        raise UnsafeOutput(f"output {output} holds a git repository (.git): a build would replace it; "
                           "choose a folder of its own, such as _site")


def foreign_files(listing: set[str], wrote: set[str]) -> list[str]:
    """The files of an output (``listing``: site-relative) that are not among
    those a build wrote there (``wrote``: its marker's list, where a path
    ending in "/" stands for a whole folder)."""
    trees = tuple(rel for rel in wrote if rel.endswith("/"))
    return sorted(rel for rel in listing if rel not in wrote and rel != MARKER and not rel.startswith(trees))


def read_marker(output: Path) -> set[str] | None:
    try:
        data = json.loads((Path(output) / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("format") != MARKER_FORMAT or not isinstance(data.get("files"), list):
        return None
    return {f for f in data["files"] if isinstance(f, str)}


def marker_bytes(files, trees=()) -> bytes:
    """The marker a build leaves in its output: every file it wrote there;
    a folder a tool wrote whole (``trees``, ending in "/") stands for its files."""
    trees = tuple(trees)
    listed = {rel for rel in files if not rel.startswith(trees)} | set(trees)
    return (json.dumps({"format": MARKER_FORMAT, "files": sorted(listed - {MARKER})}, indent=0) + "\n").encode()


def refuse_foreign(output: Path, foreign: list[str]) -> None:
    if not foreign:
        return
    named = ", ".join(foreign[:_NAMED]) + (f" and {len(foreign) - _NAMED} more" if len(foreign) > _NAMED else "")
    raise UnsafeOutput(f"output {output} holds files no quotetrail build wrote ({named}): a build would replace them; "
                       "move them away or choose another --output (or pass --force to move them aside into a backup "
                       "folder next to it)")


def back_up_foreign(output: Path, foreign: list[str]) -> Path | None:
    """With ``--force``: move the files no build wrote out of the output, into
    a new folder beside it, keeping their paths. Nothing is deleted."""
    if not foreign:
        return None
    output = Path(output).resolve()  # "." has no name: the backup would land inside the output
    n = 1
    while (backup := output.parent / f"{output.name}.backup-{n}").exists():
        n += 1
    if _inside(backup, output):
        raise UnsafeOutput(f"cannot back up into {backup}: it lies inside the output {output}")
    for rel in foreign:
        dest = backup / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        os.replace(output / rel, dest)
    return backup


def _lock_path_of_output(output: Path) -> Path:
    out = Path(output).resolve()
    return out.parent / f".{out.name}.lock"  # beside the output: the output itself is swapped whole


@contextmanager
def build_lock(output: Path, cache: Path | None, wait: float = LOCK_WAIT, announce=None):
    """Hold the output's and the cache's locks for a build: a second build of
    the same output or cache waits for the first (``announce`` says so once),
    then fails clearly after ``wait`` seconds."""
    paths = [_lock_path_of_output(output)]
    if cache is not None:
        paths.append(Path(cache).resolve() / "build.lock")
    locks = []
    try:
        for path in paths:
            path.parent.mkdir(parents=True, exist_ok=True)
            lock = FileLock(path, timeout=wait)
            try:
                lock.acquire(timeout=0)
            except Timeout:
                (announce or _say)(f"waiting for another quotetrail build that is using {path.parent} ...")
                try:
                    lock.acquire()
                except Timeout:
                    raise OutputBusy(f"another quotetrail build has held {path} for {wait:.0f} s; "
                                       "try again when it has finished") from None
            locks.append(lock)
        yield
    finally:
        for lock in reversed(locks):
            lock.release()


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)
