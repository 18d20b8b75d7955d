"""Matching across languages: one statement printed in two languages is one
quote (translations.py), through each language profile's lexicon."""
import csv
import io
import json

import pytest

from quotetrail.match import MatchInput, match_quotations
from quotetrail.pipeline import build
from quotetrail.translations import Unit, gloss, join

from conftest import article_text


def _in(language, article, text, speaker="s", index=0):
    return MatchInput(article, f"outlet-{article}", f"q{index + 1}", index, speaker, text, False, language=language)


# the same remark as English and another language's outlets printed it
TRANSLATIONS = [
    ("fr", "Je suis prêt à travailler avec le président et la Turquie au renforcement de la défense.",
     "I stand ready to work with the president and Turkey on strengthening defence."),
    ("de", "Wir können nicht zulassen, dass diese Gewalt normalisiert wird.",
     "We cannot allow this violence to be normalised."),
    ("es", "No podemos permitir, una vez más, que intentos golpistas cuesten vidas bolivianas.",
     "We cannot allow, once again, coup attempts that cost Bolivian lives."),
    ("nl", "Er is in Amerika geen plaats voor dit soort geweld.",
     "There is no place in America for this kind of violence."),
]


@pytest.mark.parametrize("language, foreign, english", TRANSLATIONS)
def test_a_translated_remark_is_one_quote_with_its_english_printing(language, foreign, english):
    quotes, _ = match_quotations([_in("en", "a", english), _in("en", "b", english), _in(language, "c", foreign)])
    assert len(quotes) == 1
    (quote,) = quotes
    assert quote.text == english and quote.language == "en"  # the wording most outlets printed
    assert {(o.article, o.language) for o in quote.occurrences} == {("a", "en"), ("b", "en"), ("c", language)}


@pytest.mark.parametrize("language, foreign, english", TRANSLATIONS)
def test_other_speakers_and_other_remarks_never_join(language, foreign, english):
    other_remark = "The budget will be presented to parliament next week, as planned."
    quotes, _ = match_quotations([_in("en", "a", other_remark), _in(language, "b", foreign)])
    assert len(quotes) == 2
    quotes, _ = match_quotations([_in("en", "a", english, speaker="s"), _in(language, "b", foreign, speaker="t")])
    assert len(quotes) == 2


def test_two_sentences_of_one_language_never_meet_through_a_third():
    """A group takes one wording group per language: the French sentence joins the
    English one it renders best, and the other English sentence stays apart."""
    french = "Nous avons fait des progrès sur la sécurité et le commerce entre nos deux pays."
    close = "We have made progress on security and trade between our two countries."
    near = "Our two countries have made progress on trade, and on security too."
    groups = join([Unit("en", close), Unit("en", near), Unit("fr", french)])
    assert len(groups) == 2 and ([0, 2] in groups or [1, 2] in groups)
    assert not any({0, 1} <= set(g) for g in groups)


def test_a_fragment_joins_the_one_sentence_of_another_language_that_glosses_all_its_words():
    sentence = ("The very fact that sending troops from NATO countries to Ukraine is being discussed "
                "is a very important new element.")
    other = "We will keep supporting Ukraine with weapons as long as it takes, and that is important."
    assert join([Unit("en", sentence), Unit("en", other), Unit("fr", "un nouvel élément très important")]) == [[0, 2], [1]]
    # two sentences that both have its words: it stays apart
    both = "Sending troops to Ukraine is an important new element of the debate among NATO members this week."
    assert join([Unit("en", sentence), Unit("en", both), Unit("fr", "un nouvel élément très important")]) == [[0], [1], [2]]


def test_a_fragment_is_never_the_target_of_another_fragment():
    sentence = "Le fait même que l'envoi de troupes soit discuté est un nouvel élément très important."
    units = [Unit("fr", sentence), Unit("en", "an important new element"), Unit("fr", "élément important")]
    groups = join(units)
    assert [0, 1] in groups and [2] in groups


def test_ties_go_by_the_words_not_the_order_of_the_statements():
    english = ["We cannot allow this violence to be normalised.", "We cannot allow such violence to be normalised."]
    german = "Wir können nicht zulassen, dass diese Gewalt normalisiert wird."
    forward = join([Unit("en", english[0]), Unit("en", english[1]), Unit("de", german)])
    backward = join([Unit("de", german), Unit("en", english[1]), Unit("en", english[0])])
    assert [1, 2] in forward and [0, 1] in backward  # the same English wording both times: the first by its words


