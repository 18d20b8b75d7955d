"""Content-addressed build cache, kept outside the output folder.

* Per-article results (parsed article, quotations, attributions, body HTML)
  are stored under a key made of the article's bytes and a salt: quotetrail's
  own code and the speakers file. Editing one article invalidates one entry;
  changing the code or the speakers invalidates all.
* Each speaker's matched quotes are stored under a key made of that
  speaker's quotations, so an edit re-matches only the speakers it touched.
* The manifest of the last build records each content file's size,
  timestamps and digest, so a rebuild reads only the files that changed
  (as git's index and make do; a file changed within two seconds of the last
  build's scan is read again, for file systems with a coarse clock); each
  page's fingerprint, so a
  rebuild renders only pages whose inputs changed and links the rest from the
  previous output; and a key for the whole build, so a rebuild with nothing
  changed does nothing.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import sqlite3
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..files import read_content_file

PACKAGE = Path(__file__).resolve().parent.parent  # quotetrail/
FORMAT = b"quotetrail-cache-4"
PRUNED = "(pruned)"  # in a memory: kind → the cache folder whose file it has seen pruned of that kind
MANIFEST = "(manifest)"  # in a memory: the manifest it saved last, and the stamp of its file
BOOKKEEPING = (PRUNED, MANIFEST)  # a memory's kinds that hold no entries
RACY_NS = 2_000_000_000  # a file changed this close to the last scan may have changed again since, unseen


def digest(*parts: bytes) -> str:
    h = hashlib.blake2b(digest_size=20)
    for part in parts:
        h.update(len(part).to_bytes(8, "little"))
        h.update(part)
    return h.hexdigest()


def code_salt() -> bytes:
    """Changes whenever quotetrail's code, or the language data it reads, does."""
    sources = sorted(p for p in PACKAGE.rglob("*") if p.suffix in (".py", ".yaml", ".tsv") and "__pycache__" not in p.parts)
    return digest(FORMAT, *[p.relative_to(PACKAGE).as_posix().encode() + b"\0" + p.read_bytes() for p in sources]).encode()


def folder_salt(folder: Path) -> bytes:
    files = sorted(p for p in Path(folder).rglob("*") if p.is_file())
    return digest(*[p.relative_to(folder).as_posix().encode() + b"\0" + p.read_bytes() for p in files]).encode()


@dataclass(frozen=True)
class SourceScan:
    """Each content file's digest; the bytes of those that had to be read (an
    OSError for one that could not be), and what to remember for the next scan."""

    files: tuple  # (relative path, path) pairs, as scanned
    digests: list[str]
    read: dict  # index → bytes or OSError
    memo: dict  # for the manifest: {"root", "at", "files": {rel: (size, mtime, ctime, inode, digest)}}

    def raw(self, n: int) -> bytes | OSError:
        """File ``n``'s bytes (read now if the scan trusted its timestamps), or
        the OSError reading it raised."""
        if n not in self.read:
            self.read[n] = _read(self.files[n][1])
        return self.read[n]


def _read(path: str) -> bytes | OSError:
    """A file's bytes, or the OSError reading it raised."""
    try:
        return read_content_file(path)
    except OSError as exc:
        return exc


def scan_sources(root: Path, files, memo: dict | None, changed: set[str] | None = None) -> SourceScan:
    """``files``: (relative path, path) pairs under ``root``; ``memo``: the last
    scan's. ``changed``, when a watcher reports changes (serve): the files it
    saw change since the memo's scan; any other file the memo knows is as the
    memo has it, and is not looked at."""
    started = time.time_ns()
    root = str(Path(root).resolve())
    known = (memo or {}).get("files", {}) if (memo or {}).get("root") == root else {}
    trusted_before = (memo or {}).get("at", 0) - RACY_NS
    digests, read, remembered = [], {}, {}
    for n, (rel, path) in enumerate(files):
        if changed is not None and rel not in changed:
            hit = known.get(rel)
            if hit is not None:
                digests.append(hit[4])
                remembered[rel] = hit
                continue
        try:
            st = os.stat(path)
        except OSError as exc:
            st, read[n] = None, exc
        if st is not None:
            stamp = _stamp(st)
            hit = known.get(rel)
            if hit is not None and hit[:4] == stamp and max(stamp[1], stamp[2]) < trusted_before:
                digests.append(hit[4])
                remembered[rel] = hit
                continue
            read[n] = _read(path)
        raw = read[n]
        if isinstance(raw, OSError):
            digests.append(digest(b"unreadable", str(raw).encode()))
        else:
            digests.append(digest(raw))
            remembered[rel] = (*stamp, digests[-1])
    return SourceScan(tuple(files), digests, read, {"root": root, "at": started, "files": remembered})


