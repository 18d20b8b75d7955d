"""Stage 4: matching quotations across outlets."""
import random

from quotetrail.match import MatchInput, loose_tokens, match_quotations, normalise_tokens


def item(article, text, speaker="blinken", index=0, fragment=False):
    return MatchInput(article, f"outlet-{article}", f"q{index + 1}", index, speaker, text, fragment)


def groups(items):
    quotes, _ = match_quotations(items)
    return {frozenset((o.article, o.quotation_index) for o in q.occurrences) for q in quotes}, quotes


def test_normalisation_of_spelling_case_marks_and_abbreviations():
    assert normalise_tokens("Stabilise the U.S. Department of Defence’s behaviour") == \
        normalise_tokens("stabilize the US department of defense's behavior")
    assert normalise_tokens("China-U.S. relations — organised") == ["china", "us", "relations", "organized"]
    assert normalise_tokens("our four hours") == ["our", "four", "hours"]  # not -our words
    assert loose_tokens("Stabilise") != loose_tokens("stabilize")


def test_spelling_variants_and_small_edits_merge():
    found, quotes = groups([
        item("edp", "The two sides have also made progress and reached agreement on some specific issues"),
        item("cbc", "The two sides have also made progress and reached the agreement on some specific issues. This is very good"),
        item("adg", "We agreed to stabilise our relationship with the Department of Defence"),
        item("pbs", "We agreed to stabilize our relationship with the Department of Defense"),
    ])
    assert frozenset({("edp", 0), ("cbc", 0)}) in found
    assert frozenset({("adg", 0), ("pbs", 0)}) in found


def test_fragment_links_to_the_longer_quote():
    found, quotes = groups([
        item("a", "the United States and China have an obligation and responsibility to manage our relationship"),
        item("b", "have an obligation and responsibility", fragment=True),
    ])
    assert found == {frozenset({("a", 0), ("b", 0)})}
    (quote,) = quotes
    assert quote.text.startswith("the United States and China")  # the complete wording is canonical
    assert {o.article: o.exact for o in quote.occurrences} == {"a": True, "b": False}


def test_different_speakers_never_merge():
    found, _ = groups([item("a", "We must keep talking to each other", "xi"),
                       item("b", "We must keep talking to each other", "blinken")])
    assert len(found) == 2


def test_a_short_fragment_never_chains_two_quotes():
    found, _ = groups([
        item("a", "The two sides have made progress on issues", "xi"),
        item("b", "Progress is hard, it takes time", "blinken"),
        item("c", "progress", "xi", fragment=True),
        item("d", "progress", "blinken", fragment=True),
    ])
    assert all(len(g) == 1 for g in found)
    # same speaker, a fragment inside two different quotes stays on its own
    found, _ = groups([
        item("a", "we made real progress on trade issues this week", "xi"),
        item("b", "nobody made real progress on climate talks at all", "xi"),
        item("c", "made real progress", "xi", fragment=True),
    ])
    assert frozenset({("c", 0)}) in found


def test_article_that_printed_two_quotations_keeps_them_apart():
    found, _ = groups([
        item("edp", "The two sides have also made progress and reached agreement on some specific issues", "xi", 0),
        item("edp", "This is very good.", "xi", 1),
        item("cbc", "The two sides have also made progress and reached the agreement on some specific issues. This is very good", "xi"),
    ])
    assert frozenset({("edp", 1)}) in found


def test_canonical_is_the_most_common_wording_and_every_item_is_in_one_quote():
    items = [item("a", "It is vital that we talk"), item("b", "It is vital that we talk"),
             item("c", "It is vital that we all talk"), item("d", "Something else entirely here")]
    quotes, _ = match_quotations(items)
    assert sorted((o.article for q in quotes for o in q.occurrences)) == ["a", "b", "c", "d"]
    vital = next(q for q in quotes if len(q.occurrences) == 3)
    assert vital.text == "It is vital that we talk"
    assert [o.exact for o in vital.occurrences] == [True, True, False]


def test_a_printing_is_exact_when_only_case_and_punctuation_differ_not_spelling():
    quotes, _ = match_quotations([item("a", "We want to stabilise relations."), item("b", "we want to ‘stabilise’ relations"),
                                  item("c", "We want to stabilize relations.")])
    (quote,) = quotes
    assert quote.text == "We want to stabilise relations."
    assert {o.article: o.exact for o in quote.occurrences} == {"a": True, "b": True, "c": False}


def test_result_does_not_depend_on_input_order():
    items = [item(f"a{n}", text, speaker) for n, (text, speaker) in enumerate([
        ("We will keep working on this together", "blinken"), ("we will keep working on this", "blinken"),
        ("The two sides made progress", "xi"), ("made progress", "xi"), ("two sides made progress today", "xi"),
    ])]
    expected, quotes = groups(items)
    ids = {q.id for q in quotes}
    for seed in range(5):
        shuffled = items[:]
        random.Random(seed).shuffle(shuffled)
        again, quotes2 = groups(shuffled)
        assert again == expected
        assert {q.id for q in quotes2} == ids


def test_candidates_come_from_an_index_not_all_pairs():
    rng = random.Random(7)
    vocabulary = [f"w{n}" for n in range(3000)]
    items = [item(f"a{n}", " ".join(rng.choice(vocabulary) for _ in range(12))) for n in range(2000)]
    items += [item(f"b{n}", items[n].text) for n in range(0, 2000, 10)]  # 200 reprinted
    quotes, stats = match_quotations(items)
    all_pairs = len(items) * (len(items) - 1) // 2
    assert stats.candidate_pairs < all_pairs / 100
    assert len(quotes) == 2000


def test_matching_a_speaker_again_compares_no_wording_pair_afresh():
    """As serve does after an edit: the answers for pairs of wordings already
    compared are kept, and they are the answers a fresh comparison gives."""
    from quotetrail.match import _relation

    rng = random.Random(11)
    words = [f"w{n}" for n in range(40)]
    base = [" ".join(rng.choice(words) for _ in range(10)) for _ in range(60)]
    items = [item(f"a{n}", text) for n, text in enumerate(base)]
    items += [item(f"b{n}", " ".join(text.split()[1:8])) for n, text in enumerate(base[:30])]  # fragments
    first, _ = groups(items)
    before = _relation.cache_info()
    again, _ = groups(items)
    after = _relation.cache_info()
    assert again == first
    assert after.misses == before.misses and after.hits > before.hits
    fresh = _relation.__wrapped__
    tokens = [tuple(normalise_tokens(i.text)) for i in items]
    assert all(_relation(a, b) == fresh(a, b) for a in tokens[:20] for b in tokens[40:])
