"""Stage 4: matching quotations across outlets."""
import pickle
import random

import pytest

from quotetrail import match as match_module
from quotetrail.match import (MAX_POSTING, MatchInput, SpeakerIndex, loose_tokens, match_group, match_quotations,
                              normalise_tokens, speaker_groups)


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


def test_printings_that_differ_in_several_places_still_find_each_other():
    # each change makes trigrams no other wording has; the index must look past them
    found, _ = groups([
        item("a", "This is a stab in the back to our country and our people", "putin"),
        item("b", "a stab in the back of our country and our people", "putin"),
        item("c", "We went to demonstrate our protest and not to overthrow power in the country", "prigozhin"),
        item("d", "We went to protest, not to overthrow the power in the country", "prigozhin"),
    ])
    assert found == {frozenset({("a", 0), ("b", 0)}), frozenset({("c", 0), ("d", 0)})}


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


def test_an_article_quoting_a_fragment_of_its_own_quote_joins_it_whoever_printed_the_wording_first():
    """The article's long quote has the same wording as another outlet's printed
    before it: that it contains the fragment is a fact about the wordings."""
    long_ = "We must welcome the relationship and respect the health organisation"
    found, _ = groups([item("a", long_.replace("organisation", "organization")), item("b", long_, index=0),
                       item("b", "respect the health organisation", index=1, fragment=True)])
    assert found == {frozenset({("a", 0), ("b", 0), ("b", 1)})}
    # a fragment the same article also printed as a quotation of its own stays apart
    found, _ = groups([item("a", long_), item("b", long_, index=0), item("b", "This is very good.", index=1),
                       item("c", "This is very good")])
    assert frozenset({("b", 1), ("c", 0)}) in found


def _speaker_items(rng: random.Random, words: list[str], n: int, start: int) -> list[MatchInput]:
    """Reprinted statements, edited reprints and fragments, from few words so that probes overlap."""
    out = []
    for k in range(start, start + n):
        if out and rng.random() < 0.5:
            text = rng.choice(out).text.split()
            roll = rng.random()
            if roll < 0.3:
                text = text[rng.randrange(3):][:rng.randint(1, 6)]  # a fragment, sometimes one or two words
            elif roll < 0.6:
                text[rng.randrange(len(text))] = rng.choice(words)  # an edit
            elif roll < 0.8:
                k = rng.randrange(len(text))
                text = text[k:] + text[:k]  # the same words in another order (a translator's)
            text = " ".join(text) or words[0]
        else:
            text = " ".join(rng.choice(words) for _ in range(rng.randint(3, 14)))
        out.append(item(f"a{k}", text, index=rng.randrange(2)))
    return out


@pytest.mark.parametrize("vocabulary", [25, 300])
@pytest.mark.parametrize("max_posting", [MAX_POSTING, 6])
def test_an_index_brought_up_to_date_matches_as_a_fresh_one(max_posting, vocabulary, monkeypatch):
    """As serve matches a speaker again after edits: quotations come, go and
    change; each time the kept index gives the quotes a fresh one gives, and
    compares only pairs it has not seen (a small MAX_POSTING makes common
    trigrams cross it as postings grow and shrink; a large vocabulary makes
    fragments that only one quote contains)."""
    monkeypatch.setattr(match_module, "MAX_POSTING", max_posting)
    monkeypatch.setattr(match_module, "MAX_KEY_POSTING", max_posting)  # (pairs of long words cross theirs too)
    rng = random.Random(max_posting + vocabulary)
    words = [f"w{n}" for n in range(vocabulary)]
    items = _speaker_items(rng, words, 80, 0)
    index = SpeakerIndex()
    (group,) = speaker_groups(items)
    match_group(group, index)
    for step in range(40):
        roll = rng.random()
        if roll < 0.4:
            del items[rng.randrange(len(items))]
        if roll > 0.3:
            items.insert(rng.randrange(len(items) + 1), *_speaker_items(rng, words, 1, 1000 + step))
        (group,) = speaker_groups(items)
        kept, compared = match_group(group, index)
        fresh, all_compared = match_group(group)
        assert kept == fresh, step
        assert compared < all_compared, step


