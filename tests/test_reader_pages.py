"""The pages readers start from, as built: the home page, the statement
browser and its index, the lists, coverage, charts, timeline and comparison;
and that they stay light as the site grows."""
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
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


def test_each_outlet_has_its_statements_in_a_file_of_its_own(built_site, data):
    """A filter by one outlet across every speaker (or a comparison) fetches
    the outlet's file, not every file of the index: it holds exactly the
    statements the outlet printed, each as the speakers' files have it."""
    meta, rows = index_rows(built_site)
    by_id = {row[0]: row for row in rows}
    printed = {}
    for q in data["quotes"]:
        for o in q["occurrences"]:
            printed.setdefault(o["outlet"], set()).add(q["id"])
    assert [o[0] for o in meta["outlets"]] == [o["id"] for o in data["outlets"]]
    for oid, name, count, names in meta["outlets"]:
        assert names == [f"outlets/{oid}"] and meta["outlet_shards"][names[0]] == f"quotes/data/outlets/{oid}.json"
        own = json.loads((built_site / meta["outlet_shards"][names[0]]).read_text())["rows"]
        assert count == len(own) and {row[0] for row in own} == printed.get(oid, set()), oid
        assert all(by_id[row[0]] == row for row in own)
    assert not set(meta["shards"]) & set(meta["outlet_shards"])  # "shards" holds every statement once


def test_each_copy_family_has_the_statements_its_articles_printed_in_a_file_of_its_own(built_site, data):
    """A filter by copy family fetches the family's file: exactly the
    statements any article of the family printed (in the seeds, the AP
    copy of EDP, ADG and PBS), each as the speakers' files have it; the
    browser's form offers the family, and the lineage page links to it."""
    meta, rows = index_rows(built_site)
    by_id = {row[0]: row for row in rows}
    (ap,) = data["families"]
    members = set(ap["articles"])
    printed = [q["id"] for q in data["quotes"] if any(o["article"] in members for o in q["occurrences"])]
    assert printed and len(printed) < len(data["quotes"])
    assert meta["families"] == [[ap["id"], len(printed), 1]]
    own = json.loads((built_site / "quotes" / "data" / "families" / f"{ap['id']}.json").read_text())["rows"]
    assert sorted(row[0] for row in own) == sorted(printed)
    assert all(by_id[row[0]] == row for row in own)
    # in the lists' order: statements most widely carried first, then fragments
    order = [(bool(row[5] & 1), -len(row[4]), meta["days"][row[3]]) for row in own]
    assert order == sorted(order)
    html = (built_site / "quotes" / "index.html").read_text()
    first = min(a["date"] for a in data["articles"] if a["slug"] in members)
    assert ('<p><label for="f-family">Copy family</label>\n<select id="f-family" name="family">\n'
            f'<option value="">Any source</option>\n<option value="{ap["id"]}">AP, {first} (3 articles)</option>') in html
    lineage = (built_site / "lineage" / "index.html").read_text()
    assert f'<a href="../quotes/?family={ap["id"]}">The statements its articles printed</a>' in lineage


def test_a_family_without_statements_has_no_file_and_a_large_one_several(monkeypatch):
    from types import SimpleNamespace

    from quotetrail import browse

    monkeypatch.setattr(browse, "SHARD_ROWS", 2)
    families = [SimpleNamespace(id=f"family-{n}", name=name, wire=wire, members=(SimpleNamespace(date=date),) * size)
                for n, name, wire, date, size in ((1, "AP", "AP", "2023-06-19", 3), (2, "Zeta News, 2023-06-18", None,
                                                                                  "2023-06-18", 2),
                                                  (3, "Alpha Times, 2023-06-20", None, "2023-06-20", 4))]
    shards, count = browse.family_shards_of(families, {"family-1": [1, 2, 3], "family-2": [4]})
    assert shards == {"families/family-1": (1, 2), "families/family-1.2": (3,), "families/family-2": (4,)}
    assert count == {"family-1": 2, "family-2": 1}
    # the form offers those with statements, by name
    assert [(c.id, c.label) for c in browse.family_choices(families, count)] == [
        ("family-1", "AP, 2023-06-19 (3 articles)"), ("family-2", "Zeta News, 2023-06-18 (2 articles)")]
    index = json.loads(browse.browser_index([], {}, {}, [], (), 0, 0, families=families, family_shards=shards,
                                            of_family=count))
    assert index["families"] == [["family-1", 3, 2], ["family-2", 1, 1]]


