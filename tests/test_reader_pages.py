"""The pages readers start from, as built: the home page, the statement
browser and its index, the lists, coverage, charts, timeline and comparison;
and that they stay light as the site grows."""
import json
import re
import sys
from pathlib import Path

import pytest

from quotetrail.browse import paged_path, pager, pages_of
from quotetrail.pipeline import build

from conftest import ROOT, TEMPLATES, article_text

sys.path.insert(0, str(ROOT / "benchmarks"))
from corpus import generate  # noqa: E402


@pytest.fixture(scope="module")
def data(built_site):
    return json.loads((built_site / "quotes.json").read_text())


def index_rows(site: Path) -> tuple[dict, list]:
    meta = json.loads((site / "quotes" / "data" / "index.json").read_text())
    rows = []
    for path in meta["shards"].values():
        rows += json.loads((site / path).read_text())["rows"]
    return meta, rows


# ----------------------------------------------------------------------------- paging


def test_page_n_of_a_list_is_named_beside_the_first():
    assert paged_path("speakers/xi.html", 1) == "speakers/xi.html"
    assert paged_path("speakers/xi.html", 3) == "speakers/xi.3.html"
    assert paged_path("articles/index.html", 2) == "articles/index.2.html"
    one = pager("speakers/xi.html", 1, 1)
    assert one is None
    middle = pager("speakers/xi.html", 6, 12)
    assert [n for n, _ in middle.links] == [1, 0, 4, 5, 6, 7, 8, 0, 12]
    assert (middle.previous, middle.next) == ("speakers/xi.5.html", "speakers/xi.7.html")
    pages = pages_of("outlets/x.html", range(250), 100)
    assert [(p, len(items)) for p, items, _ in pages] == [("outlets/x.html", 100), ("outlets/x.2.html", 100),
                                                          ("outlets/x.3.html", 50)]
    assert pages_of("outlets/x.html", [], 100) == [("outlets/x.html", (), None)]


# ----------------------------------------------------------------------------- the home page


def test_the_home_page_leads_with_the_event_its_speakers_and_their_most_widely_carried_statements(built_site, data):
    html = (built_site / "index.html").read_text()
    main = html[html.index("<main"):]
    assert main.index("<h1>") < main.index('class="facts"') < main.index("speaker-columns")
    # the numbers come from the content: no count is claimed by the shipped description
    articles, outlets = len(data["articles"]), len(data["outlets"])
    assert f"<strong>{articles}</strong> articles" in html and f"<strong>{outlets}</strong> outlets" in html
    assert "five" not in (ROOT / "content" / "site.yaml").read_text().lower()
    assert 'class="button primary" href="quotes/"' in html  # the cross-reference is a button, not a link in a sentence
    for sid in ("xi", "blinken", "wang-yi"):
        assert f'class="speaker-card sp-' in html and f'href="speakers/{sid}.html"' in html
    blinken_top = max((q for q in data["quotes"] if q["speaker"] == "blinken"),
                      key=lambda q: len({o["outlet"] for o in q["occurrences"]}))
    assert f'href="quotes/{blinken_top["id"]}.html"' in html
    assert '<link rel="icon" href="assets/favicon.svg" type="image/svg+xml">' in html
    assert (built_site / "assets" / "favicon.svg").is_file()


def test_without_a_description_the_home_page_says_what_the_content_holds(tmp_path, make_content):
    content = make_content({"a": article_text('"We will keep talking," Blinken said.\n', outlet="One"),
                            "b": article_text('"We will keep talking," Blinken said.\n', outlet="Two")},
                           site="title: Talks\n")
    build(content, tmp_path / "site", templates_dir=TEMPLATES, search=False)
    html = (tmp_path / "site" / "index.html").read_text()
    assert '<meta name="description" content="2 articles from 2 outlets, 2023-06-19: 1 statement' in html


# ----------------------------------------------------------------------------- outlet lists


def test_outlet_lists_name_each_outlet_once_by_name_without_variant_marks(built_site, data):
    html = (built_site / "quotes" / "index.html").read_text()
    assert "(variant)" not in html
    for line in re.findall(r'<p class="outlets">(.*?)</p>', html):
        names = re.findall(r">([^<]+)</a>", line)
        assert names == sorted(set(names), key=str.casefold), names
    assert "independent source" in html or all(
        len({o["outlet"] for o in q["occurrences"]}) == len({o["article"] for o in q["occurrences"]}) for q in data["quotes"])