class BuildCache:
    """Entries live in one SQLite file (``cache.sqlite``): one read and one
    transaction per build instead of thousands of small files.

    ``memory`` (kind → {key: value}), when given, is kept by a long-running
    process between its builds (``serve``): values it holds are used as they
    are, and the others join it as they are read or made, so a rebuild after
    an edit unpickles nothing it already had."""

    def __init__(self, folder: Path | None, enabled: bool = True, memory: dict | None = None):
        self.folder = Path(folder) if folder else None
        self.enabled = enabled and self.folder is not None
        self.memory = memory
        self._db: sqlite3.Connection | None = None

    def _connect(self) -> sqlite3.Connection | None:
        if self.folder is None:
            return None
        if self._db is None:
            path = self.folder / "cache.sqlite"
            self.folder.mkdir(parents=True, exist_ok=True)
            for attempt in (1, 2):
                try:
                    db = sqlite3.connect(path, timeout=30, isolation_level=None)
                    db.execute("PRAGMA synchronous = OFF")  # a cache: damage is detected and rebuilt
                    db.execute("CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, kind TEXT NOT NULL, value BLOB NOT NULL)")
                    db.execute("SELECT count(*) FROM entries WHERE key = ''").fetchone()
                    self._db = db
                    break
                except sqlite3.Error:
                    if attempt == 2:
                        self.folder = None  # unusable (locked, read-only, ...): build without a cache
                        self.enabled = False
                        return None
                    try:
                        path.unlink(missing_ok=True)  # unreadable: start again
                    except OSError:
                        pass
        return self._db

    def get_many(self, kind: str, keys: list[str]) -> dict:
        """Unpickled values of the keys present; damaged entries are left out (recomputed)."""
        if not self.enabled or not keys:
            return {}
        held = self.memory.setdefault(kind, {}) if self.memory is not None else {}
        found = {key: held[key] for key in keys if key in held}
        wanted = sorted(set(keys) - found.keys())
        db = self._connect() if wanted else None
        if db is None:
            return found
        try:
            for n in range(0, len(wanted), 500):
                chunk = wanted[n:n + 500]
                rows = db.execute(f"SELECT key, value FROM entries WHERE key IN ({','.join('?' * len(chunk))})", chunk)
                for key, value in rows:
                    try:
                        found[key] = held[key] = pickle.loads(value)
                    except Exception:  # noqa: BLE001 - anything unreadable is recomputed
                        pass
        except sqlite3.Error:
            pass  # what was not read is made again
        return found

    def held(self, kind: str, key: str | None):
        """The value the memory holds for ``key`` (None if it holds none); never reads the file."""
        return (self.memory or {}).get(kind, {}).get(key)

    def put_many(self, kind: str, entries: dict[str, bytes], values: dict | None = None) -> None:
        """Store pickled values (kept even with ``enabled=False``: --ignore-cache
        refreshes); ``values``, the same unpickled, join the memory."""
        if self.memory is not None and values:
            self.memory.setdefault(kind, {}).update(values)
        db = self._connect()
        if db is None or not entries:
            return
        try:
            with _transaction(db):
                db.executemany("INSERT OR REPLACE INTO entries (key, kind, value) VALUES (?, ?, ?)",
                               [(key, kind, data) for key, data in sorted(entries.items())])
        except sqlite3.Error:
            pass  # a cache that cannot be written costs time next build, not this build

    def prune(self, kind: str, used: set[str]) -> None:
        """Forget entries of ``kind`` this build did not use (old versions of
        edited files). Once a memory has seen the file pruned, the file holds
        no entry the memory does not (each one read or stored since joined
        it): then only the entries the memory drops are deleted, not every
        entry outside ``used`` looked for. (Entries another build stores in
        the same folder meanwhile wait for the next full prune.)"""
        dropped = None
        if self.memory is not None:
            held = self.memory.get(kind, {})
            pruned = self.memory.setdefault(PRUNED, {})
            if self.folder is not None and pruned.get(kind) == self.folder:
                dropped = sorted(held.keys() - used)
            self.memory[kind] = {key: held[key] for key in used if key in held}
        db = self._connect()
        if db is None:
            return
        try:
            with _transaction(db):
                if dropped is not None:
                    db.executemany("DELETE FROM entries WHERE key = ?", [(k,) for k in dropped])
                else:
                    db.execute("CREATE TEMP TABLE IF NOT EXISTS used (key TEXT PRIMARY KEY)")
                    db.execute("DELETE FROM used")
                    db.executemany("INSERT OR IGNORE INTO used VALUES (?)", [(k,) for k in used])
                    db.execute("DELETE FROM entries WHERE kind = ? AND key NOT IN (SELECT key FROM used)", (kind,))
        except sqlite3.Error:
            return
        if self.memory is not None:
            self.memory[PRUNED][kind] = self.folder

    def compiled_templates(self, code: bytes, engine: str) -> Path | None:
        """The folder for the compiled templates made by this version of the
        code and of the template ``engine`` (how they compile is part of
        both); other versions' folders go."""
        if not self.enabled:
            return None
        parent = self.folder / "templates"
        folder = parent / f"{code.decode()[:20]}-{engine}"
        try:
            for old in parent.iterdir() if parent.is_dir() else ():
                if old != folder and old.is_dir() and not old.is_symlink():
                    shutil.rmtree(old, ignore_errors=True)
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            return None
        return folder

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    # -- the last build's manifest
    def manifest(self, output: Path) -> dict:
        """The last build's manifest; a memory that saved the file as it still
        is gives back what it saved, without reading it (3 MB at 10,000 articles)."""
        if not self.enabled:
            return {}
        path = self.folder / "manifest.pickle"
        held = self.memory.get(MANIFEST) if self.memory is not None else None
        if held is not None and held[0] == _stamp_of(path):
            data = held[1]
        else:
            try:
                with path.open("rb") as f:
                    data = pickle.load(f)
            except (OSError, pickle.UnpicklingError, EOFError, TypeError, ValueError):
                return {}
        return data if isinstance(data, dict) and data.get("output") == str(Path(output).resolve()) else {}

    def save_manifest(self, output: Path, build_key: str, pages: dict, summary: str, search: bool,
                      files: set[str], sources: dict) -> None:
        if self.folder is None:
            return
        data = {"output": str(Path(output).resolve()), "build_key": build_key, "pages": pages, "summary": summary,
                "search": search, "files": files, "sources": sources}
        path = self.folder / "manifest.pickle"
        self._write(path, pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))
        if self.memory is not None:
            self.memory[MANIFEST] = (_stamp_of(path), data)

    def forget_manifest(self) -> None:
        if self.folder is not None:
            (self.folder / "manifest.pickle").unlink(missing_ok=True)

    @staticmethod
    def _write(path: Path, data: bytes) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)


def _stamp(st: os.stat_result) -> tuple:
    """What tells one version of a file from another: its size, times and
    inode (a file written whole under another name and renamed into place
    has a new one)."""
    return st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino


def _stamp_of(path: Path) -> tuple | None:
    """``_stamp`` of the file at ``path``; None when there is none."""
    try:
        return _stamp(os.stat(path))
    except OSError:
        return None


@contextmanager
def _transaction(db: sqlite3.Connection):
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
