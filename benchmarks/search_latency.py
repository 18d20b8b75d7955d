#!/usr/bin/env python3
"""The search page's wait for its first result: the index in shards merged
in the browser (what quotetrail builds) against one bundle (the alternative).

    python benchmarks/search_latency.py [--articles 2000] [--delay 0.04] [--query Blinken] [--shards N] [--work DIR] [--keep]

Generates the corpus (corpus.py), builds it twice with the search index —
as quotetrail builds it (shards of about 500 pages, at most 16) and with every
page in one bundle — and opens each site's search page for the query in
Chromium (Playwright and Debian's Chromium, as the tests use), served
locally with ``--delay`` seconds added to every request (a round trip to a
host such as GitHub Pages; 0 for the loopback). Prints, for each, the median
of three loads of the seconds to the first result shown, and the requests
the page made by then.
"""
from __future__ import annotations

import argparse
import functools
import http.server
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(HERE), str(ROOT), str(ROOT / "tests")]

from corpus import generate  # noqa: E402
from quotetrail import search  # noqa: E402
from quotetrail.pipeline import build  # noqa: E402


def serve(site: Path, delay: float) -> http.server.ThreadingHTTPServer:
    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def send_head(self):
            time.sleep(delay)
            return super().send_head()

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def first_result(browser, url: str) -> tuple[float, int, str]:
    """(seconds to the first result, requests made by then, the result count's message) of one fresh load."""
    page = browser.new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    started = time.perf_counter()
    page.goto(url)
    page.locator(".pagefind-ui__result-link").first.wait_for(timeout=120_000)
    seconds, made = time.perf_counter() - started, len(requests)
    message = page.locator(".pagefind-ui__message").inner_text()
    page.close()
    return seconds, made, message


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--delay", type=float, default=0.04, help="seconds added to every request (default: 0.04)")
    parser.add_argument("--query", default="Blinken")
    parser.add_argument("--shards", type=int, default=None,
                        help="at most this many shards instead of quotetrail's MAX_SHARDS (to weigh another count)")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "quotetrail-bench")
    parser.add_argument("--keep", action="store_true", help="keep the corpus and both sites")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright
    from quality import CHROMIUM, CHROMIUM_ARGS

    args.work.mkdir(parents=True, exist_ok=True)
    run = Path(tempfile.mkdtemp(prefix="search-latency-", dir=args.work))
    try:
        content = generate(run / "content", args.articles)
        sites = {}
        as_built = ("shards (as built)", search.MAX_SHARDS) if args.shards is None else (f"at most {args.shards} shards", args.shards)
        for name, shards in (as_built, ("one bundle", 1)):
            search.MAX_SHARDS = shards
            site = run / f"site-{shards}"
            build(content, site, templates_dir=ROOT / "templates")
            sites[name] = (site, len(search.read_state(site)["bundles"]))
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            print(f"{args.articles:,} articles; query {args.query!r}; {args.delay * 1000:.0f} ms added to every request")
            print(f"{'index':24} {'bundles':>8} {'first result s':>15} {'requests':>9}  results")
            for name, (site, bundles) in sites.items():
                server = serve(site, args.delay)
                url = f"http://127.0.0.1:{server.server_address[1]}/search/?q={args.query}"
                loads = [first_result(browser, url) for _ in range(3)]
                server.shutdown()
                seconds = statistics.median(load[0] for load in loads)
                print(f"{name:24} {bundles:8} {seconds:15.2f} {loads[-1][1]:9}  {loads[-1][2]}")
            browser.close()
    finally:
        if args.keep:
            print(f"kept {run}")
        else:
            shutil.rmtree(run, ignore_errors=True)


if __name__ == "__main__":
    main()