def test_a_speakers_page_puts_fragments_after_the_statements(built_site, data):
    html = (built_site / "speakers" / "blinken.html").read_text()
    statements, fragments = html.split('id="fragments-heading"')
    first_words = [q["text"] for q in data["quotes"] if q["speaker"] == "blinken"]
    one_word = [t for t in first_words if len(t.split()) <= 2]
    assert one_word and all(f"“{t}”" not in statements for t in one_word)
    assert all(f"“{t}”" in fragments for t in one_word)


# ----------------------------------------------------------------------------- the statement browser


def test_the_browser_index_holds_every_statement_as_quotes_json_has_it(built_site, data):
    meta, rows = index_rows(built_site)
    assert meta["statements"] + meta["fragments"] == len(data["quotes"]) == len(rows)
    by_id = {q["id"]: q for q in data["quotes"]}
    for row in rows:
        q = by_id[row[0]]
        speaker = meta["speakers"][row[1]]
        assert speaker["id"] == (q["speaker"] or "")
        assert row[2] == q["text"] or row[2].endswith("…")
        exact = {}
        for o in q["occurrences"]:
            exact[o["outlet"]] = exact.get(o["outlet"], True) and o["exact"]
        decoded = {meta["outlets"][c if c >= 0 else -1 - c][0]: c >= 0 for c in row[4]}
        assert decoded == exact
        first = min(a["date"] for a in data["articles"] if a["slug"] in {o["article"] for o in q["occurrences"]})
        assert meta["days"][row[3]] == first
    for speaker in meta["speakers"]:
        assert all(meta["shards"][name].startswith("quotes/data/") for name in speaker["shards"])


def test_the_browser_first_screen_is_the_most_widely_carried_statements(built_site, data):
    html = (built_site / "quotes" / "index.html").read_text()
    shown = re.findall(r'<li class="statement [^"]*">\s*<blockquote><p><a href="../quotes/([^"]+)\.html"', html)
    reach = {q["id"]: len({o["outlet"] for o in q["occurrences"]}) for q in data["quotes"]}
    assert shown and [reach[i] for i in shown] == sorted((reach[i] for i in shown), reverse=True)
    assert max(reach.values()) == reach[shown[0]]
    assert '<form id="browse" class="browse" data-index="../quotes/data/index.json"' in html and " hidden>" in html
    assert '<script src="../assets/browse.js"></script>' in html


# ----------------------------------------------------------------------------- coverage, charts, timeline, comparison


def test_a_tracked_speakers_coverage_matrix_and_its_csv(built_site, data):
    html = (built_site / "speakers" / "blinken.html").read_text()
    table = html[html.index('<table class="matrix">'):html.index("</table>")]
    columns = re.findall(r'<th scope="col"><span>([^<]+)</span></th>', table)
    assert 2 <= len(columns) <= 16 and len(set(columns)) == len(columns)
    csv_text = (built_site / "speakers" / "blinken.csv").read_text(encoding="utf-8-sig")
    header, *lines = csv_text.splitlines()
    assert header.startswith("statement_id,statement,fragment,outlets,first_printed,")
    assert len(lines) == sum(1 for q in data["quotes"] if q["speaker"] == "blinken")
    assert set(header.split(",")[5:]) >= set(columns)


def test_charts_are_svg_with_a_text_alternative_and_their_numbers(built_site, data):
    html = (built_site / "index.html").read_text()
    figure = html[html.index('<figure class="chart"'):html.index("</figure>")]
    assert re.search(r'<svg viewBox="0 0 400 \d+" role="img" aria-labelledby="chart-reach-title chart-reach-desc"', figure)
    assert '<title id="chart-reach-title">Outlets per statement</title>' in figure
    assert "<desc id=\"chart-reach-desc\">" in figure and "<table>" in figure
    counted = sum(int(v) for v in re.findall(r'<td>(\d+)</td>', figure))
    assert counted == index_rows(built_site)[0]["statements"]  # every statement in one bar (fragments left out)
    for page in ("outlets/index.html", "timeline/index.html"):
        assert '<figure class="chart"' in (built_site / page).read_text()