def test_a_language_without_a_lexicon_is_never_linked():
    from quotetrail import languages
    profile = languages.profile("fr")
    saved = profile.__dict__.pop("lexicon", None)
    try:
        profile.__dict__["lexicon"] = ()
        gloss.cache_clear()
        assert gloss("Nous ne pouvons pas permettre cette violence.", "fr").words == ()
    finally:
        profile.__dict__.pop("lexicon", None)
        if saved is not None:
            profile.__dict__["lexicon"] = saved
        gloss.cache_clear()


def test_english_words_in_a_german_article_are_no_translation(make_content, tmp_path):
    english = "We cannot allow this violence to be normalised in our country."
    content = make_content({
        slug: article_text(f'Senator Rossi said: "{english}"\n\nShe added: "{english}"', title=slug, outlet=slug,
                           date="2024-07-14", language=language)
        for slug, language in (("a", "de"), ("b", "de"), ("c", "en"))},
        speakers="speakers:\n  - id: rossi\n    name: Anna Rossi\n    tracked: true\n")
    out = tmp_path / "site"
    build(content, out, search=False)
    data = json.loads((out / "quotes.json").read_text(encoding="utf-8"))
    (quote,) = [q for q in data["quotes"] if q["speaker"] == "rossi"]
    assert all(o["exact"] for o in quote["occurrences"])
    page = (out / "quotes" / f"{quote['id']}.html").read_text(encoding="utf-8")
    assert "in another language" not in page


def test_a_remark_of_too_few_words_joins_only_its_twin():
    """One or two content words say too little to pair by a share of them: a short remark
    joins only the one short remark of another language whose words all have a gloss in
    it, and the other way round."""
    assert join([Unit("de", "tiefe Traurigkeit"), Unit("es", "profunda tristeza"),
                 Unit("fr", "absolument rien")]) == [[0, 1], [2]]
    assert join([Unit("en", "great Russia"), Unit("fr", "grande Russie")]) == [[0, 1]]
    # a word without a gloss in the other, or two candidates in one language: apart
    assert join([Unit("en", "great Russia"), Unit("fr", "grande nation")]) == [[0], [1]]
    assert join([Unit("en", "great Russia"), Unit("fr", "grande Russie"), Unit("fr", "Russie grande")]) == [[0], [1], [2]]
    # a word: the same
    assert join([Unit("de", "Lügen"), Unit("fr", "aux mensonges"), Unit("en", "historic")]) == [[0, 1], [2]]
    assert join([Unit("en", "historic"), Unit("fr", "historique"), Unit("fr", "historiques")]) == [[0], [1], [2]]
    # twins of one remark that are not twins of each other stay apart: no chain through a third
    groups = join([Unit("en", "size sadness"), Unit("de", "große Traurigkeit"), Unit("fr", "grande tristesse")])
    assert not any({0, 2} <= set(g) for g in groups)


def test_twins_join_whatever_the_order_of_the_statements():
    units = [Unit("de", "tiefe Traurigkeit"), Unit("es", "profunda tristeza"), Unit("fr", "profonde tristesse"),
             Unit("en", "great Russia"), Unit("fr", "grande Russie"), Unit("nl", "absoluut niets")]
    as_texts = lambda groups, us: sorted(sorted(us[n].text for n in g) for g in groups)
    expected = as_texts(join(units), units)
    assert ["grande Russie", "great Russia"] in expected
    assert ["profonde tristesse", "profunda tristeza", "tiefe Traurigkeit"] in expected
    for turn in range(1, len(units)):
        turned = units[turn:] + units[:turn]
        assert as_texts(join(turned), turned) == expected


def test_function_words_are_no_content_and_names_stand_for_themselves():
    words = gloss("Nous travaillerons avec Erdogan dans la paix.", "fr").words
    assert len(words) == 3  # travaillerons, Erdogan, paix
    assert "work" in words[0] and "=erdogan" in words[1] and "peac" in words[2]
    assert len(gloss("C'est très important.", "fr").words) == 1  # très: its likeliest gloss is "very"


@pytest.mark.parametrize("language, text, content", [
    ("fr", "Les enfants de notre pays", 2),  # les, de, notre: not "lès", "dé", "nôtre"
    ("es", "Una ley para el pueblo", 2),  # una, para: not "uña", "pará"
    ("de", "Wir reden über das Gesetz", 2),  # über: not the name "Uber"
])
def test_a_word_is_read_as_spelled_before_its_accents_are_dropped(language, text, content):
    assert len(gloss(text, language).words) == content


def test_a_word_written_without_its_accents_is_still_read():
    assert "law" in gloss("LA REPUBLIQUE ET LA LOI", "fr").words[-1]


def test_an_irregular_english_form_meets_the_base_form_a_gloss_gives():
    told, children = gloss("told the children", "en").words
    assert "tell" in told and "child" in children
    assert told & gloss("a dit", "fr").concepts  # dire: say, tell
    assert children & gloss("les enfants", "fr").concepts


