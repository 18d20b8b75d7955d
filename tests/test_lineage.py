"""Copy families: articles that ran the same copy, found from their text alone."""
import datetime as dt

from quotetrail.lineage import copy_families, fingerprints
from quotetrail.model import Article, Outlet

WIRE_A = ("The two countries agreed on Monday to stabilise their relationship after a day of talks in the capital, "
          "but announced no breakthrough on military communications between their armed forces. "
          "Officials from both delegations met for more than five hours at a government guest house, "
          "a venue usually reserved for visiting heads of state and senior foreign dignitaries. "
          "The meeting was the first of its kind in nearly five years and followed months of rising tension over trade, "
          "technology export controls and the status of the disputed island.")
WIRE_B = ("Hundreds of protesters gathered outside the parliament building late on Tuesday evening, "
          "chanting slogans against the proposed pension reform and blocking traffic on the main avenue for hours. "
          "Police said around forty people were detained after clashes near the central station, "
          "where several shop windows were smashed and a number of vehicles were set on fire overnight. "
          "The government insists the reform is needed to keep the pension system solvent over the coming decades.")
QUOTE = '"We will keep talking, because that is what responsible powers do," the minister said.'


def article(slug, body, outlet=None, wire=None, day=1):
    return Article(slug, slug, Outlet(outlet or slug, outlet or slug), dt.date(2023, 6, day), body, f"articles/{slug}.md",
                   wire=wire)


def families(*articles):
    prints = {a.slug: fingerprints(a.body, ()) for a in articles}
    return copy_families(list(articles), prints)


def test_wire_copy_rewrites_and_trimmed_copies_join_one_family_named_by_its_wire():
    trimmed = WIRE_A.rsplit(". ", 2)[0] + "."  # the last sentences cut
    rewrite = WIRE_A.replace("stabilise", "stabilize").replace("Monday", "Monday, June 19,").replace(
        "Officials from both delegations", "Officials")
    local = "Local exporters said they hoped for calmer times.\n\n" + WIRE_A + "\n\nThe chamber of commerce welcomed it."
    lineage = families(article("a", WIRE_A, wire="AP"), article("b", trimmed, wire="The Associated Press"),
                       article("c", rewrite), article("d", local, wire="PA Media (AP copy)"))
    assert [f.articles for f in lineage.families] == [("a", "b", "c", "d")]
    assert lineage.families[0].name == "AP" and lineage.families[0].disagreeing == ()
    assert lineage.own["d"] == (0, 2)  # its own paragraphs: the local ones


def test_a_wrong_wire_field_is_flagged():
    lineage = families(article("a", WIRE_A, wire="AP"), article("b", WIRE_A, wire="AP"), article("c", WIRE_A, wire="Reuters"))
    assert lineage.families[0].name == "AP" and lineage.families[0].disagreeing == ("c",)


def test_shared_quotations_alone_do_not_make_a_family():
    from quotetrail.analyse import analyse_article
    from quotetrail.attribute import Registry

    one = article("a", f"{QUOTE} Her visit ended with a dinner in the old town.")
    two = article("b", f"{QUOTE} Critics of the government called the visit a waste of money.")
    registry = Registry(())
    prints = {a.slug: fingerprints(a.body, analyse_article(a, registry)[0]) for a in (one, two)}
    assert copy_families([one, two], prints).families == ()


def test_two_wire_stories_stay_apart_and_an_article_merging_both_does_not_fuse_them():
    merged = WIRE_A.rsplit(". ", 3)[0] + ".\n\n" + WIRE_B.rsplit(". ", 2)[0] + "."
    lineage = families(article("a1", WIRE_A, "One"), article("a2", WIRE_A, "Two"), article("b1", WIRE_B, "Three"),
                       article("b2", WIRE_B, "Four"), article("m", merged, "Five"))
    groups = [set(f.articles) for f in lineage.families]
    assert {"a1", "a2"} <= groups[0] and not {"b1", "b2"} & groups[0]
    assert any({"b1", "b2"} <= g and not {"a1", "a2"} & g for g in groups)
    assert dict(lineage.shares["m"]).keys() >= {"a1", "b1"}  # it shares text with both, in either family or none


def test_short_boilerplate_is_not_shared_copy():
    credit = "The Associated Press contributed to this report."
    lineage = families(article("a", "A fire destroyed a warehouse in the port on Sunday night.\n\n" + credit),
                       article("b", "The central bank kept interest rates unchanged on Thursday.\n\n" + credit))
    assert lineage.families == ()


def test_the_built_site_shows_families_on_articles_statements_and_the_lineage_page(built_site):
    import json

    data = json.loads((built_site / "quotes.json").read_text(encoding="utf-8"))
    edp = (built_site / "articles" / "edp24-blinken-xi-pledge-stabilise-ties.html").read_text()
    assert 'Part of the copy family <a href="../lineage/#family-1">AP</a>' in edp
    assert "% of this article's text is also in" in edp
    assert "Passages only this outlet printed" in edp
    cbc = (built_site / "articles" / "cbc-blinken-meets-xi-in-beijing.html").read_text()
    assert "Shared copy" not in cbc  # it shares no copy with the others
    vital = next(q for q in data["quotes"] if q["text"].startswith("It is absolutely vital"))
    page = (built_site / "quotes" / f"{vital['id']}.html").read_text()
    # EDP, ADG and PBS ran one AP story; CBC its own: four outlets, two sources
    assert 'carried by 4 outlets, <a href="../lineage/">2 independent sources</a>' in page
    lineage = (built_site / "lineage" / "index.html").read_text()
    assert '<section class="family" id="family-1"' in lineage and lineage.count("<circle") == 3
    assert '<desc id="lineage-chart-desc">1 family; each row is a family' in lineage
