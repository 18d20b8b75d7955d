"""Source lineage: which articles ran the same copy (a wire story, a rewrite).

Articles that share narrative sentences form a copy family; quotations are
left out first, since every outlet quotes the same words. The method is
shingling (as in copy detection since Broder's resemblance): each article's
narrative text, paragraph by paragraph, is cut into overlapping runs of
SHINGLE words, each word cut to its first PREFIX letters without accents
(so a plural, a tense or "Etat" for "État" does not break a run), and each
run hashed into a fingerprint. An inverted index from fingerprint to articles
finds the pairs that share any, so the cost grows with the text, not with the
number of pairs. Two articles share copy when they share at least MIN_SHARED
fingerprints; their share is the part of the smaller one's fingerprints the
other has, and they are linked when it is at least MIN_CONTAINMENT, or when
they share a long passage (LONG_SHARED fingerprints) that is at least
LONG_CONTAINMENT of the smaller one. Families are then grown by average
linkage, so an article that merges two wire stories does not fuse them.

Fingerprints depend on one article alone and are made with its other
per-article work (cached). The global step keeps its index (``SharedCopy``)
so that ``serve`` updates it for the articles that changed only;
``copy_families`` makes one from scratch.
"""
from __future__ import annotations

import functools
import hashlib
import re
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import chain

from .extract import mask_markup, paragraphs
from .match import loose_tokens
from .text import without_accents

SHINGLE = 4  # words per shingle
PREFIX = 5  # letters of each word compared: endings and light edits do not break a run
MIN_SHARED = 8  # fingerprints two articles must share (a run of about a dozen words): a credit line shares fewer
MIN_CONTAINMENT = 0.2  # share of the smaller article's fingerprints for a link
LONG_SHARED = 20  # fingerprints of a long shared passage (a couple of sentences): a link at a lower share
LONG_CONTAINMENT = 0.125  # the share (an eighth) such a long passage must still be of the smaller article
LINKAGE = 0.2  # average share between two groups for them to join
MAX_POSTING = 500  # a fingerprint in more articles than this is boilerplate, not evidence
_PRIME = (1 << 61) - 1
_BASE = 1_000_003
_BREAK = "\u2029"  # where a quotation was: shingles never run across it
_RUN = re.compile("[^\u2029]+")  # a run of text between quotations


@dataclass(frozen=True)
class Fingerprints:
    """One article's shingle hashes, each paragraph's apart (for its own passages)."""

    paragraphs: tuple[frozenset[int], ...]
    key: str = ""  # a digest of the paragraphs that have any, and their places: the families' cache key is made of these

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


@functools.lru_cache(maxsize=65536)
def _word(word: str) -> int:
    """A word as shingles compare it: without accents, its first PREFIX letters."""
    if not word.isascii():
        word = without_accents(word)
    return zlib.crc32(word[:PREFIX].encode("utf-8"))


def fingerprints(body: str, quotations) -> Fingerprints:
    """An article's fingerprints: its body with markup and quotations taken
    out, paragraph by paragraph. Fragments (a scare quote, a few words) stay:
    they are part of the narrative sentence."""
    masked = mask_markup(body)
    text = list(masked)
    for quotation in quotations:
        if not quotation.fragment:
            for span in quotation.spans:
                text[span.start:span.end] = _BREAK * (span.end - span.start)
    text = "".join(text)
    kept = []
    for start, end in paragraphs(masked):  # the paragraphs as printed, quotations and all
        prints = set()
        for run in _RUN.findall(text, start, end):
            words = [_word(w) for w in loose_tokens(run)]
            for k in range(len(words) - SHINGLE + 1):
                h = 0
                for w in words[k:k + SHINGLE]:
                    h = (h * _BASE + w) % _PRIME
                prints.add(h)
        kept.append(frozenset(prints))
    # the families see the paragraphs that have fingerprints, and where they are: a paragraph
    # without any (a quotation and its "X said") leaves them as they were
    key = hashlib.blake2b(repr([(n, sorted(p)) for n, p in enumerate(kept) if p]).encode(), digest_size=16).hexdigest()
    return Fingerprints(tuple(kept), key)


