"""Stage 7 — write: put the site on disk, all or nothing.

The new site is assembled in a staging folder next to the output and swapped
in only when every file is there, so a failed build leaves the last good site
exactly as it was. A file whose bytes did not change is hard-linked from the
previous output rather than written again (same inode, same mtime), which also
makes incremental rebuilds cheap.
"""
from __future__ import annotations

import filecmp
import os
import shutil
import tempfile
from pathlib import Path, PurePosixPath


class UnsafePath(ValueError):
    pass


def safe_relpath(rel: str) -> PurePosixPath:
    """Refuse any output path that could land outside the output folder."""
    path = PurePosixPath(rel)
    if path.is_absolute() or "\\" in rel or any(part in ("..", "") for part in path.parts) or ":" in rel:
        raise UnsafePath(f"refusing to write outside the output folder: {rel!r}")
    return path


def write_file(root: Path, rel: str, data: bytes, previous: Path | None = None) -> bool:
    """Write ``data`` at ``root/rel``; link the previous output's file instead
    when its bytes are the same. Returns True if bytes were written."""
    dest = root / safe_relpath(rel)
    dest.parent.mkdir(parents=True, exist_ok=True)
    if previous is not None:
        old = previous / rel
        try:
            if old.is_file() and old.stat().st_size == len(data) and old.read_bytes() == data:
                os.link(old, dest)
                return False
        except OSError:
            pass
    dest.write_bytes(data)
    return True


def link_previous(root: Path, rel: str, previous: Path | None) -> bool:
    """Hard-link the previous output's file at ``rel`` into ``root``; False if
    there is none. The file keeps its inode and mtime: it is not rewritten."""
    if previous is None:
        return False
    old = previous / safe_relpath(rel)
    if not old.is_file():
        return False
    dest = root / rel
    dest.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(old, dest)
    except OSError:
        shutil.copy2(old, dest)
    return True


class Staging:
    """A new site being assembled next to ``output``."""

    def __init__(self, output: Path):
        self.output = Path(output).resolve()
        self.output.parent.mkdir(parents=True, exist_ok=True)
        if self.output.exists() and not self.output.is_dir():
            raise NotADirectoryError(f"output {self.output} exists and is not a folder")
        self.previous = self.output if self.output.is_dir() else None
        self.root = Path(tempfile.mkdtemp(prefix=f".{self.output.name}-new-", dir=self.output.parent))
        self.written = 0
        self.linked = 0

    def write(self, rel: str, data: bytes) -> None:
        if write_file(self.root, rel, data, self.previous):
            self.written += 1
        else:
            self.linked += 1

    def keep(self, rel: str) -> bool:
        """Link the previous output's file; False if there is none."""
        if not link_previous(self.root, rel, self.previous):
            return False
        self.linked += 1
        return True

    def keep_tree(self, rel: str) -> bool:
        """Link every file of a folder of the previous output (e.g. the search index)."""
        if self.previous is None or not (self.previous / safe_relpath(rel)).is_dir():
            return False
        for path in sorted((self.previous / rel).rglob("*")):
            if path.is_file():
                self.keep(path.relative_to(self.previous).as_posix())
        return True

    def copy_tree(self, target: str, source: Path) -> None:
        """Static files: linked when unchanged, copied otherwise."""
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
                self.written += 1

    def commit(self) -> None:
        os.chmod(self.root, 0o755)
        if self.previous is None:
            os.replace(self.root, self.output)
            return
        old = Path(tempfile.mkdtemp(prefix=f".{self.output.name}-old-", dir=self.output.parent))
        os.rmdir(old)
        os.replace(self.output, old)
        try:
            os.replace(self.root, self.output)
        except BaseException:
            os.replace(old, self.output)
            raise
        shutil.rmtree(old, ignore_errors=True)

    def abort(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)
