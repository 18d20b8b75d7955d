"""End to end: the built quotes.json and quote pages for the real content."""
import json
import re

import pytest

from quotetrail.load import load_content

from conftest import CONTENT, article_text
from gold.evaluate import load_gold, score


@pytest.fixture(scope="module")
def data(built_site):
    return json.loads((built_site / "quotes.json").read_text(encoding="utf-8"))


def quote_with(data, text):
    return next(q for q in data["quotes"] if any(text in o["text"] for o in q["occurrences"]))


def outlets(quote):
    return {o["outlet"] for o in quote["occurrences"]}


def test_shape_of_quotes_json(data):
    assert set(data) == {"speakers", "outlets", "families", "articles", "quotes"}
    tracked = {s["id"]: s for s in data["speakers"] if s["tracked"]}
    assert {(s["id"], s["name"]) for s in tracked.values()} == {("xi", "Xi Jinping"), ("blinken", "Antony Blinken"), ("wang-yi", "Wang Yi")}
    assert {o["id"] for o in data["outlets"]} == {"eastern-daily-press-edp24", "arkansas-democrat-gazette", "cbc-news", "al-jazeera", "pbs-newshour"}
    for article in data["articles"]:
        assert article["path"] == f"articles/{article['slug']}.html"
    speaker_ids = {s["id"] for s in data["speakers"]}
    for quote in data["quotes"]:
        assert quote["speaker"] is None or quote["speaker"] in speaker_ids
        assert quote["occurrences"] and all(isinstance(o["exact"], bool) for o in quote["occurrences"])


def test_every_statement_of_every_quotation_is_in_exactly_one_quote(data, built_site):
    """A quotation's statements, each in one entry, put together give the quotation."""
    by_quotation = {}
    for q in data["quotes"]:
        for o in q["occurrences"]:
            assert o["text"] in o["quotation"]
            by_quotation.setdefault((o["article"], o["anchor"]), []).append(o)
    for printed in by_quotation.values():
        quotation = printed[0]["quotation"]
        assert all(o["quotation"] == quotation for o in printed)
        pieces = sorted(printed, key=lambda o: quotation.index(o["text"]))
        assert " ".join(o["text"] for o in pieces).split() == quotation.split()
    assert any(len(printed) > 1 for printed in by_quotation.values())  # the seeds have quotations of two sentences
    for article in load_content(CONTENT).articles:
        html = (built_site / "articles" / f"{article.slug}.html").read_text()
        anchors = set(re.findall(r'<(?:a|span) class="qt [^"]+" id="(q\d+)"', html))
        assert anchors == {a for slug, a in by_quotation if slug == article.slug}


def test_a_quotation_of_two_sentences_links_each_to_its_statement(data, built_site):
    """CBC printed Xi's two sentences as one quotation; EDP printed them apart."""
    progress = quote_with(data, "made progress and reached agreement on some specific issues")
    good = quote_with(data, "This is very good")
    assert progress["id"] != good["id"]
    assert {"cbc-news", "eastern-daily-press-edp24"} <= outlets(progress) & outlets(good)
    cbc = next(o for o in good["occurrences"] if o["outlet"] == "cbc-news")
    assert cbc["text"].startswith("This is very good") and cbc["quotation"].startswith("The two sides have also made progress")
    html = (built_site / "articles" / "cbc-blinken-meets-xi-in-beijing.html").read_text()
    assert re.search(rf'href="../quotes/{progress["id"]}.html">The two sides have also made progress[^<]*</a> '
                     rf'<a class="qt sp-\d" href="../quotes/{good["id"]}.html">This is very good', html)
    page = (built_site / "quotes" / f"{good['id']}.html").read_text()
    assert '<span class="context" title="printed with it">The two sides have also made progress' in page


def test_the_seeds_ap_copies_are_one_family_named_by_their_wire(data):
    """EDP runs a PA rewrite of AP copy, ADG and PBS carry AP text; CBC (Reuters) and Al Jazeera stand apart."""
    assert [(f["name"], sorted(f["articles"])) for f in data["families"]] == [
        ("AP", ["adg-blinken-xi-meet-say-talks-yielded-progress", "edp24-blinken-xi-pledge-stabilise-ties",
                "pbs-blinken-holds-briefing-after-meeting-xi"])]
    family_of = {a["slug"]: a["family"] for a in data["articles"]}
    assert family_of["cbc-blinken-meets-xi-in-beijing"] is None and family_of["al-jazeera-china-welcomes-progress"] is None
    assert family_of["pbs-blinken-holds-briefing-after-meeting-xi"] == data["families"][0]["id"]


