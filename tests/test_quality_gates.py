"""Quality gates: valid HTML (W3C Nu HTML Checker), accessibility (axe-core in
headless Chromium), and the Content-Security-Policy the pages declare."""
import json
import re
import shutil
import subprocess

import pytest

from quotetrail.pipeline import build

from conftest import TEMPLATES
from quality import ARTIFACTS, AXE_JS, VNU_JAR, SiteServer, require
from test_hostile import EXPECTED, HOSTILE, content_with


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    """Every hostile file that must build, built together."""
    tmp = tmp_path_factory.mktemp("hostile")
    safe = [n for n, e in EXPECTED["articles"].items() if "error" not in e]
    content = content_with(tmp, {n: (HOSTILE / n).read_bytes() for n in safe})
    build(content, tmp / "_site", templates_dir=TEMPLATES)
    return tmp / "_site"


def test_every_page_passes_the_nu_html_checker(built_site, built_site_subpath, hostile_site):
    require(VNU_JAR.is_file(), "vnu-jar (npm)")
    require(shutil.which("java") is not None, "java")
    pages = [p for site in (built_site, built_site_subpath, hostile_site) for p in sorted(site.rglob("*.html"))]
    result = subprocess.run(["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *map(str, pages)],
                            capture_output=True, text=True, timeout=600)
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = [f"{m.get('url', '')}: {m.get('message')}" for m in messages if m.get("type") == "error"]
    print(f"\nNu HTML Checker: {len(pages)} pages validated, {len(errors)} errors")
    assert errors == []
    assert len(pages) > 100


AXE_PAGES = {
    "index": "",
    "article": "articles/adg-blinken-xi-meet-say-talks-yielded-progress.html",
    "cross-reference": "quotes/",
    "browser-filtered": "quotes/?speaker=blinken&sort=earliest&fragments=1",  # rows drawn by browse.js
    "quote": None,  # the most widely carried quote, found in quotes.json
    "speaker": "speakers/blinken.html",
    "speakers": "speakers/",
    "unattributed": "quotes/unattributed.html",
    "outlet": "outlets/cbc-news.html",
    "outlets": "outlets/",
    "articles": "articles/",
    "timeline": "timeline/",
    "compare": "compare/",
    "compare-picked": "compare/?a=cbc-news&b=al-jazeera&c=pbs-newshour",  # the table drawn by browse.js
    "lineage": "lineage/",
    "search": "search/?q=Blinken",
}
# every kind of page, for the phone: the pages above and the 404 page
PHONE_PAGES = {**AXE_PAGES, "404": "404.html"}


def _ready(page, path: str) -> None:
    """Wait for what a page's script draws: the browser's rows, the comparison, the search results."""
    if "?" in path and path.startswith("quotes/"):
        page.locator("#browse-status", has_text=re.compile(r"^Showing")).wait_for(timeout=15000)
    elif "?" in path and path.startswith("compare/"):
        page.locator("table.compare tbody tr").first.wait_for(timeout=15000)
    elif path.startswith("search/"):
        page.locator(".pagefind-ui__result-link").first.wait_for(timeout=15000)


def test_no_serious_accessibility_violations_and_no_csp_violations(built_site, browser):
    require(AXE_JS.is_file(), "axe-core (npm)")
    data = json.loads((built_site / "quotes.json").read_text())
    widest = max(data["quotes"], key=lambda q: (len(q["occurrences"]), q["id"]))
    pages = dict(AXE_PAGES, quote=f"quotes/{widest['id']}.html")
    axe_source = AXE_JS.read_text(encoding="utf-8")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    report = {}
    with SiteServer(built_site, "/repo/") as server:
        for scheme in ("light", "dark"):
            context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
            page = context.new_page()
            csp_violations = []
            page.on("console", lambda msg: csp_violations.append(msg.text) if "Content Security Policy" in msg.text else None)
            for name, path in pages.items():
                response = page.goto(server.url + path)
                assert response.status == 200, path
                _ready(page, path)
                page.evaluate(axe_source)
                results = page.evaluate("""async () => {
                    const r = await axe.run(document, {resultTypes: ['violations']});
                    return r.violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.length,
                                                   sample: v.nodes[0] && v.nodes[0].html}));
                }""")
                report[f"{scheme}:{name}"] = results
                page.screenshot(path=str(ARTIFACTS / f"{name}-{scheme}.png"), full_page=False)
            context.close()
            assert csp_violations == [], csp_violations
    (ARTIFACTS / "axe-report.json").write_text(json.dumps(report, indent=1))
    serious = {k: [v for v in vs if v["impact"] in ("serious", "critical")] for k, vs in report.items()}
    serious = {k: v for k, v in serious.items() if v}
    total = sum(len(v) for v in report.values())
    print(f"\naxe-core: {len(report)} page views checked, {total} violations in all, serious or critical: {serious}")
    assert serious == {}


def test_phone_width_has_no_horizontal_scroll_on_any_page_kind(built_site, browser):
    """Every kind of page at 360 px, light and dark: nothing scrolls sideways
    (a wide table scrolls in its own box), the header stays short, and a
    statement's page shows more than its headline on the first screen."""
    data = json.loads((built_site / "quotes.json").read_text())
    longest = max(data["quotes"], key=lambda q: (len(q["text"]), q["id"]))
    pages = dict(PHONE_PAGES, quote=f"quotes/{longest['id']}.html")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with SiteServer(built_site) as server:
        for scheme in ("light", "dark"):
            context = browser.new_context(viewport={"width": 360, "height": 740}, color_scheme=scheme,
                                          device_scale_factor=1, is_mobile=True, has_touch=True)
            page = context.new_page()
            for name, path in pages.items():
                page.goto(server.url + path)
                _ready(page, path)
                overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
                assert overflow <= 0, (scheme, path, overflow)
                header = page.evaluate("document.querySelector('.site-header').getBoundingClientRect().height")
                assert header <= 110, (path, header)  # the title and two lines of links, not 200 px
                if name == "quote":
                    title = page.evaluate("document.querySelector('h1').getBoundingClientRect().bottom")
                    assert title < 740 * 0.6, title  # the headline leaves room for what follows
                page.screenshot(path=str(ARTIFACTS / f"phone-{name}-{scheme}.png"), full_page=False)
            context.close()
