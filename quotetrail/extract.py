"""Stage 2 — extract quotations: every directly quoted span, with offsets.

One left-to-right pass per paragraph, so the cost is linear in the text and a
stray or unbalanced mark can never reach past its paragraph. Which marks open
and close a quotation comes from the article's language profile
(``quotetrail/languages``: ``“ ”`` in English, ``« »`` in French, ``„ “`` and
``» «`` in German); English news conventions decide the hard cases:

* an opening mark opens, and only the marks that close it (or ``"``) close it;
  ``"`` opens before a word and closes otherwise.
* single marks quote only at the top level (headlines: ``‘made progress’``);
  inside a double quotation they are nested quotes and left alone. A single
  mark between letters, or before ``90s``-style numbers, is an apostrophe.
* a closing mark where nothing is open, before ``, said X``, lost its opener:
  the quotation runs from the start of its sentence.
* a paragraph that ends inside a quotation continues it when the next
  paragraph opens with a quotation mark; otherwise the span ends with the
  paragraph.
"""
from __future__ import annotations

import itertools
import re
from functools import lru_cache

from . import languages
from .model import Quotation, Span

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_DOUBLE_OPEN = "“«„"
_DOUBLE_CLOSE = "”»"
_SINGLE_OPEN = "‘"
_SINGLE_CLOSE = "’"
_OPENING_CONTEXT = set(" \t\n([{—–-/:;,\u00a0") | {""}
_AFTER_CLOSE = set(",.;:!?)]")  # a straight mark before these closes, never opens
_ELISIONS = ("em", "tis", "twas", "til", "cause", "n'", "n’")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_TRAILING = ",;:"
_QUOTE_MARK = re.compile("[\"'“”‘’«»„]")
_COMMAS_OPEN = re.compile(r"(?:(?<=[\s(])|^),,(?=\w)", re.MULTILINE)
TYPED_OPEN = re.compile(r"<<(?=\s?[^\W_])")  # "<<Bonjour", "<< 100 jours": « typed as two characters
_TYPED_CLOSE = re.compile(r"(?:(?<=[^\s>])|(?<=[^\s>][^\S\n]))>>")  # "tous>>", "tous >>" (not ">>" opening a line: a Markdown quote)


_MARKUP = re.compile(
    r"<!--.{0,20000}?-->"  # HTML comments (bounded: an unclosed one cannot cost the whole text)
    # HTML tags, attributes included; a quoted value may hold "<" or ">" (possessive: one try per "<")
    r"""|(?:</|(?<!<)<)[A-Za-z](?:[^<>"']{1,2000}+|"[^"]{0,2000}+"|'[^']{0,2000}+'){0,64}+>"""
    r"|(?:</|(?<!<)<)[A-Za-z][^<>]{0,2000}>"  # and as a browser would not read it, with a stray quotation mark
    # (no tag opens right after another "<": "<<Bonjour>>" is guillemets typed on a keyboard without them)
    r"|`[^`\n]{1,2000}`"  # inline code
    r"|\((?<=\]\()[^()\n]{0,2000}\)",  # Markdown link targets: ](url "title")
    re.DOTALL,
)  # each branch begins with a character (the last asserts the "]" behind its "("): re skips to them


def mask_markup(text: str) -> str:
    """Blank out markup, keeping every offset: quotation marks inside HTML
    attributes or link targets are syntax, not quotations, and the renderer
    must never place anything inside a tag."""
    return _MARKUP.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank paragraph."""
    out, pos = [], 0
    for m in _PARAGRAPH_BREAK.finditer(text):
        if text[pos:m.start()].strip():
            out.append((pos, m.start()))
        pos = m.end()
    if text[pos:].strip():
        out.append((pos, len(text)))
    return out


def is_fragment(text: str) -> bool:
    """A scare quote or a few words lifted from a sentence, not a statement."""
    words = sum(1 for _ in itertools.islice(_WORD.finditer(text), 6))  # no need to count past six
    if words <= 2:
        return True
    first = next((c for c in text if c.isalpha()), "")
    return words <= 5 and first.islower()


class _Marks:
    """One language's quotation marks: opening mark → the marks that close it."""

    def __init__(self, profile):
        double = {k: set(v) for k, v in profile.double_marks.items()}
        single = {k: set(v) for k, v in profile.single_marks.items()}
        # a straight mark, or a closing mark that opens nothing, closes any quotation
        closing_only = {c for cs in double.values() for c in cs} - set(double)
        self.double = {k: frozenset(v | closing_only | {'"'}) for k, v in double.items() if k != '"'}
        self.straight_closers = frozenset(closing_only | {'"'})
        self.closing_only = frozenset(closing_only)
        self.single = {k: frozenset(v | {"'"}) for k, v in single.items() if k != "'"}
        self.single_closers = frozenset({c for cs in single.values() for c in cs} | {"'"})
        self.openers = frozenset(self.double) | {'"'}
        chars = set(self.double) | set(self.single) | self.straight_closers | self.single_closers | set("\"'")
        chars |= {c for cs in self.double.values() for c in cs}
        self.pattern = re.compile("[" + re.escape("".join(sorted(chars))) + "]")
        self.commas_open = profile.commas_open
        self.typed_guillemets = profile.typed_guillemets
        self.own_closers = {k: frozenset(v) for k, v in double.items()}  # each opener's own pair only


