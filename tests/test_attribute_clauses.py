"""Attribution by clause structure (English): the verb that governs a quotation
and the subject of its clause, on small hand-written sentences."""

from quotetrail.attribute import Registry
from quotetrail.model import Speaker

from conftest import attributed

REGISTRY = Registry([
    Speaker("rossi", "Marco Rossi", True, ("Rossi", "Mr Rossi"), ("prime minister", "Italian prime minister"), pronoun="he"),
    Speaker("weber", "Lena Weber", True, ("Weber", "Ms Weber"), ("chancellor", "German chancellor"), pronoun="she"),
    Speaker("dumas", "Claire Dumas", True, ("Dumas",), ("foreign minister", "French foreign minister"), pronoun="she"),
])


def speakers(body, registry=REGISTRY, language=None):
    return attributed(body, registry, language)


# -- verb phrases that share their subject


def test_a_verb_coordinated_with_an_earlier_one_shares_its_subject():
    assert speakers('Rossi received the delegation and said the two sides had "made progress".') == {"made progress": "rossi"}


def test_the_shared_subject_may_be_a_role_or_a_pronoun():
    body = 'Weber arrived on Monday. The chancellor received the delegation and said ties had "made progress".'
    assert speakers(body) == {"made progress": "weber"}
    body = '"Fine," Weber said. She described the talks as "useful" and said "we both want calm".'
    assert speakers(body) == {"Fine": "weber", "useful": "weber", "we both want calm": "weber"}


def test_a_coordinated_verb_skips_the_clause_reported_in_between():
    body = 'The French foreign minister told her host that Paris would not "back down" and stressed that "we stay the course".'
    assert speakers(body) == {"back down": "dumas", "we stay the course": "dumas"}
    body = 'Rossi said he and Weber would talk again, and called the meeting "productive".'
    assert speakers(body) == {"productive": "rossi"}


def test_a_participle_shares_the_subject_of_its_clause():
    assert speakers('Rossi hinted at grievances, saying that relations "should be rebuilt".') == {"should be rebuilt": "rossi"}
    body = 'In a televised address on Monday, Weber thanked the police, adding that "order was kept".'
    assert speakers(body) == {"order was kept": "weber"}


def test_a_participle_shares_a_subject_after_an_opening_adjunct_with_no_comma():
    for opening in ("On Monday", "In Paris", "Last week"):
        body = f'{opening} Rossi refused to apologize, saying it was "under no circumstances" possible.'
        assert speakers(body) == {"under no circumstances": "rossi"}
    # a name inside the adjunct, or ending it before the comma, is not the subject
    body = 'In talks with Weber Rossi refused to apologize, saying it was "under no circumstances" possible.'
    assert speakers(body) == {"under no circumstances": "rossi"}
    body = 'After meeting Weber, Rossi refused to apologize, saying it was "under no circumstances" possible.'
    assert speakers(body) == {"under no circumstances": "rossi"}
    # a name that is a noun's modifier: the subject is the noun ("Rossi critics"), no one known
    for body in ('On Monday Rossi administration officials pushed back, saying the deal was "dead on arrival".',
                 'Yesterday Rossi allies hit back, calling the ruling "a disgrace".'):
        assert speakers(body) == {body.split('"')[1]: None}
    assert speakers('On Monday Rossi only doubled down, saying he would "never" apologize.') == {"never": "rossi"}


def test_a_participle_with_no_known_clause_subject_stays_unattributed():
    assert speakers('Officials met for hours, saying the plan was "on track".') == {"on track": None}


def test_an_appositive_participle_does_not_hide_the_subject():
    body = 'Rossi met Dumas. The minister, speaking in Paris later, said: "We will keep talking."'
    assert speakers(body) == {"We will keep talking.": "dumas"}


# -- reported framing


def test_cited_as_saying():
    body = 'Rossi was cited by the news agency as saying that "the door is open".'
    assert speakers(body) == {"the door is open": "rossi"}


def test_a_verb_that_introduces_with_a_colon():
    body = 'Rossi told reporters that the deal was near: "We are almost there."'
    assert speakers(body) == {"We are almost there.": "rossi"}


def test_relayed_speech_keeps_the_inner_speaker():
    body = 'Rossi replied: "We will not sign," the official said.'
    assert speakers(body) == {"We will not sign": "rossi"}
    body = '- Weber: "Not now," she said, per the BBC.'
    assert speakers(body) == {"Not now": "weber"}


def test_a_listener_is_not_the_speaker():
    body = 'Rossi spoke first. "We agree," he said as the chancellor listened.'
    assert speakers(body) == {"We agree": "rossi"}


def test_a_cue_after_the_quotation_in_a_clause_of_its_own_does_not_speak_it():
    body = 'Weber accused them of "betrayal," in an address on Saturday, after Rossi claimed the talks had failed.'
    assert speakers(body) == {"betrayal": "weber"}


def test_a_reported_clause_keeps_the_reporter():
    # the quoted word is the reporter's wording of what the other said
    body = 'Rossi said Weber pledged to "responsibly" manage the dispute.'
    assert speakers(body) == {"responsibly": "rossi"}


def test_a_reporting_clause_that_closes_the_sentence():
    body = 'Both sides must overcome "differences" and "restrictions" as the world changes, Rossi said.'
    assert speakers(body) == {"differences": "rossi", "restrictions": "rossi"}


def test_a_reporting_clause_after_a_quotation_that_ends_its_sentence():
    body = '"Will it happen?" Weber asked in a call. "The case will be dropped."'
    assert speakers(body) == {"Will it happen?": "weber", "The case will be dropped.": "weber"}


def test_the_speaker_after_the_verb():
    body = '"It is over," added former Italian Prime Minister Marco Rossi.'
    assert speakers(body) == {"It is over": "rossi"}
    body = 'Rossi spoke. Then Weber. "We stand by it", however declared the German chancellor in Berlin.'
    assert speakers(body) == {"We stand by it": "weber"}


def test_a_relative_pronoun_stands_for_its_noun():
    body = 'The deal was praised by Weber, who said it was "a start".'
    assert speakers(body) == {"a start": "weber"}


# -- who speaks, and who does not


def test_a_joint_subject_names_no_single_speaker():
    body = 'Italian Prime Minister Marco Rossi and German Chancellor Lena Weber called for talks "as soon as possible".'
    assert speakers(body) == {"as soon as possible": None}
    assert speakers('Both Rossi and Weber said they wanted "calm".') == {"calm": None}


def test_a_pronoun_finds_the_subject_of_its_own_sentence():
    body = 'Rossi released a statement on Monday explaining what he called a "pause".'
    assert speakers(body) == {"pause": "rossi"}


def test_a_pronoun_after_an_unknown_subject_in_its_sentence_is_not_the_last_speaker():
    body = '"We agree," Rossi said. The ministry welcomed the move and what it called "a new start", which he called "overdue".'
    got = speakers(body)
    assert got["We agree"] == "rossi" and got["overdue"] != "weber"


def test_the_last_named_speaker_speaks_on_in_the_paragraph():
    body = 'Weber said the enemies of the state had failed. "Everyone stayed loyal."'
    assert speakers(body) == {"Everyone stayed loyal.": "weber"}


def test_an_unknown_speaker_stays_unattributed():
    assert speakers('"It was constructive," a senior official said.') == {"It was constructive": None}
    assert speakers('Analysts called the plan "ambitious".') == {"ambitious": None}