def test_an_outlets_statements_go_on_in_more_files_past_the_limit(monkeypatch):
    from quotetrail import browse

    class Named:
        def __init__(self, oid):
            self.outlet = type("Outlet", (), {"id": oid})()

    monkeypatch.setattr(browse, "SHARD_ROWS", 2)
    shards, of_outlet = browse.outlet_shards_of([Named("a"), Named("b"), Named("c")], {"a": [1, 2, 3, 4, 5], "b": [6]})
    assert of_outlet == {"a": ["outlets/a", "outlets/a.2", "outlets/a.3"], "b": ["outlets/b"], "c": []}
    assert shards == {"outlets/a": (1, 2), "outlets/a.2": (3, 4), "outlets/a.3": (5,), "outlets/b": (6,)}


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
    # quotes.json gives each article its time as written (normalised), or null, beside its date
    articles = json.loads((site / "quotes.json").read_text())["articles"]
    assert [(a["slug"], a["date"], a["time"]) for a in articles] == [
        ("none", "2023-06-19", None), ("early", "2023-06-19", "06:30+02:00"), ("dated", "2023-06-19", "12:00:00Z"),
        ("late", "2023-06-19", "18:00")]
    assert list(articles[0]) == ["slug", "title", "outlet", "date", "time", "url", "path", "family"]


def test_a_statement_page_names_an_outlet_once_a_day_and_explains_only_what_it_shows(tmp_path, make_content):
    said = '"We will keep talking with everyone about this," Blinken said.\n'
    content = make_content({
        "one-morning": article_text(said, outlet="Twice Daily", time="'09:00+02:00'"),  # 07:00 UTC
        "one-evening": article_text(said, outlet="Twice Daily", time="08:30"),
        "one-untimed": article_text(said, outlet="Twice Daily"),
        "other": article_text(said, outlet="Once Only", time="12:00"),
    })
    site = tmp_path / "site"
    build(content, site, templates_dir=TEMPLATES, search=False)
    quote = next(site.glob("quotes/we-will-keep-talking*.html")).read_text()
    spread = quote[quote.index('class="spread-list"'):quote.index("</ol>")]
    assert spread.count("Twice Daily") == 1 and "(3 articles)" in spread
    assert "09:00+02:00" in spread and "08:30" not in spread  # the first time its articles give
    assert spread.index("Twice Daily") < spread.index("Once Only")  # by that time
    # every printing has the same words and nothing around them: no key to colours nobody sees
    assert "Compared word by word" not in quote and "the rest of the quotation" not in quote

    def page_after(other: str) -> str:
        (content / "articles" / "other.md").write_text(article_text(other, outlet="Once Only"), encoding="utf-8")
        build(content, site, templates_dir=TEMPLATES, search=False)
        return next(site.glob("quotes/we-will-keep-talking*.html")).read_text()

    # the same words printed with more of the quotation: only the key to the grey context
    quote = page_after('"We will keep talking with everyone about this. Talks go on," Blinken said.\n')
    assert "Compared word by word" not in quote and "the rest of the quotation it was printed in" in quote
    # other words, alone: only the key to the word diff
    quote = page_after('"We will keep talking with everybody about this," Blinken said.\n')
    assert "Compared word by word" in quote and "the rest of the quotation" not in quote
    # both
    quote = page_after('"We will keep talking with everybody about this. Talks go on," Blinken said.\n')
    assert "Compared word by word" in quote and "the rest of the quotation it was printed in" in quote


# ----------------------------------------------------------------------------- scale


def test_page_weights_do_not_grow_with_the_site(tmp_path):
    """At 500 articles (a test's budget; benchmarks/page_weights.py measures
    10,000): the browser's first screen and the home page stay small, and
    long lists are paged, so no page nears 1 MB."""
    content = generate(tmp_path / "content", 500)
    site = tmp_path / "site"
    build(content, site, templates_dir=TEMPLATES, search=False)
    sizes = {p.relative_to(site).as_posix(): p.stat().st_size for p in site.rglob("*.html")}
    assert sizes["quotes/index.html"] < 150_000
    assert sizes["index.html"] < 60_000
    assert max(sizes.values()) < 400_000, max(sizes.items(), key=lambda kv: kv[1])
    # a long list is paged: every speaker's list of more than 100 statements, and the list of articles
    quotes = json.loads((site / "quotes.json").read_text())["quotes"]
    for sid, n in Counter(q["speaker"] for q in quotes if q["speaker"]).items():
        assert (f"speakers/{sid}.2.html" in sizes) == (n > 100), (sid, n)
    assert any(re.fullmatch(r"(speakers|outlets|articles)/[a-z0-9-]+\.2\.html", p) for p in sizes)
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


