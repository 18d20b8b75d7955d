"""Stage 4 — match quotations across outlets into statements.

A statement is one thing a speaker said, about one sentence long: a printed
quotation is cut into its sentences (``statement_spans``), and each piece is
matched on its own, so a quotation of two sentences is linked on both, and
outlets that printed a sentence alone or joined to the next one meet on it.

1. Normalise wording (case, marks, dashes, punctuation, U.S./US, British and
   American spelling) into tokens.
2. Per speaker, find candidate pairs of distinct wordings through an inverted
   index of each wording's rarest word trigrams (single words for short
   fragments) — never all pairs — and compare only those (rapidfuzz's Indel
   distance on tokens). The index (``SpeakerIndex``) can be kept and brought up
   to date, so a process that matches again after an edit (serve) looks for
   candidates only around the wordings that came or went.
3. Near-identical quotations (small edits) are merged, and so are other
   renderings of a translated sentence (less similar, but with a run of words
   in common, or most of their words in another order, and only words, not
   phrases, of their own) unless one article printed both apart. A shorter
   quotation contained in a longer one is attached to it only when exactly
   one quote contains it, so a fragment such as "progress" can never chain
   two different quotes, and only when no article printed the two as
   separate quotations; a single word only when two articles printed it
   alone, and in the language of a sentence that has it.
4. Renderings that use other words for the same things meet through the
   glosses of translations.py (before fragments attach, so a fragment both
   contain has one quote to join); last, statements of several languages
   are joined there.
"""
from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from collections import Counter, defaultdict
from dataclasses import dataclass, replace

from rapidfuzz.distance import Indel

from . import languages, translations

from .model import Occurrence, Quote
from .statements import statement_spans
from .text import slugify

NEAR_DUPLICATE = 0.8  # Indel similarity of token sequences
MIN_LENGTH_RATIO = 0.6
LOOSE_RENDERING = 0.5  # ... or this similar, with a run of words in common (and no phrase of its own: _renders)
MIN_SHARED_RUN = 4
MAX_REPHRASED = 3  # ... unless, between the words they share, each puts this many words of its own (another predicate)
REWORDED = 0.65  # or their distinct words overlap this much in any order (Dice), translators' reordering included
MIN_REWORDED_SHARED = 3  # ... sharing at least this many words
KEY_WORDS = 5  # such a pair is found through its longest words: two printings whose longest words share a pair
MAX_KEY_POSTING = 500  # a pair of long words in more wordings of the speaker than this finds none (bounds the work)
CONTAINED = 0.9  # share of the shorter quotation found, in order, in the longer
MIN_ATTACH_WORDS = 2  # shorter fragments attach to a longer quote only as a word of their own (below)
MIN_ONE_WORD_ARTICLES = 2  # ... when at least this many articles printed it alone
MIN_WORD_LETTERS = 4  # a one-word fragment this long (as a stem) may join the one quote whose words have it
PROBES = 4  # rarest trigrams per quotation used to find candidates
MIN_SHARED_PROBES = 2  # of them a candidate must contain
MAX_POSTING = 2000  # a trigram in more quotations than this is too common to probe with
RENDERED = 0.6  # two wordings of one language whose glosses cover this share of each other's content words...
MIN_RENDERED_WORDS = 3  # ... each with at least this many content words, are two renderings of one sentence


@dataclass(frozen=True)
class MatchInput:
    """One extracted, attributed quotation, in article order."""

    article: str
    outlet: str
    anchor: str
    quotation_index: int
    speaker: str | None
    text: str  # the words of this statement as printed
    fragment: bool
    quotation: str = ""  # the whole quotation it was printed in ("" when the same as text)
    start: int = 0  # where text begins in the quotation
    date: str = ""  # the article's date (ISO): the earliest printing wins a tie for the canonical wording
    language: str = "en"  # the article's language profile: its stemmer joins inflections


@dataclass(frozen=True)
class MatchStats:
    quotations: int
    candidate_pairs: int


# ----------------------------------------------------------------------------- normalising

_SPELLING = {
    "defence": "defense", "offence": "offense", "licence": "license", "pretence": "pretense",
    "centre": "center", "centres": "centers", "theatre": "theater", "metre": "meter", "metres": "meters",
    "fibre": "fiber", "programme": "program", "programmes": "programs", "judgement": "judgment",
    "whilst": "while", "amongst": "among", "towards": "toward", "afterwards": "afterward",
    "grey": "gray", "tyre": "tire", "kerb": "curb", "cheque": "check", "aluminium": "aluminum",
    "catalogue": "catalog", "dialogue": "dialog", "analogue": "analog", "sceptical": "skeptical",
    "manoeuvre": "maneuver", "plough": "plow", "practise": "practice", "enrol": "enroll",
}
_OUR_KEEP = {"your", "yours", "four", "fours", "hour", "hours", "tour", "tours", "pour", "sour", "flour",
             "our", "ours", "detour", "contour", "devour", "scour", "amour", "velour", "troubadour"}
