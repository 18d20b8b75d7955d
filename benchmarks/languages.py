#!/usr/bin/env python3
"""Matching across languages: what linking one statement printed in several
languages (translations.py) adds to the matching stage, on real coverage.

    python benchmarks/languages.py [--events N]

The statements are those of the development set's articles
(tests/gold/dev/*/content: real coverage in English, French, Spanish, German
and Dutch), extracted and attributed as a build does, each event's speakers
kept apart; they are matched together, once with half of the events and once
with all of them, against the named alternative of matching without the
step across languages (each language's statements left as they are). The
lexicons are loaded before the clock starts; their loading is timed apart.
"""
from __future__ import annotations

import argparse
import sys
import time
from dataclasses import replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from quotetrail import translations  # noqa: E402
from quotetrail.analyse import analyse_article  # noqa: E402
from quotetrail.attribute import Registry  # noqa: E402
from quotetrail.load import load_content  # noqa: E402
from quotetrail.match import match_quotations  # noqa: E402

DEV = HERE.parent / "tests" / "gold" / "dev"


def statements(folders: list[Path]) -> tuple[list, int]:
    items, articles = [], 0
    for n, folder in enumerate(folders):
        content = load_content(folder / "content")
        registry = Registry(content.speakers, content.config.language)
        for article in content.articles:
            articles += 1
            for s in analyse_article(article, registry).statements:
                items.append(replace(s, speaker=f"{n}:{s.speaker}") if s.speaker else s)
    return items, articles


def best_of(runs: int, items: list) -> tuple[float, int]:
    best, quotes = float("inf"), 0
    for _ in range(runs):
        started = time.perf_counter()
        quotes = len(match_quotations(items)[0])
        best = min(best, time.perf_counter() - started)
    return best, quotes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=0, help="only the first N events (default: all)")
    parser.add_argument("--runs", type=int, default=3, help="best of this many runs (default 3)")
    args = parser.parse_args()
    folders = sorted(p for p in DEV.iterdir() if (p / "content").is_dir())
    if args.events:
        folders = folders[:args.events]
    started = time.perf_counter()
    for code in ("fr", "de", "es", "nl"):
        translations.gloss("", code)  # loads the profile's lexicon
    print(f"loading the four lexicons: {time.perf_counter() - started:.2f} s")
    join = translations.join
    print(f"{'events':>7} {'articles':>9} {'statements':>11} {'across languages':>22} {'one language at a time':>24}")
    for part in (folders[:len(folders) // 2], folders):
        items, articles = statements(part)
        translations.join = lambda units: [[n] for n in range(len(units))]  # the alternative: no step
        try:
            without, apart = best_of(args.runs, items)
        finally:
            translations.join = join
        with_step, joined = best_of(args.runs, items)
        print(f"{len(part):>7} {articles:>9} {len(items):>11} {with_step:>8.2f} s {joined:>6} quotes "
              f"{without:>10.2f} s {apart:>6} quotes")


if __name__ == "__main__":
    main()