def test_a_statement_page_groups_its_outlets_by_independent_source(data, built_site):
    """Blinken's "absolutely vital" was carried by four outlets, three of them
    running the AP copy: its page says "4 outlets, 2 independent sources",
    and lists the AP family (linked to its place on the lineage page) with
    its three outlets, then CBC News's own report."""
    family_of = {a["slug"]: a["family"] for a in data["articles"]}
    names = {o["id"]: o["name"] for o in data["outlets"]}
    (ap,) = data["families"]
    vital = quote_with(data, "It is absolutely vital that we have these kinds of communications")
    html = (built_site / "quotes" / f"{vital['id']}.html").read_text()
    section = html[html.index('<section class="sources"'):]
    section = section[:section.index("</section>")]
    assert '<h2 id="sources">Sources</h2>' in section
    assert "<strong>4 outlets, 2 independent sources</strong>" in section
    items = re.findall(r"<li>(.*?)</li>", section)
    assert len(items) == 2
    in_family = sorted({o["outlet"] for o in vital["occurrences"] if family_of[o["article"]] == ap["id"]},
                       key=lambda oid: names[oid].casefold())
    assert len(in_family) == 3
    assert items[0].startswith(f'<a href="../lineage/#{ap["id"]}">AP</a> <span class="meta">copy family · 3 outlets</span>: ')
    assert re.findall(r'<a href="#outlet-([^"]+)">', items[0]) == in_family
    assert items[1] == '<a href="#outlet-cbc-news">CBC News</a> <span class="meta">its own report</span>'
    # the count in the page's first lines leads to it
    assert '<a href="#sources">2 independent sources</a>' in html
    for oid in in_family + ["cbc-news"]:
        assert f'<h3 id="outlet-{oid}">' in html  # (each outlet's link lands on its printings)

    # every statement: a page has the part when a family's article was one of
    # the articles that printed it, and its count adds up
    shown = 0
    for quote in data["quotes"]:
        page = (built_site / "quotes" / f"{quote['id']}.html").read_text()
        families = {family_of[o["article"]] for o in quote["occurrences"]} - {None}
        own = {o["article"] for o in quote["occurrences"] if family_of[o["article"]] is None}
        several = len({o["article"] for o in quote["occurrences"]}) > 1
        assert ('<h2 id="sources">' in page) == (bool(families) and several), quote["id"]
        shown += '<h2 id="sources">' in page
        if families and several:
            reach = len({o["outlet"] for o in quote["occurrences"]})
            sources = len(families) + len(own)
            assert f"<strong>{reach} outlet{'s' if reach != 1 else ''}, {sources} independent source" in page
    assert shown > 1


def test_issue_examples(data):
    vital = quote_with(data, "It is absolutely vital that we have these kinds of communications")
    assert vital["speaker"] == "blinken"
    assert outlets(vital) == {"eastern-daily-press-edp24", "arkansas-democrat-gazette", "cbc-news", "pbs-newshour"}
    progress = quote_with(data, "made progress and reached agreement on some specific issues")
    assert progress["speaker"] == "xi"
    assert outlets(progress) == {"eastern-daily-press-edp24", "arkansas-democrat-gazette", "cbc-news", "al-jazeera"}
    assert any("reached the agreement" in o["text"] and not o["exact"] for o in progress["occurrences"])
    responsible = quote_with(data, "We must take a responsible attitude")
    assert responsible["speaker"] == "wang-yi" and outlets(responsible) == {"cbc-news"}
    for text in ("Blinken sets the stage", "He's brought a period of stabilization"):
        assert quote_with(data, text)["speaker"] not in ("wang-yi", "xi", "blinken")
    assert quote_with(data, "The U.S. side is surely aware")["speaker"] not in ("blinken", "xi", "wang-yi")


def test_gold_precision_and_recall(data):
    result = score(load_gold(), data)
    assert result["attribution_precision"] >= 0.95, result["wrong"]
    assert result["attribution_recall"] >= 0.95, result["missed"]
    assert result["link_precision"] >= 0.95
    assert result["link_recall"] >= 0.9, result["missed_links"]


def test_cross_reference_page(built_site, data):
    """The statement browser's first screen: the most widely carried
    statements, each naming its outlets (linked to their wording on the
    statement's page); every speaker's page; the coverage on a tracked speaker's."""
    html = (built_site / "quotes" / "index.html").read_text()
    for sid in ("xi", "blinken", "wang-yi"):
        assert f'href="../speakers/{sid}.html"' in html
    for sid in ("xi", "blinken"):  # (Wang Yi has one statement printed by more than one outlet: no matrix)
        speaker = (built_site / "speakers" / f"{sid}.html").read_text()
        assert 'id="coverage"' in speaker and "<table" in speaker and f'href="../speakers/{sid}.csv"' in speaker
    vital = quote_with(data, "It is absolutely vital")
    assert f'href="../{"quotes/" + vital["id"]}.html"' in html
    for occ in vital["occurrences"]:
        assert f'href="../quotes/{vital["id"]}.html#outlet-{occ["outlet"]}"' in html
    assert 'id="others"' in html and "Henry Wang" in html