_ISE_KEEP = {"rise", "wise", "raise", "praise", "noise", "poise", "guise", "arise", "cruise", "bruise",
             "promise", "premise", "exercise", "otherwise", "likewise", "clockwise", "concise", "precise",
             "expertise", "franchise", "merchandise", "enterprise", "surprise", "compromise", "advise",
             "revise", "devise", "supervise", "televise", "improvise", "disguise", "despise", "comprise",
             "demise", "chastise", "excise", "incise", "turquoise", "paradise", "reprise", "treatise"}
_TOKEN = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
_ABBREV = re.compile(r"\b(?:[a-z]\.){2,}")
_DASHES = re.compile(r"[-–—/]")


@lru_cache(maxsize=262144)
def _american(word: str) -> str:
    if word in _SPELLING:
        return _SPELLING[word]
    if len(word) >= 5:
        for suffix in ("isation", "isations", "ise", "ised", "ises", "ising", "iser", "isers"):
            if word.endswith(suffix) and word[: -len(suffix)] + "ise" not in _ISE_KEEP and word not in _ISE_KEEP:
                return word[: -len(suffix)] + suffix.replace("is", "iz", 1)
        for suffix in ("yse", "ysed", "yses", "ysing"):
            if word.endswith(suffix):
                return word[: -len(suffix)] + suffix.replace("ys", "yz", 1)
        for suffix in ("our", "ours", "oured", "ouring", "ourable", "ourite", "ourites", "ourful"):
            if word.endswith(suffix) and word not in _OUR_KEEP and len(word) - len(suffix) >= 2:
                return word[: -len(suffix)] + suffix.replace("our", "or", 1)
        for suffix in ("elled", "elling", "eller", "ellers"):
            if word.endswith(suffix):
                return word[: -len(suffix)] + suffix.replace("ll", "l", 1)
    return word


def loose_tokens(text: str) -> list[str]:
    """Words as printed, ignoring case, quote marks and punctuation."""
    text = text.replace("’", "'").replace("‘", "'").replace("`", "'").casefold()
    text = _ABBREV.sub(lambda m: m.group(0).replace(".", ""), text)
    text = _DASHES.sub(" ", text)
    return [t.strip("'") for t in _TOKEN.findall(text) if t.strip("'")]


def normalise_tokens(text: str) -> list[str]:
    """Tokens for comparison: loose tokens with British spellings made American."""
    out = []
    for token in loose_tokens(text):
        if token.endswith("'s"):
            out.append(_american(token[:-2]) + "'s")
        else:
            out.append(_american(token))
    return out


def match_tokens(text: str, language: str = "en") -> list[str]:
    """Tokens matching compares: ``normalise_tokens`` with each word cut to its
    stem by the language profile's Snowball stemmer ("interactions" → "interact")."""
    tokens = normalise_tokens(text)
    stemmer = languages.stemmer(language)
    return stemmer.stemWords(tokens) if stemmer else tokens


# ----------------------------------------------------------------------------- statements

def statement_inputs(item: MatchInput, spans: list[tuple[int, int]] | None = None) -> list[MatchInput]:
    """A quotation's statements, as matching inputs; ``spans``: where they are
    in its text (by default, its sentences)."""
    spans = spans if spans is not None else statement_spans(item.text)
    if len(spans) == 1:
        return [item]
    return [MatchInput(item.article, item.outlet, item.anchor, item.quotation_index, item.speaker, item.text[a:b],
                       item.fragment, item.text, a, item.date, item.language) for a, b in spans]


# ----------------------------------------------------------------------------- matching


class _UnionFind:
    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _contains(long: list[str], short: list[str]) -> bool:
    """``short`` appears as a contiguous run in ``long``."""
    n = len(short)
    first = short[0]
    for i in range(len(long) - n + 1):
        if long[i] == first and long[i:i + n] == short:
            return True
    return False


@dataclass(frozen=True)
class SpeakerGroup:
    """One speaker's quotations: matching never crosses speakers, so each group
    is matched on its own (in parallel, or reused from a cache when unchanged)."""

    items: tuple[MatchInput, ...]
    tokens: tuple[tuple[str, ...], ...]


def speaker_groups(items: list[MatchInput], tokens: list | None = None) -> list[SpeakerGroup]:
    """``tokens``: each item's ``match_tokens(text, language)`` when already known (None entries are computed)."""
    by_speaker: dict[str | None, tuple[list, list]] = {}
    for item, words in zip(items, tokens or [None] * len(items)):
        group = by_speaker.get(item.speaker)
        if group is None:
            group = by_speaker[item.speaker] = ([], [])
        group[0].append(item)
        group[1].append(tuple(words) if words is not None else tuple(match_tokens(item.text, item.language)))
    return [SpeakerGroup(tuple(members), tuple(words)) for members, words in by_speaker.values()]


