"""The reader's pages in a real browser (Playwright driving Debian's
Chromium): the statement browser, the outlet comparison, the coverage
matrix, the article's margin labels, the search page, and no missing file
anywhere. Screenshots go to tests/artifacts/."""
import json
import re

import pytest

from quality import ARTIFACTS, SiteServer


@pytest.fixture
def context(browser):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    made = []

    def make(**options):
        options.setdefault("viewport", {"width": 1280, "height": 900})
        context = browser.new_context(**options)
        made.append(context)
        return context

    yield make
    for context in made:
        context.close()


def watch(page):
    """Collect the page's CSP violations and its requests for the browser's index."""
    page.csp_violations, page.index_requests = [], []
    page.on("console", lambda msg: page.csp_violations.append(msg.text) if "Content Security Policy" in msg.text else None)
    page.on("request", lambda request: page.index_requests.append(request.url.split("/quotes/data/")[1])
            if "/quotes/data/" in request.url else None)
    return page


def showing(page):
    page.locator("#browse-status", has_text=re.compile(r"^(Showing|No )")).wait_for(timeout=15000)
    return page.locator("#browse-status").inner_text()


def reach_of(quote) -> int:
    return len({o["outlet"] for o in quote["occurrences"]})


def test_the_statement_browser_filters_and_sorts_and_keeps_its_filters_in_the_address(built_site_subpath, context):
    data = json.loads((built_site_subpath / "quotes.json").read_text())
    meta = json.loads((built_site_subpath / "quotes" / "data" / "index.json").read_text())
    blinken = meta["speakers"][[s["id"] for s in meta["speakers"]].index("blinken")]
    page = watch(context().new_page())
    with SiteServer(built_site_subpath, "/repo/") as server:
        page.goto(server.url + "quotes/")
        assert page.locator("#browse").is_visible()  # the script shows the form
        assert page.index_requests == []  # the first screen needs no index
        first = page.locator("#browse-results li.statement").count()
        assert first == min(50, meta["statements"])

        page.get_by_label("Speaker", exact=True).select_option("blinken")
        status = showing(page)
        assert status.startswith(f"Showing {min(50, blinken['statements'])} of {blinken['statements']} statement")
        assert "by Antony Blinken" in status
        assert sorted(page.index_requests) == sorted(["index.json", *(f"{name}.json" for name in blinken["shards"])])
        badges = page.locator("#browse-results li.statement .badge").all_inner_texts()
        assert badges and set(badges) == {"Antony Blinken"}
        assert "speaker=blinken" in page.url

        page.get_by_label("Outlets at least").fill("2")
        page.get_by_label("Outlets at least").press("Enter")
        showing(page)
        reaches = [int(t.split()[0]) for t in page.locator("#browse-results .reach").all_inner_texts()]
        assert reaches and min(reaches) >= 2 and reaches == sorted(reaches, reverse=True)
        expected = sum(1 for q in data["quotes"] if q["speaker"] == "blinken" and reach_of(q) >= 2
                       and not (len(q["text"].split()) <= 2 or (len(q["text"].split()) <= 5 and q["text"][:1].islower())))
        assert page.locator("#browse-results li.statement").count() == expected

        page.get_by_label("Sort by").select_option("earliest")
        showing(page)
        dates = page.locator("#browse-results li.statement .meta time").all_inner_texts()
        assert dates == sorted(dates)

        page.get_by_label("Show fragments").check()
        showing(page)
        assert page.locator("#browse-results li.statement").count() >= expected
        page.screenshot(path=str(ARTIFACTS / "reader-browser-filtered.png"), full_page=True)

        # the address holds the filters: a link (or a reload) shows the same list
        address = page.url
        assert all(part in address for part in ("speaker=blinken", "min=2", "sort=earliest", "fragments=1"))
        texts = page.locator("#browse-results li.statement blockquote").all_inner_texts()
        other = watch(context().new_page())
        other.goto(address)
        showing(other)
        assert other.locator("#browse-results li.statement blockquote").all_inner_texts() == texts
        assert other.get_by_label("Speaker", exact=True).input_value() == "blinken"

        # an outlet across every speaker needs only the outlet's file of the index
        cbc = next(o for o in meta["outlets"] if o[0] == "cbc-news")
        printed = sum(1 for q in data["quotes"] if any(o["outlet"] == "cbc-news" for o in q["occurrences"]))
        assert cbc[2] == printed and cbc[3] == ["outlets/cbc-news"]
        third = watch(context().new_page())
        third.goto(server.url + "quotes/")
        third.get_by_label("Printed by").select_option("cbc-news")
        status = showing(third)
        assert "printed by CBC News" in status
        names = third.locator("#browse-results li.statement .outlets").all_inner_texts()
        assert names and all("CBC News" in n for n in names)
        assert sorted(third.index_requests) == ["index.json", "outlets/cbc-news.json"]
        # with fragments shown, every statement it printed is there
        third.get_by_label("Show fragments").check()
        assert showing(third).startswith(f"Showing {min(50, printed)} of {printed} statement")
        # by the same outlet and a speaker: the speaker's files when they hold fewer statements
        other.get_by_role("button", name="Reset").click()
        other.get_by_label("Printed by").select_option("cbc-news")
        showing(other)
        names = other.locator("#browse-results li.statement .outlets").all_inner_texts()
        assert names and all("CBC News" in n for n in names)
    assert page.csp_violations == [] and other.csp_violations == [] and third.csp_violations == []