def test_matching_a_speaker_again_with_its_index_compares_nothing_and_gives_the_same_quotes():
    rng = random.Random(11)
    (group,) = speaker_groups(_speaker_items(rng, [f"w{n}" for n in range(40)], 90, 0))
    index = SpeakerIndex()
    first, compared = match_group(group, index)
    again, compared_again = match_group(group, index)
    assert compared > 0 and compared_again == 0
    assert all(a is b for a, b in zip(again, first, strict=True))


def test_an_index_gives_back_the_quotes_it_was_asked_to_keep():
    rng = random.Random(5)
    (group,) = speaker_groups(_speaker_items(rng, [f"w{n}" for n in range(40)], 60, 0))
    index = SpeakerIndex()
    first, _ = match_group(group, index)
    copies = [pickle.loads(pickle.dumps(quote)) for quote in first]  # equal, not the same objects
    index.keep(copies)
    again, _ = match_group(group, index)
    assert all(a is b for a, b in zip(again, copies, strict=True))


def test_a_fragment_inside_a_fragment_follows_it_to_the_sentence():
    # an outlet printing three pieces of one sentence has all three linked to it
    found, _ = groups([
        item("a", "La pire des choses serait de penser que nous devrions être suivistes et nous adapter au rythme américain", "m"),
        item("b", "pire des choses", "m", 0, fragment=True),
        item("b", "suivistes et nous adapter au rythme", "m", 1, fragment=True),
        item("c", "suivistes et nous", "m", fragment=True),
    ])
    assert found == {frozenset({("a", 0), ("b", 0), ("b", 1), ("c", 0)})}


@pytest.mark.parametrize("language, long, fragment", [
    ("en", "The march revealed serious security problems in this country", "serious security problem"),
    ("de", "Wir wollen die Verhandlungen mit Russland bald fortsetzen", "die Verhandlung mit Russland"),
    ("fr", "Nous devons être suivistes sur ce sujet important", "être suiviste sur ce sujet"),
])
def test_a_fragment_that_inflects_a_word_joins_its_sentence(language, long, fragment):
    items = [MatchInput("a", "outlet-a", "q1", 0, "s", long, False, language=language),
             MatchInput("b", "outlet-b", "q1", 0, "s", fragment, True, language=language)]
    quotes, _ = match_quotations(items)
    assert [len(q.occurrences) for q in quotes] == [2]
    assert quotes[0].text == long  # the sentence, not the fragment, is canonical


def test_two_sentences_built_on_one_frame_stay_apart():
    # they share a long run of words, but each puts a phrase of its own (three words
    # or more) where the other has its own: another predicate, not another rendering
    found, _ = groups([
        item("c", "We have no illusions about the challenges of managing this relationship", "blinken"),
        item("d", "We have made progress on the challenges of managing this relationship", "blinken"),
        item("e", "We must manage the talks and reduce tensions in order to stabilise the region", "xi"),
        item("f", "We must protect workers from unfair competition in order to stabilise the region", "xi"),
    ])
    assert found == {frozenset({(k, 0)}) for k in "cdef"}


def test_an_unattributed_printing_of_one_speaker_s_words_joins_that_speaker():
    found, quotes = groups([
        item("a", "We must keep the channels of communication open", "xi"),
        item("b", "We must keep the channels of communication open", None),
        item("c", "keep the channels of communication", None, fragment=True),
        item("d", "Progress is hard work for all of us", "xi"),
        item("e", "Progress is hard work for all of us", "blinken"),
        item("f", "Progress is hard work for all of us", None),  # two speakers' words: no one's
        item("g", "channels open", None, fragment=True),  # too short to tell
    ])
    assert frozenset({("a", 0), ("b", 0), ("c", 0)}) in found
    speaker_of = {o.article: q.speaker for q in quotes for o in q.occurrences}
    assert speaker_of["b"] == speaker_of["c"] == "xi"
    assert speaker_of["f"] is None and speaker_of["g"] is None


def _in(language, article, text, speaker="s", index=0, fragment=False):
    return MatchInput(article, f"outlet-{article}", f"q{index + 1}", index, speaker, text, fragment, language=language)