def match_group(group: SpeakerGroup, index: SpeakerIndex | None = None) -> tuple[list[Quote], int]:
    """One speaker's quotes, and the wording pairs compared to find them.
    ``index``: the speaker's index from an earlier match (serve keeps it),
    brought up to date instead of made anew; the quotes are the same."""
    index = SpeakerIndex() if index is None else index
    compared = index.update(group.tokens)
    items, tokens = group.items, group.tokens
    wording = index.wordings_of(tokens)
    same, loose, contains = index.links()
    if loose:  # another rendering, unless one article printed both apart (two sentences of one speech)
        articles_of: dict[int, set[str]] = defaultdict(set)
        for item, w in zip(items, wording):
            articles_of[w].add(item.article)
        same = same + [(a, b) for a, b in loose if not articles_of[a] & articles_of[b]]
    clusters, cluster_of = _clusters(wording, same, index.size)
    # renderings first: a fragment both renderings contain then has one quote to join
    merged = _join_renderings(items, [members for _, members in sorted(clusters.items())])
    clusters = {members[0]: members for members in merged}
    cluster_of = {wording[i]: members[0] for members in merged for i in members}
    made = {}
    groups = _attach_fragments(items, tokens, wording, clusters, cluster_of, contains)
    for core, attached in _join_translations(items, groups):
        key = tuple((items[i], i in attached) for i in sorted(core + attached))  # a quote is a function of them, in order
        made[key] = index.made.get(key) or _make_quote(items, tokens, core, attached)
    index.made = made
    return list(made.values()), compared


def match_quotations(items: list[MatchInput], tokens: list | None = None, map_groups=map,
                     adoption: "AdoptionIndex | None" = None) -> tuple[list[Quote], MatchStats]:
    """All quotes. ``map_groups(match_group, groups)`` may run the speakers'
    groups elsewhere (worker processes, a cache) and must keep their order;
    ``adoption``: last build's AdoptionIndex (``adopt_unattributed``)."""
    quotes: list[Quote] = []
    pairs = 0
    groups = speaker_groups(items, tokens)
    groups = adopt_unattributed(groups, adoption)
    for group_quotes, group_pairs in map_groups(match_group, groups):
        quotes.extend(group_quotes)
        pairs += group_pairs
    return _unique_ids(quotes), MatchStats(len(items), pairs)


def _unique_ids(quotes: list[Quote]) -> list[Quote]:
    """A quote's id is made of its speaker and canonical wording, which two
    quotes share when the same words were printed in two languages (never
    linked): the second gets "-2", the third "-3", in the quotes' order."""
    seen: Counter = Counter()
    for n, quote in enumerate(quotes):
        seen[quote.id] += 1
        if seen[quote.id] > 1:
            quotes[n] = replace(quote, id=f"{quote.id}-{seen[quote.id]}")
    return quotes


MIN_ADOPT_WORDS = 3  # an unattributed printing this long may take the speaker of the words it shares


def adopt_unattributed(groups: list[SpeakerGroup], index: "AdoptionIndex | None" = None) -> list[SpeakerGroup]:
    """Unattributed printings that are, contain or are contained in the words
    of exactly one speaker's printings go to that speaker: an outlet that did
    not say who spoke printed words other outlets attribute (as copy-based
    quotation attribution does; a printing shared by two speakers' words
    stays unattributed). Found through an index of the attributed wordings'
    trigrams (``index``: last build's, kept by ``serve``), not by comparing all pairs."""
    unattributed = next((g for g in groups if g.items and g.items[0].speaker is None), None)
    if unattributed is None:
        return groups
    wordings: dict[tuple, set[str]] = defaultdict(set)  # attributed wording → its speakers
    for group in groups:
        if group is unattributed:
            continue
        for item, words in zip(group.items, group.tokens):
            wordings[words].add(item.speaker)
    index = index if index is not None else AdoptionIndex()
    changed = index.update(wordings)
    verdicts = index.judge(unattributed.tokens, changed)
    adopted = {n: verdicts[words] for n, words in enumerate(unattributed.tokens) if verdicts.get(words)}
    if not adopted:
        return groups
    moved: dict[str, tuple[list, list]] = defaultdict(lambda: ([], []))
    kept_items, kept_tokens = [], []
    for n, (item, words) in enumerate(zip(unattributed.items, unattributed.tokens)):
        if n in adopted:
            moved[adopted[n]][0].append(replace(item, speaker=adopted[n]))
            moved[adopted[n]][1].append(words)
        else:
            kept_items.append(item)
            kept_tokens.append(words)
    result = []
    for group in groups:
        if group is unattributed:
            if kept_items:
                result.append(SpeakerGroup(tuple(kept_items), tuple(kept_tokens)))
            continue
        speaker = group.items[0].speaker if group.items else None
        if speaker in moved:
            extra_items, extra_tokens = moved[speaker]
            group = SpeakerGroup(group.items + tuple(extra_items), group.tokens + tuple(extra_tokens))
        result.append(group)
    return result