class SharedCopy:
    """How many fingerprints each pair of articles shares, kept up to date as
    articles come, change and go: the inverted index, the pairs that share
    copy (at least MIN_SHARED fingerprints) and those linked. Families are
    found in each group of linked articles apart (no merge crosses one), and
    a group none of whose articles changed keeps its families."""

    def __init__(self):
        self.prints: dict[str, Fingerprints] = {}  # slug → the fingerprints indexed
        self.postings: dict[int, list[str]] = {}  # fingerprint → slugs of the articles that have it
        self.shared: dict[str, dict[str, int]] = defaultdict(dict)  # slug → other slug → fingerprints shared
        self.linked: dict[str, set[str]] = defaultdict(set)  # slug → the slugs it is linked to
        self.by_group: dict[tuple, tuple] = {}  # linked group's slugs (reading order) → (their prints, its families)

    def update(self, prints: dict) -> None:
        """Index ``prints`` (slug → Fingerprints) instead of the last ones:
        only the articles whose fingerprints differ are counted again."""
        changed = [slug for slug, p in prints.items() if self.prints.get(slug) is not p and self.prints.get(slug) != p]
        changed += [slug for slug in self.prints if slug not in prints]
        growth = Counter()
        for slug in changed:
            growth.subtract(self.prints[slug].all if slug in self.prints else ())
            growth.update(prints[slug].all if slug in prints else ())
        sizes = {h: len(self.postings.get(h, ())) + n for h, n in growth.items()}  # once updated
        if self.prints and any((n <= MAX_POSTING) != (len(self.postings.get(h, ())) <= MAX_POSTING)
                               for h, n in sizes.items()):
            # a fingerprint became boilerplate, or stopped being: the counts of all its articles' pairs change
            self.__init__()
            return self.update(prints)
        for slug in changed:
            if slug in self.prints:
                self._remove(slug)
        for slug in changed:
            if slug in prints:
                self._add(slug, prints[slug], sizes)

    def _remove(self, slug: str) -> None:
        for h in self.prints.pop(slug).all:
            posting = self.postings[h]
            posting.remove(slug)
            if not posting:
                del self.postings[h]
        for other in self.shared.pop(slug, {}):
            del self.shared[other][slug]
        for other in self.linked.pop(slug, ()):
            self.linked[other].discard(slug)

    def _add(self, slug: str, prints: Fingerprints, sizes: dict) -> None:
        """Counts the pairs with the articles indexed so far, so that each pair is counted once."""
        postings = [self.postings.setdefault(h, []) for h in prints.all]
        counted = [posting for h, posting in zip(prints.all, postings) if sizes[h] <= MAX_POSTING]
        for other, n in Counter(chain.from_iterable(counted)).items():
            if n >= MIN_SHARED:
                self.shared[slug][other] = self.shared[other][slug] = n
                if _links(n, n / min(len(prints.all), len(self.prints[other].all))):
                    self.linked[slug].add(other)
                    self.linked[other].add(slug)
        for posting in postings:
            posting.append(slug)
        self.prints[slug] = prints

    def lineage(self, articles) -> Lineage:
        """The copy families of ``articles`` (in reading order; each with slug,
        wire, outlet, date), which must be the articles indexed."""
        slugs = [a.slug for a in articles]
        order = {slug: n for n, slug in enumerate(slugs)}
        groups = {}
        for group in self._linked_groups(slugs):
            key = tuple(sorted(group, key=order.__getitem__))
            known = self.by_group.get(key)  # its families, while none of its articles changed (nor their order)
            if known is None or any(p is not self.prints[slug] for slug, p in zip(key, known[0])):
                known = (tuple(self.prints[slug] for slug in key), self._families_in(key))
            groups[key] = known
        self.by_group = groups
        families, family_of, shares, own = [], {}, dict.fromkeys(slugs, ()), {}
        results = [result for _, result in groups.values()]
        for members in sorted((m for found, _, _ in results for m in found), key=lambda m: order[m[0]]):
            family = _family(f"family-{len(families) + 1}", [articles[order[slug]] for slug in members])
            families.append(family)
            family_of.update(dict.fromkeys(members, family.id))
        for _, group_shares, group_own in results:
            shares.update(group_shares)
            own.update(group_own)
        return Lineage(tuple(families), family_of, shares, own)

    def _linked_groups(self, slugs):
        """The sets of articles joined by links, directly or through others."""
        seen = set()
        for slug in slugs:
            if slug not in seen and self.linked.get(slug):
                group, todo = {slug}, [slug]
                while todo:
                    new = self.linked[todo.pop()] - group
                    group |= new
                    todo += new
                seen |= group
                yield group

    def _families_in(self, members: tuple[str, ...]) -> tuple:
        """One linked group's families (its slugs in reading order): each
        family's slugs, each member's shares, each family member's own passages."""
        local = {slug: n for n, slug in enumerate(members)}
        sizes = [len(self.prints[slug].all) for slug in members]
        share = {}  # (a, b), a before b → the share of the smaller one's fingerprints the pair has
        for a, slug in enumerate(members):
            for b, n in sorted((local[other], n) for other, n in self.shared[slug].items() if other in local):
                if a < b:
                    share[a, b] = n / min(sizes[a], sizes[b])
        linked = {(a, b): max(c, MIN_CONTAINMENT) for (a, b), c in share.items()
                  if _links(self.shared[members[a]][members[b]], c)}
        weights = {**share, **linked}  # a linked pair counts at least MIN_CONTAINMENT
        families = [tuple(members[n] for n in sorted(g)) for g in _average_linkage(len(members), linked, weights)
                    if len(g) > 1]
        found: dict[str, list] = {slug: [] for slug in members}
        for a, b in linked:
            n = self.shared[members[a]][members[b]]
            for x, y in ((a, b), (b, a)):
                found[members[x]].append((members[y], round(n / sizes[x], 2)))
        shares = {slug: tuple(sorted(pairs, key=lambda s: (-s[1], s[0]))) for slug, pairs in found.items()}
        own = {}
        for family in families:
            have = Counter(h for slug in family for h in self.prints[slug].all)  # how many members have each
            for slug in family:
                own[slug] = tuple(n for n, p in enumerate(self.prints[slug].paragraphs)
                                  if p and all(have[h] == 1 for h in p))
        return families, shares, own


