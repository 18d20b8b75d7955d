"""End to end in a real browser (Playwright driving Debian's Chromium), the way
a reader and an editor use the site."""
import json
import re
import shutil
import subprocess
import sys
import time

import pytest

from conftest import CONTENT, ROOT, article_text
from quality import ARTIFACTS, SiteServer


@pytest.fixture
def page(browser):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    page.csp_violations = []
    page.on("console", lambda msg: page.csp_violations.append(msg.text) if "Content Security Policy" in msg.text else None)
    yield page
    context.close()


def test_reader_follows_an_article_to_a_quote_and_sees_every_outlet(built_site_subpath, page):
    data = json.loads((built_site_subpath / "quotes.json").read_text())
    with SiteServer(built_site_subpath, "/repo/") as server:
        page.goto(server.url)
        page.get_by_role("link", name="Blinken, Xi meet, say talks yielded progress").first.click()
        page.wait_for_url("**/articles/adg-blinken-xi-meet-say-talks-yielded-progress.html")
        highlighted = page.locator("a.qt", has_text="It is absolutely vital").first
        assert highlighted.is_visible()
        label = highlighted.locator("xpath=following::a[contains(@class,'qt-label')][1]")
        # the speaker, shown in words, not only colour, and how many outlets carried the words
        assert re.fullmatch(r"Antony Blinken · \d+ outlets?", label.inner_text())
        page.screenshot(path=str(ARTIFACTS / "browser-article.png"))
        highlighted.click()
        page.wait_for_url("**/quotes/*.html")
        quote = next(q for q in data["quotes"] if any("absolutely vital" in o["text"] for o in q["occurrences"]))
        assert page.url.endswith(f"/repo/quotes/{quote['id']}.html")
        names = {o["name"] for o in data["outlets"] if o["id"] in {occ["outlet"] for occ in quote["occurrences"]}}
        headings = set(page.locator(".outlet-group h3 > a").all_inner_texts())
        assert headings == names and len(names) == 4
        page.screenshot(path=str(ARTIFACTS / "browser-quote.png"), full_page=True)
        # the statement browser names each outlet that printed it, linked to
        # its wording there, which links to the exact place in the article
        first = quote["occurrences"][0]
        page.goto(server.url + "quotes/")
        page.locator(f"a[href$='{quote['id']}.html#outlet-{first['outlet']}']").first.click()
        page.wait_for_url(f"**/quotes/{quote['id']}.html#outlet-{first['outlet']}")
        page.locator(f"section.outlet-group:has(#outlet-{first['outlet']}) a[href$='#{first['anchor']}']").first.click()
        assert page.url.endswith("#" + first["anchor"])
        assert page.locator(f"#{first['anchor']}").is_visible()
    assert page.csp_violations == []


def test_reader_searches_for_a_quote_and_lands_on_it(built_site_subpath, page):
    with SiteServer(built_site_subpath, "/repo/") as server:
        page.goto(server.url)
        page.get_by_label("Search articles and quotes").fill("responsible attitude")
        page.get_by_label("Search articles and quotes").press("Enter")
        page.wait_for_url("**/repo/search/?q=*")
        result = page.locator(".pagefind-ui__result-link").first
        result.wait_for(timeout=15000)
        page.screenshot(path=str(ARTIFACTS / "browser-search.png"), full_page=True)
        links = page.locator(".pagefind-ui__result-link").all()
        target = next(l for l in links if "responsible attitude" in l.inner_text())
        target.click()
        page.wait_for_load_state()
        assert "/repo/" in page.url
        assert "We must take a responsible attitude" in page.locator("main").inner_text()
        # filters by speaker and outlet exist
        page.goto(server.url + "search/?q=Blinken")
        page.locator(".pagefind-ui__result-link").first.wait_for(timeout=15000)
        filters = page.locator(".pagefind-ui__filter-name").all_inner_texts()
        assert {"speaker", "outlet"} <= {f.strip().lower() for f in filters}
    assert page.csp_violations == []


