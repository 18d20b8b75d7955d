#!/usr/bin/env python3
"""Page weights: what a reader downloads, page kind by page kind, on a site of N articles.

    python benchmarks/page_weights.py                     # N = 10,000
    python benchmarks/page_weights.py --articles 1000 --browser
    python benchmarks/page_weights.py --site _site        # an existing site (no build)

Generates the corpus (benchmarks/corpus.py), builds it (without the search
index), then reports:

* for each kind of page, how many there are and the median and largest
  size, raw and gzipped (as GitHub Pages serves them), and every page over
  1 MB (there should be none);
* the first screen of the pages a reader starts from (the home page, the
  statement browser, a speaker's page, the largest outlet page, the most
  widely carried statement's page, the comparison, the timeline): the page
  with the stylesheet, scripts and icon it loads before any interaction;
* the statement browser's index: the files a filter fetches.

With ``--browser`` (Playwright and Debian's Chromium, as the tests use), it
also loads each of those pages from a local server and reports the time to
the load event, on the loopback and with the network throttled to 10 Mbit/s
and 40 ms round trips (no compression: a conservative figure), and times
the browser's filters: by one speaker (one file of the index), and by an
outlet across every speaker (all of them).
"""
from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(HERE), str(ROOT)]

from corpus import generate  # noqa: E402

MB = 1024 * 1024
LIMIT = 1 * MB  # no page of the site over this
FIRST_SCREEN_LIMIT = 300 * 1024  # the statement browser's first screen, at 10,000 articles
THROTTLE = {"offline": False, "latency": 40, "downloadThroughput": 10_000_000 / 8, "uploadThroughput": 5_000_000 / 8}


def fresh_page(browser, throttled: bool):
    """A page in a context of its own (nothing cached), on a throttled network when asked."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    if throttled:
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", THROTTLE)
    return context, page


def kind_of(rel: str) -> str:
    """A page's kind, from its path."""
    if rel == "index.html":
        return "home"
    if rel.startswith("quotes/data/"):
        return "browser index (JSON)"
    if rel.endswith(".csv") and rel.startswith("speakers/"):
        return "speaker coverage (CSV)"
    if not rel.endswith(".html"):
        return "other file"
    folder, _, name = rel.partition("/")
    if not name:
        return "404" if rel == "404.html" else "other page"
    if name == "index.html":
        return {"quotes": "statement browser (first screen)", "articles": "list of articles", "outlets": "outlets",
                "speakers": "speakers", "timeline": "timeline", "compare": "comparison", "search": "search",
                "lineage": "sources (lineage)"}.get(folder, f"{folder}/")
    paged = re.fullmatch(r"(.+)\.\d+\.html", name)
    if folder == "articles":
        return "list of articles" if paged else "article"
    if folder == "quotes":
        return "unattributed list" if name.startswith("unattributed") else "statement"
    if folder == "speakers":
        return "speaker"
    if folder == "outlets":
        return "outlet"
    if folder == "timeline":
        return "timeline (month)"
    return f"{folder}/"


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 6))


def human(n: float) -> str:
    return f"{n / 1024:,.0f} KB" if n < MB else f"{n / MB:,.2f} MB"


def assets_of(page: Path, site: Path) -> list[Path]:
    """The stylesheet, scripts and icon a page loads before any interaction (not the search index)."""
    html = page.read_text(encoding="utf-8")
    found = []
    for m in re.finditer(r'<(?:link[^>]*rel="(?:stylesheet|icon)"[^>]*href|script[^>]*src)="([^"]+)"', html):
        target = (page.parent / m.group(1)).resolve()
        if target.is_file() and target.is_relative_to(site.resolve()):
            found.append(target)
    return found


def starting_pages(site: Path) -> dict[str, Path]:
    """The pages a reader starts from, the heaviest of each kind."""
    pages = {"home": site / "index.html", "statement browser": site / "quotes" / "index.html",
             "comparison": site / "compare" / "index.html", "timeline": site / "timeline" / "index.html",
             "outlets": site / "outlets" / "index.html"}
    for label, folder, pattern in (("speaker (largest first page)", "speakers", r"[^.]+\.html"),
                                   ("outlet (largest first page)", "outlets", r"[^.]+\.html"),
                                   ("statement (largest)", "quotes", r"[^.]+\.html"),
                                   ("article (largest)", "articles", r"[^.]+\.html")):
        files = [p for p in (site / folder).glob("*.html")
                 if re.fullmatch(pattern, p.name) and p.name not in ("index.html", "unattributed.html")]
        if files:
            pages[label] = max(files, key=lambda p: (p.stat().st_size, p.name))
    return {label: path for label, path in pages.items() if path.is_file()}


def report_files(site: Path) -> tuple[list[str], dict]:
    lines, kinds = [], {}
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if not path.is_file() or rel.startswith(("pagefind/", "assets/", ".")) or rel in ("quotes.json", "quotes.csv",
                                                                                           "feed.xml", "sitemap.xml", "robots.txt"):
            continue
        kinds.setdefault(kind_of(rel), []).append((path.stat().st_size, rel, path))
    lines.append(f"{'kind':34} {'files':>7} {'median':>10} {'largest':>10} {'largest gz':>11}  largest file")
    over = []
    for kind, files in sorted(kinds.items()):
        sizes = [s for s, _, _ in files]
        biggest = max(files)
        lines.append(f"{kind:34} {len(files):>7,} {human(statistics.median(sizes)):>10} {human(biggest[0]):>10} "
                     f"{human(gz(biggest[2].read_bytes())):>11}  {biggest[1]}")
        over += [rel for size, rel, _ in files if size > LIMIT and rel.endswith(".html")]
    lines.append(f"pages over {human(LIMIT)}: {', '.join(over) if over else 'none'}")
    for name in ("quotes.json", "quotes.csv"):
        if (site / name).is_file():
            data = (site / name).read_bytes()
            lines.append(f"(data files, not pages: {name} {human(len(data))}, {human(gz(data))} gzipped)")
    return lines, {"over": over}


