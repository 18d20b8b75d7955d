"""Copy families: articles that ran the same copy, found from their text alone."""
import datetime as dt
import random

import pytest

from quotetrail import lineage as lineage_module
from quotetrail.lineage import (LONG_CONTAINMENT, LONG_SHARED, MIN_CONTAINMENT, MIN_SHARED, SharedCopy, copy_families,
                                fingerprints)
from quotetrail.model import Article, Outlet
from quotetrail.speed.families import families_of

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
FLOOD = ("Flood waters rose across the northern province on Thursday after three days of heavy rain, forcing "
         "thousands of families to leave their homes and closing the main railway line between the two largest cities. "
         "Rescue teams in small boats worked through the night to reach villages cut off by the river, and the regional "
         "governor declared a state of emergency shortly before midnight.\n\n"
         "Meteorologists said the rainfall was the heaviest recorded in the region for more than forty years and warned "
         "that further storms were expected over the weekend. Farmers in the valley reported that most of the spring "
         "harvest had been lost, and insurers estimated the damage at several hundred million euros. The national army "
         "sent two helicopters and a field hospital to the worst affected district.")
OTHER = ("The city council approved a new cycling plan on Wednesday that will add forty kilometres of protected lanes "
         "over the next three years. Shop owners on the old market street had opposed the loss of parking spaces, but "
         "the mayor said a survey showed most customers arrived on foot or by tram. Work on the first section, along "
         "the river embankment, is due to begin in the autumn and should be finished before the end of next year.")


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
    prints = {a.slug: fingerprints(a.body, analyse_article(a, registry).quotations) for a in (one, two)}
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


def shares(lineage, slug):
    return dict(lineage.shares[slug])


def test_a_rewrite_with_light_edits_joins_its_story():
    # plurals and tenses changed every few words: words are compared by their first letters
    edited = ("Flood water rises across the northern provinces on Thursday after three day of heavy rains, forced "
              "thousand of families to leave their home and closed the main railway lines between the two large "
              "cities. Rescue team in small boat work through the nights to reach village cut off by the rivers, and "
              "the region's governors declared a state of emergencies shortly before midnight.")
    lineage = families(article("wire", FLOOD, wire="AP"), article("rewrite", edited))
    assert [f.articles for f in lineage.families] == [("wire", "rewrite")]
    # a site that drops accents
    accented = ("Le président a été élu à l'unanimité après un débat très animé à l'Assemblée, "
                "où les députés européens ont également évoqué la sécurité énergétique.")
    plain = ("Le president a ete elu a l'unanimite apres un debat tres anime a l'Assemblee, "
             "ou les deputes europeens ont egalement evoque la securite energetique.")
    accents = families(article("fr1", accented), article("fr2", plain))
    assert len(accents.families) == 1


def test_a_short_standfirst_of_wire_copy_joins_the_wire_story():
    standfirst = "Rescue teams in small boats worked through the night to reach villages cut off by the river. (AP)"
    lineage = families(article("wire", FLOOD, wire="AP"), article("video", standfirst, wire="AP"))
    assert [f.articles for f in lineage.families] == [("wire", "video")]
    assert shares(lineage, "video")["wire"] > 0.9 and shares(lineage, "wire")["video"] < MIN_CONTAINMENT


def test_a_few_shared_words_are_not_shared_copy():
    # a phrase every report of the day may write (fewer than MIN_SHARED fingerprints), in short articles
    one = article("a", "Flood waters rose across the northern province on Thursday, the weather service said.")
    two = article("b", "Flood waters rose across the northern province on Thursday and schools stayed closed.")
    lineage = families(one, two)
    assert lineage.families == () and shares(lineage, "a") == {}


