"""Matching across languages: one statement printed in two languages.

Matching (match.py) compares wordings, so a French and an English printing of
one remark never meet there. Here each language's statements are glossed into
English through the language profile's lexicon (a word list: a word → the
English words a translator would use for it), and two statements of one
speaker in two languages are one statement when enough of each one's words
have a gloss in the other, and each is the other's best match in that
language. Names and numbers count as themselves, countries and nationalities
by the profiles' place tables ("Allemagne", "German" → Germany).

A joined statement holds at most one group of printings per language, so two
sentences of one language never meet through a third language. A statement
left alone then (most often a fragment: "un nouvel élément très important")
joins the one longer statement of another language that glosses all its words;
a short one (one or two content words) joins its twin, a short statement of
another language whose words and its own all have a gloss in the other. Only
attributed statements are joined, and only in languages with a lexicon.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cached_property, lru_cache

from . import languages
from .text import without_accents

MIN_WORDS = 3  # content words each side needs: fewer say too little to tell statements apart
MIN_COVERED = 0.35  # share of each side's content words with a gloss in the other
MIN_LINKED = 0.2  # every two statements of a joined group must be this alike, not only each with the next
MIN_FRAGMENT_WORDS = 2  # a statement left alone with this many content words may join the one that glosses them all
MAX_POSTING = 64  # a gloss shared by more of the speaker's statements than this finds no candidates
MIN_PART = 4  # letters of each part of a compound read as two words
COGNATE_LETTERS = 5  # a word the lexicon lacks meets a word with the same first letters (a cognate)


@dataclass(frozen=True)
class Gloss:
    """A statement's content words, each as the set of English concepts it may mean."""

    language: str
    words: tuple[frozenset[str], ...]

    @cached_property  # asked for again and again while a speaker's statements are compared
    def concepts(self) -> frozenset[str]:
        return frozenset().union(*self.words) if self.words else frozenset()


_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def fold(word: str) -> str:
    """Lower case without accents: "Élysée" → "elysee"."""
    return without_accents(word.casefold().replace("ß", "ss"))


@lru_cache(maxsize=262144)
def english_concepts(phrase: str) -> frozenset[str]:
    """An English phrase's content words, stemmed: "swimming pools" → {swim, pool}."""
    english = languages.profile("en")
    stop = english.function_words
    stem = languages.stemmer("en")
    base = english.irregular_forms
    out = set()
    for w in _WORD.findall(phrase.casefold().replace("’", "'")):
        w = w.split("'")[0]
        if w and w not in stop:
            w = base.get(w, w)
            out.add(stem.stemWord(w) if stem else w)
    return frozenset(out)


@lru_cache(maxsize=None)
def _places(code: str) -> dict[str, str]:
    """Single-word place names and nationality words of a profile (folded) → country concept."""
    profile = languages.profile(code)
    out = {}
    for name, key in list(profile.places.items()) + list(profile.demonyms.items()):
        if key and " " not in name and "'" not in name:
            out.setdefault(fold(name), "@" + key)
    return out


@dataclass(frozen=True)
class _Lexicon:
    """A profile's lexicon. A word whose likeliest gloss is a function word ("très" → very) is
    one: no concepts."""

    by_spelling: dict[str, frozenset[str]]  # the word as the lexicon spells it, lower case
    by_word: dict[str, frozenset[str]]  # folded: for text written without its accents
    by_stem: dict[str, frozenset[str]]  # every form of the stem