def test_the_statement_browser_filters_by_copy_family_fetching_only_the_familys_file(built_site_subpath, context):
    """Choosing a copy family shows the statements any of its articles printed
    (the seeds' AP copy), fetching the index and the family's file only; the
    filter is kept in the address, adds up with the others, and the lineage
    page's link opens the browser filtered on the family."""
    data = json.loads((built_site_subpath / "quotes.json").read_text())
    (ap,) = data["families"]
    members = set(ap["articles"])
    fragment = lambda q: len(q["text"].split()) <= 2 or (len(q["text"].split()) <= 5 and q["text"][:1].islower())  # noqa: E731
    printed = [q for q in data["quotes"] if any(o["article"] in members for o in q["occurrences"])]
    statements = [q for q in printed if not fragment(q)]
    assert statements and len(printed) < len(data["quotes"])
    page = watch(context().new_page())
    with SiteServer(built_site_subpath, "/repo/") as server:
        page.goto(server.url + "quotes/")
        page.get_by_label("Copy family").select_option(ap["id"])
        status = showing(page)
        assert status == (f"Showing {min(50, len(statements))} of {len(statements)} statement"
                          f"{'s' if len(statements) != 1 else ''} printed by the copy family "
                          f"{page.get_by_label('Copy family').evaluate('s => s.selectedOptions[0].text')}.")
        assert "printed by the copy family AP, " in status
        assert sorted(page.index_requests) == ["families/" + ap["id"] + ".json", "index.json"]
        assert f"family={ap['id']}" in page.url
        shown = page.locator("#browse-results li.statement blockquote a").evaluate_all(
            "links => links.map(a => a.getAttribute('href').split('/').pop().replace('.html', ''))")
        assert set(shown) <= {q["id"] for q in statements} and len(shown) == min(50, len(statements))
        # with fragments: every statement any article of the family printed
        page.get_by_label("Show fragments").check()
        assert showing(page).startswith(f"Showing {min(50, len(printed))} of {len(printed)} statement")
        # with a speaker as well: that speaker's of them, from the same file
        page.get_by_label("Speaker", exact=True).select_option("blinken")
        status = showing(page)
        blinken = [q for q in printed if q["speaker"] == "blinken"]
        assert status.startswith(f"Showing {min(50, len(blinken))} of {len(blinken)} statement") and "by Antony Blinken" in status
        assert sorted(set(page.index_requests)) == ["families/" + ap["id"] + ".json", "index.json"]
        page.screenshot(path=str(ARTIFACTS / "reader-browser-family.png"), full_page=True)

        # the lineage page's link to the family's statements
        other = watch(context().new_page())
        other.goto(server.url + "lineage/")
        other.get_by_role("link", name="The statements its articles printed").click()
        status = showing(other)
        assert status.startswith(f"Showing {min(50, len(statements))} of {len(statements)} statement")
        assert other.get_by_label("Copy family").input_value() == ap["id"]
        # Any source: the filter is gone
        other.get_by_label("Copy family").select_option("")
        showing(other)
        assert "family=" not in other.url and "copy family" not in other.locator("#browse-status").inner_text()
    assert page.csp_violations == [] and other.csp_violations == []


