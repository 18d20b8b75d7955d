#!/usr/bin/env python3
"""Matching stage at scale: time and candidate pairs at 1k, 10k and 100k
quotations, against the named alternative of comparing all pairs.

    python benchmarks/matching.py [--sizes 1000 10000 100000]

Quotations come from the corpus generator's model: distinct statements by
~80 speakers, each reprinted 1–40 times with spelling variants, small edits
and fragments. The all-pairs alternative runs the same comparison on every
pair of quotations (skipping, as the matcher does, pairs of different
speakers); it is timed where it finishes in reasonable time (≤ 10k) and the
number of pairs is given for every size.

A second table times what ``serve`` does after an edit: one quotation more
for the largest speaker, matched by updating the speaker's index
(``SpeakerIndex``), against the named alternative of matching the speaker
from nothing (the median of five such edits).
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from corpus import printed, sentence  # noqa: E402
from quotetrail.match import (SAME, MatchInput, SpeakerIndex, _relation, _UnionFind, match_group,  # noqa: E402
                              match_quotations, normalise_tokens, speaker_groups)


def quotations(n: int, seed: int = 7) -> list[MatchInput]:
    rng = random.Random(seed)
    speakers = ["xi", "blinken", "wang-yi"] + [f"s{k}" for k in range(77)]
    items: list[MatchInput] = []
    while len(items) < n:
        words, speaker = sentence(rng), rng.choice(speakers)
        for _ in range(min(rng.choice([1, 1, 2, 3, 5, 8, 13, 21, 40]), n - len(items))):
            text, fragment = printed(rng, words, rng.random() < 0.35)
            k = len(items)
            items.append(MatchInput(f"a{k}", f"o{k % 60}", "q1", 0, speaker, text, fragment))
    return items


def all_pairs(items: list[MatchInput]) -> float:
    tokens = [tuple(normalise_tokens(i.text)) for i in items]
    uf = _UnionFind(len(items))
    started = time.perf_counter()
    for i in range(len(items)):
        for j in range(i + 1, len(items)):
            if items[i].speaker == items[j].speaker and _relation(tokens[i], tokens[j]) == SAME:
                uf.union(i, j)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--all-pairs-up-to", type=int, default=10000)
    args = parser.parse_args()
    print(f"{'quotations':>10} {'quotes':>8} {'match s':>8} {'pairs compared':>15} {'all pairs':>15} {'all-pairs s':>12}")
    for n in args.sizes:
        items = quotations(n)
        started = time.perf_counter()
        quotes, stats = match_quotations(items)
        seconds = time.perf_counter() - started
        total = n * (n - 1) // 2
        naive = f"{all_pairs(items):12.2f}" if n <= args.all_pairs_up_to else f"{'(skipped)':>12}"
        print(f"{n:>10,} {len(quotes):>8,} {seconds:8.2f} {stats.candidate_pairs:>15,} {total:>15,} {naive}")
    print(f"\n{'quotations':>10} {'largest speaker':>16} {'update s':>9} {'from nothing s':>15}")
    for n in args.sizes:
        largest, update, anew = one_more_quotation(quotations(n))
        print(f"{n:>10,} {largest:>16,} {update:9.3f} {anew:15.3f}")


def one_more_quotation(items: list[MatchInput], edits: int = 5) -> tuple[int, float, float]:
    """(the largest speaker's quotations, median seconds to match it again
    after one more quotation by updating its index, and from nothing)."""
    group = max(speaker_groups(items), key=lambda g: len(g.items))
    index = SpeakerIndex()
    match_group(group, index)
    update, anew = [], []
    for k in range(edits):
        item = group.items[k * 7 % len(group.items)]
        more = MatchInput(f"new{k}", item.outlet, "q1", 0, item.speaker, item.text + f" and more, round {k}", False)
        group = speaker_groups(list(group.items) + [more], list(group.tokens) + [None])[0]
        started = time.perf_counter()
        match_group(group, index)
        update.append(time.perf_counter() - started)
        started = time.perf_counter()
        match_group(group)
        anew.append(time.perf_counter() - started)
    return len(group.items), statistics.median(update), statistics.median(anew)


if __name__ == "__main__":
    main()