def test_quote_page_shows_every_outlet_with_a_word_diff(built_site, data):
    progress = quote_with(data, "made progress and reached agreement on some specific issues")
    html = (built_site / "quotes" / f"{progress['id']}.html").read_text()
    for name in ("Eastern Daily Press (EDP24)", "Arkansas Democrat-Gazette", "CBC News", "Al Jazeera"):
        assert name in html
    assert "<ins>the</ins>" in html  # CBC's "reached the agreement"
    stabilise = quote_with(data, "stabilise")
    html = (built_site / "quotes" / f"{stabilise['id']}.html").read_text()
    assert 'class="variant"' in html  # stabilise / stabilize


def test_article_page_marks_quotes_with_speaker_label_and_link(built_site, data):
    html = (built_site / "articles" / "cbc-blinken-meets-xi-in-beijing.html").read_text()
    responsible = quote_with(data, "We must take a responsible attitude")
    assert re.search(rf'<a class="qt sp-\d" id="q\d+" href="../quotes/{responsible["id"]}.html">We must take a responsible attitude', html)
    assert f'<a class="qt-label" href="../quotes/{responsible["id"]}.html">Wang Yi · 1 outlet</a>' in html


def test_speaker_and_outlet_pages(built_site, data):
    assert "Henry Wang" in (built_site / "speakers" / "index.html").read_text()
    html = (built_site / "speakers" / "wang-yi.html").read_text()
    assert "We must take a responsible attitude" in html and "Blinken sets the stage" not in html
    html = (built_site / "outlets" / "pbs-newshour.html").read_text()
    assert "It is absolutely vital" in html and "We must take a responsible attitude" not in html


def test_quote_ids_survive_adding_unrelated_articles(tmp_path, data):
    import shutil

    from quotetrail.pipeline import build

    from conftest import TEMPLATES, article_text

    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    (content / "articles" / "zz-unrelated.md").write_text(article_text(
        '"Rates will stay where they are," the central bank governor, Maria Lopez, said.\n\n'
        '"We are watching inflation closely," she added.\n', title="Rates held", outlet="Finance Daily", date="2023-06-21"))
    build(content, tmp_path / "site", templates_dir=TEMPLATES)
    again = json.loads((tmp_path / "site" / "quotes.json").read_text(encoding="utf-8"))
    before = {q["id"]: q["text"] for q in data["quotes"]}
    after = {q["id"]: q["text"] for q in again["quotes"]}
    assert before.items() <= after.items()
    assert any(q["speaker"] == "maria-lopez" for q in again["quotes"])


def test_editor_corrections_cut_a_quotation_into_statements_or_keep_it_one(make_content, tmp_path):
    from quotetrail.pipeline import build

    two = "We agreed to keep talking. The two sides made progress on some issues."
    plain = f'"{two}" Blinken said.'
    root = make_content({
        "a": article_text(plain),
        "b": article_text(plain, outlet="Other Outlet"),
        "c": article_text(f'"{two} It was a good day," Blinken said.', outlet="Third Outlet",
                          quotes='[{text: "It was a good day", statements: ["We agreed", "It was a good day"]}]'),
        "d": article_text(plain, outlet="Fourth Outlet", quotes='[{text: "keep talking", statements: one}]'),
        "e": article_text(plain, outlet="Fifth Outlet",
                          quotes='[{text: "keep talking", statements: ["never printed"]}]'),
    })
    result = build(root, tmp_path / "site", search=False)
    data = json.loads((tmp_path / "site" / "quotes.json").read_text(encoding="utf-8"))
    statements_of = {}
    for quote in data["quotes"]:
        for o in quote["occurrences"]:
            statements_of.setdefault(o["article"], set()).add(o["text"].strip())
    assert statements_of["a"] == statements_of["b"] == statements_of["e"] == {
        "We agreed to keep talking.", "The two sides made progress on some issues."}
    # c: the editor joined the first two sentences and cut the third apart; d: one statement
    assert statements_of["c"] == {"We agreed to keep talking. The two sides made progress on some issues.",
                                  "It was a good day"}
    assert statements_of["d"] == {two}
    assert all(q["speaker"] == "blinken" for q in data["quotes"])  # a cut leaves the speaker as read
    assert any("never printed" in p.message and p.file.endswith("e.md") for p in result.analysis.problems)