class AdoptionIndex:
    """The attributed wordings' trigrams adoption probes, and each unattributed
    wording's verdict. A verdict depends only on the postings of the wording's
    own trigrams and on the speakers of the wordings in them, so when
    attributed wordings come, go or change speakers, only the unattributed
    wordings that share a trigram with them are judged again. A cold match
    fills one from nothing; serve keeps it between builds."""

    def __init__(self):
        self.speakers: dict[tuple, set[str]] = {}  # attributed wording → its speakers
        self.by_gram: dict[tuple, set[tuple]] = {}  # trigram → the attributed wordings with it
        self.verdicts: dict[tuple, str | None] = {}  # unattributed wording → the speaker it goes to

    def update(self, wordings: dict[tuple, set[str]]) -> set[tuple]:
        """Index ``wordings`` instead of the last ones; returns the trigrams
        whose wordings came, went or changed speakers."""
        changed = [w for w, speakers in wordings.items() if self.speakers.get(w) != speakers]
        changed += [w for w in self.speakers if w not in wordings]
        grams: set[tuple] = set()
        for words in changed:
            mine = _trigrams(words)
            grams.update(mine)
            if words not in wordings:
                for gram in mine:
                    posting = self.by_gram[gram]
                    posting.discard(words)
                    if not posting:
                        del self.by_gram[gram]
            elif words not in self.speakers:
                for gram in mine:
                    self.by_gram.setdefault(gram, set()).add(words)
        self.speakers = dict(wordings)
        return grams

    def judge(self, unattributed, changed: set[tuple]) -> dict[tuple, str | None]:
        """Each unattributed wording's speaker (None: none, or more than one);
        last build's verdict stands for a wording none of whose trigrams ``changed``."""
        verdicts = {}
        for words in unattributed:
            if words in verdicts:
                continue
            if words in self.verdicts and changed.isdisjoint(_trigrams(words)):
                verdicts[words] = self.verdicts[words]
            else:
                verdicts[words] = self._speaker_of(words)
        self.verdicts = verdicts
        return verdicts

    def _speaker_of(self, words: tuple) -> str | None:
        if len(words) < MIN_ADOPT_WORDS:
            return None
        by_gram = self.by_gram
        # its rarest trigrams that attributed wordings have, as the speakers' indexes probe
        probes = sorted((g for g in _trigrams(words) if g in by_gram), key=lambda g: len(by_gram[g]))[:PROBES]
        hits: Counter = Counter()
        for gram in probes:
            if len(by_gram[gram]) <= MAX_POSTING:
                hits.update(by_gram[gram])
        need = min(MIN_SHARED_PROBES, len(probes))
        speakers: set[str] = set()
        for other, shared in hits.items():
            if shared >= need and min(len(other), len(words)) >= MIN_ADOPT_WORDS and _relation(words, other):
                speakers |= self.speakers[other]
        return next(iter(speakers)) if len(speakers) == 1 else None


