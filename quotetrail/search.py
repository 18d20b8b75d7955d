"""Search index: Pagefind (the `pagefind` package's bundled binary) indexes the
rendered pages marked ``data-pagefind-body`` — articles and quotes, with
speaker and outlet filters — into ``pagefind/``. It runs on the staged site
before it replaces the last one, so a failed index leaves the old site."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path


class SearchIndexError(RuntimeError):
    pass


def index_search(site: Path) -> None:
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--output-subdir", "pagefind", "--silent"]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=900)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SearchIndexError(f"search indexing could not run: {exc}") from None
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()[-5:]
        raise SearchIndexError("search indexing failed (pagefind): " + " | ".join(detail))
    if not (site / "pagefind" / "pagefind-ui.js").is_file():
        raise SearchIndexError("search indexing produced no pagefind/pagefind-ui.js")
