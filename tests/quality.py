"""Locating the external quality-gate tools (installed by .ci/run).

Tests that need a tool skip when it is missing on a developer's machine, and
fail when QUOTETRAIL_REQUIRE_TOOLS=1 (as .ci/run sets), so CI can't go green
without running them."""
from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "tests" / "tools" / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def require(condition: bool, what: str) -> None:
    if condition:
        return
    message = f"{what} is not installed (bash .ci/run installs it)"
    if os.environ.get("QUOTETRAIL_REQUIRE_TOOLS") == "1":
        pytest.fail(message)
    pytest.skip(message)


class SiteServer:
    """Serves a folder on 127.0.0.1 under a URL prefix, like GitHub Pages does."""

    def __init__(self, folder: Path, prefix: str = "/"):
        self.folder, self.prefix = folder, prefix
        outer = self

        class Handler(http.server.SimpleHTTPRequestHandler):
            def translate_path(self, path):
                if not path.startswith(outer.prefix):
                    return str(outer.folder / "__missing__")
                return super().translate_path("/" + path[len(outer.prefix):])

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(folder)))
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}{self.prefix}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()