@pytest.mark.parametrize("language, country, nationality", [
    ("fr", "Allemagne", "allemande"), ("de", "Deutschland", "deutsche"),
    ("es", "Alemania", "alemana"), ("nl", "Duitsland", "Duitse")])
def test_countries_and_nationalities_meet_the_english_ones(language, country, nationality):
    for word in (country, nationality, f"l'{country}" if language == "fr" else country):
        assert "@DE" in gloss(word, language).words[0]  # the place table's, whatever the lexicon says


@pytest.mark.parametrize("language, compound, parts", [
    ("de", "Bundesregierungssprecherin", {"spokeswoman"}),
    ("nl", "oorlogsmisdaden", {"crime"})])
def test_a_compound_the_lexicon_lacks_is_read_by_its_parts(language, compound, parts):
    (word,) = gloss(compound, language).words
    assert parts <= word


def test_a_site_links_a_french_and_an_english_printing_and_shows_no_word_diff(make_content, tmp_path):
    english = "We cannot allow this violence to be normalised in our country."
    french = "Nous ne pouvons pas permettre que cette violence soit normalisée dans notre pays."
    english_2 = "We will rebuild every home and every school that the floods destroyed."
    french_2 = "Nous reconstruirons chaque maison et chaque école que les inondations ont détruite."
    content = make_content({
        "a": article_text(f'Senator Rossi said: "{english}"\n\nShe added: "{english_2}"', title="A", outlet="Daily",
                          date="2024-07-14"),
        "b": article_text(f'« {french} », a déclaré Rossi.\n\nElle a ajouté : « {french_2} »', title="B",
                          outlet="Le Quotidien", date="2024-07-14", language="fr"),
    }, speakers="speakers:\n  - id: rossi\n    name: Anna Rossi\n    tracked: true\n")
    out = tmp_path / "site"
    build(content, out, search=False)
    data = json.loads((out / "quotes.json").read_text(encoding="utf-8"))
    (quote,) = [q for q in data["quotes"] if q["speaker"] == "rossi" and q["text"] == english]
    assert quote["language"] == "en" and quote["text"] == english
    assert {(o["outlet"], o["language"]) for o in quote["occurrences"]} == {("daily", "en"), ("le-quotidien", "fr")}
    page = (out / "quotes" / f"{quote['id']}.html").read_text(encoding="utf-8")
    assert "in another language (fr)" in page
    rows = list(csv.DictReader(io.StringIO((out / "quotes.csv").read_text(encoding="utf-8-sig"))))
    assert {(r["outlet"], r["language"]) for r in rows if r["quote_id"] == quote["id"]} == {("Daily", "en"),
                                                                                         ("Le Quotidien", "fr")}
    printing = page.split('id="outlet-le-quotidien"')[1].split("</blockquote>")[0]
    assert f"“{french}”" in printing  # as printed: a translation is no edit of the canonical wording
    meta = page.split('<p class="meta">')[1].split("</p>")[0]  # the statement's meta line
    assert "wording differs" not in meta and "also printed in translation (fr)" in meta
    speaker_page = (out / "speakers" / "rossi.html").read_text(encoding="utf-8")
    assert '<span class="sr-only">in another language</span>' in speaker_page
    assert "translation" in (out / "speakers" / "rossi.csv").read_text(encoding="utf-8-sig").splitlines()[1]


def test_a_joined_statement_takes_its_wording_from_the_language_most_outlets_printed_it_in():
    quotes, _ = match_quotations([_in("nl", "a", "Er is in Amerika geen plaats voor dit soort geweld."),
                                  _in("en", "b", "There is no place in America for this kind of violence."),
                                  _in("en", "c", "There is no place in America for this sort of violence.")])
    assert len(quotes) == 1 and quotes[0].language == "en"  # though the Dutch article came first


@pytest.mark.parametrize("language, foreign, english", [
    ("fr", "pas proportionné", "not proportionate"),
    ("es", "una farsa antidemocrática", "an antidemocratic farce"),
])
def test_a_word_the_lexicon_lacks_meets_its_cognate(language, foreign, english):
    # "proportionné", "antidemocrática": not among the lexicon's 18,000 words, but the
    # English word begins with the same five letters
    quotes, _ = match_quotations([_in("en", "a", english), _in(language, "b", foreign)])
    assert len(quotes) == 1
    # a number is no cognate of another that begins with the same digits
    quotes, _ = match_quotations([_in("en", "a", "100000 soldiers"), _in(language, "b", "10000 soldats")])
    assert len(quotes) == 2
