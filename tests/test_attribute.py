"""Stage 3: attribution of speakers, on hand-written snippets."""
import textwrap

from quotetrail.attribute import Registry, attribute_article
from quotetrail.extract import extract_quotations
from quotetrail.model import Article, Outlet, QuoteOverride, Speaker

import datetime as dt

REGISTRY = Registry([
    Speaker("xi", "Xi Jinping", True, ("President Xi", "Mr Xi", "Xi"), ("president", "Chinese leader")),
    Speaker("blinken", "Antony Blinken", True, ("Mr Blinken", "Blinken"), ("secretary of state", "America's top diplomat")),
    Speaker("wang-yi", "Wang Yi", True, ("Mr Wang",), ("China's top diplomat",)),
])


def attribute(body, overrides=(), registry=REGISTRY):
    body = textwrap.dedent(body).strip()
    article = Article("a", "t", Outlet("o", "O"), dt.date(2023, 6, 19), body, "articles/a.md", overrides=tuple(overrides))
    quotations = extract_quotations("a", body)
    result = attribute_article(article, quotations, registry)
    return {q.text: a.speaker for q, a in zip(quotations, result.attributions)}, result


def speakers(body, **kw):
    return attribute(body, **kw)[0]


def test_cue_after_the_quote():
    assert speakers('"We will keep talking," Blinken told reporters.') == {"We will keep talking": "blinken"}
    assert speakers('"Fine," Mr Xi said.') == {"Fine": "xi"}


def test_inverted_cue_after_the_quote():
    got = speakers('"It sets the stage," said Henry Wang, founder of a think tank.')
    assert got == {"It sets the stage": "henry-wang"}


def test_cue_before_the_quote_and_colon():
    assert speakers('Chinese President Xi Jinping hailed "progress" after the talks.') == {"progress": "xi"}
    assert speakers('Secretary of State Antony Blinken said: "We have no illusions."') == {"We have no illusions.": "blinken"}


def test_appositive_between_speaker_and_verb():
    body = ("Liu Fu-kuo, a research fellow at the Institute of International Relations at Taiwan's National "
            'Chengchi University, told Al Jazeera that the talks sounded "a positive note for the region".')
    assert speakers(body) == {"a positive note for the region": "liu-fu-kuo"}


def test_interrupted_quote_keeps_its_speaker():
    got = speakers('"It is vital that we talk," Blinken said. "This is something we will keep working on."')
    assert set(got.values()) == {"blinken"}


def test_pronoun_resolves_to_the_most_recent_speaker_not_a_mention():
    body = """
    Blinken said the talks went well.

    Still, China's main diplomat for the Western Hemisphere, Yang Tao, said he thought Blinken's visit "marks a new beginning."

    "The U.S. side is surely aware of the difficulty," he said.
    """
    got = speakers(body)
    assert got["The U.S. side is surely aware of the difficulty"] == "yang-tao"
    assert got["marks a new beginning."] == "yang-tao"


def test_pronoun_after_another_speakers_paragraph():
    body = """
    "We made progress," Xi said.

    Blinken said later that the trip achieved its goals. He told reporters he had raised the issue "repeatedly".

    "It is absolutely vital," he said.
    """
    got = speakers(body)
    assert got == {"We made progress": "xi", "repeatedly": "blinken", "It is absolutely vital": "blinken"}


def test_role_noun_resolves_to_the_latest_holder():
    body = ('Chinese President Xi Jinping met Blinken. Later, President Joe Biden said Blinken did a "hell of a job." '
            'The president said "you know" progress was made.')
    got = speakers(body)
    assert got == {"hell of a job.": "joe-biden", "you know": "joe-biden"}


def test_role_noun_from_the_registry():
    assert speakers("America's top diplomat said \"the talks were candid.\"") == {"the talks were candid.": "blinken"}


