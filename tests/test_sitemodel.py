"""Stage 5: the site model's word diffs (sitemodel.word_diff, with_diffs) and citations."""
import datetime as dt
from dataclasses import fields, replace

from quotetrail.model import Article, Outlet
from quotetrail.sitemodel import (ArticleRef, DiffPart, OccurrenceRow, QuoteRow, SpeakerRef, article_ref, with_diffs,
                                  word_diff)


def ops(parts):
    return [(p.op, p.text, p.was) for p in parts]


def test_the_same_wording_is_one_equal_part():
    assert ops(word_diff("We will talk.", "We will talk.")) == [("equal", "We will talk.", "")]
    # case, quote marks and punctuation alone do not make a difference
    assert ops(word_diff("We will talk.", "we will talk")) == [("equal", "we will talk", "")]


def test_spelling_variants_are_marked_between_merged_equal_runs():
    got = word_diff("We must stabilise the relationship now", "We must stabilize the relationship now")
    assert ops(got) == [("equal", "We must", ""), ("variant", "stabilize", "stabilise"), ("equal", "the relationship now", "")]


def test_inserted_deleted_and_replaced_words():
    assert ops(word_diff("we reached agreement on this", "we reached the agreement on this")) == [
        ("equal", "we reached", ""), ("insert", "the", ""), ("equal", "agreement on this", "")]
    assert ops(word_diff("we have made real progress here", "we have made progress here")) == [
        ("equal", "we have made", ""), ("delete", "real", ""), ("equal", "progress here", "")]
    assert ops(word_diff("the talks were candid and useful", "the talks were frank and useful")) == [
        ("equal", "the talks were", ""), ("replace", "frank", "candid"), ("equal", "and useful", "")]


def test_words_left_out_at_either_end_are_omitted_not_deleted():
    got = word_diff("Both sides agreed to keep talking about it", "agreed to keep talking")
    assert ops(got) == [("omitted", "…", "Both sides"), ("equal", "agreed to keep talking", ""),
                        ("omitted", "…", "about it")]


def test_a_space_follows_every_part_but_the_last():
    # the template prints part.after instead of asking its loop for the last part
    assert [p.after for p in word_diff("We will talk.", "We will talk.")] == [""]
    got = word_diff("Both sides agreed to keep talking about it", "agreed to keep talking")
    assert [p.after for p in got] == [" ", " ", ""]
    assert [p.after for p in word_diff("a b c d", "a x c d")] == [" ", " ", ""]


def test_a_long_equal_run_is_one_part_with_every_word():
    words = [f"w{n}" for n in range(300)]
    got = word_diff(" ".join(words + ["end"]), " ".join(words + ["fin"]))
    assert ops(got) == [("equal", " ".join(words), ""), ("replace", "fin", "end")]


def _occurrence(outlet, text, exact, n=0):
    ref = ArticleRef(f"a{n}", f"Title {n}", outlet, "2023-06-19", f"articles/a{n}.html", f"outlets/{outlet.id}.html")
    return OccurrenceRow(ref, f"articles/a{n}.html#q0", text, exact)


def test_with_diffs_fills_every_printing_and_groups_them_by_outlet():
    b, a = Outlet("b", "Bravo"), Outlet("a", "alpha")
    occurrences = (_occurrence(b, "we will talk", True, 0), _occurrence(a, "we shall talk", False, 1),
                   _occurrence(b, "we will talk", True, 2))
    speaker = SpeakerRef("blinken", "Antony Blinken", True, "sp-1", "speakers/blinken.html", "person")
    quote = QuoteRow("q", "quotes/q.html", "we will talk", speaker, occurrences, (a, b), True)
    got = with_diffs(quote)
    for before, after in zip(occurrences, got.occurrences):
        assert after == replace(before, diff=word_diff(quote.text, before.text))  # every other field kept
    assert [g.outlet.id for g in got.by_outlet] == ["a", "b"]  # by name, ignoring case
    assert [len(g.occurrences) for g in got.by_outlet] == [1, 2]
    assert got.by_outlet[0].occurrences[0].diff == (DiffPart("equal", "we", "", " "), DiffPart("replace", "shall", "will", " "),
                                                    DiffPart("equal", "talk"))
    assert replace(got, occurrences=quote.occurrences, by_outlet=()) == quote
    assert {f.name for f in fields(OccurrenceRow)} == {"article", "href", "text", "exact", "diff", "before", "after",
                                                     "translation"}


