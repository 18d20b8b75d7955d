"""Stage 7 — write: put the site on disk, all or nothing.

New and changed files are written to a staging folder next to the output;
nothing in the output is touched until every page has rendered, so a failed
build leaves the last good site exactly as it was. Then:

* a first build (no output yet) renames the staging folder into place;
* a rebuild commits a patch: a journal of the files to move in and
  the files to delete is written first, then applied. A build interrupted while
  applying it is finished by the next build, before anything else.

The files a commit replaces (the old versions in a patch) are left in a folder that is deleted once the new site is in place: at once
by ``build``, while it waits for an edit by ``serve``.

An unchanged file is never rewritten (same inode, same mtime).
"""
from __future__ import annotations

import filecmp
import glob
import functools
import json
import os
import shutil
import tempfile
from pathlib import Path, PurePosixPath

JOURNAL = ".quotetrail-commit.json"
REPLACED = ".replaced"  # in a staging folder: the output's files a commit replaced
WRITE_BUFFER = 1 << 20  # a data file of many small pieces goes out in few writes
_CREATE = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)


class UnsafePath(ValueError):
    pass


class NotWritable(OSError):
    """A folder of the output cannot be written; found before anything was moved."""


class CommitIncomplete(OSError):
    """Moving the new files into the output failed part way; the journal
    stays, and the next build finishes the commit."""


def checked_rel(rel: str) -> str:
    """Refuse any output path that could land outside the output folder."""
    if not rel or rel.startswith("/") or "\\" in rel or ":" in rel or ".." in rel.split("/"):
        raise UnsafePath(f"refusing to write outside the output folder: {rel!r}")
    return rel


def safe_relpath(rel: str) -> PurePosixPath:
    return PurePosixPath(checked_rel(rel))


def write_file(root: Path, rel: str, data: bytes | list[bytes], previous: Path | None = None, link: bool = True) -> bool:
    """Write ``data`` (bytes, or pieces of them) at ``root/rel`` unless the
    previous output's file has the same bytes (then hard-link it when
    ``link``). Returns True if bytes were written."""
    # plain strings, not Path objects: every page of a build comes through here
    dest = os.path.join(root, checked_rel(rel))
    pieces = data if isinstance(data, list) else [data]
    if previous is not None:
        old = os.path.join(previous, rel)
        try:
            if os.stat(old).st_size == sum(map(len, pieces)):
                with open(old, "rb") as f:
                    same = f.read() == b"".join(pieces)
                if same:
                    if link:
                        _hard_link(old, dest)
                    return False
        except OSError:
            pass
    try:
        fd = os.open(dest, _CREATE, 0o666)
    except FileNotFoundError:  # the first file of its folder
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        fd = os.open(dest, _CREATE, 0o666)
    try:
        if len(pieces) == 1:  # a page: no file object, no buffer (a build writes tens of thousands)
            view = memoryview(pieces[0])
            while view:
                view = view[os.write(fd, view):]
        else:
            with open(fd, "wb", buffering=WRITE_BUFFER, closefd=False) as f:
                f.writelines(pieces)
    finally:
        os.close(fd)
    return True


def link_previous(root: Path, rel: str, previous: Path | None, link: bool = True,
                  listed: set[str] | None = None) -> bool:
    """Reuse the previous output's file at ``rel`` (hard-linked into ``root``
    when ``link``); False if there is none. The file is not rewritten.
    ``listed``: the previous output's files (``previous_files``), when the
    caller has them: a set lookup instead of a stat per page."""
    if previous is None:
        return False
    if listed is not None:
        if rel not in listed:
            return False
        if not link:
            return True  # nothing to do: the file stays where it is
    # plain strings, not Path objects: a rebuild asks this of every page
    old = os.path.join(previous, checked_rel(rel))
    if listed is None and not os.path.isfile(old):
        return False
    if link:
        dest = os.path.join(root, rel)
        try:
            _hard_link(old, dest)
        except OSError:  # a file system without hard links
            os.makedirs(os.path.dirname(dest), exist_ok=True)
            shutil.copy2(old, dest)
    return True


def _hard_link(old: str, dest: str) -> None:
    # the folder is made only when missing: most files go where one went
    # before, and makedirs costs three system calls and an exception each time
    try:
        os.link(old, dest)
    except FileNotFoundError:
        if not os.path.exists(old):
            raise
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        os.link(old, dest)


