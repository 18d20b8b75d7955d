"""Stage 4 — match quotations across outlets into quotes.

1. Normalise wording (case, marks, dashes, punctuation, U.S./US, British and
   American spelling) into tokens.
2. Per speaker, find candidate pairs through an inverted index of each
   quotation's rarest word trigrams (single words for short fragments) — never
   all pairs — and compare only those (rapidfuzz's Indel distance on tokens).
3. Near-identical quotations (small edits) are merged. A shorter quotation
   contained in a longer one is attached to it only when exactly one quote
   contains it, so a fragment such as "progress" can never chain two different
   quotes, and only when no article printed the two as separate quotations.
"""
from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from collections import Counter, defaultdict
from dataclasses import dataclass

from rapidfuzz.distance import Indel

from .model import Occurrence, Quote
from .text import slugify

NEAR_DUPLICATE = 0.8  # Indel similarity of token sequences
MIN_LENGTH_RATIO = 0.6
CONTAINED = 0.9  # share of the shorter quotation found, in order, in the longer
MIN_ATTACH_WORDS = 2  # shorter fragments never attach to a longer quote
PROBES = 4  # rarest trigrams per quotation used to find candidates
MIN_SHARED_PROBES = 2  # of them a candidate must contain
MAX_POSTING = 2000  # a trigram in more quotations than this is too common to probe with


@dataclass(frozen=True)
class MatchInput:
    """One extracted, attributed quotation, in article order."""

    article: str
    outlet: str
    anchor: str
    quotation_index: int
    speaker: str | None
    text: str
    fragment: bool


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
    """``tokens``: each item's ``normalise_tokens(text)`` when already known (None entries are computed)."""
    known = tokens or [None] * len(items)
    by_speaker: dict[str | None, list[int]] = defaultdict(list)
    for i, item in enumerate(items):
        by_speaker[item.speaker].append(i)
    return [SpeakerGroup(tuple(items[i] for i in members),
                         tuple(tuple(known[i]) if known[i] is not None else tuple(normalise_tokens(items[i].text))
                               for i in members))
            for members in by_speaker.values()]


def match_group(group: SpeakerGroup) -> tuple[list[Quote], int]:
    """One speaker's quotes, and the candidate pairs compared to find them."""
    items, tokens = group.items, group.tokens
    uf = _UnionFind(len(items))
    contained_in: dict[int, set[int]] = defaultdict(set)  # short item → long items containing it
    pairs = _link_speaker(range(len(items)), tokens, uf, contained_in)
    groups = _attach_fragments(items, tokens, uf, contained_in)
    return [_make_quote(items, tokens, core, attached) for core, attached in groups], pairs


def match_quotations(items: list[MatchInput], tokens: list | None = None, map_groups=map) -> tuple[list[Quote], MatchStats]:
    """All quotes. ``map_groups(match_group, groups)`` may run the speakers'
    groups elsewhere (worker processes, a cache) and must keep their order."""
    quotes: list[Quote] = []
    pairs = 0
    for group_quotes, group_pairs in map_groups(match_group, speaker_groups(items, tokens)):
        quotes.extend(group_quotes)
        pairs += group_pairs
    return quotes, MatchStats(len(items), pairs)


def _link_speaker(members, tokens, uf: _UnionFind, contained_in) -> int:
    # identical normalised wording
    exact: dict[tuple, int] = {}
    for i in members:
        key = tuple(tokens[i])
        if key in exact:
            uf.union(exact[key], i)
        else:
            exact[key] = i
    representatives = sorted(set(exact.values()))
    # inverted indexes: trigrams and single words
    trigram_df: Counter = Counter()
    item_trigrams: dict[int, list[tuple]] = {}
    for i in representatives:
        item_trigrams[i] = grams = _trigrams(tuple(tokens[i]))
        trigram_df.update(grams)
    # probe order: rarest first, then by words: a stable sort by frequency of
    # the (already sorted) trigrams, comparing numbers instead of (df, words) tuples
    rarity = trigram_df.__getitem__
    postings: dict[tuple, list[int]] = defaultdict(list)
    for i in representatives:
        for gram in item_trigrams[i]:
            postings[gram].append(i)
    word_postings: dict[str, list[int]] = defaultdict(list)
    for i in representatives:
        for word in sorted(set(tokens[i])):
            word_postings[word].append(i)

    compared: set[tuple[int, int]] = set()
    pairs = 0
    for i in representatives:
        t = tokens[i]
        if not t:
            continue
        if len(t) >= 3:
            probes = sorted(item_trigrams[i], key=rarity)[:PROBES]
            hits: Counter = Counter()
            for gram in probes:
                posting = postings[gram]
                if len(posting) <= MAX_POSTING:
                    hits.update(posting)
            # a near-duplicate keeps most rare trigrams and a longer quote contains all
            # of a fragment's: one shared common trigram is not a candidate
            need = min(MIN_SHARED_PROBES, len(probes))
            candidates = [j for j, n in hits.items() if n >= need]
        else:  # one or two words: probe with the rarer word
            word = min(t, key=lambda w: (len(word_postings[w]), w))
            posting = word_postings[word]
            candidates = set(posting) if len(posting) <= MAX_POSTING else set()
        for j in candidates:
            if j == i:
                continue
            pair = (i, j) if i < j else (j, i)
            if pair in compared:
                continue
            compared.add(pair)
            if uf.find(i) == uf.find(j):
                continue  # already one quote: comparing again could not change the groups
            _compare(pair[0], pair[1], tokens, uf, contained_in)
            pairs += 1
    return pairs


