"""Copy families, kept by a process that stays up (``serve``): an edit that
leaves every article's narrative text as it was (a quotation reworded, a title
changed) gives the same families, without the global step again."""
from __future__ import annotations

from ..lineage import Lineage, copy_families


def families_of(articles, prints: dict, kept: dict | None) -> Lineage:
    """``copy_families(articles, prints)``; ``kept`` (serve's memory) holds last
    build's inputs and result. An unchanged article's fingerprints are last
    build's very object, so comparing the inputs is quick."""
    inputs = tuple((a.slug, a.wire, a.outlet, a.date, prints[a.slug]) for a in articles)
    if kept is not None and kept.get("inputs") == inputs:
        return kept["lineage"]
    lineage = copy_families(articles, prints)
    if kept is not None:
        kept.update(inputs=inputs, lineage=lineage)
    return lineage