def test_search_merges_every_shard_of_the_index(tmp_path, page, monkeypatch):
    """A site whose index is split in shards (a large site's is) searches
    them all, under a sub-path, with the filters of every shard."""
    from quotetrail import search
    from quotetrail.pipeline import build

    monkeypatch.setattr(search, "PAGES_PER_SHARD", 1)
    monkeypatch.setattr(search, "MAX_SHARDS", 8)
    site = tmp_path / "_site"
    result = build(CONTENT, site, base_url="https://user.github.io/repo/", templates_dir=ROOT / "templates")
    state = json.loads((site / "pagefind" / "quotetrail.json").read_text())
    assert len(state["bundles"]) == 8
    pages = sum(1 for p in result.model.pages if p.searchable)
    shard_of = {url: search.shard_of(url, 8) for url in ("/" + p.path for p in result.model.pages if p.searchable)}
    with SiteServer(site, "/repo/") as server:
        page.goto(server.url + "search/?q=Blinken")
        page.locator(".pagefind-ui__result-link").first.wait_for(timeout=15000)
        wait_until(lambda: page.locator(".pagefind-ui__message").inner_text().split()[0].isdigit())
        found = int(page.locator(".pagefind-ui__message").inner_text().split()[0])
        assert found == pages  # every article and quote names Blinken, or an article that does
        while page.locator(".pagefind-ui__button").count():  # "Load more results"
            page.locator(".pagefind-ui__button").click()
        links = [a.get_attribute("href") for a in page.locator(".pagefind-ui__result-link").all()]
        assert all(href.startswith("/repo/") for href in links)
        assert {shard_of["/" + href[len("/repo/"):].split("#")[0]] for href in links} == set(range(8))
        filters = {f.strip().lower() for f in page.locator(".pagefind-ui__filter-name").all_inner_texts()}
        assert {"speaker", "outlet", "type"} <= filters
        page.locator(".pagefind-ui__filter-name", has_text="Type").click()
        page.get_by_label("Article").check()
        wait_until(lambda: page.locator(".pagefind-ui__message").inner_text().startswith("5 results"))
    assert page.csp_violations == []


def test_search_results_show_hostile_text_as_text(tmp_path, page, make_content):
    """The index is made from the pages' text, not their HTML: markup in an
    article's text reaches the results as text (Pagefind's UI escapes it)."""
    from quotetrail.pipeline import build

    body = ("Words about marmalade &lt;img src=x onerror=window.pwned=1&gt; and `<img src=y onerror=window.pwned=2>`"
            " <b onmouseover=window.pwned=3>marmalade</b>.\n")
    content = make_content({"evil": article_text(body, title="'Marmalade <img src=z onerror=window.pwned=4>'")})
    build(content, tmp_path / "_site", templates_dir=ROOT / "templates")
    with SiteServer(tmp_path / "_site") as server:
        page.goto(server.url + "search/?q=marmalade")
        page.locator(".pagefind-ui__result-link").first.wait_for(timeout=15000)
        assert "<img src=z" in page.locator(".pagefind-ui__result-link").first.inner_text()
        page.locator(".pagefind-ui__result-excerpt").first.wait_for()
        assert page.locator("#search img").count() == 0 and page.locator("#search b").count() == 0
        assert page.evaluate("window.pwned === undefined")
    assert page.csp_violations == []


def test_an_empty_shard_is_not_merged(tmp_path, page, monkeypatch):
    """Pagefind cannot merge a bundle without pages: the search page leaves it out."""
    from quotetrail import search
    from quotetrail.pipeline import build

    monkeypatch.setattr(search, "PAGES_PER_SHARD", 1)
    monkeypatch.setattr(search, "MAX_SHARDS", 4)
    spread = search.shard_of
    monkeypatch.setattr(search, "shard_of", lambda url, count: spread(url, count) % 3)  # nothing in shard 3
    build(CONTENT, tmp_path / "_site", templates_dir=ROOT / "templates")
    assert json.loads((tmp_path / "_site" / "pagefind" / "quotetrail.json").read_text())["pages"][3] == 0
    with SiteServer(tmp_path / "_site") as server:
        page.goto(server.url + "search/?q=Blinken")
        page.locator(".pagefind-ui__result-link").first.wait_for(timeout=15000)
    assert page.csp_violations == []