def test_without_javascript_the_browser_is_a_list_of_the_most_widely_carried(built_site, context):
    page = context(java_script_enabled=False).new_page()
    with SiteServer(built_site) as server:
        page.goto(server.url + "quotes/")
        assert not page.locator("#browse").is_visible()
        reaches = [int(t.split()[0]) for t in page.locator("#browse-results .reach").all_inner_texts()]
        assert reaches and reaches == sorted(reaches, reverse=True)
        assert page.locator("a[href$='speakers/blinken.html']").count() > 0  # every statement is on the speakers' pages


def test_the_comparison_shows_what_each_outlet_printed_left_out_or_reworded(built_site, context):
    data = json.loads((built_site / "quotes.json").read_text())
    page = watch(context().new_page())
    with SiteServer(built_site) as server:
        page.goto(server.url + "compare/")
        page.get_by_label("First outlet").select_option("cbc-news")
        page.get_by_label("Second outlet").select_option("al-jazeera")
        page.get_by_label("Third outlet (optional)").select_option("")
        page.locator("table.compare tbody tr").first.wait_for()
        assert page.locator("table.compare thead th").all_inner_texts() == ["Statement", "CBC News", "Al Jazeera"]
        # only the outlets' files of the index (each pick above made a comparison), not the speakers' files
        assert {"index.json", "outlets/cbc-news.json", "outlets/al-jazeera.json"} <= set(page.index_requests)
        assert all(r == "index.json" or r.startswith("outlets/") for r in page.index_requests), page.index_requests
        either = [q for q in data["quotes"] if {"cbc-news", "al-jazeera"} & {o["outlet"] for o in q["occurrences"]}
                  and not (len(q["text"].split()) <= 2 or (len(q["text"].split()) <= 5 and q["text"][:1].islower()))]
        assert f"{len(either)} statement" in page.locator("#compare-results .status").inner_text()
        assert "compare/?a=cbc-news&b=al-jazeera" in page.url
        rows = page.locator("table.compare tbody tr")
        texts = {q["text"]: q for q in data["quotes"]}
        for n in range(min(rows.count(), 8)):
            row = rows.nth(n)
            text = row.locator("th a").inner_text().strip("“”")
            quote = texts.get(text) or next(q for q in data["quotes"] if q["text"].startswith(text.rstrip("…")))
            for outlet, cell in zip(("cbc-news", "al-jazeera"), row.locator("td").all_inner_texts()):
                printed = [o for o in quote["occurrences"] if o["outlet"] == outlet]
                want = "left out" if not printed else ("printed" if all(o["exact"] for o in printed) else "other words")
                assert cell.strip().endswith(want), (text, outlet, cell)
        page.screenshot(path=str(ARTIFACTS / "reader-compare.png"), full_page=True)
    assert page.csp_violations == []