def _links(n: int, share: float) -> bool:
    """Whether two articles sharing ``n`` fingerprints, ``share`` of the
    smaller one's, are linked: a fifth of the smaller one, or a long passage
    (LONG_SHARED fingerprints) that is still an eighth of it."""
    return share >= MIN_CONTAINMENT or (n >= LONG_SHARED and share >= LONG_CONTAINMENT)


def copy_families(articles, prints: dict) -> Lineage:
    """``articles``: in reading order (each with slug, wire, outlet, date);
    ``prints``: slug → Fingerprints."""
    index = SharedCopy()
    index.update(prints)
    return index.lineage(articles)


def _average_linkage(n: int, linked: dict, share: dict) -> list[set[int]]:
    """Groups grown from the strongest link down: two groups join when the
    mean share over all their cross pairs (``share``: every pair that shares
    copy, linked or not; others count 0) is at least LINKAGE. Deterministic:
    ties go by article order."""
    group = list(range(n))
    members = {i: {i} for i in range(n)}
    links: dict[int, Counter] = defaultdict(Counter)  # group → other group → summed share
    for (a, b), c in share.items():
        links[a][b] += c
        links[b][a] += c
    for (a, b), c in sorted(linked.items(), key=lambda kv: (-kv[1], kv[0])):
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
    wire = _DISPLAY.get(agreed, agreed) if agreed else None
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
_DISPLAY = {name.casefold(): name for name in WIRES.values()}


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
