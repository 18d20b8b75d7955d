#!/usr/bin/env python3
"""Score quotetrail's quotes.json against the hand-read gold file.

    python tests/gold/evaluate.py                 # builds content/ into a temporary folder
    python tests/gold/evaluate.py _site/quotes.json

Reports precision and recall of
- tracked attributions: an occurrence is a prediction when its quote's speaker
  is tracked; it is right when the gold file gives the same speaker;
- outlet links: pairs of occurrences in different articles that share a quote
  (tracked speakers only); right when the gold file puts both in the same quote.
"""
from __future__ import annotations

import itertools
import json
import sys
import tempfile
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
TRACKED = {"xi", "blinken", "wang-yi"}


def _norm(text: str) -> str:
    return " ".join(text.replace("’", "'").replace("‘", "'").split()).rstrip(".,;: ").casefold()


def _keys(entry: dict) -> set[str]:
    """The statements a gold quotation contains: ``statements`` when it lists
    them (a quotation of two sentences), else its one ``quote``."""
    return set(entry.get("statements") or [entry["quote"]])


def load_gold(path: Path = HERE / "seeds.yaml") -> list[dict]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [dict(entry, article=article) for article, entries in data.items() for entry in entries]


def align(gold: list[dict], quotes_json: dict) -> dict[int, tuple[str, str | None, str, str]]:
    """gold entry index → (article, predicted speaker, predicted quote id, quotation anchor).
    A gold entry is a whole printed quotation: it aligns with the occurrence
    of its first statement (an occurrence's ``quotation``, when it has one, is
    the whole quotation)."""
    occurrences = [
        (occ["article"], _norm(occ.get("quotation") or occ["text"]), quote["speaker"], quote["id"], n, occ["anchor"])
        for quote in quotes_json["quotes"] for n, occ in enumerate(quote["occurrences"])
    ]
    used: set[tuple] = set()
    taken: set[tuple] = set()  # (article, anchor): one gold entry per printed quotation
    result = {}
    order = sorted(range(len(gold)), key=lambda i: -len(gold[i]["text"]))
    for i in order:
        entry = gold[i]
        want = _norm(entry["text"])
        candidates = [o for o in occurrences if o[0] == entry["article"] and (o[0], o[5]) not in taken]
        exact = [o for o in candidates if o[1] == want]
        prefix = sorted((o for o in candidates if o[1].startswith(want)), key=lambda o: len(o[1]))
        pick = (exact or prefix or [None])[0]
        if pick is not None:
            used.add((pick[0], pick[1], pick[3], pick[4]))
            taken.add((pick[0], pick[5]))
            first = [o for o in occurrences if o[0] == pick[0] and o[5] == pick[5]]
            result[i] = (pick[0], first[0][2], first[0][3], pick[5])
    return result


def score(gold: list[dict], quotes_json: dict) -> dict:
    aligned = align(gold, quotes_json)
    tracked_gold = [i for i, e in enumerate(gold) if e["speaker"] in TRACKED]
    # attribution: one prediction per printed quotation (its statements share a speaker)
    predicted_tracked = len({(o["article"], o["anchor"]) for quote in quotes_json["quotes"] if quote["speaker"] in TRACKED
                             for o in quote["occurrences"]})
    correct = [i for i in tracked_gold if i in aligned and aligned[i][1] == gold[i]["speaker"]]
    wrong = [(gold[i], aligned.get(i)) for i in range(len(gold)) if i in aligned and aligned[i][1] in TRACKED and aligned[i][1] != gold[i]["speaker"]]
    missed = [gold[i] for i in tracked_gold if i not in correct]
    # links: two printed quotations linked by any statement they share
    gold_links = {
        frozenset((a, b)) for a, b in itertools.combinations(tracked_gold, 2)
        if _keys(gold[a]) & _keys(gold[b]) and gold[a]["article"] != gold[b]["article"]
    }
    gold_of = {(article, anchor): i for i, (article, _speaker, _quote, anchor) in aligned.items()}
    predicted_links = set()
    unknown_links = 0  # linked pairs involving quotations the gold file does not list
    for quote in quotes_json["quotes"]:
        if quote["speaker"] not in TRACKED:
            continue
        printed = [(o["article"], gold_of.get((o["article"], o["anchor"]))) for o in quote["occurrences"]]
        for (art_a, a), (art_b, b) in itertools.combinations(printed, 2):
            if art_a == art_b:
                continue
            if a is None or b is None:
                unknown_links += 1
            elif gold[a]["speaker"] in TRACKED and gold[b]["speaker"] in TRACKED:
                predicted_links.add(frozenset((a, b)))
    link_tp = len(predicted_links & gold_links)
    link_pred = len(predicted_links) + unknown_links
    return {
        "attribution_precision": len(correct) / predicted_tracked if predicted_tracked else 1.0,
        "attribution_recall": len(correct) / len(tracked_gold) if tracked_gold else 1.0,
        "attribution_correct": len(correct),
        "attribution_predicted": predicted_tracked,
        "attribution_gold": len(tracked_gold),
        "link_precision": link_tp / link_pred if link_pred else 1.0,
        "link_recall": link_tp / len(gold_links) if gold_links else 1.0,
        "links_correct": link_tp,
        "links_predicted": link_pred,
        "links_gold": len(gold_links),
        "wrong": [f"{g['article']}: {g['text']!r} gold={g['speaker']} predicted={p[1] if p else None}" for g, p in wrong],
        "missed": [f"{g['article']}: {g['text']!r} ({g['speaker']})" for g in missed],
        "missed_links": sorted(
            f"{sorted(_keys(gold[a]) & _keys(gold[b]))}: {gold[a]['article']} — {gold[b]['article']}"
            for a, b in (tuple(sorted(link)) for link in gold_links - predicted_links)
        ),
    }


def build_quotes_json() -> dict:
    sys.path.insert(0, str(ROOT))
    from quotetrail.pipeline import build

    with tempfile.TemporaryDirectory() as tmp:
        build(ROOT / "content", Path(tmp) / "site", templates_dir=ROOT / "templates")
        return json.loads((Path(tmp) / "site" / "quotes.json").read_text(encoding="utf-8"))


def main(argv: list[str]) -> int:
    data = json.loads(Path(argv[0]).read_text(encoding="utf-8")) if argv else build_quotes_json()
    result = score(load_gold(), data)
    print(f"tracked attributions: precision {result['attribution_precision']:.3f} "
          f"({result['attribution_correct']}/{result['attribution_predicted']}), recall "
          f"{result['attribution_recall']:.3f} ({result['attribution_correct']}/{result['attribution_gold']})")
    print(f"outlet links:         precision {result['link_precision']:.3f} "
          f"({result['links_correct']}/{result['links_predicted']}), recall "
          f"{result['link_recall']:.3f} ({result['links_correct']}/{result['links_gold']})")
    for key in ("wrong", "missed", "missed_links"):
        for line in result[key]:
            print(f"  {key}: {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