@pytest.mark.parametrize("language, sentence, word, other_word", [
    ("en", "What we are facing is nothing less than betrayal of our people", "betrayal", "betrayals"),
    ("fr", "Le pire serait que nous, Européens, soyons suivistes sur ce sujet", "suivistes", "suiviste"),
    ("de", "Was wir erleben, ist Verrat an unserem Volk", "Verrat", "Verrat"),
])
def test_a_word_two_outlets_quoted_alone_joins_the_one_sentence_that_has_it(language, sentence, word, other_word):
    quotes, _ = match_quotations([_in(language, "a", sentence), _in(language, "b", word, fragment=True),
                                  _in(language, "c", other_word, fragment=True)])
    assert [len(q.occurrences) for q in quotes] == [3]
    assert quotes[0].text == sentence


def test_a_single_word_stays_apart_when_it_is_weak_evidence():
    sentence = "The two sides have made progress on some specific issues"
    # one outlet's word: it may come from any sentence that has it
    quotes, _ = match_quotations([_in("en", "a", sentence), _in("en", "b", "progress", fragment=True)])
    assert sorted(len(q.occurrences) for q in quotes) == [1, 1]
    # a short word, or a word found only in a sentence of another language, stays apart too
    quotes, _ = match_quotations([_in("en", "a", "We will not give up on this work ever"),
                                  _in("en", "b", "not", fragment=True), _in("en", "c", "not", fragment=True)])
    assert sorted(len(q.occurrences) for q in quotes) == [1, 2]
    quotes, _ = match_quotations([_in("es", "a", "Debemos evitar una escalada del conflicto en la región"),
                                  _in("en", "b", "escalation", fragment=True), _in("en", "c", "escalation", fragment=True)])
    assert sorted(len(q.occurrences) for q in quotes) == [1, 2]
    # two words in two different sentences: in neither
    quotes, _ = match_quotations([_in("fr", "a", "Nous saluons son courage et son engagement"),
                                  _in("fr", "b", "Son courage restera un exemple pour nous tous"),
                                  _in("fr", "c", "courage", fragment=True), _in("fr", "d", "courage", fragment=True)])
    assert sorted(len(q.occurrences) for q in quotes) == [1, 1, 2]


@pytest.mark.parametrize("language, one, other", [
    ("en", "We are prepared to form a government if the voters give us their confidence in the coming elections",
     "We are prepared to form a government if the voters trust us during the next general elections"),
    ("fr", "Nous sommes prêts à exercer le pouvoir si les Français nous font confiance lors des prochaines élections",
     "Nous sommes prêts à exercer le pouvoir si les Français nous accordent leur confiance aux élections à venir"),
    # the same words in another order: most distinct words shared, no run of four needed
    ("en", "We will firmly defend our interests and our values in every forum",
     "We will defend our values and our interests firmly in every forum"),
    ("en", "I made this decision based on the results of yesterday's elections",
     "I took this decision in light of the results of the elections held yesterday"),
    ("es", "Argentina continuará sin embajadora en Madrid por ahora", "Por ahora, en Madrid Argentina seguirá sin embajadora"),
    ("de", "Meine Partei trägt dafür auch eine große Verantwortung", "Dafür trägt auch meine Partei große Verantwortung"),
])
def test_another_rendering_of_a_translated_sentence_merges(language, one, other):
    # below the 80 % of near-duplicates, with a run of words in common and only words swapped,
    # or the same words in another order; neither with a phrase of its own on both sides
    assert_merged_unless_one_article_printed_both(language, one, other)


def assert_merged_unless_one_article_printed_both(language, one, other):
    quotes, _ = match_quotations([_in(language, "a", one), _in(language, "b", other)])
    assert [len(q.occurrences) for q in quotes] == [2]
    # ... unless one article printed both apart: two sentences of one speech built alike
    quotes, _ = match_quotations([_in(language, "a", one, index=0), _in(language, "a", other, index=1),
                                  _in(language, "b", other)])
    assert sorted(len(q.occurrences) for q in quotes) == [1, 2]


def test_a_loose_rendering_needs_a_run_of_words_in_common_and_no_phrase_of_its_own():
    found, _ = groups([
        # a run of nine words in common, then a different phrase on each side
        item("a", "We are ready to rebuild the country, ready to defend French workers first", "lepen"),
        item("b", "We are ready to rebuild the country, ready to give hope back to young people", "lepen"),
    ])
    assert found == {frozenset({(k, 0)}) for k in "ab"}


def test_a_rendering_that_swaps_a_few_words_merges_on_a_run_of_four():
    # two translations of one sentence: half their words in common, four of them in a row
    found, _ = groups([item("a", "Today I came to remind them that we are still here!", "puigdemont"),
                       item("b", "I have come here to remind you that we are still here", "puigdemont")])
    assert found == {frozenset({("a", 0), ("b", 0)})}