def test_two_wire_stories_quoting_the_same_speaker_stay_apart():
    from quotetrail.analyse import analyse_article
    from quotetrail.attribute import Registry

    said = ('"We have never seen water like this, and we will need the help of the whole country to rebuild what '
            'the river took from us," Governor Anna Berg said on Friday.\n\n"Nobody should be left alone with this '
            'damage, not the farmers and not the families in the towns," Governor Anna Berg said on Friday.')
    one = article("a", FLOOD.split("\n\n")[0] + "\n\n" + said)
    two = article("b", OTHER + "\n\n" + said)
    registry = Registry(())
    prints = {a.slug: fingerprints(a.body, analyse_article(a, registry).quotations) for a in (one, two)}
    assert copy_families([one, two], prints).families == ()
    assert copy_families([one, two], {a.slug: fingerprints(a.body, ()) for a in (one, two)}).families != ()


def test_scare_quotes_are_part_of_the_shared_sentence():
    from quotetrail.analyse import analyse_article
    from quotetrail.attribute import Registry

    copy = ('Officials described the "orderly" evacuation of the "remaining" residents from the "flooded" districts '
            'as "largely" complete by the "early" evening, when the "last" buses left the "emergency" centre.')
    one = article("a", copy + "\n\nThe rain is expected to ease on Saturday.")
    two = article("b", copy + "\n\nThe railway line will stay closed until Monday.")
    registry = Registry(())
    quotations = {a.slug: analyse_article(a, registry).quotations for a in (one, two)}
    assert quotations["a"] and all(q.fragment for q in quotations["a"])
    prints = {a.slug: fingerprints(a.body, quotations[a.slug]) for a in (one, two)}
    assert [f.articles for f in copy_families([one, two], prints).families] == [("a", "b")]


def test_a_rewrite_sharing_a_sentence_joins_a_family_through_its_average_share():
    # linked to the short copy only, it shares less than MIN_CONTAINMENT of the others (and no long
    # passage), but enough on average
    rewrite = ("Thousands of people fled their homes in the north as the river burst its banks late this week. "
               "Rescue teams in small boats worked through the night to reach villages cut off by the river, and the "
               "regional governor imposed a curfew in the worst hit towns. The government has promised an inquiry "
               "into why the warnings came so late, and opposition parties have demanded that the interior minister "
               "appear before parliament next week to explain the delay. Aid agencies are collecting blankets, bottled "
               "water and food for the evacuees, many of whom are sleeping in school gyms and church halls across the "
               "province.")
    articles = [article("full", FLOOD, "One"), article("local", FLOOD + "\n\n" + OTHER, "Two"),
                article("short", FLOOD.split("\n\n")[0], "Three"), article("rewrite", rewrite, "Four")]
    index = SharedCopy()
    index.update({a.slug: fingerprints(a.body, ()) for a in articles})
    lineage = index.lineage(articles)
    assert list(shares(lineage, "rewrite")) == ["short"]
    assert all(MIN_SHARED <= index.shared["rewrite"][slug] < LONG_SHARED for slug in ("full", "local"))
    assert [f.articles for f in lineage.families] == [("full", "local", "short", "rewrite")]


# two long reports of the same story: the later version of the wire story keeps two sentences of the first
# (a long passage), which are less than MIN_CONTAINMENT of either
KEPT = ("Rescue teams in small boats worked through the night to reach villages cut off by the river. The "
        "regional governor declared a state of emergency shortly before midnight.")
FIRST = KEPT + "\n\n" + OTHER + "\n\n" + WIRE_B
LATER = (WIRE_A + "\n\n" + KEPT + "\n\n" + "Insurers said on Saturday that claims were arriving faster than in any "
         "flood of the past decade, and the finance ministry promised an emergency fund for farmers whose harvest "
         "was lost, to be paid out before the end of the month. Schools in the valley will stay closed until the "
         "water has been pumped out of their cellars and the roads to them have been checked by engineers.")