def report_first_screens(site: Path) -> tuple[list[str], dict]:
    lines = [f"{'first screen':34} {'page':>9} {'+ assets':>9} {'total':>9} {'gzipped':>9}  page"]
    totals = {}
    for label, page in starting_pages(site).items():
        files = [page, *assets_of(page, site)]
        raw = sum(p.stat().st_size for p in files)
        packed = sum(gz(p.read_bytes()) for p in files)
        totals[label] = raw
        lines.append(f"{label:34} {human(page.stat().st_size):>9} {human(raw - page.stat().st_size):>9} {human(raw):>9} "
                     f"{human(packed):>9}  {page.relative_to(site).as_posix()}")
    index = sorted((site / "quotes" / "data").glob("*.json"))
    if index:
        sizes = [p.stat().st_size for p in index]
        lines.append(f"statement browser's index: {len(index)} files, {human(sum(sizes))} in all "
                     f"({human(sum(gz(p.read_bytes()) for p in index))} gzipped); the largest {human(max(sizes))}; "
                     f"its directory {human((site / 'quotes' / 'data' / 'index.json').stat().st_size)}")
    return lines, totals


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def handle(self):
        try:
            super().handle()
        except (BrokenPipeError, ConnectionResetError):  # the browser moved on
            pass


def serve(site: Path):
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/"


def report_browser(site: Path, rounds: int = 3) -> list[str]:
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    httpd, url = serve(site)
    lines = [f"{'load event (median of ' + str(rounds) + ')':34} {'loopback':>9} {'10 Mbit/s':>10} {'fetched':>9}  page"]
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
            for label, page_path in starting_pages(site).items():
                rel = page_path.relative_to(site).as_posix()
                times = {}
                fetched = 0
                for throttled in (False, True):
                    runs = []
                    for _ in range(rounds):
                        context, page = fresh_page(browser, throttled)
                        page.goto(url + rel, wait_until="load")
                        timing = page.evaluate("""() => {
                            const nav = performance.getEntriesByType('navigation')[0];
                            const bytes = performance.getEntriesByType('resource').reduce((n, r) => n + r.encodedBodySize, 0);
                            return [nav.loadEventEnd, nav.encodedBodySize + bytes];
                        }""")
                        runs.append(timing[0])
                        fetched = timing[1]
                        context.close()
                    times[throttled] = statistics.median(runs)
                lines.append(f"{label:34} {times[False] / 1000:>8.2f}s {times[True] / 1000:>9.2f}s {human(fetched):>9}  {rel}")
            # the browser's filters, each in a fresh page (nothing of the index cached): the
            # first tracked speaker (one file of the index), and an outlet (every file)
            for label, field in (("filter: one speaker", "#f-speaker"), ("filter: an outlet, every speaker", "#f-outlet")):
                for throttled in (False, True):
                    context, page = fresh_page(browser, throttled)
                    page.goto(url + "quotes/", wait_until="load")
                    value = page.locator(f"{field} option").nth(1).get_attribute("value")
                    start = time.perf_counter()
                    page.select_option(field, value)
                    page.locator("#browse-status", has_text=re.compile(r"^(Showing|No )")).wait_for(timeout=300000)
                    seconds = time.perf_counter() - start
                    fetched = page.evaluate("performance.getEntriesByType('resource')"
                                            ".filter(r => r.name.includes('/quotes/data/'))"
                                            ".reduce((n, r) => n + r.encodedBodySize, 0)")
                    status = page.locator("#browse-status").inner_text()
                    context.close()
                    where = "10 Mbit/s" if throttled else "loopback"
                    lines.append(f"{label:34} {seconds:>8.2f}s ({where}), fetching {human(fetched)} of the index: {status}")
            browser.close()
    finally:
        httpd.shutdown()
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--site", type=Path, help="report on this built site instead of building one")
    parser.add_argument("--work", type=Path, default=None, help="where to make the corpus and the site")
    parser.add_argument("--keep", action="store_true", help="keep the corpus and the site")
    parser.add_argument("--browser", action="store_true", help="also time the pages in Chromium")
    args = parser.parse_args()
    work = None
    if args.site:
        site = args.site
    else:
        work = Path(tempfile.mkdtemp(prefix="qt-weights-", dir=args.work))
        content = generate(work / "content", args.articles, args.seed)
        site = work / "_site"
        start = time.perf_counter()
        subprocess.run([sys.executable, str(ROOT / "build.py"), "--content", str(content), "--output", str(site),
                        "--cache", str(work / "cache"), "--templates", str(ROOT / "templates"), "--no-search", "-q"],
                       check=True, cwd=work)
        print(f"built {args.articles:,} articles in {time.perf_counter() - start:.1f} s: {site}")
    try:
        lines, files = report_files(site)
        print("\n".join(lines))
        print()
        lines, screens = report_first_screens(site)
        print("\n".join(lines))
        if args.browser:
            print()
            print("\n".join(report_browser(site)))
        browser_screen = screens.get("statement browser", 0)
        print()
        print(f"statement browser's first screen: {human(browser_screen)} "
              f"({'within' if browser_screen <= FIRST_SCREEN_LIMIT else 'OVER'} {human(FIRST_SCREEN_LIMIT)}); "
              f"pages over {human(LIMIT)}: {len(files['over'])}")
    finally:
        if work is not None and not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