def previous_files(output: Path) -> set[str]:
    """Every file of an output folder, as site-relative paths: one listing of
    each folder, without a stat per file (half the time of os.walk)."""
    found, folders = set(), [("", os.fspath(output))]
    while folders:
        prefix, folder = folders.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    folders.append((prefix + entry.name + "/", entry.path))
                else:
                    found.add(prefix + entry.name)
    return found


class Staging:
    """A new site being assembled next to ``output``.

    ``known_files``: the last output's files, when the caller knows them (else
    the folder is listed when needed)."""

    def __init__(self, output: Path, known_files: set[str] | None = None):
        self.output = Path(output).resolve()
        self.output.parent.mkdir(parents=True, exist_ok=True)
        if self.output.exists() and not self.output.is_dir():
            raise NotADirectoryError(f"output {self.output} exists and is not a folder")
        finish_interrupted_commits(self.output)
        self.previous = self.output if self.output.is_dir() else None
        self.root = Path(tempfile.mkdtemp(prefix=f".{self.output.name}-new-", dir=self.output.parent))
        (self.root / STAGING_MARK).touch()  # proof for remove_abandoned, should this build be killed
        self._known = known_files
        self.present: set[str] = set()  # every file of the new site
        self.fresh: set[str] = set()  # of them, those with new bytes (in the staging folder)
        self.written = 0
        self.linked = 0
        self.leftover: Path | None = None  # what a commit left to delete (discard_leftover)

    @functools.cached_property
    def listed(self) -> set[str]:
        """The previous output's files, listed once per build (or as the caller listed them)."""
        if self.previous is None:
            return set()
        return self._known if self._known is not None else previous_files(self.previous)

    @property
    def link(self) -> bool:
        """Whether unchanged files are linked into the staging folder: only
        when it becomes the output whole (a first build, with none to link)."""
        return self.previous is None

    def record(self, rel: str, written: bool) -> None:
        self.record_all((rel,), written)

    def record_all(self, rels, written: bool) -> None:
        """That each of ``rels`` is in the new site, written now or kept (a
        rebuild keeps thousands of pages: one call for them all)."""
        self.present.update(rels)
        if written:
            self.fresh.update(rels)
            self.written += len(rels)
        else:
            self.linked += len(rels)

    def keep(self, rel: str) -> bool:
        """Keep the previous output's file; False if there is none."""
        if not link_previous(self.root, rel, self.previous, self.link, self.listed):
            return False
        self.record(rel, False)
        return True

    def copy_tree(self, target: str, source: Path) -> None:
        """Static files: kept when unchanged, copied otherwise."""
        for path in sorted(Path(source).rglob("*")):
            if not path.is_file():
                continue
            rel = f"{target}/{path.relative_to(source).as_posix()}"
            old = self.previous / rel if self.previous else None
            if old is not None and old.is_file() and filecmp.cmp(old, path, shallow=False):
                self.keep(rel)
            else:
                dest = self.root / safe_relpath(rel)
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, dest)
                self.record(rel, True)

    def files(self) -> set[str]:
        """Every file of the new site."""
        return set(self.present)

    def commit(self) -> None:
        """Put the new site in place of the output. The files it replaced are
        left in a folder, ``leftover``, for ``discard_leftover`` (or
        ``removal``) to delete: the new site is there before their blocks are freed."""
        os.chmod(self.root, 0o755)
        (self.root / STAGING_MARK).unlink(missing_ok=True)  # not part of the site
        if self.previous is None:
            os.replace(self.root, self.output)
            return
        self._check_writable()
        before = self._known if self._known is not None else self.listed
        stale = sorted(before - self.present)
        journal = self.root / JOURNAL
        tmp = journal.with_suffix(".tmp")
        tmp.write_text(json.dumps({"move": sorted(self.fresh), "delete": stale}), encoding="utf-8")
        os.replace(tmp, journal)  # from here on the commit will be finished, now or by the next build
        try:
            apply_journal(self.root, self.output, discard=False)
        except OSError as exc:
            raise CommitIncomplete(exc.errno, f"{exc.strerror or exc} ({exc.filename}); {self.output} holds part of "
                                   "the new site, and the next build finishes replacing it") from exc
        self.leftover = self.root

    def _check_writable(self) -> None:
        """Before the first move: every folder a commit changes can be written, or nothing is moved."""
        before = self._known if self._known is not None else self.listed
        changed = self.fresh | (before - self.present)
        folders = {self.output} | {self.output / PurePosixPath(rel).parent for rel in changed}
        for folder in sorted(folders):
            while not folder.exists() and folder != self.output:
                folder = folder.parent  # a new folder is made inside the nearest one there is
            if not os.access(folder, os.W_OK | os.X_OK):
                raise NotWritable(f"cannot write to {folder}: permission denied; {self.output} was left unchanged")

    def discard_leftover(self) -> None:
        """Delete what the commit left: the files it replaced (see ``commit``)."""
        if self.leftover is not None:
            shutil.rmtree(self.leftover, ignore_errors=True)
            self.leftover = None

    def abort(self) -> None:
        """Throw the staged files away — unless the commit had begun: then its
        journal stays, and the next build finishes it."""
        if not (self.root / JOURNAL).is_file():
            shutil.rmtree(self.root, ignore_errors=True)