def test_a_citation_names_each_article_once_in_the_order_of_its_printings():
    outlet = Outlet("wire", "The Wire")
    articles = {slug: Article(slug, title, outlet, dt.date(2023, 6, day), "", f"articles/{slug}.md", url)
                for slug, title, day, url in (("a", "Talks", 18, "https://example.com/a"), ("b", "More talks", 19, None))}
    refs = {slug: article_ref(a) for slug, a in articles.items()}
    printings = tuple(OccurrenceRow(refs[slug], f"articles/{slug}.html#q{n}", "We talked.", True)
                      for slug, n in (("b", 1), ("a", 1), ("b", 2)))
    speaker = SpeakerRef("xi", "Xi Jinping", True, "sp-1", "speakers/xi.html")
    row = QuoteRow("q", "quotes/q.html", "We talked.", speaker, printings, (outlet,), False)
    assert row.citation == (
        "“We talked.” — Xi Jinping. Quoted in: The Wire, “More talks”, 2023-06-19; "
        "The Wire, “Talks”, 2023-06-18, https://example.com/a.")


def test_a_statements_printings_are_grouped_by_independent_source():
    """Each copy family among the printings is one source (largest first, its
    outlets by name); each article in no family is one, counted per outlet;
    an article that printed the statement twice is one report."""
    from quotetrail.sitemodel import FamilyLink, families_of, quote_row, source_groups

    outlets = {oid: Outlet(oid, name) for oid, name in (("ap", "AP News"), ("adg", "Arkansas Democrat-Gazette"),
                                                          ("pbs", "PBS NewsHour"), ("cbc", "CBC News"),
                                                          ("aj", "Al Jazeera"), ("rt", "Reuters Feed"))}

    def ref(slug, oid, family=None):
        return ArticleRef(slug, slug, outlets[oid], "2023-06-19", f"articles/{slug}.html", f"outlets/{oid}.html", family)

    printed = [ref("pbs-1", "pbs", "family-1"), ref("cbc-1", "cbc", "family-2"), ref("adg-1", "adg", "family-1"),
               ref("aj-1", "aj"), ref("aj-2", "aj"), ref("ap-1", "ap", "family-1"), ref("cbc-2", "cbc"),
               ref("rt-1", "rt", "family-2"), ref("aj-1", "aj")]  # (Al Jazeera's first article printed it twice)

    from types import SimpleNamespace

    text = "We will keep talking."
    quote = SimpleNamespace(id="q", text=text, occurrences=[
        SimpleNamespace(anchor=f"q{n}", text=text, exact=True, quotation="", language="en") for n in range(len(printed))],
        language="en")
    speaker = SpeakerRef("blinken", "Antony Blinken", True, "sp-1", "speakers/blinken.html")
    row = quote_row(quote, speaker, tuple(printed))
    links = {fid: FamilyLink(fid, name, f"lineage/#{fid}") for fid, name in (("family-1", "AP"), ("family-2", "Reuters"))}
    carriers = families_of(row, links)
    assert carriers == (links["family-1"], links["family-2"])  # in the order of their first printing
    groups, own = source_groups(row, carriers)
    assert [(g.family.name, [o.name for o in g.outlets]) for g in groups] == [
        ("AP", ["AP News", "Arkansas Democrat-Gazette", "PBS NewsHour"]), ("Reuters", ["CBC News", "Reuters Feed"])]
    assert [(o.name, n) for o, n in own] == [("Al Jazeera", 2), ("CBC News", 1)]
    assert row.sources == len(groups) + sum(n for _, n in own) == 5