def test_henry_wang_and_emily_wang_are_not_wang_yi():
    body = """
    China's top diplomat, Wang Yi, met Blinken. Wang blasted "illegal" sanctions.

    "Blinken sets the stage," said Henry Wang, founder of a think tank. "He's brought stabilization."

    It added that Wang had described the talks as "candid," officials said.

    Later, Wang said "nothing has changed."

    Information was contributed by Emily Wang.
    """
    got = speakers(body)
    assert got["illegal"] == "wang-yi"
    assert got["Blinken sets the stage"] == "henry-wang"
    assert got["He's brought stabilization."] == "henry-wang"
    assert got["nothing has changed."] is None  # two people named Wang so far: ambiguous
    assert "wang-yi" not in {got["candid"]}


def test_bare_surname_without_full_name_uses_the_registry():
    assert speakers('"We are ready," Xi said.') == {"We are ready": "xi"}


def test_untracked_people_and_organisations_get_their_own_speakers():
    body = """
    China's Foreign Ministry said "it is necessary to make a choice." It blamed the "erroneous perception" of the US.

    White House press secretary Karine Jean-Pierre called the talks "a good step forward."

    "What we want is competition," Jean-Pierre said.
    """
    got, result = attribute(body)
    assert got["it is necessary to make a choice."] == "chinas-foreign-ministry"
    assert got["erroneous perception"] == "chinas-foreign-ministry"
    assert got["a good step forward."] == got["What we want is competition"] == "karine-jean-pierre"
    kinds = {s.id: s.kind for s in result.speakers}
    assert kinds == {"chinas-foreign-ministry": "organisation", "karine-jean-pierre": "person"}


def test_unknown_speaker_stays_unattributed():
    body = 'Under photos of Xi with Blinken, some users called for ties to "return to the right track."'
    assert speakers(body) == {"return to the right track.": None}
    assert speakers('The policy of "strategic ambiguity" remains.') == {"strategic ambiguity": None}


def test_mid_sentence_quote_is_not_attributed_by_a_later_verb():
    body = 'Wang Yi blasted "illegal" sanctions on Washington, which he said had misunderstood China.'
    assert speakers(body) == {"illegal": "wang-yi"}


def test_quote_opening_a_paragraph_continues_the_previous_speaker():
    body = """
    "In every meeting I stressed engagement," Blinken told reporters.

    "I heard the same from my counterparts."
    """
    assert set(speakers(body).values()) == {"blinken"}


def test_headline_colon_attribution():
    # a capital standing for its government is that government, an organisation, never a place or a person
    assert speakers("'No room for compromise' on Taiwan: Beijing") == {"No room for compromise": "chinese-government"}


def test_editor_override_wins_and_unmatched_override_warns():
    body = '"The economy is not in great shape," Blinken said. "Another line," he added.'
    got, result = attribute(body, overrides=[QuoteOverride("economy is not in great", "George Magnus"),
                                             QuoteOverride("another line", None),
                                             QuoteOverride("never printed", "xi")])
    assert got == {"The economy is not in great shape": "george-magnus", "Another line": None}
    assert [p.severity for p in result.problems] == ["warning"]
    assert "never printed" in result.problems[0].message and result.problems[0].file == "articles/a.md"


def test_an_article_without_quotations_still_warns_about_its_overrides():
    got, result = attribute("Blinken met Wang Yi. He said little.", overrides=[QuoteOverride("never printed", "xi")])
    assert got == {} and result.attributions == () and result.speakers == ()
    assert len(result.problems) == 1 and "never printed" in result.problems[0].message


def test_the_text_after_the_last_quotation_changes_no_attribution():
    """Reading stops once every quotation is placed: what follows cannot matter."""
    body = """
    "We will talk," Blinken said. He left.

    "Fine," he said. Wang Yi said later that Mr Xi welcomed it, and he added more.
    """
    assert speakers(body) == {"We will talk": "blinken", "Fine": "blinken"}
    assert speakers(body + "\n\nHenry Wang said it was a start.") == speakers(body)


def test_title_and_surname_alias_follows_the_surname_rule():
    body = """
    Beijing's foreign ministry spokesperson, Wang Wenbin, said the US should "stop hyping up the threat".

    "The US side must reflect," Mr Wang said.
    """
    assert set(speakers(body).values()) == {"wang-wenbin"}
    assert speakers('"We must be responsible," Mr Wang said.') == {"We must be responsible": "wang-yi"}