def test_english_words_printed_in_a_german_article_join_the_english_statement():
    sentence = "The two sides have agreed to follow through the common understandings reached in Bali"
    quotes, _ = match_quotations([_in("en", "a", sentence), _in("en", "b", sentence), _in("de", "c", sentence)])
    assert len(quotes) == 1 and {o.language for o in quotes[0].occurrences} == {"en", "de"}


def test_the_same_words_printed_in_two_languages_apart_get_their_own_ids():
    sentence = "The sides agreed."  # unattributed: never joined across languages (translations.py)
    quotes, _ = match_quotations([_in("en", "a", sentence, speaker=None), _in("en", "b", sentence, speaker=None),
                                  _in("de", "c", sentence, speaker=None), _in("de", "d", sentence, speaker=None)])
    assert len(quotes) == 2  # each language's words are stemmed by its rules
    assert len({q.id for q in quotes}) == 2
    assert quotes[1].id == quotes[0].id + "-2"


@pytest.mark.parametrize("language, one, other", [
    # two translators' renderings of one sentence: synonyms the run-of-words rules miss,
    # met through the language's lexicon (the same English concepts)
    ("fr", "si je dois continuer à être à la tête du gouvernement ou si je dois renoncer à cet honneur",
     "Si je dois continuer à la tête du gouvernement ou abandonner ce grand honneur"),
    ("es", "Pienso que es una dirigente talentosa y firme, y creo que juntos podemos lograr mucho más",
     "Creo que es una líder con mano firme y talento, y que podemos conseguir mucho más juntos"),
    ("de", "Einflussnahme von außen stellt eine Bedrohung für unsere Demokratie dar.",
     "Einflussnahme von außen ist eine Gefahr für die Demokratie"),
    ("nl", "Er is een verandering op komst die in de voorbije honderd jaar niet gezien is.",
     "Er komt verandering zoals we in geen 100 jaar tijd hebben gezien"),
    ("en", "You will never see me participate in a manhunt", "One thing you’ll never see me in is a manhunt"),
])
def test_two_renderings_with_other_words_for_the_same_things_merge(language, one, other):
    assert_merged_unless_one_article_printed_both(language, one, other)
    # ... and never when the words are unattributed (they may be anyone's)
    quotes, _ = match_quotations([_in(language, "a", one, speaker=None), _in(language, "b", other, speaker=None)])
    assert len(quotes) == 2


@pytest.mark.parametrize("language, one, other", [
    # the same person named, different things said of him: names do not count as shared meaning
    ("de", "Mit Olaf Scholz haben wir einen hervorragenden Bundeskanzler", "Olaf Scholz ist der richtige Kanzlerkandidat"),
    ("en", "With Olaf Scholz we have an outstanding Chancellor", "Olaf Scholz is the right candidate for Chancellor"),
    # other figures, or one denies what the other says
    ("de", "Wir haben im vergangenen Jahr 300.000 Flüchtlinge aufgenommen.",
     "In diesem Jahr werden wir höchstens 100.000 Flüchtlinge aufnehmen."),
    ("fr", "Nous avons déjà livré 30 chars à l'Ukraine cette année.",
     "L'an prochain, nous livrerons encore 50 chars à l'Ukraine."),
    ("fr", "Je ne serai pas candidat à l'élection présidentielle.",
     "Je serai candidat à la présidentielle, c'est une évidence."),
    ("es", "El año pasado la inflación fue del 200 por ciento.", "Este año la inflación será del 30 por ciento."),
    # English words that begin alike but mean other things (concede / concerned)
    ("en", "We will never concede this election to the communists.",
     "We are concerned that the communists could win this election."),
    # two sentences on one frame, a phrase of its own on each side that means nothing alike
    ("en", "We have no illusions about the challenges of managing this relationship",
     "We have made progress on the challenges of managing this relationship"),
    ("fr", "Nous sommes prêts à gouverner le pays dès demain", "Nous sommes prêts à défendre les intérêts des Français"),
])
def test_two_statements_that_share_a_name_or_a_frame_stay_apart(language, one, other):
    quotes, _ = match_quotations([_in(language, "a", one), _in(language, "b", other)])
    assert len(quotes) == 2