class SpeakerIndex:
    """One speaker's distinct wordings, their inverted indexes, each wording's
    candidates and how each candidate pair relates.

    A wording's candidates depend only on its probes (its rarest trigrams, or
    its rarer word when it has one or two) and on those probes' postings. So
    when wordings come or go, only wordings that share a trigram (or, for the
    short ones, a word) with them can have new candidates; the others keep
    theirs, and pairs already compared are not compared again. A cold match is
    an update from nothing; serve keeps the index and updates it after an edit.
    """

    def __init__(self):
        self._ids: dict[tuple, int] = {}  # wording → its number
        self._words: dict[int, tuple] = {}
        self.size = 0  # numbers given so far
        self._postings: dict[tuple, list[int]] = {}  # trigram → wordings with it
        self._word_postings: dict[str, list[int]] = {}  # word → wordings with it
        self._short_with: dict[str, list[int]] = {}  # word → wordings of one or two words with it
        self._probes: dict[int, tuple] = {}
        self._candidates: dict[int, set[int]] = {}
        self._relations: dict[tuple[int, int], int] = {}  # every candidate pair (lower number first)
        self._linked: dict[tuple[int, int], int] = {}  # those that are SAME or CONTAINED_IN
        self._pair_postings: dict[tuple[str, str], list[int]] = {}  # two of a wording's longest words → wordings
        self._reworded: dict[int, set[int]] = {}  # wording → those with the same words in another order
        self.made: dict = {}  # last match's quotes by their items (see match_group)

    def wordings_of(self, tokens) -> list[int]:
        return [self._ids[t] for t in tokens]

    def keep(self, quotes: list[Quote]) -> None:
        """``quotes``, equal to the last match's and in their order (e.g. the
        very objects a caller already had), are given back for the same items."""
        self.made = dict(zip(self.made, quotes, strict=True))

    def links(self) -> tuple[list[tuple[int, int]], list[tuple[int, int]], dict[int, set[int]]]:
        """Near-duplicate pairs, loose renderings' pairs, and each wording's
        longer wordings containing it."""
        same, loose, contains = [], [], defaultdict(set)
        loose.extend(sorted((a, b) for a, others in self._reworded.items() for b in others
                            if a < b and (a, b) not in self._linked))
        for (a, b), relation in self._linked.items():
            if relation == SAME:
                same.append((a, b))
            elif relation == LOOSE:
                loose.append((a, b))
            elif len(self._words[a]) <= len(self._words[b]):
                contains[a].add(b)
            else:
                contains[b].add(a)
        return same, loose, contains

    def update(self, wordings) -> int:
        """Brings the index to exactly these wordings (repeats allowed); returns
        how many pairs it compared (a pair already known is not compared again)."""
        current = dict.fromkeys(wordings)  # distinct, in order
        gone = [w for w in self._ids if w not in current]
        new = [w for w in current if w not in self._ids]
        changed_grams: set[tuple] = set()
        changed_words: set[str] = set()
        for w in gone:
            i = self._ids.pop(w)
            del self._words[i]
            self._probes.pop(i, None)
            for j in self._candidates.pop(i, ()):
                if i not in self._candidates.get(j, ()):
                    self._forget((i, j) if i < j else (j, i))
            self._post(i, w, add=False)
            for j in self._reworded.pop(i, ()):
                self._reworded[j].discard(i)
            changed_grams.update(_trigrams(w))
            changed_words.update(w)
        fresh, compared = set(), 0
        for w in new:
            i = self._ids[w] = self.size
            self.size += 1
            self._words[i] = w
            self._post(i, w, add=True)
            fresh.add(i)
        keys = Counter(key for w in new for key in _key_pairs(w))
        keys.subtract(key for w in gone for key in _key_pairs(w))
        if any((len(self._pair_postings.get(key, ())) > MAX_KEY_POSTING)
               != (len(self._pair_postings.get(key, ())) - n > MAX_KEY_POSTING) for key, n in keys.items()):
            # a pair of words crossed the line: every pair is found again, as a fresh index would
            self._reworded = {}
            for i in sorted(self._words):
                compared += self._find_reworded(i, lambda j, i=i: j > i)
        else:
            for i in sorted(fresh):
                compared += self._find_reworded(i, lambda j, i=i: j in fresh and j > i)
        if len(fresh) == len(self._words):  # from nothing: every wording looks
            looking = fresh
        else:
            for w in new:
                changed_grams.update(_trigrams(w))
                changed_words.update(w)
            looking = set(fresh)
            for gram in changed_grams:
                looking.update(self._postings.get(gram, ()))
            for word in changed_words:
                looking.update(self._short_with.get(word, ()))
        for i in sorted(looking):
            probes = self._probe(i)
            changed = changed_grams if len(self._words[i]) >= 3 else changed_words
            if i not in fresh and probes == self._probes[i] and not any(p in changed for p in probes):
                continue  # the same probes, and the same postings behind them
            self._probes[i] = probes
            found = self._search(i, probes)
            before = self._candidates.get(i, set())
            self._candidates[i] = found
            for j in before - found:
                if i not in self._candidates.get(j, ()):
                    self._forget((i, j) if i < j else (j, i))
            for j in found - before:
                pair = (i, j) if i < j else (j, i)
                if pair not in self._relations:
                    # (in the order of their words, not of their numbers: an alignment has ties)
                    relation = self._relations[pair] = _relation(*sorted((self._words[pair[0]], self._words[pair[1]])))
                    if relation:
                        self._linked[pair] = relation
                    compared += 1
        return compared

    def _post(self, i: int, w: tuple, add: bool) -> None:
        """Adds or removes wording ``i`` in the postings (lists: most hold one
        wording, and a wording leaves only after an edit)."""
        words = set(w)
        for postings, keys in ((self._postings, _trigrams(w)), (self._word_postings, words),
                               (self._short_with, words if len(w) < 3 else ()), (self._pair_postings, _key_pairs(w))):
            for key in keys:
                posting = postings.get(key)
                if not add:
                    posting.remove(i)
                    if not posting:
                        del postings[key]
                elif posting is None:
                    postings[key] = [i]
                else:
                    posting.append(i)

    def _find_reworded(self, i: int, skip) -> int:
        """Pairs wording ``i`` with the wordings that have its words in another
        order (but not those ``skip`` says were or will be paired with it from
        their side); returns how many it compared. Found through pairs of their
        longest words, each in at most MAX_KEY_POSTING wordings: a function of
        the wordings there are, so a kept index finds what a fresh one does."""
        w = self._words[i]
        others = {j for key in _key_pairs(w) if len(self._pair_postings[key]) <= MAX_KEY_POSTING
                  for j in self._pair_postings[key] if j != i and not skip(j)}
        for j in others:
            if _same_words(w, self._words[j]):
                self._reworded.setdefault(i, set()).add(j)
                self._reworded.setdefault(j, set()).add(i)
        return len(others)

    def _forget(self, pair: tuple[int, int]) -> None:
        self._relations.pop(pair, None)
        self._linked.pop(pair, None)

    def _probe(self, i: int) -> tuple:
        t = self._words[i]
        if len(t) >= 3:  # the rarest trigrams another wording has too, then by words (they come sorted):
            # a trigram of this wording alone finds nothing, and a reworded quotation has several
            postings = self._postings
            shared = [gram for gram in _trigrams(t) if len(postings[gram]) > 1]
            return tuple(sorted(shared, key=lambda gram: len(postings[gram]))[:PROBES])
        if t:  # one or two words: the rarer word
            return (min(t, key=lambda word: (len(self._word_postings[word]), word)),)
        return ()

    def _search(self, i: int, probes: tuple) -> set[int]:
        if not probes:
            return set()
        if len(self._words[i]) >= 3:
            hits: Counter = Counter()
            for gram in probes:
                posting = self._postings[gram]
                if len(posting) <= MAX_POSTING:
                    hits.update(posting)
            # a near-duplicate keeps most rare trigrams and a longer quote contains all
            # of a fragment's: one shared common trigram is not a candidate
            need = min(MIN_SHARED_PROBES, len(probes))
            found = {j for j, n in hits.items() if n >= need}
        else:
            posting = self._word_postings[probes[0]]
            found = set(posting) if len(posting) <= MAX_POSTING else set()
        found.discard(i)
        return found