@lru_cache(maxsize=32)
def _marks(language: str | None) -> _Marks:
    return _Marks(languages.profile(language))


def extract_quotations(slug: str, text: str, language: str | None = None) -> list[Quotation]:
    """``language``: the article's language code, for its quotation marks
    (None: English)."""
    marks = _marks(languages.normalise_code(language))
    quotations: list[Quotation] = []
    scanned = text
    if marks.commas_open and ",," in text:
        # ",,Ik denk" read as "„„Ik denk" (a mark typed twice opens once): the offsets stay
        scanned = _COMMAS_OPEN.sub("\u201e\u201e", text)
    if marks.typed_guillemets and ("<<" in text or ">>" in text):
        # "<<Bonjour>>" read as " «Bonjour» ": the offsets stay
        scanned = _TYPED_CLOSE.sub("» ", TYPED_OPEN.sub(" «", scanned))

    def emit(segments: list[Span]) -> None:
        segments = [seg for seg in segments if seg.text]
        if segments:
            joined = " ".join(seg.text for seg in segments)
            quotations.append(Quotation(slug, len(quotations), tuple(segments), is_fragment(joined)))

    pending: list[Span] = []  # segments of a quotation carried into the next paragraph
    paras = paragraphs(text)
    for n, (start, end) in enumerate(paras):
        spans = _scan_paragraph(scanned, start, end, marks)
        continues_next = n + 1 < len(paras) and _opens_with_mark(scanned, *paras[n + 1], marks)
        if pending and not (spans and spans[0][2]):
            emit(pending)
            pending = []
        for i, (s, e, _opens_paragraph, unclosed) in enumerate(spans):
            segments = pending + [_span(text, s, e)] if i == 0 else [_span(text, s, e)]
            pending = []
            if unclosed and continues_next:
                pending = segments
            else:
                emit(segments)
    emit(pending)
    return quotations


def _span(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _TRAILING):
        end -= 1
    return Span(start, end, text[start:end])


def _opens_with_mark(text: str, start: int, end: int, marks: _Marks | None = None) -> bool:
    marks = marks or _marks(None)
    stripped = text[start:end].lstrip()
    # (a closing mark there opens too: Spanish and French continue a quotation with "»")
    return bool(stripped) and (stripped[0] in marks.openers or stripped[0] in marks.closing_only)