def apply_journal(staging: Path, output: Path, discard: bool = True) -> None:
    """Move the staged files into the output and delete the stale ones; safe to
    run again after an interruption (what is done already is skipped). The
    files replaced are moved aside into the staging folder, which is then
    deleted (``discard``) or left, without its journal, for the caller to delete."""
    plan = json.loads((staging / JOURNAL).read_text(encoding="utf-8"))
    aside = staging / REPLACED
    aside.mkdir(exist_ok=True)
    for n, rel in enumerate(plan["move"]):
        source = staging / safe_relpath(rel)
        if source.exists():
            dest = output / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            # Renamed over, the old file would make ext4 write the new one's
            # data out there and then (auto_da_alloc), and free the old one's
            # blocks: most of a serve rebuild's commit, for the data files.
            # Moved aside first, it is freed with the staging folder, later.
            # (For a moment the path is empty: serve reloads pages only once
            # the build is over.)
            try:
                os.replace(dest, aside / str(n))
            except FileNotFoundError:
                pass
            os.replace(source, dest)
    folders = set()
    for rel in plan["delete"]:
        (output / safe_relpath(rel)).unlink(missing_ok=True)
        folders.update(str(PurePosixPath(rel).parents[n]) for n in range(len(PurePosixPath(rel).parents) - 1))
    for folder in sorted(folders, key=lambda f: f.count("/"), reverse=True):  # deepest first
        try:
            (output / folder).rmdir()
        except OSError:
            pass  # not empty
    if discard:
        shutil.rmtree(staging, ignore_errors=True)
    else:
        os.unlink(staging / JOURNAL)  # the commit is done: no later build finishes it again


def removal(folder: Path, batch: int = 500):
    """Deletes ``folder`` one batch of files per ``next()``, so that a process
    that stays up (``serve``) can delete a replaced site while it waits for an
    edit, in steps short enough not to keep the edit waiting."""
    done = 0
    for here, dirs, names in os.walk(folder, topdown=False):
        for name in names + [d for d in dirs if os.path.islink(os.path.join(here, d))]:
            try:
                os.unlink(os.path.join(here, name))
            except OSError:
                pass
            done += 1
            if done % batch == 0:
                yield
        try:
            os.rmdir(here)
        except OSError:
            pass


STAGING_MARK = ".quotetrail-staging"  # in a staging folder until its commit: a build of quotetrail made it


def _beside(output: Path, kind: str) -> list[Path]:
    """The folders a build makes beside ``output`` (``tempfile.mkdtemp``'s names: the prefix, 8 characters)."""
    prefix = f".{output.name}-{kind}-"
    return [folder for folder in sorted(output.parent.glob(glob.escape(prefix) + "*"))
            if len(folder.name) == len(prefix) + 8 and folder.is_dir() and not folder.is_symlink()]


def interrupted_commits(output: Path) -> list[Path]:
    """The staging folders with a journal: commits that were interrupted."""
    return [staging for staging in _beside(output, "new") if (staging / JOURNAL).is_file()]


def finish_interrupted_commits(output: Path) -> None:
    """Finish the commits that were interrupted."""
    for staging in interrupted_commits(output):
        if output.is_dir():
            apply_journal(staging, output)


def remove_abandoned(output: Path, spare=()) -> None:
    """Delete what killed builds left beside the output: staging folders
    (they hold STAGING_MARK, or the files a commit replaced) without a
    journal, and replaced sites (they hold the site's marker), but those in ``spare`` (serve deletes them while it
    waits). A folder without such proof is the user's, and stays. Only with
    the build lock held: no other build of this output is using them."""
    from .guard import MARKER

    spare = {Path(folder).resolve() for folder in spare}
    for kind, proofs in (("new", (STAGING_MARK, REPLACED)), ("old", (MARKER,))):
        for folder in _beside(output, kind):
            if (any((folder / proof).exists() for proof in proofs) and not (folder / JOURNAL).is_file()
                    and folder.resolve() not in spare):
                shutil.rmtree(folder, ignore_errors=True)