def test_nationality_and_title_before_a_name():
    body = ('German Foreign Minister Annalena Baerbock said Europe would "not be divided".\n\n'
            '"That is not decoupling," Baerbock told reporters.')
    assert set(speakers(body).values()) == {"annalena-baerbock"}


def test_names_with_particles_and_the_speaker_after_them():
    body = '"The door is open," said Ursula von der Leyen, who heads the Commission. She added that "trade must be fair".'
    assert speakers(body) == {"The door is open": "ursula-von-der-leyen", "trade must be fair": "ursula-von-der-leyen"}


def test_role_noun_by_its_head_word():
    body = ('Foreign Minister Qin Gang met the delegation. The minister, speaking in Beijing later, said: "We will keep talking."\n\n'
            'Secretary of State Antony Blinken spoke next. The secretary said "we agree".')
    assert speakers(body) == {"We will keep talking.": "qin-gang", "we agree": "blinken"}


def test_an_unnamed_speaker_does_not_inherit_the_previous_one():
    body = '"We made progress," Blinken said.\n\n"It was a constructive meeting," a senior EU official said on condition of anonymity.'
    assert speakers(body) == {"We made progress": "blinken", "It was a constructive meeting": None}


def test_inverted_speaker_stops_at_their_affiliation():
    body = '"This is more theatre than substance," said Bonnie Glaser of the German Marshall Fund.'
    assert speakers(body) == {"This is more theatre than substance": "bonnie-glaser"}


def test_surname_of_a_registered_speaker_named_only_by_role():
    body = 'China\'s top diplomat was blunt. "The U.S. must correct its mistakes," Wang said.'
    assert speakers(body) == {"The U.S. must correct its mistakes": "wang-yi"}
    body = 'Henry Wang runs a think tank. "It is fine," Wang said.'
    assert speakers(body) == {"It is fine": "henry-wang"}


def test_a_sentence_without_a_cue_goes_to_the_one_person_it_names():
    body = ('"We made progress," Blinken said.\n\n'
            '"Stability is in everyone\'s interest" — that was how Xi Jinping put it to business leaders.')
    assert speakers(body)["Stability is in everyone's interest"] == "xi"
    body = 'Republican Senator Marco Rubio was critical, calling the visit "a gift to Beijing."'
    assert speakers(body) == {"a gift to Beijing.": "marco-rubio"}


def test_a_scare_quote_goes_to_the_one_person_named_only_as_the_sentence_s_subject():
    # the subject of the sentence, with no speech verb: his word
    assert speakers('Blinken stressed the importance of "open channels" with Beijing.') == {"open channels": "blinken"}
    # named in passing (after a preposition, in a relative clause): no one's
    assert speakers('Two inquiries were opened into "threatening messages" against the judge who sentenced '
                    'Blinken.') == {"threatening messages": None}
    assert speakers('The visit, which Blinken had long delayed, ended on a "positive note".') == {"positive note": None}


def test_pronouns_skip_a_speaker_known_to_use_another_pronoun():
    registry = Registry([Speaker("blinken", "Antony Blinken", True, ("Blinken",), (), pronoun="he")])
    body = ('Spokeswoman Mao Ning said the talks were "candid." "We will keep going," Blinken said.\n\n'
            '"Our position has not changed," she said.')
    got = speakers(body, registry=registry)
    assert got["Our position has not changed"] == "mao-ning"
    body = 'Ms Lena Park spoke first. "Fine," Mr Tom Reed said.\n\n"It is settled," she added. "Not yet," he replied.'
    assert speakers(body, registry=registry) == {"Fine": "tom-reed", "It is settled": None, "Not yet": "tom-reed"}


def test_quoted_as_saying_names_the_speaker_before_it():
    # two people named in the sentence: only the cue can tell which one spoke
    got = speakers('Wang Yi was quoted by Xinhua as saying "dialogue must continue" after Antony Blinken arrived.')
    assert got == {"dialogue must continue": "wang-yi"}
    got = speakers('Blinken was quoted as telling aides "we have work to do" before Wang Yi arrived.')
    assert got == {"we have work to do": "blinken"}