@lru_cache(maxsize=None)
def _lexicon(code: str) -> _Lexicon:
    """A word is looked up as spelled first: folding alone would make "de" the content word
    "dé" (give) and "über" the name "Uber"."""
    by_spelling: dict[str, set[str]] = defaultdict(set)
    by_word: dict[str, set[str]] = defaultdict(set)
    content, spelled_content = set(), set()  # folded words one of whose spellings is a content word
    for word, glosses in languages.profile(code).lexicon:
        if glosses and english_concepts(glosses[0]):
            content.add(fold(word))
            spelled_content.add(word.casefold())
        for gloss in glosses:
            by_word[fold(word)] |= english_concepts(gloss)
            by_spelling[word.casefold()] |= english_concepts(gloss)
    kept = lambda table, content: {w: frozenset(c) if w in content else frozenset() for w, c in table.items()}
    by_word = kept(by_word, content)
    stem = languages.stemmer(code)
    by_stem: dict[str, set[str]] = defaultdict(set)
    for word, concepts in by_word.items():
        if stem:
            by_stem[stem.stemWord(word)] |= concepts
    return _Lexicon(kept(by_spelling, spelled_content), by_word, {s: frozenset(c) for s, c in by_stem.items()})


@lru_cache(maxsize=65536)
def gloss(text: str, code: str) -> Gloss:
    """A statement's content words as English concepts. A word the lexicon
    glosses only with function words ("dans" → "in") is no content word; a
    word it does not know (a name, a number, a rare word) stands for itself."""
    if code != "en" and not languages.profile(code).lexicon:
        return Gloss(code, ())  # a language without a lexicon is never linked to another
    words = (_word_concepts(raw.casefold(), code) for raw in _WORD.findall(text.replace("’", "'")))
    return Gloss(code, tuple(w for w in words if w is not None))


@lru_cache(maxsize=262144)  # statements share most of their words: each is read once
def _word_concepts(spelled: str, code: str) -> frozenset[str] | None:
    """One word's concepts (None: no content word)."""
    token = fold(spelled)
    if code == "en":
        token = token.split("'")[0]
        if not token or token in languages.profile("en").function_words:
            return None
        stem = languages.stemmer(code)
        lemma = languages.profile("en").irregular_forms.get(token, token)
        concepts = {stem.stemWord(lemma) if stem else lemma, "=" + token}
        if len(token) >= COGNATE_LETTERS and token.isalpha():  # (not "10000" for "100000")
            concepts.add("~" + token[:COGNATE_LETTERS])
    else:
        head, _, tail = token.partition("'")
        if tail and (len(head) <= 2 or head == "qu"):
            token = tail  # an elided article or pronoun before the word: l'Allemagne, d'Ankara
            spelled = spelled.partition("'")[2]
        if len(token) < 2 and not token.isdigit():
            return None  # a one-letter word (à, y, o, u): a function word in every profile
        lexicon, stem = _lexicon(code), languages.stemmer(code)
        known = lexicon.by_spelling.get(spelled)
        if known is None:
            known = _known(token, lexicon.by_word, lexicon.by_stem, stem)
        if known is None and languages.profile(code).compounds:
            known = _compound(token, lexicon.by_word, lexicon.by_stem, stem)
        if known is not None and not known:
            return None  # a function word
        concepts = set(known or ()) | {"=" + token}
        if not known and len(token) >= COGNATE_LETTERS and token.isalpha():  # "proportionné": proportionate
            concepts.add("~" + token[:COGNATE_LETTERS])
    places = _places(code)
    if token in places:
        concepts.add(places[token])
    return frozenset(concepts)


_INNER_CAPITAL = re.compile(r"(?<=[^\s.!?:;\"“«(\[])\s+[A-Z][^\s,;:.!?]*")  # a name inside an English sentence


@lru_cache(maxsize=65536)
def common_gloss(text: str, code: str) -> Gloss:
    """A statement's gloss without its names: the words that stand only for themselves
    (unknown to the lexicon, or glossed as themselves: "Scholz") and, in English, the
    capitalised words inside a sentence. Within one language, two sentences about one
    person share the name without being one."""
    if code == "en":  # (English has no lexicon: first letters in common are no shared meaning)
        words = gloss(_INNER_CAPITAL.sub(" ", text), code).words
        return Gloss(code, tuple(frozenset(c for c in w if c[0] != "~") for w in words))
    meanings = lambda w: {c for c in w if c[0] not in "=~@"} - {c[1:] for c in w if c[0] == "="}
    return Gloss(code, tuple(w for w in gloss(text, code).words if meanings(w)))


