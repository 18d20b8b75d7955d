"""Statements: a quotation cut into its sentences, and matched sentence by sentence."""
import pytest

from quotetrail.match import MatchInput, match_quotations
from quotetrail.model import Quotation, Span
from quotetrail.statements import statement_pieces, statement_spans


def sentences(text):
    return [text[a:b] for a, b in statement_spans(text)]


@pytest.mark.parametrize("text, expected", [
    ("We have made progress. We will keep talking.", ["We have made progress.", "We will keep talking."]),
    ("The U.S. must stop. Mr. Wang agreed.", ["The U.S. must stop.", "Mr. Wang agreed."]),
    ("Is it over? Not yet!", ["Is it over?", "Not yet!"]),
    ("one clause, no stop", ["one clause, no stop"]),
    ("It was 2023. 2024 will be better.", ["It was 2023.", "2024 will be better."]),
    ("A. Smith came. Dr. Lee left.", ["A. Smith came.", "Dr. Lee left."]),
    ("We said \u201cno.\u201d Then we left.", ["We said \u201cno.\u201d", "Then we left."]),
    ("stop. lower case goes on", ["stop. lower case goes on"]),
    ("Wir schaffen das. Das ist klar.", ["Wir schaffen das.", "Das ist klar."]),
    ("C'est fini. \u00c9videmment.", ["C'est fini.", "\u00c9videmment."]),
])
def test_a_quotation_is_cut_at_its_sentence_ends(text, expected):
    assert sentences(text) == expected


def test_pieces_cover_each_statement_in_the_body_without_the_space_between():
    body = 'He said: "We made progress. It is good," and left.'
    start = body.index("We")
    end = body.index('," and')
    q = Quotation("a", 0, (Span(start, end, body[start:end]),))
    assert [(body[a:b], begins) for a, b, begins in statement_pieces(q)] == [("We made progress.", 0), ("It is good", 18)]


def item(article, text, speaker="xi", n=0):
    return MatchInput(article, article, f"q{n + 1}", n, speaker, text, len(text.split()) <= 3, date="2023-06-1" + article[-1])


def test_a_sentence_printed_alone_and_in_a_longer_quotation_is_one_statement():
    from quotetrail.match import statement_inputs

    items = [s for i in (item("a1", "Ties must rest on respect. We want calm."), item("b2", "Ties must rest on respect."),
                         item("c3", "We want calm."), item("d4", "Ties must rest on mutual respect."))
             for s in statement_inputs(i)]
    quotes, _ = match_quotations(items)
    by_text = {q.text: {o.article for o in q.occurrences} for q in quotes}
    assert by_text == {"Ties must rest on respect.": {"a1", "b2", "d4"}, "We want calm.": {"a1", "c3"}}
    respect = next(q for q in quotes if q.text.startswith("Ties"))
    a1 = next(o for o in respect.occurrences if o.article == "a1")
    assert a1.quotation == "Ties must rest on respect. We want calm." and a1.start == 0


def test_the_canonical_wording_is_the_one_most_outlets_printed_then_the_earliest():
    quotes, _ = match_quotations([item("a1", "China-US relations are at a low point"),
                                  item("b2", "China's U.S. relations are at a low point"),
                                  item("c3", "China-US relations are at a low point"),
                                  item("d4", "China-US relations are at a low point")])
    assert [q.text for q in quotes] == ["China-US relations are at a low point"]
    tie, _ = match_quotations([item("b2", "We have no illusions about it"), item("a1", "We have no illusions about this")])
    assert tie[0].text == "We have no illusions about this"  # a1 is the earlier article


def test_different_sentences_of_one_speaker_that_share_words_stay_apart():
    quotes, _ = match_quotations([item("a1", "We have no illusions about the difficulties of managing this relationship."),
                                  item("b2", "We have made progress on managing this relationship.")])
    assert len(quotes) == 2