def test_a_long_shared_passage_links_two_versions_of_a_story_below_the_share():
    lineage = families(article("first", FIRST, "One"), article("later", LATER, "Two"))
    n = len(fingerprints(FIRST, ()).all & fingerprints(LATER, ()).all)
    smaller = min(len(fingerprints(FIRST, ()).all), len(fingerprints(LATER, ()).all))
    assert n >= LONG_SHARED and LONG_CONTAINMENT <= n / smaller < MIN_CONTAINMENT
    assert [f.articles for f in lineage.families] == [("first", "later")]
    # one sentence of it is no long passage: no family
    one = KEPT.split(". ")[0] + "."
    short_lineage = families(article("first", FIRST.replace(KEPT, one), "One"),
                             article("later", LATER.replace(KEPT, one), "Two"))
    assert short_lineage.families == ()


def test_an_article_merging_long_passages_of_two_wires_does_not_fuse_them():
    # the merged article shares a long passage with each wire's copies, which do not share copy with each other
    merged = "\n\n".join(WIRE_A.split(". ")[:2]) + ".\n\n" + WIRE_B.rsplit(". ", 1)[0] + "."
    lineage = families(article("a1", WIRE_A + "\n\n" + FLOOD, "One"), article("a2", WIRE_A + "\n\n" + FLOOD, "Two"),
                       article("b1", WIRE_B + "\n\n" + OTHER, "Three"), article("b2", WIRE_B + "\n\n" + OTHER, "Four"),
                       article("m", merged, "Five"))
    groups = [set(f.articles) for f in lineage.families]
    assert len(groups) == 2 and not any({"a1", "b1"} <= g for g in groups)
    assert dict(lineage.shares["m"]).keys() >= {"a1", "a2", "b1", "b2"}


def random_corpus_step(rng, bodies, stories):
    """One random change to ``bodies`` (slug → text): an article added, edited, deleted or moved in the order."""
    def body():
        story = rng.choice(stories)
        kept = [s for s in story if rng.random() < 0.7] or story[:1]
        if rng.random() < 0.3:
            kept += rng.sample(rng.choice(stories), 1)  # a sentence of another story
        kept.append(f"Local note number {rng.randrange(10 ** 6)} about the weather in town {rng.randrange(50)}.")
        return " ".join(kept)

    action = rng.choice(["add", "add", "edit", "delete", "move"]) if bodies else "add"
    if action == "add":
        bodies[f"a{rng.randrange(10 ** 6)}"] = body()
    elif action == "edit":
        bodies[rng.choice(list(bodies))] = body()
    elif action == "delete":
        del bodies[rng.choice(list(bodies))]
    else:
        slug = rng.choice(list(bodies))
        bodies[slug] = bodies.pop(slug)  # to the end of the reading order


@pytest.mark.parametrize("max_posting", [500, 3])  # 3: fingerprints keep becoming boilerplate and ceasing to be
def test_an_index_updated_through_random_changes_gives_the_families_of_a_fresh_one(monkeypatch, max_posting):
    monkeypatch.setattr(lineage_module, "MAX_POSTING", max_posting)
    rng = random.Random(7)
    stories = [[s + "." for s in text.replace("\n\n", " ").split(". ")] for text in (FLOOD, OTHER, WIRE_A, WIRE_B)]
    bodies, prints, kept, index = {}, {}, {}, SharedCopy()
    for step in range(120):
        before = dict(bodies)
        random_corpus_step(rng, bodies, stories)
        articles = [article(slug, text) for slug, text in bodies.items()]
        # an unchanged article keeps its very fingerprints object, as serve's memory does
        prints = {slug: prints[slug] if before.get(slug) == text else fingerprints(text, ())
                  for slug, text in bodies.items()}
        index.update(prints)
        fresh = copy_families(articles, prints)
        assert index.lineage(articles) == fresh, step
        assert families_of(articles, prints, kept) == fresh, step
    assert any(f.articles for f in fresh.families)


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
    assert 'carried by 4 outlets, <a href="#sources">2 independent sources</a>' in page  # (its Sources part)
    lineage = (built_site / "lineage" / "index.html").read_text()
    assert '<section class="family" id="family-1"' in lineage and lineage.count("<circle") == 3
    assert '<desc id="lineage-chart-desc">1 family; each row is a family' in lineage
