"""The scorer of tests/gold/measure.py, on tiny hand-made quotes.json dicts and gold lists."""
import importlib.util
import sys
from pathlib import Path

import pytest

_SPEC = importlib.util.spec_from_file_location("measure", Path(__file__).resolve().parent / "gold" / "measure.py")
measure = importlib.util.module_from_spec(_SPEC)
sys.modules["measure"] = measure  # dataclasses look their module up while the file runs
_SPEC.loader.exec_module(measure)

TRACKED = frozenset({"xi", "blinken"})


def gold(article, text, speaker, *statements):
    return measure.GoldEntry(article, text, speaker, tuple(statements))


def quote(qid, speaker, *printed):
    return {"id": qid, "speaker": speaker, "occurrences": [{"article": a, "text": t} for a, t in printed]}


def quotes_json(*quotes, speakers=(), articles=(), **extra):
    return {"quotes": list(quotes), "speakers": list(speakers), "articles": list(articles), **extra}


def test_a_perfect_prediction_scores_one():
    entries = (gold("a", "We made progress", "xi", "s1"), gold("b", "We made progress", "xi", "s1"),
               gold("b", "a thaw", "other:Jane Doe"))
    data = quotes_json(quote("q1", "xi", ("a", "We made progress."), ("b", "“We made progress”")),
                       quote("q2", "jane-doe", ("b", "a thaw")),
                       speakers=[{"id": "jane-doe", "name": "Jane Doe", "tracked": False}])
    result = measure.score_event(entries, data, TRACKED)
    assert result["attribution"]["precision"] == result["attribution"]["recall"] == 1.0
    assert result["attribution"]["not_extracted"] == 0
    links = result["links"]
    assert links["recall_macro"] == links["recall_weighted"] == links["purity"] == 1.0
    assert result["other_speakers"]["flagged"] == 0 and result["families"] is None
    assert "1.000 (2/2)" in measure.format_table({"x": result})


def test_a_wrong_speaker_lowers_precision_and_recall():
    entries = (gold("a", "It is vital", "blinken"), gold("a", "made progress", "xi"),
               gold("a", "a trap", "other:Yang Tao"))
    data = quotes_json(quote("q1", "blinken", ("a", "It is vital that we talk")),
                       quote("q2", "blinken", ("a", "made progress")), quote("q3", "xi", ("a", "a trap")))
    attribution = measure.score_event(entries, data, TRACKED)["attribution"]
    assert (attribution["right"], attribution["predictions"]) == (1, 3)
    assert (attribution["found"], attribution["gold_tracked"]) == (1, 2)
    details = measure.score_event(entries, data, TRACKED)["details"]["attribution"]
    assert [(r["text"], r["got"]) for r in details["wrong_predictions"]] == [("made progress", "blinken"),
                                                                             ("a trap", "xi")]


def test_an_unextracted_quotation_is_a_recall_miss_and_extras_are_counted():
    entries = (gold("a", "We made progress", "xi"), gold("a", "Not printed here", "xi"))
    data = quotes_json(quote("q1", "xi", ("a", "We made progress"), ("a", ", said Xi")))
    result = measure.score_event(entries, data, TRACKED)
    attribution = result["attribution"]
    assert attribution["recall"] == 0.5 and attribution["precision"] == 1.0
    assert attribution["not_extracted"] == attribution["not_extracted_tracked"] == 1
    assert attribution["extra"] == attribution["extra_tracked"] == 1
    assert result["details"]["attribution"]["recall_misses"][0]["got"] == measure.NOT_FOUND


def test_alignment_longer_split_and_each_occurrence_once():
    entries = (gold("a", "Ser un aliado no significa (...),", "xi"),  # printed longer
               gold("a", "Being an ally does not mean being a vassal. It is", "xi"),  # extraction split it
               gold("a", "vassal", "xi"), gold("a", "vassal", "xi"),  # printed once only
               gold("b", "l’importance", "xi"))
    data = quotes_json(quote("q1", "xi", ("a", "Ser un aliado no significa (...), no significa"),
                             ("a", "Being an ally does not mean being a vassal."), ("a", "vassal"),
                             ("b", "l'importance")))
    aligned = measure.align(entries, data)
    assert sorted(aligned) == [0, 1, 2, 4]
    assert aligned[1].printed == "Being an ally does not mean being a vassal."
    assert measure.align((gold("a", "ally", "xi"),), quotes_json(quote("q", "xi", ("a", "allying")))) == {}


def test_a_statement_split_over_two_entries_gives_link_recall_one_half():
    entries = tuple(gold(article, "Stab in the back", "xi", "s1") for article in "abcd")
    data = quotes_json(quote("q1", "xi", ("a", "Stab in the back"), ("b", "Stab in the back")),
                       quote("q2", "xi", ("c", "Stab in the back"), ("d", "Stab in the back")))
    result = measure.score_event(entries, data, TRACKED)
    assert result["links"]["recall_macro"] == result["links"]["recall_weighted"] == 0.5
    miss = result["details"]["links"]["recall_misses"][0]
    assert miss["best_entry"] == "q1" and miss["entries"] == {"q1": ["a", "b"], "q2": ["c", "d"]}


