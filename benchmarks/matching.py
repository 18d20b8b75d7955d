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
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from corpus import printed, sentence  # noqa: E402
from quotetrail.match import SAME, MatchInput, _relation, _UnionFind, match_quotations, normalise_tokens  # noqa: E402


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


if __name__ == "__main__":
    main()