def _known(token: str, by_word, by_stem, stem) -> frozenset[str] | None:
    known = by_word.get(token)
    if known is None and stem:
        known = by_stem.get(stem.stemWord(token))
    return known



def _compound(token: str, by_word, by_stem, stem) -> frozenset[str] | None:
    """A word the lexicon lacks, read as a compound ("Rechtssystem"): its
    longest known last part (the head: "system"), with the concepts of the
    part before it when that is known too ("recht", a linking "s" dropped)."""
    for cut in range(MIN_PART, len(token) - MIN_PART + 1):
        head = _known(token[cut:], by_word, by_stem, stem)
        if head:
            first = token[:cut]
            modifier = _known(first, by_word, by_stem, stem) or (
                _known(first[:-1], by_word, by_stem, stem) if first[-1:] in "sn" else None)
            return head | (modifier or frozenset())
    return None


def covered(a: Gloss, theirs: frozenset[str]) -> float:
    """Share of ``a``'s content words with a concept in ``theirs``."""
    if not a.words:
        return 0.0
    return sum(1 for w in a.words if w & theirs) / len(a.words)


def similarity(a: Gloss, b: Gloss, a_concepts=None, b_concepts=None) -> float:
    """How much of each one's words the other has (the lower share); ``*_concepts``:
    all of a unit's wordings' concepts, when it has several."""
    return min(covered(a, b_concepts or b.concepts), covered(b, a_concepts or a.concepts))


@dataclass(frozen=True)
class Unit:
    """One language's group of printings of a statement, as matching made it."""

    language: str
    text: str  # its most printed wording
    others: tuple[str, ...] = ()  # its other wordings: their words may be the gloss another language's has