def test_link_recall_macro_and_weighted_differ_and_unaligned_articles_count():
    entries = (gold("a", "one", "xi", "s1"), gold("b", "one", "xi", "s1"), gold("c", "one", "xi", "s1"),
               gold("d", "one", "xi", "s1"), gold("a", "two", "xi", "s2"), gold("b", "two", "xi", "s2"),
               gold("e", "solo", "xi", "s3"))  # s3 is printed once: not a link
    data = quotes_json(quote("q1", "xi", *[(a, "one") for a in "abcd"]), quote("q2", "xi", ("a", "two")))
    links = measure.score_event(entries, data, TRACKED)["links"]
    assert links["statements"] == 2
    assert links["recall_macro"] == pytest.approx((1 + 0.5) / 2)
    assert links["recall_weighted"] == pytest.approx(5 / 6)


def test_a_mixed_entry_lowers_purity():
    entries = (gold("a", "one", "xi", "s1"), gold("b", "one", "xi", "s1"), gold("c", "other words", "xi", "s2"),
               gold("c", "unkeyed", None))
    data = quotes_json(quote("q1", "xi", ("a", "one"), ("b", "one"), ("c", "other words"), ("c", "unkeyed")))
    links = measure.score_event(entries, data, TRACKED)["links"]
    assert (links["pure"], links["printings"]) == (2, 3)
    impure = measure.score_event(entries, data, TRACKED)["details"]["links"]["impure"]
    assert [(r["article"], r["entry_majority"]) for r in impure] == [("c", "s1")]


@pytest.mark.parametrize("shape", ["article field", "families list"])
def test_family_pairs(shape):
    slugs = "abcde"
    predicted = {"a": "f1", "b": "f1", "c": "f2", "d": "f2"}
    if shape == "article field":
        data = quotes_json(articles=[{"slug": s, "family": predicted.get(s)} for s in slugs])
    else:
        data = quotes_json(articles=[{"slug": s} for s in slugs],
                           families=[{"id": "f1", "articles": ["a", "b"]}, {"id": "f2", "articles": ["c", "d"]}])
    figures, details = measure.score_families(data, (frozenset("abc"),))
    assert (figures["gold_pairs"], figures["predicted_pairs"], figures["common"]) == (3, 2, 1)
    assert figures["precision"] == 0.5 and figures["recall"] == pytest.approx(1 / 3)
    assert details["wrong_pairs"] == [("c", "d")] and details["missed_pairs"] == [("a", "c"), ("b", "c")]
    assert measure.score_families(quotes_json(articles=[{"slug": "a"}]), (frozenset("ab"),)) == (None, {})


def test_other_speakers_flags_places_nationalities_and_fragments():
    speakers = [{"id": i, "name": n, "tracked": False} for i, n in
                [("gangthe", "Gangthe"), ("russische", "Russische"), ("wir", "Wir"), ("u-s", "U.S."),
                 ("jane-doe", "Jane Doe"), ("white-house", "The White House"), ("unused", "Paris")]]
    data = quotes_json(*[quote(s["id"], s["id"], ("a", s["id"])) for s in speakers[:6]], quote("x", "xi", ("a", "x")),
                       speakers=speakers)
    figures = measure.score_event((), data, TRACKED)["other_speakers"]
    assert (figures["flagged"], figures["names"]) == (4, 6)
    assert figures["flagged_names"] == ["Gangthe", "Russische", "U.S.", "Wir"]
    assert measure.flag_name("Der Spiegel") is None and measure.flag_name("Kremlin") is None


def test_pooling_sums_counts_and_averages_over_all_statements():
    one = measure.score_event((gold("a", "x", "xi", "s1"), gold("b", "x", "xi", "s1")),
                              quotes_json(quote("q1", "xi", ("a", "x"), ("b", "x"))), TRACKED)
    two = measure.score_event(tuple(gold(a, "y", "xi", "s2") for a in "abcd"),
                              quotes_json(*[quote(f"q{a}", "blinken", (a, "y")) for a in "abcd"]), TRACKED)
    pooled = measure.pool([one, two])
    assert pooled["links"]["recall_macro"] == pytest.approx((1 + 0.25) / 2)
    assert pooled["links"]["recall_weighted"] == pytest.approx(3 / 6)
    assert pooled["attribution"]["precision"] == pytest.approx(2 / 6)
    assert pooled["families"] is None