def _compare(i: int, j: int, tokens, uf: _UnionFind, contained_in, relation_of=None) -> None:
    """``relation_of``: instead of ``_relation`` (which keeps its answers)."""
    relation = (relation_of or _relation)(tokens[i], tokens[j])
    if relation == SAME:
        uf.union(i, j)
    elif relation == CONTAINED_IN:
        short, long_ = (i, j) if len(tokens[i]) <= len(tokens[j]) else (j, i)
        contained_in[short].add(long_)


SAME, CONTAINED_IN = 1, 2  # _relation's answers (0: neither)


# A process that matches a speaker again (serve) compares the same wordings
# again: the answer is a function of the two wordings alone, so it is kept.
@lru_cache(maxsize=1 << 18)
def _relation(a: tuple, b: tuple) -> int:
    """SAME for near-duplicates; CONTAINED_IN when the shorter (``a`` if the
    lengths are equal) is found, in order, in the longer; else 0."""
    s, l_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(s) / len(l_) >= MIN_LENGTH_RATIO and len(s) >= 3 and Indel.normalized_similarity(a, b) >= NEAR_DUPLICATE:
        return SAME
    if len(s) < MIN_ATTACH_WORDS:
        return 0  # one word is no evidence that two printings are the same quotation
    if len(s) < 3:
        return CONTAINED_IN if _contains(l_, s) else 0
    lcs = (len(a) + len(b) - Indel.distance(a, b)) / 2
    return CONTAINED_IN if lcs / len(s) >= CONTAINED else 0


# Many outlets print the same words, and a process that matches again (serve)
# meets the same quotations again: both are made once per wording.
@lru_cache(maxsize=65536)
def _trigrams(t: tuple) -> list[tuple]:
    """A quotation's distinct word trigrams, sorted (never changed by the caller)."""
    return sorted({t[k:k + 3] for k in range(len(t) - 2)})


@lru_cache(maxsize=65536)
def _loose(text: str) -> tuple[str, ...]:
    return tuple(loose_tokens(text))


def _attach_fragments(items, tokens, uf: _UnionFind, contained_in):
    """Clusters of near-duplicates; then each cluster whose quotations are all
    contained in exactly one other (longer) cluster, sharing no article with it,
    joins that cluster."""
    clusters: dict[int, list[int]] = defaultdict(list)
    for i in range(len(items)):
        clusters[uf.find(i)].append(i)
    longest = {root: max(len(tokens[i]) for i in members) for root, members in clusters.items()}
    target: dict[int, int] = {}
    for root in sorted(clusters, key=lambda r: (longest[r], r)):
        members = clusters[root]
        targets = set()
        for i in members:
            for j in contained_in.get(i, ()):
                tr = uf.find(j)
                if tr != root and longest[tr] > longest[root]:
                    targets.add(tr)
        if len(targets) != 1:
            continue
        (tr,) = targets
        if not _repeats_only_itself(members, clusters[tr], items, contained_in):
            continue
        target[root] = tr

    def final(root: int) -> int:
        while root in target:
            root = target[root]
        return root

    groups: dict[int, tuple[list[int], list[int]]] = {}
    for root in sorted(clusters):
        dest = final(root)
        core, attached = groups.setdefault(dest, ([], []))
        (core if dest == root else attached).extend(clusters[root])
    # a destination's own core is added when its root is visited; make sure it exists
    return [(sorted(core), sorted(attached)) for _, (core, attached) in sorted(groups.items())]


def _repeats_only_itself(members, target_members, items, contained_in) -> bool:
    """An article already in the target may only be one that repeats its own
    quotation (a headline restating the body). An article that printed the
    fragment as a quotation of its own ("This is very good.") keeps it apart."""
    target_by_article: dict[str, set[int]] = defaultdict(set)
    for j in target_members:
        target_by_article[items[j].article].add(j)
    for i in members:
        shared = target_by_article.get(items[i].article)
        if shared and not (contained_in.get(i, set()) & shared):
            return False
    return True


def _make_quote(items, tokens, core: list[int], attached: list[int]) -> Quote:
    members = sorted(core + attached)
    counts = Counter(tuple(tokens[i]) for i in core)
    # most common wording, then the most complete, then a fixed order (never input order)
    best = min(core, key=lambda i: (-counts[tuple(tokens[i])], -len(tokens[i]), tokens[i], items[i].text))
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
    digest = hashlib.sha1(f"{speaker}|{' '.join(tokens[best])}".encode("utf-8")).hexdigest()[:7]
    quote_id = f"{slugify(canonical, max_words=8) or 'quote'}-{digest}"
    occurrences = tuple(
        Occurrence(
            article=items[i].article,
            outlet=items[i].outlet,
            anchor=items[i].anchor,
            text=items[i].text,
            exact=exact(i),
            quotation_index=items[i].quotation_index,
        )
        for i in members
    )
    return Quote(id=quote_id, speaker=speaker, text=canonical, occurrences=occurrences)