# ----------------------------------------------------------------------------- copy families, page by page


def test_the_copy_families_are_laid_out_page_by_page():
    from quotetrail.sitemodel import family_layout, family_link

    assert family_layout([]) == [[]]
    assert family_layout([3, 4, 2, 12, 1], per_page=5) == [
        [(0, 0, 3)], [(1, 0, 4)], [(2, 0, 2)], [(3, 0, 5)], [(3, 5, 10)], [(3, 10, 12), (4, 0, 1)]]
    assert family_layout([2, 3, 5], per_page=5) == [[(0, 0, 2), (1, 0, 3)], [(2, 0, 5)]]
    assert family_link(1, "family-1") == "lineage/#family-1"
    assert family_link(3, "family-9") == "lineage/index.3.html#family-9"


STORIES = (3, 9, 2, 4, 14, 2)  # copy families' sizes: six wire stories, each run by that many articles


def _story(k: int, paragraphs: int = 3) -> str:
    """Paragraphs of made-up words of story k's own (no two stories share a run of words)."""
    import random

    rng = random.Random(k)
    syllables = ["ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "ze", "pa", "do", "fi"]
    word = lambda: "".join(rng.choice(syllables) for _ in range(3)) + f"{k}"  # noqa: E731
    return "\n\n".join(" ".join(word() for _ in range(40)).capitalize() + "." for _ in range(paragraphs))


@pytest.fixture(scope="module")
def paged_lineage_site(tmp_path_factory):
    """Six copy families of 2 to 14 articles, built with small lineage pages
    (6 articles a page, the 2 largest families drawn), so that families go
    over several pages and one is longer than a page."""
    from quotetrail import sitemodel

    from conftest import SPEAKERS

    tmp = tmp_path_factory.mktemp("lineage")
    content = tmp / "content"
    (content / "articles").mkdir(parents=True)
    (content / "speakers.yaml").write_text(SPEAKERS, encoding="utf-8")
    for k, size in enumerate(STORIES):
        story = _story(k)
        for j in range(size):
            own = _story(100 + 10 * k + j, paragraphs=1)  # a paragraph of its own
            day = 10 + (j % 2 if size > 9 else j % 5)  # the largest on two days: more than three a day make one dot
            text = article_text(f"{story}\n\n{own}\n", title=f"Story {k}, report {j}", outlet=f"Outlet {j}",
                                date=f"2023-06-{day}")
            (content / "articles" / f"s{k}-r{j:02d}.md").write_text(text, encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sitemodel, "LINEAGE_PAGE", 6)
        patch.setattr(sitemodel, "LINEAGE_CHART", 2)
        build(content, tmp / "site", templates_dir=TEMPLATES, search=False)
    return tmp / "site"


def test_the_lineage_pages_list_every_family_and_article_pages_link_to_the_right_one(paged_lineage_site):
    """The families are spread over numbered pages, each article listed once,
    the first page draws the largest, and each article's link to its family
    lands on the page that has it."""
    site = paged_lineage_site
    data = json.loads((site / "quotes.json").read_text())
    families = data["families"]
    assert sorted(len(f["articles"]) for f in families) == sorted(STORIES)  # (each story one family)
    pages = sorted(site.glob("lineage/*.html"), key=lambda p: int(p.name.split(".")[1]) if p.name.count(".") == 2 else 1)
    assert [p.name for p in pages[:2]] == ["index.html", "index.2.html"]
    listed, where = [], {}
    for page in pages:
        html = page.read_text()
        assert html.count('<section class="family"') >= 1
        assert (page.name == "index.html") == ('<figure class="lineage-chart"' in html)  # the overview, on the first
        items = re.findall(r'<li><a href="\.\./articles/([^"]+)\.html">', html)
        assert len(items) <= 6
        listed += items
        for fid in re.findall(r'<section class="family" id="(family-\d+)"', html):
            where[fid] = page.name
        assert '<nav class="pager" aria-label="Pages">' in html
    assert listed == [slug for f in families for slug in f["articles"]]  # every member once, in order
    assert set(where) == {f["id"] for f in families}
    first = (site / "lineage" / "index.html").read_text()
    chart = first[first.index("<svg"):first.index("</svg>")]
    largest = sorted(families, key=lambda f: -len(f["articles"]))[:2]
    assert chart.count('class="family-name"') == 2
    assert sum(len(f["articles"]) for f in largest) == sum(
        int(n) if n else 1 for n in re.findall(r'<circle class="dot"[^>]*>(?:<title>(\d+) articles)?', chart))
    assert f"{len(families):,} families, the 2 largest drawn" in chart
    for f in families:
        slug = f["articles"][0]
        html = (site / "articles" / f"{slug}.html").read_text()
        (href,) = re.findall(r'Part of the copy family <a href="\.\./(lineage/[^"#]*)#([^"]+)"', html)
        target = href[0][len("lineage/"):] or "index.html"
        assert href[1] == f["id"] and where[f["id"]] == target, (slug, href)


def test_the_lineage_pages_are_valid_accessible_and_fit_a_phone(paged_lineage_site, browser):
    from quality import AXE_JS, VNU_JAR, SiteServer, require

    require(VNU_JAR.is_file(), "vnu-jar (npm)")
    require(AXE_JS.is_file(), "axe-core (npm)")
    pages = sorted(paged_lineage_site.glob("lineage/*.html"))
    result = subprocess.run(["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *map(str, pages)],
                            capture_output=True, text=True, timeout=600)
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    assert [m for m in messages if m.get("type") == "error"] == []
    axe = AXE_JS.read_text(encoding="utf-8")
    with SiteServer(paged_lineage_site) as server:
        for width, scheme in ((1280, "light"), (360, "dark")):
            context = browser.new_context(viewport={"width": width, "height": 800}, color_scheme=scheme)
            page = context.new_page()
            for path in ("lineage/", "lineage/index.2.html"):
                page.goto(server.url + path)
                assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
                page.evaluate(axe)
                serious = page.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']}))
                    .violations.filter(v => ['serious', 'critical'].includes(v.impact)).map(v => v.id)""")
                assert serious == [], (path, scheme, serious)
            context.close()


# ----------------------------------------------------------------------------- the sitemap


def test_the_sitemap_lists_every_page_but_the_404(built_site_subpath):
    site = built_site_subpath
    base = "https://user.github.io/repo/"
    locs = [e.text for e in ET.parse(site / "sitemap.xml").getroot().iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert locs[0] == base and len(locs) == len(set(locs))
    pages = set()
    for path in site.rglob("*.html"):
        rel = path.relative_to(site).as_posix()
        if rel != "404.html":
            pages.add(base + (rel[:-len("index.html")] if rel == "index.html" or rel.endswith("/index.html") else rel))
    assert set(locs) == pages
    for kind in ("quotes/", "compare/", "timeline/", "lineage/", "search/", "articles/", "speakers/blinken.html",
                 "outlets/cbc-news.html", "quotes/unattributed.html"):
        assert base + kind in locs, kind


def test_a_sitemap_of_more_addresses_than_its_limit_is_split_under_an_index():
    from quotetrail.config import SiteConfig
    from quotetrail.render import Renderer
    from quotetrail.sitemodel import sitemap_pages

    config = SiteConfig(title="T", base_url="https://example.org/")
    pages = sitemap_pages(config, [f"articles/{n}.html" for n in range(5)], limit=2)
    assert [p.path for p in pages] == ["sitemap.xml", "sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml"]
    renderer = Renderer(TEMPLATES)
    index = ET.fromstring(renderer.render("sitemap.xml", pages[0].context).encode())
    assert index.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    assert [e.text for e in index.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")] == [
        "https://example.org/sitemap-1.xml", "https://example.org/sitemap-2.xml", "https://example.org/sitemap-3.xml"]
    last = ET.fromstring(renderer.render("sitemap.xml", pages[3].context).encode())
    assert [e.text for e in last.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")] == ["https://example.org/articles/4.html"]
