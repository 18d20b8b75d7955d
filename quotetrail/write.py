"""Stage 7 — write: put the rendered files on disk, all or nothing.

The site is written to a temporary folder next to the output and swapped in
only when every file is written, so a failed build leaves the last good site
exactly as it was.
"""
from __future__ import annotations

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


def write_site(output: Path, files: dict[str, bytes], static_dirs: dict[str, Path] | None = None,
               finish=None) -> None:
    """Write ``files`` (relative path → bytes) and copy static folders, let
    ``finish(staging_folder)`` add generated files (the search index), then swap in."""
    output = Path(output).resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}-new-", dir=output.parent))
    try:
        for target, source_dir in sorted((static_dirs or {}).items()):
            dest = staging / safe_relpath(target)
            shutil.copytree(source_dir, dest, dirs_exist_ok=True)
        for rel in sorted(files):
            dest = staging / safe_relpath(rel)
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes(files[rel])
        if finish is not None:
            finish(staging)
        _swap(staging, output)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _swap(staging: Path, output: Path) -> None:
    os.chmod(staging, 0o755)
    if not output.exists():
        os.replace(staging, output)
        return
    if not output.is_dir():
        raise NotADirectoryError(f"output {output} exists and is not a folder")
    old = Path(tempfile.mkdtemp(prefix=f".{output.name}-old-", dir=output.parent))
    os.rmdir(old)
    os.replace(output, old)
    try:
        os.replace(staging, output)
    except BaseException:
        os.replace(old, output)
        raise
    shutil.rmtree(old, ignore_errors=True)
