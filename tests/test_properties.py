"""Property-based tests: random text with random quote marks never breaks the
quote stages, and their results keep their invariants."""
import datetime as dt
import re

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from quotetrail.attribute import Registry, attribute_article
from quotetrail.extract import extract_quotations, mask_markup
from quotetrail.match import MatchInput, match_quotations
from quotetrail.model import Article, Outlet, Speaker

PIECES = ['"', "“", "”", "'", "‘", "’", "«", "»", " ", "\n\n", "\n", ",", ".", ":", "—", "-", "<", ">", "`",
          "said", "he said", "Blinken", "Mr Xi", "Wang", "Henry Wang", "told reporters", "according to",
          "the president", "it", "We’re", "'90s", "Xi’s", "progress", "made progress", "<b>", "</b>", "[a](b)", "é", "😀", "שלום"]
text_strategy = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), max_size=120).map("".join)
REGISTRY = Registry([
    Speaker("xi", "Xi Jinping", True, ("Mr Xi", "Xi"), ("president",)),
    Speaker("blinken", "Antony Blinken", True, ("Blinken",), ("secretary of state",)),
    Speaker("wang-yi", "Wang Yi", True, (), ()),
])
FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(text_strategy)
def test_extraction_spans_lie_inside_the_text_and_never_overlap(text):
    quotations = extract_quotations("a", text)
    spans = sorted((s for q in quotations for s in q.spans), key=lambda s: s.start)
    for span in spans:
        assert 0 <= span.start < span.end <= len(text)
        assert text[span.start:span.end] == span.text and span.text.strip()
    for a, b in zip(spans, spans[1:]):
        assert a.end <= b.start
    assert [q.index for q in quotations] == list(range(len(quotations)))


@FAST
@given(text_strategy)
def test_masking_markup_keeps_offsets(text):
    masked = mask_markup(text)
    assert len(masked) == len(text)
    assert [i for i, c in enumerate(text) if c == "\n"] == [i for i, c in enumerate(masked) if c == "\n"]


@FAST
@given(text_strategy)
def test_attribution_gives_one_known_or_null_speaker_per_quotation(text):
    article = Article("a", "t", Outlet("o", "O"), dt.date(2023, 1, 1), text, "articles/a.md")
    quotations = extract_quotations("a", text)
    result = attribute_article(article, quotations, REGISTRY)
    assert len(result.attributions) == len(quotations)
    known = set(REGISTRY.speakers) | {s.id for s in result.speakers}
    for attribution in result.attributions:
        assert attribution.speaker is None or attribution.speaker in known


quote_texts = st.lists(
    st.tuples(st.sampled_from(["xi", "blinken", None]),
              st.lists(st.sampled_from(["we", "made", "progress", "the", "two", "sides", "stabilise", "stabilize",
                                        "agreement", "reached", "U.S.", "US", "is", "hard", "it"]), min_size=1, max_size=12).map(" ".join)),
    min_size=1, max_size=40)


@FAST
@given(quote_texts, st.randoms(use_true_random=False))
def test_matching_covers_every_quotation_once_and_ignores_input_order(quotes, rnd):
    items = [MatchInput(f"a{n}", f"o{n % 5}", "q1", 0, speaker, text, False) for n, (speaker, text) in enumerate(quotes)]
    result, stats = match_quotations(items)
    covered = sorted(o.article for q in result for o in q.occurrences)
    assert covered == sorted(i.article for i in items)
    for quote in result:  # never merges different speakers (an unattributed printing may join one)
        assert {items[int(o.article[1:])].speaker for o in quote.occurrences} - {None} <= {quote.speaker}
    shuffled = items[:]
    rnd.shuffle(shuffled)
    again, _ = match_quotations(shuffled)
    assert {frozenset(o.article for o in q.occurrences) for q in again} == {frozenset(o.article for o in q.occurrences) for q in result}
    assert {q.id for q in again} == {q.id for q in result}


words_strategy = st.lists(st.text(alphabet="ab s.+", min_size=1, max_size=5), min_size=1, max_size=12)


@FAST
@given(words_strategy, st.text(alphabet="ab s.+xy", max_size=40))
@example(["say", "says", "said"], "he says, she said, they say")
@example(["a", "a b", "a b."], "a b. a b a")
def test_prefix_tree_alternation_matches_what_a_flat_longest_first_one_does(words, text):
    import re

    from quotetrail.text import alternation

    flat = re.compile("|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True)))
    tree = re.compile(alternation(words))
    assert [m.span() for m in tree.finditer(text)] == [m.span() for m in flat.finditer(text)]
    bounded_flat = re.compile(rf"\b(?:{flat.pattern})\b")
    bounded_tree = re.compile(rf"\b(?:{tree.pattern})\b")
    assert [m.span() for m in bounded_tree.finditer(text)] == [m.span() for m in bounded_flat.finditer(text)]


# The markup pattern, written for speed (each branch begins with a character
# re can skip to), and the plain form it must equal
MARKUP = re.compile(r"<!--.{0,20000}?-->|(?:</|(?<!<)<)[A-Za-z][^<>]{0,2000}>|`[^`\n]{1,2000}`|(?<=\])\([^()\n]{0,2000}\)", re.DOTALL)


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(["x", "A", "é", " ", "\n", "<", ">", "<!--", "-->", "</b>", "<a href='x'>", "`", "(", ")",
                                 "[", "]", "](", "](u)"]), max_size=20).map("".join))
