"""Content-addressed build cache, kept outside the output folder.

* Per-article results (parsed article, quotations, attributions, body HTML)
  are stored under a key made of the article's bytes and a salt: quotetrail's
  own code and the speakers file. Editing one article invalidates one entry;
  changing the code or the speakers invalidates all.
* The manifest of the last build records each page's fingerprint, so a
  rebuild renders only pages whose inputs changed and links the rest from the
  previous output; and a key for the whole build, so a rebuild with nothing
  changed does nothing.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
FORMAT = b"quotetrail-cache-3"


def digest(*parts: bytes) -> str:
    h = hashlib.blake2b(digest_size=20)
    for part in parts:
        h.update(len(part).to_bytes(8, "little"))
        h.update(part)
    return h.hexdigest()


def code_salt() -> bytes:
    """Changes whenever quotetrail's code does."""
    sources = sorted(PACKAGE.glob("*.py"))
    return digest(FORMAT, *[p.name.encode() + b"\0" + p.read_bytes() for p in sources]).encode()


def folder_salt(folder: Path) -> bytes:
    files = sorted(p for p in Path(folder).rglob("*") if p.is_file())
    return digest(*[p.relative_to(folder).as_posix().encode() + b"\0" + p.read_bytes() for p in files]).encode()


class BuildCache:
    def __init__(self, folder: Path | None, enabled: bool = True):
        self.folder = Path(folder) if folder else None
        self.enabled = enabled and self.folder is not None

    # -- per-article results
    def _path(self, key: str) -> Path:
        return self.folder / "articles" / key[:2] / f"{key}.pickle"

    def get(self, key: str):
        if not self.enabled:
            return None
        try:
            with self._path(key).open("rb") as f:
                return pickle.load(f)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, IndexError, TypeError, ValueError):
            return None  # missing or unreadable: recompute

    def put(self, key: str, value) -> None:
        self.put_pickled(key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))

    def put_pickled(self, key: str, data: bytes) -> None:
        if self.folder is not None:
            self._write(self._path(key), data)

    # -- the last build's manifest
    def manifest(self, output: Path) -> dict:
        if not self.enabled:
            return {}
        try:
            with (self.folder / "manifest.pickle").open("rb") as f:
                data = pickle.load(f)
        except (OSError, pickle.UnpicklingError, EOFError, TypeError, ValueError):
            return {}
        return data if isinstance(data, dict) and data.get("output") == str(Path(output).resolve()) else {}

    def save_manifest(self, output: Path, build_key: str, pages: dict, summary: str, search: bool) -> None:
        if self.folder is None:
            return
        data = {"output": str(Path(output).resolve()), "build_key": build_key, "pages": pages, "summary": summary,
                "search": search}
        self._write(self.folder / "manifest.pickle", pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))

    @staticmethod
    def _write(path: Path, data: bytes) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