def test_dark_theme_follows_the_system_setting(built_site, browser):
    for scheme, dark in (("dark", True), ("light", False)):
        context = browser.new_context(color_scheme=scheme, viewport={"width": 1000, "height": 800})
        page = context.new_page()
        with SiteServer(built_site) as server:
            page.goto(server.url + "quotes/")
            rgb = page.evaluate("getComputedStyle(document.body).backgroundColor")
            level = sum(int(v) for v in re.findall(r"\d+", rgb)[:3]) / 3
            assert (level < 60) == dark, (scheme, rgb)
            page.screenshot(path=str(ARTIFACTS / f"browser-theme-{scheme}.png"))
        context.close()


def test_keyboard_reaches_the_content_with_a_visible_focus(built_site, page):
    with SiteServer(built_site) as server:
        page.goto(server.url)
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.textContent")
        assert focused == "Skip to content"
        outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle + ' ' + getComputedStyle(document.activeElement).left")
        assert not outline.endswith("-999px")


def test_quote_page_copy_link_and_citation(built_site, browser):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    data = json.loads((built_site / "quotes.json").read_text())
    quote = next(q for q in data["quotes"] if q["speaker"] == "wang-yi")
    with SiteServer(built_site) as server:
        page.goto(server.url + f"quotes/{quote['id']}.html")
        citation = page.locator("#citation").inner_text()
        assert quote["text"] in citation and "Wang Yi" in citation and "CBC News" in citation and "2023-06-19" in citation
        page.get_by_role("button", name="Copy link").click()
        assert page.evaluate("navigator.clipboard.readText()") == server.url + f"quotes/{quote['id']}.html"
        page.get_by_role("button", name="Copy citation").click()
        assert page.evaluate("navigator.clipboard.readText()") == citation.strip()
    context.close()


def wait_until(condition, seconds=30):
    """Poll from the test (the pages' CSP rightly forbids evaluating strings)."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            if condition():
                return
        except Exception:  # the page may be mid-reload
            pass
        time.sleep(0.2)
    raise AssertionError("condition not met in time")


def test_serve_rebuilds_and_reloads_the_open_page(tmp_path, page):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "build.py"), "serve", "--content", str(content), "--output", str(tmp_path / "_site"),
         "--port", "0", "--templates", str(ROOT / "templates")],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=tmp_path)
    try:
        url = None
        deadline = time.time() + 60
        while url is None and time.time() < deadline:
            line = process.stdout.readline()
            match = re.search(r"(http://127\.0\.0\.1:\d+/)", line)
            url = match.group(1) if match else None
        assert url, "serve did not start"
        article = "articles/pbs-blinken-holds-briefing-after-meeting-xi.html"
        page.goto(url + article)
        assert "WATCH: Blinken holds briefing" in page.locator("h1").inner_text()
        path = content / "articles" / "pbs-blinken-holds-briefing-after-meeting-xi.md"
        path.write_text(path.read_text().replace("WATCH: Blinken holds briefing", "EDITED: Blinken briefs"))
        wait_until(lambda: "EDITED: Blinken briefs" in page.locator("h1").inner_text())  # reloaded by itself
        # a broken edit keeps the last good site and shows the error on the page
        path.write_text(path.read_text().replace("date: 2023-06-19", "date: not-a-date"))
        banner = page.locator("#quotetrail-build-error")
        banner.wait_for(timeout=30000)
        assert "not-a-date" in banner.inner_text()
        assert "EDITED: Blinken briefs" in page.locator("h1").inner_text()
        page.screenshot(path=str(ARTIFACTS / "serve-error-banner.png"))
        assert process.poll() is None, "the server must survive a failed build"
        # mended, and another file added: both come in with the next rebuild
        path.write_text(path.read_text().replace("date: not-a-date", "date: 2023-06-19").replace("EDITED", "MENDED"))
        added = content / "articles" / "zz-added-while-serving.md"
        added.write_text(path.read_text().replace("MENDED: Blinken briefs", "ADDED: a second briefing"))
        wait_until(lambda: "MENDED: Blinken briefs" in page.locator("h1").inner_text())
        assert banner.count() == 0
        page.goto(url + "articles/zz-added-while-serving.html")
        assert "ADDED: a second briefing" in page.locator("h1").inner_text()
    finally:
        process.terminate()
        process.wait(timeout=10)
