"""Source lineage: which articles ran the same copy (a wire story, a rewrite).

Articles that share narrative sentences form a copy family; quotations are
left out first, since every outlet quotes the same words. The method is
shingling with sampled fingerprints (as in copy detection since Broder's
resemblance and Schleimer et al.'s winnowing): each article's narrative
text, paragraph by paragraph, is cut into overlapping runs of SHINGLE words,
each run hashed, and one hash in SAMPLE kept. An inverted index from
fingerprint to articles finds the pairs that share any, so the cost grows
with the text, not with the number of pairs. Two articles are linked when
they share at least MIN_SHARED fingerprints and those make up at least
MIN_CONTAINMENT of the smaller one's; families are then grown by average
linkage, so an article that merges two wire stories does not fuse them.

Fingerprints depend on one article alone and are made with its other
per-article work (cached); ``copy_families`` is the one global step.
"""
from __future__ import annotations

import functools
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass

from .extract import mask_markup, paragraphs
from .match import loose_tokens

SHINGLE = 5  # words per shingle
SAMPLE = 2  # one fingerprint kept in SAMPLE (by hash: the same runs are kept in every article)
MIN_SHARED = 5  # fingerprints two articles must share: short boilerplate ("AP contributed") shares fewer
MIN_CONTAINMENT = 0.2  # shared share of the smaller article's fingerprints
LINKAGE = 0.2  # average containment between two groups for them to join
MAX_POSTING = 500  # a fingerprint in more articles than this is boilerplate, not evidence
_PRIME = (1 << 61) - 1
_BASE = 1_000_003
_BREAK = "\u2029"  # where a quotation was: shingles never run across it


@dataclass(frozen=True)
class Fingerprints:
    """One article's sampled shingle hashes, each paragraph's apart (for its own passages)."""

    paragraphs: tuple[frozenset[int], ...]

    @functools.cached_property
    def all(self) -> frozenset[int]:
        return frozenset().union(*self.paragraphs) if self.paragraphs else frozenset()


@dataclass(frozen=True)
class Family:
    id: str  # "family-<n>", in order of the families' earliest member
    name: str  # the members' wire where they agree, else the earliest member's outlet and date
    wire: str | None  # the wire they agree on
    articles: tuple[str, ...]  # slugs, in reading order
    disagreeing: tuple[str, ...] = ()  # members whose own wire field names another source


@dataclass(frozen=True)
class Lineage:
    families: tuple[Family, ...]  # families of two or more articles
    family_of: dict  # slug → family id (only members of a family)
    shares: dict  # slug → ((other slug, share of this article's text found in it), ...), largest first
    own: dict  # slug → indexes of its narrative paragraphs found in no other family member


def fingerprints(body: str, quotations) -> Fingerprints:
    """An article's fingerprints: its body with markup and quotations taken
    out, paragraph by paragraph."""
    masked = mask_markup(body)
    text = list(masked)
    for quotation in quotations:
        for span in quotation.spans:
            text[span.start:span.end] = _BREAK * (span.end - span.start)
    text = "".join(text)
    kept = []
    for start, end in paragraphs(masked):  # the paragraphs as printed, quotations and all
        prints = set()
        for run in text[start:end].split(_BREAK):
            words = [zlib.crc32(w.encode("utf-8")) for w in loose_tokens(run)]
            for k in range(len(words) - SHINGLE + 1):
                h = 0
                for w in words[k:k + SHINGLE]:
                    h = (h * _BASE + w) % _PRIME
                if h % SAMPLE == 0:
                    prints.add(h)
        kept.append(frozenset(prints))
    return Fingerprints(tuple(kept))


def copy_families(articles, prints: dict) -> Lineage:
    """``articles``: in reading order (each with slug, wire, outlet, date);
    ``prints``: slug → Fingerprints."""
    slugs = [a.slug for a in articles]
    sizes = {slug: len(prints[slug].all) for slug in slugs}
    postings: dict[int, list[int]] = defaultdict(list)
    for n, slug in enumerate(slugs):
        for h in prints[slug].all:
            postings[h].append(n)
    # syndicated copy gives many identical postings: each distinct one is expanded into pairs once
    weights = Counter(tuple(p) for p in postings.values() if 1 < len(p) <= MAX_POSTING)
    shared: Counter = Counter()
    for posting, weight in weights.items():
        for i, a in enumerate(posting):
            for b in posting[i + 1:]:
                shared[a, b] += weight
    containment = {}
    for (a, b), n in shared.items():
        smaller = min(sizes[slugs[a]], sizes[slugs[b]])
        if n >= MIN_SHARED and smaller and n / smaller >= MIN_CONTAINMENT:
            containment[a, b] = n / smaller
    groups = _average_linkage(len(slugs), containment)
    families, family_of = [], {}
    for members in sorted((sorted(g) for g in groups if len(g) > 1), key=lambda g: g[0]):
        family = _family(f"family-{len(families) + 1}", [articles[n] for n in members])
        families.append(family)
        for n in members:
            family_of[slugs[n]] = family.id
    found: dict[str, list] = {slug: [] for slug in slugs}
    for (a, b) in containment:
        n = shared[a, b]
        for x, y in ((a, b), (b, a)):
            found[slugs[x]].append((slugs[y], round(n / sizes[slugs[x]], 2) if sizes[slugs[x]] else 0.0))
    shares = {slug: tuple(sorted(pairs, key=lambda s: (-s[1], s[0]))) for slug, pairs in found.items()}
    own = {}
    for family in families:
        members = Counter(h for slug in family.articles for h in prints[slug].all)  # how many members have each
        for slug in family.articles:
            own[slug] = tuple(n for n, p in enumerate(prints[slug].paragraphs) if p and all(members[h] == 1 for h in p))
    return Lineage(tuple(families), family_of, shares, own)


