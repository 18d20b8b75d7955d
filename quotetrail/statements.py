"""What a statement is: one sentence of a printed quotation.

Matching links outlets on statements, not on whole quotations, so a quotation
of two sentences is linked on both, and an outlet that printed one of them
alone meets the others on it. The article page marks each statement of a
quotation with its own link; both cut quotations the same way, here.
"""
from __future__ import annotations

import re

# where a sentence may end inside a quotation: a stop (or an ellipsis), closing marks, white space
# (possessive, and only from the first of a run of stops: one try per run, so linear)
_STOP = re.compile(r"(?<![.!?])(?:[.!?]++|…)[\"”’»)\]]*+\s+")
# words that end with a full stop without ending a sentence
_ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "st", "jr", "sr", "gen", "sen", "rep", "gov", "prof", "vs", "etc", "lt",
                  "col", "capt", "sgt", "maj", "adm", "inc", "corp", "ltd", "co", "mt", "ft", "approx", "dept",
                  "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
                  "m", "mme", "sra", "hr", "fr", "nr", "bzw", "dhr", "mevr"}
_LONGEST_WORD = 40  # characters looked back at for the word before a stop
_OPENERS = "\"“‘«(["


def statement_spans(text: str) -> list[tuple[int, int]]:
    """Where each sentence of a quotation begins and ends in it: at a stop
    followed by white space and a capital (or a digit), not after an
    abbreviation or an initial ("U.S.", "Mr."). Linear in the text."""
    spans, start = [], 0
    for stop in _STOP.finditer(text):
        after = stop.end()
        if after >= len(text):
            break
        following = text[after:after + 2].lstrip(_OPENERS)[:1]
        if not (following.isupper() or following.isdigit()):
            continue
        if text[stop.start()] == ".":  # not after an abbreviation ("Mr."), an initial ("A.") or "U.S."
            before = text[max(0, stop.start() - _LONGEST_WORD):stop.start()]  # (a window: linear in the text)
            bare = before.rsplit(None, 1)[-1].lstrip(_OPENERS) if before.strip() else ""
            if bare.casefold() in _ABBREVIATIONS or "." in bare or (len(bare) == 1 and bare.isalpha()):
                continue
        end = stop.start() + len(stop.group().rstrip())
        if text[start:end].strip():
            spans.append((start, end))
        start = after
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans or [(0, len(text))]


def quotation_statements(quotation) -> list[tuple[int, int]]:
    """A quotation's statements: the editor's cut when front matter gives one, else by sentence."""
    starts = quotation.statement_starts
    if starts is None:
        return statement_spans(quotation.text)
    text = quotation.text
    bounds = list(starts) + [len(text)]
    return [(a, len(text[:b].rstrip())) for a, b in zip(bounds, bounds[1:])]


def editor_cut(text: str, statements) -> tuple[int, ...] | None:
    """Where the statements an editor listed begin in ``text`` ("one": only at
    its start), or None when one of the listed beginnings is not found in
    order (compared ignoring case)."""
    if statements == "one":
        return (0,)
    folded, starts, at = text.casefold(), [], 0
    for words in statements:
        found = folded.find(words.casefold(), at)
        if found < 0:
            return None
        starts.append(found)
        at = found + 1
    if not starts or starts[0] != 0:
        starts.insert(0, 0)  # the words before the first listed beginning are a statement too
    return tuple(dict.fromkeys(starts))


def statement_pieces(quotation) -> list[tuple[int, int, int]]:
    """A quotation's spans in the article body, cut where each statement
    begins: (start, end in the body, where the statement begins in the
    quotation's text). The text joins the spans with one space each; no piece
    covers the space between two statements."""
    starts = [a for a, _ in quotation_statements(quotation)]
    pieces, offset, s = [], 0, 0  # offset: where the span begins in the quotation's text
    for span in quotation.spans:
        cuts = [(span.start, starts[s])]
        while s + 1 < len(starts) and starts[s + 1] < offset + len(span.text):
            s += 1
            cuts.append((span.start + max(0, starts[s] - offset), starts[s]))
        cuts.append((span.end, None))
        for (a, begins), (b, _) in zip(cuts, cuts[1:]):
            while a < b and span.text[a - span.start].isspace():
                a += 1
            while b > a and span.text[b - 1 - span.start].isspace():
                b -= 1
            if a < b:
                pieces.append((a, b, begins))
        offset += len(span.text) + 1
    return pieces