SAME, CONTAINED_IN, LOOSE = 1, 2, 3  # _relation's answers (0: neither)


def _relation(a: tuple, b: tuple) -> int:
    """SAME for near-duplicates; LOOSE for another rendering of the same
    words (see ``match_group``); CONTAINED_IN when the shorter (``a`` if the
    lengths are equal) is found, in order, in the longer; else 0."""
    s, l_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(s) / len(l_) >= MIN_LENGTH_RATIO and len(s) >= 3:
        similarity = Indel.normalized_similarity(a, b)
        if similarity >= NEAR_DUPLICATE:
            return SAME
        if (similarity >= LOOSE_RENDERING and _common(a, b) < CONTAINED * len(s)  # (not a sentence inside a longer one)
                and _renders(a, b)):
            return LOOSE
    if len(s) < MIN_ATTACH_WORDS:  # one word: contained when the longer has it and it is no short function word
        return CONTAINED_IN if s and len(s[0]) >= MIN_WORD_LETTERS and s[0] in l_ else 0
    if len(s) < 3:
        return CONTAINED_IN if _contains(l_, s) else 0
    return CONTAINED_IN if _common(a, b) >= CONTAINED * len(s) else 0


def _same_words(a: tuple, b: tuple) -> bool:
    """Another rendering in another order: most of the two wordings' distinct
    words are shared, at least MIN_REWORDED_SHARED of them ("I made this
    decision based on the results of yesterday's elections" / "I took this
    decision in light of the results of the elections held yesterday"), and
    neither puts a phrase of its own where the other has one (two sentences
    on one frame, as in ``_renders``)."""
    if min(len(a), len(b)) < 3:
        return False
    x, y = set(a), set(b)
    shared = len(x & y)
    if shared < MIN_REWORDED_SHARED or 2 * shared < REWORDED * (len(x) + len(y)):
        return False
    return not _alignment(*sorted((a, b)))[1]  # (in a fixed order: an alignment has ties)


@lru_cache(maxsize=65536)
def _key_pairs(t: tuple) -> list[tuple[str, str]]:
    """Every pair of a wording's KEY_WORDS longest distinct words (ties in
    alphabetical order): two renderings of one sentence keep its long words."""
    longest = sorted(sorted(set(t)), key=len, reverse=True)[:KEY_WORDS] if len(t) >= 3 else []
    return [(a, b) if a < b else (b, a) for n, a in enumerate(longest) for b in longest[n + 1:]]


def _common(a: tuple, b: tuple) -> float:
    """How many words the two share, in order."""
    return (len(a) + len(b) - Indel.distance(a, b)) / 2


def _renders(a: tuple, b: tuple) -> bool:
    """In their best alignment, the two share a run of MIN_SHARED_RUN words, and
    no stretch between shared words has MAX_REPHRASED words of its own on both
    sides: translators swap words ("ernsthafte"/"ernste", "put forward"/
    "introduced"), while two sentences on one frame differ in a whole phrase
    ("We have no illusions about ..." / "We have made progress on ...")."""
    run, own_phrase = _alignment(a, b)
    return run >= MIN_SHARED_RUN and not own_phrase


def _alignment(a: tuple, b: tuple) -> tuple[int, bool]:
    """The longest run of words the two share in their best alignment (up to
    the first phrase of its own, when there is one), and whether a stretch
    between shared words has MAX_REPHRASED words of its own on both sides
    (a phrase of its own)."""
    run, own_a, own_b = 0, 0, 0
    for o in Indel.opcodes(a, b):
        if o.tag == "equal":
            run = max(run, o.src_end - o.src_start)
            own_a = own_b = 0
            continue
        own_a += o.src_end - o.src_start
        own_b += o.dest_end - o.dest_start
        if own_a >= MAX_REPHRASED and own_b >= MAX_REPHRASED:
            return run, True
    return run, False


# Many outlets print the same words, and a process that matches again (serve)
# meets the same quotations again: both are made once per wording.
@lru_cache(maxsize=65536)
def _trigrams(t: tuple) -> list[tuple]:
    """A quotation's distinct word trigrams, sorted (never changed by the caller)."""
    return sorted({t[k:k + 3] for k in range(len(t) - 2)})


@lru_cache(maxsize=65536)
def _loose(text: str) -> tuple[str, ...]:
    return tuple(loose_tokens(text))


def _clusters(wording: list[int], same, size: int) -> tuple[dict[int, list[int]], dict[int, int]]:
    """Items of near-duplicate wordings together, each cluster named by its first
    item; and each wording's cluster."""
    uf = _UnionFind(size)
    for a, b in same:
        uf.union(a, b)
    first: dict[int, int] = {}  # union-find root → the cluster's first item
    clusters: dict[int, list[int]] = {}
    for i, w in enumerate(wording):
        root = first.setdefault(uf.find(w), i)
        clusters.setdefault(root, []).append(i)
    return clusters, {w: first[uf.find(w)] for w in set(wording)}


