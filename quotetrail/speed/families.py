"""Copy families, kept by a process that stays up (``serve``): the index of
shared fingerprints is updated for the articles whose fingerprints changed
only, and an edit that leaves every article's narrative text as it was (a
quotation reworded, a title changed) gives the same families, without the
global step again."""
from __future__ import annotations

from ..lineage import Lineage, SharedCopy, copy_families


def families_of(articles, prints: dict, kept: dict | None) -> Lineage:
    """``copy_families(articles, prints)``; ``kept`` (serve's memory) holds last
    build's index, inputs and result. An unchanged article's fingerprints are
    last build's very object, so comparing the inputs is quick."""
    if kept is None:
        return copy_families(articles, prints)
    inputs = tuple((a.slug, a.wire, a.outlet, a.date, prints[a.slug]) for a in articles)
    if kept.get("inputs") != inputs:
        index = kept.setdefault("index", SharedCopy())
        index.update(prints)
        kept.update(inputs=inputs, lineage=index.lineage(articles))
    return kept["lineage"]
