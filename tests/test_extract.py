"""Stage 2: extraction of quoted spans."""
from quotetrail.extract import extract_quotations, is_fragment, mask_markup


def texts(text):
    return [q.text for q in extract_quotations("a", text)]


def test_offsets_index_the_text():
    text = 'He said "we will go" and then “we stayed.” Later: "fine."'
    quotations = extract_quotations("a", text)
    assert [q.text for q in quotations] == ["we will go", "we stayed.", "fine."]
    for q in quotations:
        for span in q.spans:
            assert text[span.start:span.end] == span.text
    assert [q.anchor for q in quotations] == ["q1", "q2", "q3"]


def test_curly_and_straight_double_quotes_and_trailing_comma():
    assert texts('“It is vital,” he said. "It is," she said.') == ["It is vital", "It is"]


def test_single_quotes_in_headlines_but_not_apostrophes():
    assert texts("The two sides ‘made progress’, Xi says") == ["made progress"]
    assert texts("We’re sure Xi’s and Russia's plans from the '90s and the countries’ leaders won't matter.") == []
    assert texts("Rock 'n' roll and 'em") == []


def test_nested_single_quotes_stay_inside_the_double_quotation():
    text = "It added that Wang had \"demanded that the U.S. stop hyping up the 'China threat theory,' lift sanctions.\""
    assert texts(text) == ["demanded that the U.S. stop hyping up the 'China threat theory,' lift sanctions."]


def test_quote_interrupted_by_attribution_gives_two_spans():
    text = '"It is absolutely vital that we talk," he said. "This is something we\'re going to keep working on."'
    assert texts(text) == ["It is absolutely vital that we talk", "This is something we're going to keep working on."]


def test_multi_paragraph_quotation_is_one_quotation():
    text = '“He was plain that this would be bad.\n\n“By meeting, he showed responsibility.”\n\nThen other text.'
    (q,) = extract_quotations("a", text)
    assert len(q.spans) == 2
    assert q.text == "He was plain that this would be bad. By meeting, he showed responsibility."


def test_unclosed_quote_is_bounded_by_its_paragraph():
    text = 'He said “this never closes.\n\nA new paragraph with “a real quote” here.\n\nAnd "another one" too.'
    assert texts(text) == ["this never closes.", "a real quote", "another one"]


def test_stray_marks_do_not_swallow_text():
    assert texts('He is 6\'2" tall and said "hello there" to me.') == ["hello there"]
    assert texts('A stray ” mark, then "a quote" here.') == ["a quote"]


def test_reopened_quote_restarts_at_the_new_mark():
    assert texts("“unclosed start and then “a proper one” here") == ["a proper one"]


def test_fragments_are_kept_and_marked():
    quotations = extract_quotations("a", 'They agreed to "stabilize" ties. "Progress is hard," he said. It was "a good step forward."')
    assert [(q.text, q.fragment) for q in quotations] == [
        ("stabilize", True), ("Progress is hard", False), ("a good step forward.", True)]
    assert is_fragment("have an obligation and responsibility")
    assert not is_fragment("We must take a responsible attitude toward the people")
    # the word counts that decide: two words or fewer, or up to five starting in lower case
    assert is_fragment("Great success") and not is_fragment("Great success today")
    assert is_fragment("one two three four five") and not is_fragment("one two three four five six")
    assert not is_fragment("one two three four five six seven eight")


def test_markup_is_masked_keeping_offsets():
    text = 'Hi <a href="javascript:x" title="t">link</a> and [a](http://x "title") said "real".'
    masked = mask_markup(text)
    assert len(masked) == len(text)
    assert texts(masked) == ["real"]


def test_marks_typed_wrong_still_quote():
    texts = lambda body, lang: [q.text for q in extract_quotations("a", body, lang)]
    # a closing mark where nothing is open, before a word, opens
    assert texts("”L’électeur en a marre ! » a-t-il ajouté.", "fr") == ["L’électeur en a marre !"]
    assert texts('Sunak said, adding: ”But I leave this job honoured.”', "en") == ["But I leave this job honoured."]
    assert texts("«Está claro», dijo.»Esto depende de los políticos».", "es") == ["Está claro", "Esto depende de los políticos"]
    assert texts("»J’ai l’intention de partir’’, a-t-il déclaré.", "fr") == ["J’ai l’intention de partir"]
    # two single marks stand for a double one
    assert texts("‘’Sa vision est celle d’un pays’’, lit-on.", "fr") == ["Sa vision est celle d’un pays"]
    # a mark typed twice opens once
    assert texts('Il a parlé. ""Nous ne laissons personne tomber", a-t-il lancé.', "fr") == ["Nous ne laissons personne tomber"]
    # and a closing mark elsewhere, or apostrophes, still open nothing
    assert texts("He said it” and left. It’s the 1990’s.", "en") == []


