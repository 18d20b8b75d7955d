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


def load_gold(path: Path = HERE / "seeds.yaml") -> list[dict]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [dict(entry, article=article) for article, entries in data.items() for entry in entries]


def align(gold: list[dict], quotes_json: dict) -> dict[int, tuple[str, str | None, str]]:
    """gold entry index → (article, predicted speaker, predicted quote id)."""
    occurrences = [
        (occ["article"], _norm(occ["text"]), quote["speaker"], quote["id"], n)
        for quote in quotes_json["quotes"] for n, occ in enumerate(quote["occurrences"])
    ]
    used: set[tuple] = set()
    result = {}
    order = sorted(range(len(gold)), key=lambda i: -len(gold[i]["text"]))
    for i in order:
        entry = gold[i]
        want = _norm(entry["text"])
        candidates = [o for o in occurrences if o[0] == entry["article"] and (o[0], o[1], o[3], o[4]) not in used]
        exact = [o for o in candidates if o[1] == want]
        prefix = sorted((o for o in candidates if o[1].startswith(want)), key=lambda o: len(o[1]))
        pick = (exact or prefix or [None])[0]
        if pick is not None:
            used.add((pick[0], pick[1], pick[3], pick[4]))
            result[i] = (pick[0], pick[2], pick[3])
    return result


def score(gold: list[dict], quotes_json: dict) -> dict:
    aligned = align(gold, quotes_json)
    tracked_gold = [i for i, e in enumerate(gold) if e["speaker"] in TRACKED]
    # attribution
    predicted_tracked = sum(
        1 for quote in quotes_json["quotes"] if quote["speaker"] in TRACKED for _ in quote["occurrences"]
    )
    correct = [i for i in tracked_gold if i in aligned and aligned[i][1] == gold[i]["speaker"]]
    wrong = [(gold[i], aligned.get(i)) for i in range(len(gold)) if i in aligned and aligned[i][1] in TRACKED and aligned[i][1] != gold[i]["speaker"]]
    missed = [gold[i] for i in tracked_gold if i not in correct]
    # links
    gold_links = {
        frozenset((a, b)) for a, b in itertools.combinations(tracked_gold, 2)
        if gold[a]["quote"] == gold[b]["quote"] and gold[a]["article"] != gold[b]["article"]
    }
    by_quote: dict[str, list[int]] = {}
    for i, (_article, speaker, quote_id) in aligned.items():
        if speaker in TRACKED:
            by_quote.setdefault(quote_id, []).append(i)
    predicted_links = set()
    unknown_links = 0  # linked pairs involving occurrences the gold file does not list
    for quote in quotes_json["quotes"]:
        if quote["speaker"] not in TRACKED:
            continue
        members = by_quote.get(quote["id"], [])
        for a, b in itertools.combinations(members, 2):
            if gold[a]["article"] != gold[b]["article"]:
                predicted_links.add(frozenset((a, b)))
        all_pairs = sum(1 for x, y in itertools.combinations([o["article"] for o in quote["occurrences"]], 2) if x != y)
        listed_pairs = sum(1 for a, b in itertools.combinations(members, 2) if gold[a]["article"] != gold[b]["article"])
        unknown_links += all_pairs - listed_pairs
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
            f"{gold[a]['quote']}: {gold[a]['article']} — {gold[b]['article']}"
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