def join(units: list[Unit]) -> list[list[int]]:
    """Groups of units (indices) that are one statement in several languages;
    every unit is in exactly one group, groups in order of their first unit."""
    glosses = [gloss(u.text, u.language) for u in units]
    concepts = [g.concepts.union(*(gloss(t, u.language).concepts for t in u.others)) for u, g in zip(units, glosses)]
    postings: dict[str, list[int]] = defaultdict(list)
    for n, g in enumerate(glosses):
        if len(g.words) >= MIN_WORDS:
            for concept in g.concepts:
                postings[concept].append(n)
    shared: dict[tuple[int, int], int] = Counter()
    for concept, members in postings.items():
        if len(members) > MAX_POSTING or concept.startswith("="):
            continue
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                if units[a].language != units[b].language:
                    shared[(a, b)] += 1
    # ties go by the statements' words, never by their order (which adding an article changes)
    order = {n: rank for rank, n in enumerate(sorted(range(len(units)), key=lambda n: (units[n].language, units[n].text,
                                                                                       units[n].others, n)))}
    scores = {}
    best: dict[tuple[int, str], tuple[float, int]] = {}
    for (a, b), count in shared.items():
        if count < 2:
            continue
        s = similarity(glosses[a], glosses[b], concepts[a], concepts[b])
        if s < MIN_COVERED:
            continue
        scores[(a, b)] = s
        for x, y in ((a, b), (b, a)):
            key = (x, units[y].language)
            if key not in best or (s, -order[y]) > (best[key][0], -order[best[key][1]]):
                best[key] = (s, y)
    # mutual best pairs, best first; a group takes at most one unit per language
    pairs = sorted(((s, a, b) for (a, b), s in scores.items()
                    if best[(a, units[b].language)][1] == b and best[(b, units[a].language)][1] == a),
                   key=lambda t: (-t[0], min(order[t[1]], order[t[2]]), max(order[t[1]], order[t[2]])))
    group_of = list(range(len(units)))
    members: dict[int, list[int]] = {n: [n] for n in range(len(units))}
    for _, a, b in pairs:
        ga, gb = group_of[a], group_of[b]
        if ga == gb:
            continue
        if {units[m].language for m in members[ga]} & {units[m].language for m in members[gb]}:
            continue
        if any(similarity(glosses[x], glosses[y], concepts[x], concepts[y]) < MIN_LINKED
               for x in members[ga] for y in members[gb] if (x, y) != (a, b) and (y, x) != (a, b)):
            continue  # a chain: each pair alike, the ends not
        _merge(group_of, members, ga, gb)
    # then a statement left alone (a fragment, most often) joins the one longer statement of
    # another language that has a gloss for each of its words, if there is just one
    # (fragments are exempt from one unit per language: two outlets may print two pieces of it;
    # a fragment is never the target of another, so no chain forms)
    languages_of = {gid: {units[m].language for m in ms} for gid, ms in members.items()}
    moves = []
    for n in sorted(range(len(units)), key=order.__getitem__):
        g = glosses[n]
        if len(members.get(group_of[n], ())) != 1 or len(g.words) < MIN_FRAGMENT_WORDS:
            continue
        candidates = set()
        for concept in g.concepts:
            posting = postings.get(concept, ())
            if not concept.startswith("=") and len(posting) <= MAX_POSTING:
                candidates.update(posting)
        targets = {group_of[c] for c in candidates
                   if units[c].language != units[n].language and len(glosses[c].words) > len(g.words)
                   and covered(g, concepts[c]) == 1.0}
        targets = {t for t in targets if units[n].language not in languages_of[t]}
        if len(targets) == 1:
            moves.append((n, targets.pop()))
    moving = {n for n, _ in moves}
    moves = [(n, target) for n, target in moves if not (len(members[target]) == 1 and target in moving)]
    for n, target in moves:
        _merge(group_of, members, group_of[n], group_of[target])
    _join_twins(units, glosses, concepts, order, group_of, members)
    return [sorted(m) for _, m in sorted(members.items())]


def _join_twins(units, glosses, concepts, order, group_of: list[int], members: dict[int, list[int]]) -> None:
    """Short statements still alone (one or two content words: too few for a share of them) join
    their twins: statements of other languages, also alone and short, each of whose words has a
    gloss in the other and the other way round ("100 Prozent", "100 percent"; "Lügen",
    "mensonges"), when each is the other's only one in that language; a group of twins holds no
    two that are not twins of each other."""
    short = [n for n in sorted(range(len(units)), key=order.__getitem__)
             if len(members[group_of[n]]) == 1 and 0 < len(glosses[n].words) < MIN_WORDS]
    by_concept: dict[str, list[int]] = defaultdict(list)
    for n in short:
        for concept in concepts[n]:
            by_concept[concept].append(n)
    twins = {n: {c for concept in concepts[n] if len(by_concept[concept]) <= MAX_POSTING
                 for c in by_concept[concept] if units[c].language != units[n].language
                 and covered(glosses[n], concepts[c]) == 1.0 and covered(glosses[c], concepts[n]) == 1.0}
             for n in short}
    only = lambda n, language: sum(units[c].language == language for c in twins[n]) == 1
    for n in short:
        for c in sorted(twins[n], key=order.__getitem__):
            ga, gb = group_of[n], group_of[c]
            if (ga != gb and only(n, units[c].language) and only(c, units[n].language)
                    and all(y in twins[x] for x in members[ga] for y in members[gb])):
                _merge(group_of, members, ga, gb)


def _merge(group_of: list[int], members: dict[int, list[int]], ga: int, gb: int) -> None:
    """Two groups become one, named by the lower of their numbers."""
    if ga == gb:
        return
    keep, gone = min(ga, gb), max(ga, gb)
    for m in members.pop(gone):
        group_of[m] = keep
        members[keep].append(m)