def test_a_paragraph_opening_with_a_closing_mark_continues_the_quotation_before():
    # the Spanish and French convention: the next paragraph of a speech opens with "»"
    text = "«Primera parte del discurso.\n\n»Segunda parte del discurso», dijo."
    quotations = extract_quotations("a", text, "es")
    assert [q.text for q in quotations] == ["Primera parte del discurso. Segunda parte del discurso"]
    assert len(quotations[0].spans) == 2


def test_a_quoted_title_that_ends_a_compound_word_is_no_quotation():
    # ZDF-„heute journal“, ARD-"Tagesthemen": a programme's name joined to its channel
    text = 'sagte der Minister im ZDF-"Heute Journal". "Deswegen ist das gut." Im ARD-„Morgenmagazin“ auch.'
    assert [q.text for q in extract_quotations("a", text, "de")] == ["Deswegen ist das gut."]
    # a hyphen after the quotation, or a space before it, leaves it a quotation
    text = 'Die „Ampel“-Koalition, so-called "red lines".'
    assert [q.text for q in extract_quotations("a", text, "de")] == ["Ampel", "red lines"]


def test_dutch_two_commas_open_a_quotation():
    text = "Maar de koning ,,vertegenwoordigt het instituut”, zegt Ceder. ,,Ik denk het.” Een getal: 1,,5."
    assert [q.text for q in extract_quotations("a", text, "nl")] == ["vertegenwoordigt het instituut", "Ik denk het."]
    # only where the profile says so (English reads the closing mark as one whose opener was lost)
    assert "vertegenwoordigt het instituut" not in [q.text for q in extract_quotations("a", text, "en")]


def test_guillemets_typed_as_two_angle_brackets_quote_in_french_and_spanish():
    text = mask_markup("<<Je m'incline », a déclaré Ruto. Il a dit <<non>> hier, et << oui >> demain.")
    assert [q.text for q in extract_quotations("a", text, "fr")] == ["Je m'incline", "non", "oui"]
    assert [q.text for q in extract_quotations("a", mask_markup("Dijo <<basta>> ayer."), "es")] == ["basta"]
    # only where the profile says so; and a tag is still a tag, a line opening with ">>" a Markdown quote
    assert extract_quotations("a", text, "en") == []
    assert [q.text for q in extract_quotations("a", mask_markup('<b>Il</b> a dit « oui ».'), "fr")] == ["oui"]
    # a no-break space inside, and a number after the opening pair
    assert [q.text for q in extract_quotations("a", "Il a dit <<\u00a0non\u00a0>> après <<100 jours>>.", "fr")] == [
        "non", "100 jours"]


def test_a_quotation_whose_opening_mark_was_lost_runs_from_its_sentence_start():
    texts = lambda body, lang: [q.text for q in extract_quotations("a", body, lang)]
    # a closing mark where nothing is open, then the clause that reports it
    assert texts("I believe this government was irresponsible,” said Schoof. “We face challenges.”", "en") == [
        "I believe this government was irresponsible", "We face challenges."]
    assert texts('Dazu nahm er Gespräche auf. Ich stehe an der Seite der Bevölkerung", sagte Macron.', "de") == [
        "Ich stehe an der Seite der Bevölkerung"]
    # not right after another quotation of the same sentence, nor for a word or two
    assert texts("“El desafío es enorme”, concluyó con su grito ¡Viva la libertad!”", "es") == ["El desafío es enorme"]
    assert texts("Er sagte: Genau”, und ging.", "de") == []


def test_a_quotation_of_another_pair_inside_an_open_one_is_part_of_it():
    texts = lambda body, lang: [q.text for q in extract_quotations("a", body, lang)]
    assert texts("« Nous voulons renouveler la promesse de ‹ prospérité pour tous › », a indiqué Merz.", "fr") == [
        "Nous voulons renouveler la promesse de ‹ prospérité pour tous ›"]
    assert texts("« Une réforme “juste” et nécessaire », a-t-il dit.", "fr") == ["Une réforme “juste” et nécessaire"]
    # an opening mark of the same pair before the first closed: the first was stray
    assert texts("« Première partie. « Deuxième », dit-il.", "fr") == ["Deuxième"]


def test_a_straight_quotation_that_opens_with_an_ellipsis():
    # words cut before the quotation: "...We both agreed" opens it, not closes one
    text = 'Xi spoke after the talks:\n\n"...We both agreed that a settlement is right."\n\nHe said "... and more."'
    assert [q.text for q in extract_quotations("a", text)] == [
        "...We both agreed that a settlement is right.", "... and more."]