def test_a_paragraph_with_a_speech_verb_ends_the_previous_speakers_run():
    quoted = '"We will keep talking," Blinken said.'
    opening = '"The door is open."'
    # a paragraph with no quotation and no speech verb: the next quotation continues Blinken
    assert speakers(f"{quoted}\n\nThe talks lasted five hours.\n\n{opening}")["The door is open."] == "blinken"
    # a speech verb in between, even with no quotation: someone else may be speaking now
    assert speakers(f"{quoted}\n\nAnalysts said the talks were candid.\n\n{opening}")["The door is open."] is None
    assert speakers(f"{quoted}\n\nThe talks lasted. Analysts said they were candid.\n\n{opening}")["The door is open."] is None


def test_an_age_description_and_a_posting_gerund():
    body = """
    Antony Blinken spoke on Monday. "We will keep talking," the 61-year-old said.

    Xi Jinping reacted, posting on social media: "This is good."
    """
    assert speakers(body) == {"We will keep talking": "blinken", "This is good.": "xi"}


def test_an_institution_is_not_a_person_named_in_the_sentence():
    assert speakers('Mr Blinken spoke at the White House of "a new chapter".') == {"a new chapter": "blinken"}


def test_names_with_initials():
    assert speakers('"It is done," said J.D. Vance.') == {"It is done": "j-d-vance"}
    assert speakers('"It is done," George W. Bush said.') == {"It is done": "george-w-bush"}
    # initials and a registered speaker's surname are that speaker; initials alone name no one
    assert speakers('"We will talk," said A. Blinken.') == {"We will talk": "blinken"}
    assert speakers('"We will talk," the U.S. said.') == {"We will talk": None}


def test_a_possessive_names_no_speaker():
    got = speakers('Antony Blinken\'s spokesman, Matthew Miller, said the talks were "candid".')
    assert got == {"candid": "matthew-miller"}
    assert "antony-blinkens" not in str(speakers('Antony Blinken\u2019s wife said it was "fine".'))


def test_someone_described_by_whom_they_serve_is_not_that_person():
    # the head of "a spokesperson for the secretary of state" is the spokesperson: unknown here
    assert speakers('A spokesperson for the secretary of state said the talks were "frank".') == {"frank": None}
    assert speakers('An aide to Blinken said the visit would "go ahead".') == {"go ahead": None}
    assert speakers('A defiant Blinken said the visit would "go ahead".') == {"go ahead": "blinken"}


def test_a_relative_of_the_same_surname_leaves_the_bare_surname_to_the_known_person():
    body = ('Antony Blinken thanked his wife, Evan Blinken, and his staff. '
            'Blinken said the visit had been "long but useful".')
    assert speakers(body) == {"long but useful": "blinken"}
    # a namesake not introduced as a relative still makes the surname ambiguous
    body = 'Antony Blinken met Evan Blinken, a trade official. Blinken said it had been "long but useful".'
    assert speakers(body) == {"long but useful": None}
    body = ('Antony Blinken came with his wife and Evan Blinken, a trade official. '
            'Blinken said it had been "long but useful".')
    assert speakers(body) == {"long but useful": None}


def test_a_person_named_in_full_again_is_still_that_person():
    from quotetrail.attribute import Registry
    from quotetrail.model import Speaker

    registry = Registry([Speaker("harris", "Kamala Harris", True, ("Harris",), (), pronoun="she"),
                         Speaker("blinken", "Antony Blinken", True, ("Blinken",), (), pronoun="he")])
    body = ('Harris Faulkner opened the show. Antony Blinken arrived on Monday. On Tuesday, Harris Faulkner '
            'arrived too. "It was useful," the latter said.')
    assert speakers(body, registry=registry) == {"It was useful": "harris-faulkner"}


def test_a_capitalised_gerund_before_a_known_surname_is_no_part_of_a_name():
    body = ('Antony Blinken flew in on Monday. Including Blinken, four envoys came this year. '
            'Blinken called the visit "useful".')
    assert speakers(body) == {"useful": "blinken"}


def test_others_is_no_speaker():
    got = speakers('Some voters called it "a dangerous game". Others called it risky, saying it "opens the door".')
    assert "others" not in got.values()