def _average_linkage(n: int, containment: dict) -> list[set[int]]:
    """Groups grown from the strongest link down: two groups join when the
    mean containment over all their cross pairs (absent pairs count 0) is at
    least LINKAGE. Deterministic: ties go by article order."""
    group = list(range(n))
    members = {i: {i} for i in range(n)}
    links: dict[int, Counter] = defaultdict(Counter)  # group → other group → summed containment
    for (a, b), c in containment.items():
        links[a][b] += c
        links[b][a] += c
    for (a, b), c in sorted(containment.items(), key=lambda kv: (-kv[1], kv[0])):
        ga, gb = group[a], group[b]
        if ga == gb:
            continue
        if links[ga][gb] / (len(members[ga]) * len(members[gb])) < LINKAGE:
            continue
        keep, gone = min(ga, gb), max(ga, gb)
        for i in members[gone]:
            group[i] = keep
        members[keep] |= members.pop(gone)
        for other, total in links.pop(gone).items():
            links[other].pop(gone, None)
            if other != keep:
                links[keep][other] += total
                links[other][keep] += total
        links[keep].pop(keep, None)
    return list(members.values())


def _family(family_id: str, members) -> Family:
    """Named by the wire most of the members that name one agree on (more
    than half of them), else by its earliest member; members whose wire field
    does not name it are flagged."""
    named = [(a, _wires(a.wire)) for a in members if a.wire]
    counts = Counter(w for _, wires in named for w in wires)
    agreed = None
    if counts:
        firsts = Counter(_wires_in_order(a.wire)[0] for a, _ in named)
        best = min(counts, key=lambda w: (-counts[w], -firsts[w], w))
        agreed = best if counts[best] * 2 > len(named) else None
    first = members[0]
    display = {name.casefold(): name for name in WIRES.values()}
    wire = display.get(agreed, agreed) if agreed else None
    name = wire or f"{first.outlet.name}, {first.date.isoformat()}"
    disagreeing = tuple(a.slug for a, w in named if agreed is None or agreed not in w)
    if agreed is None and len(named) < 2:
        disagreeing = ()  # one member naming a wire: nothing to disagree with
    return Family(family_id, name, wire, tuple(a.slug for a in members), disagreeing)


# wire services, as a front matter's wire field may name them (key → how the site names it)
WIRES = {"ap": "AP", "associated press": "AP", "reuters": "Reuters", "afp": "AFP", "agence france presse": "AFP",
         "pa": "PA Media", "pa media": "PA Media", "press association": "PA Media", "dpa": "dpa", "efe": "EFE",
         "anp": "ANP", "ansa": "ANSA", "bloomberg": "Bloomberg", "tns": "TNS", "xinhua": "Xinhua", "kyodo": "Kyodo",
         "yonhap": "Yonhap", "europa press": "Europa Press", "belga": "Belga", "apa": "APA", "ap dpa": "dpa",
         "tass": "TASS", "ria novosti": "RIA Novosti", "interfax": "Interfax", "upi": "UPI", "cnn": "CNN"}
_WIRE_KEYS = sorted({k for k in WIRES}, key=lambda k: -len(k))


def _wires_in_order(wire: str) -> list[str]:
    """The wire services a wire field names, in the order it names them
    ("PA Media (AP copy)" → pa, ap); a field naming none is its own."""
    text = " " + " ".join(loose_tokens(wire)) + " "
    found = []
    for key in _WIRE_KEYS:
        at = text.find(f" {key} ")
        if at >= 0:
            found.append((at, WIRES[key]))
            text = text.replace(f" {key} ", " " + "_" * len(key) + " ")
    names = list(dict.fromkeys(name for _, name in sorted(found)))
    return [name.casefold() for name in names] or [" ".join(loose_tokens(wire))]


def _wires(wire: str) -> set[str]:
    return set(_wires_in_order(wire))
