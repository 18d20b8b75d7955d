"""Stage 4, adoption: unattributed printings take the one speaker whose words
they print; an index kept between builds (serve) gives what a new one gives."""
import random

from quotetrail.match import AdoptionIndex, MatchInput, adopt_unattributed, match_quotations, speaker_groups


def item(article, text, speaker):
    return MatchInput(article, f"outlet-{article}", "q1", 0, speaker, text, False)


SENTENCES = [
    "We have made progress on some specific issues today",
    "We have no illusions about the difficulties ahead of us",
    "Relations must rest on mutual respect and sincerity",
    "The two sides agreed to keep talking in the coming months",
    "We will not back down on the questions that matter to us",
    "Progress on some specific issues is good for both sides",
]


def adopted(groups):
    """(article, speaker) of every printing, after adoption."""
    return sorted((i.article, i.speaker or "") for g in groups for i in g.items)


def test_an_unattributed_printing_takes_the_one_speaker_who_said_those_words():
    quotes, _ = match_quotations([item("a", SENTENCES[0], "xi"), item("b", SENTENCES[0] + ".", None),
                                  item("c", SENTENCES[2], "xi"), item("c2", SENTENCES[2], "wang"),
                                  item("d", SENTENCES[2], None)])
    speaker_of = {o.article: q.speaker for q in quotes for o in q.occurrences}
    assert speaker_of["b"] == "xi"
    assert speaker_of["d"] is None  # two speakers printed those words: it stays unattributed


def test_a_kept_index_adopts_as_a_new_one_after_any_changes():
    rng = random.Random(7)
    kept = AdoptionIndex()
    speakers = ["xi", "blinken", "wang", None, None]
    printings = {}
    for step in range(60):
        # printings come, go, change words or speaker, as edits do between builds
        for _ in range(rng.randint(1, 4)):
            article = f"a{rng.randrange(25)}"
            if article in printings and rng.random() < 0.3:
                del printings[article]
            else:
                words = rng.choice(SENTENCES).split()
                cut = rng.randint(0, 3)
                printings[article] = (" ".join(words[cut:len(words) - rng.randint(0, 2)]), rng.choice(speakers))
        items = [item(article, text, speaker) for article, (text, speaker) in sorted(printings.items())]
        groups = speaker_groups(items)
        assert adopted(adopt_unattributed(groups, kept)) == adopted(adopt_unattributed(groups)), step
