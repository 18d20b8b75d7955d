"""Helpers for tests that inspect a built site: parse pages, resolve links."""
from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for key in ("href", "src"):
            if attrs.get(key) is not None:
                self.links.append(attrs[key])
        if attrs.get("id"):
            self.ids.add(attrs["id"])


def parse(path: Path) -> _Collector:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector


def check_links(site: Path, prefix: str = "/", base_url: str | None = None) -> tuple[int, list[str]]:
    """(internal links checked, broken ones): every internal link and #anchor
    of every page, resolved as a browser would when the site is served under
    ``prefix`` ("/" or "/REPO/")."""
    pages = {p.relative_to(site).as_posix(): parse(p) for p in site.rglob("*.html")}
    host = "https://example.test"
    broken = []
    checked = 0
    for rel, page in sorted(pages.items()):
        page_url = host + prefix + rel
        if rel == "404.html":
            page_url = host + prefix + "some/missing/page"  # Pages serves it anywhere
        for link in page.links:
            if link.startswith(("mailto:",)):
                continue
            if link.startswith("#"):
                checked += 1
                if link[1:] not in page.ids:
                    broken.append(f"{rel}: {link} → no such id on the page")
                continue
            url = urljoin(page_url, link)
            if base_url and url.startswith(base_url):
                url = host + prefix + url[len(base_url):]
            parts = urlsplit(url)
            if parts.scheme + "://" + parts.netloc != host:
                continue  # external
            path = unquote(parts.path)
            if not path.startswith(prefix):
                broken.append(f"{rel}: {link} leaves the site prefix {prefix}")
                continue
            checked += 1
            target = path[len(prefix):]
            if target == "" or target.endswith("/"):
                target += "index.html"
            file = site / target
            if not file.is_file():
                broken.append(f"{rel}: {link} → missing {target}")
                continue
            if parts.fragment and target.endswith(".html"):
                ids = pages[target].ids if target in pages else set()
                if parts.fragment not in ids:
                    broken.append(f"{rel}: {link} → no #{parts.fragment} in {target}")
    return checked, broken