def test_the_timeline_and_the_comparison(built_site, data):
    html = (built_site / "timeline" / "index.html").read_text()
    dates = sorted({a["date"] for a in data["articles"]})
    for date in dates:
        assert f'id="day-{date}"' in html
    compare = (built_site / "compare" / "index.html").read_text()
    assert '<table class="compare">' in compare and "left out" in compare
    assert '<form id="compare" class="browse compare-form"' in compare


# ----------------------------------------------------------------------------- time of day


def test_a_time_orders_articles_within_a_day_and_is_shown(tmp_path, make_content):
    said = '"We will keep talking with everyone about this," Blinken said.\n'
    content = make_content({
        "late": article_text(said, outlet="Late Outlet", time="18:00"),
        "early": article_text(said, outlet="Zulu Early", time="'06:30+02:00'"),
        "none": article_text(said, outlet="Alpha Untimed"),
        "dated": article_text(said, outlet="Beta", date="2023-06-19T12:00:00Z"),
    })
    site = tmp_path / "site"
    result = build(content, site, templates_dir=TEMPLATES, search=False)
    assert [a.slug for a in result.content.articles] == ["none", "early", "dated", "late"]
    listing = (site / "articles" / "index.html").read_text()
    assert listing.index("articles/early.html") < listing.index("articles/late.html")
    assert "06:30+02:00" in listing
    quote = next(site.glob("quotes/we-will-keep-talking*.html")).read_text()
    spread = quote[quote.index('class="spread-list"'):]
    assert spread.index("Zulu Early") < spread.index("Late Outlet")


# ----------------------------------------------------------------------------- scale


def test_page_weights_do_not_grow_with_the_site(tmp_path):
    """At 400 articles (a test's budget; benchmarks/page_weights.py measures
    10,000): the browser's first screen and the home page stay small, and
    long lists are paged, so no page nears 1 MB."""
    content = generate(tmp_path / "content", 400)
    site = tmp_path / "site"
    build(content, site, templates_dir=TEMPLATES, search=False)
    sizes = {p.relative_to(site).as_posix(): p.stat().st_size for p in site.rglob("*.html")}
    assert sizes["quotes/index.html"] < 150_000
    assert sizes["index.html"] < 60_000
    assert max(sizes.values()) < 400_000, max(sizes.items(), key=lambda kv: kv[1])
    assert any(re.fullmatch(r"speakers/[a-z-]+\.2\.html", p) for p in sizes)  # a long list is paged
    meta, rows = index_rows(site)
    assert len(rows) == meta["statements"] + meta["fragments"]
    assert all((site / path).stat().st_size < 500_000 for path in meta["shards"].values())


@pytest.mark.parametrize("field, problem", [
    ("time: '25:00'", "time: '25:00' is not a time of day"),
    ("time: 14", "time: 14 is not a time of day"),
    ("time: '10:00+15:00'", "is not a time of day"),
    ("date: 2023-06-19T10:00\ntime: '11:00'", "time: is given twice"),
    ("date: 2023-02-30T10:00", "is not a date in the form YYYY-MM-DD"),
])
def test_a_bad_time_is_an_error_naming_its_field(make_content, field, problem):
    from quotetrail.load import load_content

    meta = dict(line.split(": ", 1) for line in field.splitlines())
    content = load_content(make_content({"a": article_text(**meta)}))
    assert any(problem in str(p) and p.severity == "error" for p in content.problems), [str(p) for p in content.problems]


def test_an_unquoted_time_is_a_time_not_a_number(make_content):
    from quotetrail.load import load_content

    (article,) = load_content(make_content({"a": article_text(time="14:30")})).articles
    assert article.time == "14:30"  # (YAML 1.1 reads 14:30 as 870, a number in base 60)


def test_a_fragment_is_left_out_of_the_search_and_marked_on_its_page(built_site, data):
    from quotetrail.analyse import analyse
    from quotetrail.load import load_content
    from quotetrail.sitemodel import DeferredPage, build_site_model

    from conftest import CONTENT

    content = load_content(CONTENT)
    model = build_site_model(content, analyse(content))
    quote_pages = [p for p in model.pages if isinstance(p, DeferredPage) and p.template == "quote.html"]
    fragments = [p for p in quote_pages if p.args[2].fragment]
    assert fragments and not any(p.searchable for p in fragments)
    assert all(p.searchable for p in quote_pages if not p.args[2].fragment)
    html = (built_site / fragments[0].path).read_text()
    assert "A fragment: a scare quote or a few words" in html