def _scan_paragraph(text: str, start: int, end: int, marks: _Marks | None = None):
    """Return [(inner_start, inner_end, opens_paragraph, unclosed)] for top-level quotations."""
    marks = marks or _marks(None)
    out = []
    compound = False  # the open quotation ends a compound word: a title (ZDF-„heute journal“), not a quotation
    outer = None  # "d" or "s": the kind of the open top-level quotation
    closers = frozenset()  # the marks that close it
    open_pos = -1
    first_non_space = start
    while first_non_space < end and text[first_non_space].isspace():
        first_non_space += 1
    last_end = first_non_space  # where the text after the last quotation starts
    nested_end = -1  # the closing mark of a quotation inside the open one (« … “x” … »)
    for mark in marks.pattern.finditer(text, start, end):  # only the marks matter: jump between them
        i = mark.start()
        if i <= nested_end:
            continue
        c = text[i]
        prev = text[i - 1] if i > start else ""
        nxt = text[i + 1] if i + 1 < end else ""
        if outer is None:
            compound = prev == "-" and i - 2 >= start and text[i - 2].isalnum()
            if c in marks.double:
                outer, open_pos, closers = "d", i, marks.double[c]
            elif c in marks.closing_only and nxt.isalpha() and (prev in _OPENING_CONTEXT or prev in ".!?"):
                # a closing mark where nothing is open, before a word, can close nothing: it opens
                # (”L’électeur … at the paragraph's start, adding: ”But I leave …, dijo.»Esto …)
                outer, open_pos, closers = "d", i, marks.straight_closers
            elif c == "‘" and nxt == "’" and text[i + 2:i + 3].isalpha():
                # two single marks for a double one (‘’Sa vision … réussir’’)
                outer, open_pos, closers = "d", i + 1, marks.straight_closers
                first_non_space = i + 1 if i == first_non_space else first_non_space
            elif c == '"' and nxt and not nxt.isspace() and nxt not in _AFTER_CLOSE:
                outer, open_pos, closers = "d", i, marks.straight_closers
            elif c == '"' and (text.startswith("...", i + 1) or nxt == "…") and (not prev or prev.isspace()):
                # a quotation that opens with an ellipsis ("...We both agreed"): words cut before it
                outer, open_pos, closers = "d", i, marks.straight_closers
            elif (c in marks.single or c == "'") and prev in _OPENING_CONTEXT and _single_opens(text, i, end):
                outer, open_pos, closers = "s", i, marks.single.get(c, marks.single_closers)
            elif ((c in marks.closing_only or c == '"') and prev and not prev.isspace()
                  and (nxt == "," or (prev in ",!?" and (not nxt or nxt.isspace())))):
                # a closing mark where nothing is open, right after the words it closes and before
                # the clause that reports them (`… irresponsible,” said Schoof`): the opening mark was
                # lost, and the quotation runs from the start of its sentence
                begin = _sentence_start(text, last_end, i)
                after_quotation = last_end > first_non_space and not text[last_end:begin].strip(" ,;")
                if len(_WORD.findall(text, begin, i)) >= _MIN_LOST_OPENER_WORDS and not after_quotation:
                    out.append((begin, i, begin == first_non_space, False))
                    last_end = i + 1
            # any other mark at top level is a stray or an apostrophe
        elif outer == "d":
            if i == open_pos:
                continue  # the second of a two-mark opener
            if i == open_pos + 1 and c == text[open_pos] and nxt.isalpha():
                # a mark typed twice (""Nous …") opens once
                first_non_space = i if open_pos == first_non_space else first_non_space
                open_pos = i
                continue
            if c == "’" and nxt == "’" and prev and not prev.isspace():
                _close(out, open_pos, i, first_non_space, compound)  # ’’ closes as ”
                outer, last_end = None, i + 2
                continue
            if c in closers:
                _close(out, open_pos, i, first_non_space, compound)
                outer, last_end = None, i + 1
            elif c in marks.double and prev and not prev.isspace() and (not nxt or nxt.isspace() or nxt in _AFTER_CLOSE):
                # an opening mark glued to the word before it and followed by a space
                # closes (« ... chinoise« , a déclaré)
                _close(out, open_pos, i, first_non_space, compound)
                outer, last_end = None, i + 1
            elif c in marks.double:
                inner = (_nested_close(text, i, end, marks, marks.own_closers.get(text[open_pos], closers))
                         if c != text[open_pos] else -1)
                if inner >= 0:
                    nested_end = inner  # « … “x” … »: a quotation inside the open one, part of it
                else:
                    # a new opening mark before the old one closed: the old one was stray
                    open_pos, closers, compound = i, marks.double[c], False
        else:  # inside a top-level single quotation
            if c in closers and prev and not prev.isspace() and not (nxt.isalnum()):
                out.append((open_pos + 1, i, open_pos == first_non_space, False))
                outer, last_end = None, i + 1
    if outer == "d":
        out.append((open_pos + 1, end, open_pos == first_non_space, True))
    # an unclosed single mark was most likely an apostrophe: drop it
    return out


def _nested_close(text: str, i: int, end: int, marks: _Marks, outer_closers: frozenset) -> int:
    """Where a quotation opened at ``i`` inside another one closes, when it is
    nested (« … ‹ x › … »): its own closing mark comes first, and the open
    quotation's closing mark later in the paragraph; else -1."""
    own = marks.own_closers.get(text[i], frozenset()) - outer_closers
    for mark in marks.pattern.finditer(text, i + 1, end):
        c = mark.group()
        if c in own:
            rest = marks.pattern.finditer(text, mark.end(), end)
            return mark.start() if any(m.group() in outer_closers for m in rest) else -1
        if c in outer_closers or c in marks.double:
            return -1
    return -1


_MIN_LOST_OPENER_WORDS = 3  # fewer words before a stray closing mark are more likely a name than a quotation
_SENTENCE_END = re.compile(r"[.!?:]\s+")


def _sentence_start(text: str, since: int, at: int) -> int:
    """Where the sentence holding ``at`` starts, no earlier than ``since``."""
    begin = since
    for m in _SENTENCE_END.finditer(text, since, at):
        begin = m.end()
    while begin < at and text[begin].isspace():
        begin += 1
    return begin


def _close(out: list, open_pos: int, i: int, first_non_space: int, compound: bool) -> None:
    if not compound:
        out.append((open_pos + 1, i, open_pos == first_non_space, False))


def _single_opens(text: str, i: int, end: int) -> bool:
    after = text[i + 1:min(end, i + 6)].lower()
    if not after or not after[0].isalpha():
        return False  # '90s, ' alone
    return not any(after.startswith(e) and (len(after) == len(e) or not after[len(e)].isalpha()) for e in _ELISIONS)