def _attach_fragments(items, tokens, wording, clusters, cluster_of, contains):
    """Each cluster whose wordings are all contained in longer clusters that
    end up in exactly one quote joins that quote. Longer clusters settle first,
    so a fragment inside a fragment of a sentence follows it to the sentence."""
    longest = {root: max(len(tokens[i]) for i in members) for root, members in clusters.items()}
    target: dict[int, int] = {}

    def final(root: int) -> int:
        while root in target:
            root = target[root]
        return root

    languages_of: dict[int, set[str]] = {}  # wording → the languages it was printed in (made when first needed)
    printed_by: dict[int, dict[str, set[int]]] = {}  # cluster → article → its wordings there (made when first needed)

    for root in sorted(clusters, key=lambda r: (-longest[r], r)):
        one_word = longest[root] == 1
        if one_word:
            if len({items[i].article for i in clusters[root]}) < MIN_ONE_WORD_ARTICLES:
                continue  # one outlet's single word may come from any sentence that has it
            if not languages_of:
                for i, w in enumerate(wording):
                    languages_of.setdefault(w, set()).add(items[i].language)
        targets = set()
        for w in {wording[i] for i in clusters[root]}:
            for long_ in contains.get(w, ()):
                if one_word and not languages_of[w] & languages_of[long_]:
                    continue  # a word of one language found in another's sentence (stems meet across languages)
                tr = cluster_of[long_]
                if tr != root and longest[tr] > longest[root]:
                    targets.add(final(tr))
        if len(targets) != 1:
            continue
        (tr,) = targets
        if tr not in printed_by:
            printed_by[tr] = defaultdict(set)
            for j in clusters[tr]:
                printed_by[tr][items[j].article].add(wording[j])
        if _repeats_only_itself(clusters[root], printed_by[tr], items, wording, contains):
            target[root] = tr

    groups: dict[int, tuple[list[int], list[int]]] = {}
    for root in sorted(clusters):
        dest = final(root)
        core, attached = groups.setdefault(dest, ([], []))
        (core if dest == root else attached).extend(clusters[root])
    return [(sorted(core), sorted(attached)) for _, (core, attached) in sorted(groups.items())]


def _repeats_only_itself(members, target_by_article: dict[str, set[int]], items, wording, contains) -> bool:
    """An article already in the target (its own printings, not fragments
    attached to it; ``target_by_article``: article → its wordings there) may
    only be one that repeats its own quotation (a headline restating the
    body). An article that printed the fragment as a quotation of its own
    ("This is very good.") keeps it apart."""
    for i in members:
        shared = target_by_article.get(items[i].article)
        if shared and not (contains.get(wording[i], set()) & shared):
            return False
    return True


def _most_printed(items, core: list[int]) -> int:
    """Of the language the statement was printed in most (one language,
    unless it was joined across languages), the printing of the wording
    printed most (ignoring case and punctuation), then the earliest
    article's, then a fixed order (never input order)."""
    counts = Counter(_loose(items[i].text) for i in core)
    in_language = Counter(items[i].language for i in core)
    return min(core, key=lambda i: (-in_language[items[i].language], -counts[_loose(items[i].text)], items[i].date,
                                    items[i].article, items[i].quotation_index, items[i].start))


def _join_renderings(items, groups: list[list[int]]) -> list[list[int]]:
    """Groups (of items) joined when two of one language are two translators' renderings of
    one sentence, read through their glosses (translations.py: synonyms and inflections meet
    in English concepts): each has a gloss for RENDERED of the other's content words, each is
    the other's best such match, and no article printed both (two sentences of one speech
    built alike); each group in order of its first item."""
    if len(groups) < 2 or items[0].speaker is None:  # unattributed words may be anyone's
        return groups
    language, glosses, articles, rank = [], [], [], []
    for core in groups:
        if all(len(items[i].text.split()) < MIN_RENDERED_WORDS for i in core):  # a fragment: too few words
            language.append("")
            glosses.append(translations.Gloss("", ()))
            articles.append(set())
            rank.append(("", min(core)))
            continue
        best = _most_printed(items, core)
        language.append(items[best].language)
        glosses.append(translations.common_gloss(items[best].text, items[best].language))
        articles.append({items[i].article for i in core})
        rank.append((items[best].text, min(core)))
    postings: dict[tuple[str, str], list[int]] = defaultdict(list)
    for n, g in enumerate(glosses):
        if len(g.words) >= MIN_RENDERED_WORDS:
            for concept in g.concepts:
                if not concept.startswith("="):  # a word as itself: its concepts say more
                    postings[(language[n], concept)].append(n)
    shared: Counter = Counter()
    for members in postings.values():
        if len(members) <= translations.MAX_POSTING:
            for k, a in enumerate(members):
                for b in members[k + 1:]:
                    shared[(a, b)] += 1
    best: dict[int, tuple[tuple, int]] = {}  # group → ((-similarity, the other's rank), the other)
    for (a, b), count in shared.items():
        # each word the other glosses shares a concept with it: fewer shared concepts seldom reach RENDERED
        # (two of its words may share one concept: a pair so rare that the work saved is worth it)
        if count < max(2, RENDERED * min(len(glosses[a].words), len(glosses[b].words))) or articles[a] & articles[b]:
            continue
        s = translations.similarity(glosses[a], glosses[b])
        # (the two in a fixed order: an alignment has ties)
        if s >= RENDERED and not _says_otherwise(rank[a][0], rank[b][0], language[a]) \
                and not _own_predicates(*sorted((rank[a][0], rank[b][0])), language[a]):
            for x, y in ((a, b), (b, a)):  # ties go by the words, never by the order of the articles
                if x not in best or (-s, rank[y]) < best[x][0]:
                    best[x] = ((-s, rank[y]), y)
    into = {b: a for a, (_, b) in best.items() if a < b and best[b][1] == a}  # mutual: no chains
    out: dict[int, list[int]] = {}
    for n, core in enumerate(groups):
        out.setdefault(into.get(n, n), []).extend(core)
    return sorted(sorted(core) for core in out.values())