def test_the_coverage_matrix_keeps_its_labels_in_view_as_it_scrolls(built_site, context):
    page = context(viewport={"width": 360, "height": 740}).new_page()
    with SiteServer(built_site) as server:
        page.goto(server.url + "speakers/blinken.html")
        wrap = page.locator(".matrix-wrap")
        row_label = page.locator(".matrix tbody th").first
        column_label = page.locator(".matrix thead th").nth(1)
        wrap.evaluate("el => { el.style.width = '15rem'; el.style.maxHeight = '20rem'; }")  # more than fits, as with many outlets
        before = (row_label.bounding_box()["x"], column_label.bounding_box()["y"])
        wrap.evaluate("el => { el.scrollLeft = el.scrollWidth; el.scrollTop = el.scrollHeight; }")
        assert wrap.evaluate("el => el.scrollLeft") > 0  # it does scroll sideways, in its own box
        after = (row_label.bounding_box()["x"], column_label.bounding_box()["y"])
        assert abs(after[0] - before[0]) < 1  # the statements stay at the left
        assert abs(after[1] - wrap.bounding_box()["y"] - 1) < 2  # the outlets stay at the top
        page.screenshot(path=str(ARTIFACTS / "reader-matrix-phone.png"))


def test_article_labels_sit_in_the_margin_of_a_wide_screen(built_site, context):
    with SiteServer(built_site) as server:
        for width in (1280, 360):
            page = context(viewport={"width": width, "height": 900}).new_page()
            page.goto(server.url + "articles/cbc-blinken-meets-xi-in-beijing.html")
            body = page.locator(".article .body").bounding_box()
            label = page.locator(".qt-label").first.bounding_box()
            if width == 1280:
                assert label["x"] >= body["x"] + body["width"]  # beside the text, not in it
                page.screenshot(path=str(ARTIFACTS / "reader-article-margin.png"))
            else:
                assert label["x"] + label["width"] <= body["x"] + body["width"] + 1


def test_no_page_asks_for_a_missing_file(built_site, context):
    """Not the icon (every page used to ask for /favicon.ico), nor anything else."""
    missing = []
    page = context().new_page()
    page.on("response", lambda response: missing.append(response.url) if response.status >= 400 else None)
    pages = ["", "quotes/", "quotes/unattributed.html", "speakers/", "speakers/blinken.html", "outlets/",
             "outlets/cbc-news.html", "articles/", "articles/cbc-blinken-meets-xi-in-beijing.html", "timeline/",
             "compare/", "lineage/", "search/?q=Xi"]
    with SiteServer(built_site) as server:
        for path in pages:
            page.goto(server.url + path)
            page.wait_for_load_state("networkidle")
        assert page.evaluate("document.querySelector('link[rel=icon]').href").endswith("assets/favicon.svg")
    assert missing == []


def test_the_search_page_has_one_box_in_the_sites_type_and_a_dark_panel_in_the_dark(built_site, context):
    page = context(color_scheme="dark").new_page()
    with SiteServer(built_site) as server:
        page.goto(server.url + "search/?q=Blinken")
        page.locator(".pagefind-ui__result-link").first.wait_for(timeout=15000)
        assert page.locator("input[type=search], input.pagefind-ui__search-input").count() == 1
        assert page.locator(".site-search").count() == 0
        body_font = page.evaluate("getComputedStyle(document.body).fontFamily")
        for selector in (".pagefind-ui__search-input", ".pagefind-ui__result-excerpt", ".pagefind-ui__filter-name"):
            style = page.locator(selector).first.evaluate("el => [getComputedStyle(el).fontFamily, getComputedStyle(el).fontSize]")
            assert style[0] == body_font, (selector, style)
            assert float(style[1].rstrip("px")) >= 14, (selector, style)
        panel = page.locator(".pagefind-ui__filter-panel").evaluate(
            "el => [getComputedStyle(el).borderTopWidth, getComputedStyle(el).backgroundColor]")
        assert panel[0] == "0px"
        level = sum(int(v) for v in re.findall(r"\d+", panel[1])[:3]) / 3
        assert level < 60 or panel[1] == "rgba(0, 0, 0, 0)"
        excerpt = page.locator(".pagefind-ui__result-excerpt").first.inner_text()
        assert not re.search(r"[a-z][A-Z][a-z]+[A-Z]", excerpt.replace("McC", "")), excerpt  # words not run together
        page.screenshot(path=str(ARTIFACTS / "reader-search-dark.png"))