def test_the_markup_pattern_matches_its_plain_form(text):
    from quotetrail.extract import _MARKUP

    assert [m.span() for m in _MARKUP.finditer(text)] == [m.span() for m in MARKUP.finditer(text)]


# Where a sentence ends, as two alternatives: attribute._SENTENCE_END is written for speed
SENTENCE_END = re.compile(r"[.!?]+[\"”’)]*\s+(?=[A-Z\"“‘\u2588])|\u2589\s+(?=[A-Z\"“‘\u2588])")


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from([".", "!", "?", "...", "\u2589", "\u2588", " ", "\n", "A", "a", '"', "”", "’", ")", "“", "‘", "x"]),
                max_size=16).map("".join))
def test_sentence_ends_are_the_two_alternatives(text):
    from quotetrail.attribute import _SENTENCE_END

    assert [m.span() for m in _SENTENCE_END.finditer(text)] == [m.span() for m in SENTENCE_END.finditer(text)]


# What Markdown would act on, as one pattern: has_markdown splits it in three for speed
MARKDOWN_SYNTAX = re.compile(r"[\\`*_\[\]<>#&!|~{}]|[^\S \n]|^[ ]|^(?:[-+=]|\d+[.)])|  \n", re.MULTILINE)


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.one_of(st.text(max_size=4), st.sampled_from(["\n", " ", "  \n", "-", "+", "=", "1.", "12)", "٣.", "\t", "*",
                                                                "#", "a", "\n\n"])), max_size=30).map("".join))
def test_has_markdown_is_the_one_pattern(text):
    from quotetrail.render import has_markdown

    assert has_markdown(text) == bool(MARKDOWN_SYNTAX.search(text))


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.one_of(st.text(), st.sampled_from(["\n\n", "\n", " ", "\ue000", "\ue001", "é", "“", "”", '"', "'", "’", "😀"])),
                max_size=40).map("".join))
@example("Plain words.\n\nA second paragraph, “quoted”.")
def test_plain_text_skips_the_sanitiser_only_where_it_would_change_nothing(text):
    from quotetrail.render import _NO_MARKERS, _SANITISER_WORK, has_markdown, markdown_with_markers, sanitise, to_html

    html = markdown_with_markers(text, [])
    text = text.translate(_NO_MARKERS)  # the author's own marker characters are dropped first
    if not has_markdown(text) and not _SANITISER_WORK.search(text):
        assert sanitise(html) == html == to_html(text)




@settings(max_examples=2000, deadline=None)
@given(st.lists(st.one_of(st.text(max_size=6), st.sampled_from(["\n\n", "\n", " ", "\n \n", "é", "“", "”", '"', "'", ".",
                                                                ",", "1", "a", "A"])), max_size=40).map("".join))
@example("Plain words.\n\nA second paragraph, “quoted”.")
def test_plain_paragraphs_are_what_python_markdown_makes_of_them(text):
    """render.to_html skips the parser for text with no Markdown syntax: it
    must give exactly what Python-Markdown gives (checked, not assumed)."""
    import markdown

    from quotetrail.render import has_markdown, to_html

    # a body as the loader leaves it: line ends made \n, control characters dropped
    text = re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", text.replace("\r\n", "\n").replace("\r", "\n"))
    if not has_markdown(text):
        assert to_html(text) == markdown.Markdown(output_format="html").convert(text)


def test_attribution_never_fails_on_a_window_of_real_coverage():
    """Every run of two paragraphs of one article in twenty of the development set,
    in its own language, with its event's speakers: cut out of their article, the
    pronouns and descriptions of such windows once sent attribution round in circles
    until RecursionError (a Dutch and a French article)."""
    from pathlib import Path

    from quotetrail.load import load_content

    dev = Path(__file__).resolve().parent / "gold" / "dev"
    windows = 0
    for n, event in enumerate(sorted(p for p in dev.iterdir() if (p / "content").is_dir())):
        content = load_content(event / "content")
        registry = Registry(content.speakers, content.config.language)
        for article in content.articles[n % 20::20]:
            paragraphs = [p for p in re.split(r"\n\s*\n", article.body) if p.strip()]
            for k in range(len(paragraphs)):
                body = "\n\n".join(paragraphs[k:k + 2])
                window = Article(article.slug, article.title, article.outlet, article.date, body, "articles/a.md",
                                 language=article.language)
                quotations = extract_quotations(window.slug, body, registry.language_of(window))
                result = attribute_article(window, quotations, registry)
                assert len(result.attributions) == len(quotations)
                windows += 1
    assert windows > 1000