_NUMBER = re.compile(r"\d+(?:[.,\s]\d{3})*(?:[.,]\d+)?")


def _says_otherwise(a: str, b: str, code: str) -> bool:
    """Do two wordings give different figures ("300.000 Flüchtlinge" / "100.000 Flüchtlinge"),
    or does only one deny ("Je ne serai pas candidat" / "Je serai candidat")? A translator
    keeps both."""
    figures = [{re.sub(r"\D", "", n) for n in _NUMBER.findall(t)} for t in (a, b)]
    if figures[0] and figures[1] and figures[0] != figures[1]:
        return True
    negations = languages.profile(code).set("negations")
    words = [" ".join(_loose(t)).replace("n't", " not").replace("'", " ").split() for t in (a, b)]  # can't, n'ai
    denies = [any(w in negations for w in ws) for ws in words]
    return denies[0] != denies[1]


def _own_predicates(a: str, b: str, code: str) -> bool:
    """Whether, between the words two wordings share, each puts a phrase of its own
    (MAX_REPHRASED words or more) and the two phrases mean nothing alike: two sentences
    on one frame ("We have no illusions about ..." / "We have made progress on ..."),
    where a translator's rendering swaps words for words that mean the same."""
    x, y = _loose(a), _loose(b)
    own_x, own_y = [], []
    for o in [*Indel.opcodes(x, y), None]:
        if o is None or o.tag == "equal":
            if len(own_x) >= MAX_REPHRASED and len(own_y) >= MAX_REPHRASED:
                gx, gy = (translations.common_gloss(" ".join(own), code) for own in (own_x, own_y))
                if gx.words and gy.words and not gx.concepts & gy.concepts:
                    return True
            own_x, own_y = [], []
            continue
        own_x.extend(x[o.src_start:o.src_end])
        own_y.extend(y[o.dest_start:o.dest_end])
    return False


def _join_translations(items, groups: list[tuple[list[int], list[int]]]) -> list[tuple[list[int], list[int]]]:
    """Groups that are one statement printed in several languages, joined (translations.py)."""
    if not items or items[0].speaker is None or len({items[i].language for core, _ in groups for i in core}) < 2:
        return groups  # one language; or unattributed, which may be anyone's words
    units = []
    for core, _ in groups:
        best = _most_printed(items, core)
        others = tuple(sorted({items[i].text for i in core} - {items[best].text}))
        units.append(translations.Unit(items[best].language, items[best].text, others))
    joined = []
    for members in translations.join(units):
        core = sorted(i for n in members for i in groups[n][0])
        attached = sorted(i for n in members for i in groups[n][1])
        joined.append((core, attached))
    return joined


def _make_quote(items, tokens, core: list[int], attached: list[int]) -> Quote:
    members = sorted(core + attached)
    best = _most_printed(items, core)
    canonical = items[best].text
    canonical_words = tokens[best]
    canonical_loose = None  # made when first needed

    def exact(i: int) -> bool:
        # the same words as printed; spelling is normalised in tokens, so words
        # that differ there cannot be the same as printed (most cases end here)
        nonlocal canonical_loose
        if items[i].text == canonical:
            return True
        if tokens[i] != canonical_words:
            return False
        if canonical_loose is None:
            canonical_loose = _loose(canonical)
        return _loose(items[i].text) == canonical_loose

    speaker = items[best].speaker
    # of the words before stemming, so that ids stay those of earlier versions
    digest = hashlib.sha1(f"{speaker}|{' '.join(normalise_tokens(canonical))}".encode("utf-8")).hexdigest()[:7]
    quote_id = f"{slugify(canonical, max_words=8) or 'quote'}-{digest}"
    occurrences = tuple(
        Occurrence(
            article=items[i].article,
            outlet=items[i].outlet,
            anchor=items[i].anchor,
            text=items[i].text,
            exact=exact(i),
            quotation_index=items[i].quotation_index,
            quotation=items[i].quotation,
            start=items[i].start,
            language=items[i].language,
        )
        for i in members
    )
    return Quote(id=quote_id, speaker=speaker, text=canonical, occurrences=occurrences, language=items[best].language)