def test_both_gold_formats_load(tmp_path):
    path = tmp_path / "gold.yaml"
    path.write_text("a:\n  - {text: one, speaker: xi, quote: xi-one}\n  - {text: two, speaker: other, quote: o}\n"
                    "b:\n  - {text: three, speaker: xi, statements: [k1, k2]}\n  - {text: four, speaker: null}\n"
                    "c: []\n_statements:\n  k1: gist\n", encoding="utf-8")
    entries = measure.load_gold(path, TRACKED)
    assert [(e.article, e.speaker, e.statements) for e in entries] == [
        ("a", "xi", ("xi-one",)), ("a", "other", ()), ("b", "xi", ("k1", "k2")), ("b", None, ())]


def test_an_event_whose_files_do_not_read_is_skipped_and_named(tmp_path, monkeypatch, capsys):
    good, bad = tmp_path / "dev" / "good", tmp_path / "dev" / "bad"
    for folder in (good, bad):
        (folder / "content" / "articles").mkdir(parents=True)
        (folder / "gold.yaml").write_text("a:\n  - {text: hi, speaker: null, statements: []}\n", encoding="utf-8")
        (folder / "content" / "speakers.yaml").write_text("[]\n", encoding="utf-8")
    (bad / "content" / "site.yaml").write_text("title: x\ndescription: a: b: c\n", encoding="utf-8")  # not YAML
    monkeypatch.setattr(measure, "SETS", {"dev": tmp_path / "dev"})
    names = [event.name for event in measure.load_events()]
    assert "good" in names and "bad" not in names
    assert "bad: not measured" in capsys.readouterr().err


def test_details_never_list_held_out_misses_unless_that_event_is_named(monkeypatch, capsys):
    wrong = (gold("a", "We made progress", "xi", "s1"),)
    data = quotes_json(quote("q1", "blinken", ("a", "We made progress")))
    events = [measure.Event("dev-event", Path("dev"), wrong, TRACKED, None, "dev"),
              measure.Event("kept-apart", Path("held"), wrong, TRACKED, None, measure.HELD_OUT)]
    monkeypatch.setattr(measure, "load_events", lambda: events)
    monkeypatch.setattr(measure, "build_quotes_json", lambda folder: data)
    measure.main(["--details", "--event", "dev-event"])
    listed = capsys.readouterr().out.count("We made progress")
    measure.main(["--details"])
    out = capsys.readouterr().out
    assert "== dev-event" in out and "== kept-apart" not in out and out.count("We made progress") == listed > 0
    measure.main(["--details", "--json"])
    out = capsys.readouterr().out
    assert '"wrong_predictions"' in out and out.count("We made progress") == listed
    measure.main(["--details", "--event", "kept-apart"])
    assert "== kept-apart" in capsys.readouterr().out


def test_given_names_that_end_like_a_function_word_are_not_flagged_as_glued():
    assert measure.flag_name("Qin Gangthe") == "glued words"
    assert measure.flag_name("Alexander Dobrindt") is None
    assert measure.flag_name("Carlos Mazón") is None and measure.flag_name("Charles Michel") is None


def test_a_later_paragraph_of_a_quotation_over_several_aligns_with_the_statement_it_opens():
    # the gold has one entry a paragraph; quotes.json one quotation over both paragraphs
    later = "As if they are causing all of the problems. No, the far right are a reaction to fear, to discomfort, to unease."
    whole = "So, the Prime Minister blames the far right. " + later
    data = {"quotes": [
        {"id": "q1", "speaker": "xi", "occurrences": [
            {"article": "a", "text": "So, the Prime Minister blames the far right.", "quotation": whole}]},
        {"id": "q2", "speaker": "xi", "occurrences": [
            {"article": "a", "text": "As if they are causing all of the problems.", "quotation": whole}]}]}
    entries = (gold("a", "So, the Prime Minister blames the far right.", "xi"),
               gold("a", later, "xi"))
    aligned = measure.align(entries, data)
    assert sorted(aligned) == [0, 1] and aligned[1].printed == "As if they are causing all of the problems."
    # a short entry is not looked for inside a longer quotation (a word recurs)
    assert 1 not in measure.align((entries[0], gold("a", "No.", "xi")), data)


def test_a_gold_paragraph_aligns_with_the_statement_it_opens_not_a_shorter_one_of_its_quotation():
    # quotes.json: one quotation over two paragraphs, two statements; the gold: one entry a paragraph
    first = "It is the most enormous honour to be elected to this role, to lead the party that I love."
    whole = first + " I hope that I will be able to repay that debt"
    data = {"quotes": [
        {"id": "q1", "speaker": "xi", "occurrences": [{"article": "a", "text": first, "quotation": whole}]},
        {"id": "q2", "speaker": "xi", "occurrences": [
            {"article": "a", "text": "I hope that I will be able to repay that debt", "quotation": whole}]}]}
    entries = (gold("a", "It is the most enormous honour to be elected to this role, to lead", "xi"),  # first words
               gold("a", "I hope that I will be able to repay that debt,", "xi"))
    aligned = measure.align(entries, data)
    assert aligned[0].quote_id == "q1" and aligned[1].quote_id == "q2"
