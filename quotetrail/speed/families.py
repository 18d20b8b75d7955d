"""Copy families, sped up. A new process (``build``) takes them from the
cache when no article's fingerprints, wire, outlet, date or place in the
reading order changed (an edit to a quotation changes none of them). A
process that stays up (``serve``) keeps the index of shared fingerprints and
updates it for the articles whose fingerprints changed only; an edit that
leaves every article's narrative text as it was gives the same families,
without the global step again."""
from __future__ import annotations

import pickle

from ..lineage import Lineage, SharedCopy, copy_families
from .cache import BuildCache, digest


def families_key(articles, prints: dict, salt: bytes) -> str:
    """The cache key of the copy families: what they are made of (``salt``: the code)."""
    return digest(salt, "\n".join(f"{a.slug}\0{a.wire}\0{a.outlet.name}\0{a.date}\0{prints[a.slug].key}"
                                  for a in articles).encode())


def families_of(articles, prints: dict, kept: dict | None, cache: BuildCache | None = None,
                key: str | None = None) -> Lineage:
    """``copy_families(articles, prints)``. ``kept`` (serve's memory) holds
    last build's index, inputs and result: an unchanged article's
    fingerprints are last build's very object, so comparing the inputs is
    quick. Otherwise the families are looked up in ``cache`` by ``key``
    (``families_key``), and stored there when made."""
    if kept is not None:
        inputs = tuple((a.slug, a.wire, a.outlet, a.date, prints[a.slug]) for a in articles)
        if kept.get("inputs") != inputs:
            index = kept.setdefault("index", SharedCopy())
            index.update(prints)
            kept.update(inputs=inputs, lineage=index.lineage(articles))
        return kept["lineage"]
    if cache is None or key is None:
        return copy_families(articles, prints)
    found = cache.get_many("lineage", [key]).get(key)
    if isinstance(found, Lineage):
        return found
    lineage = copy_families(articles, prints)
    cache.put_many("lineage", {key: pickle.dumps(lineage, protocol=pickle.HIGHEST_PROTOCOL)}, {key: lineage})
    return lineage
