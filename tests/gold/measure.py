#!/usr/bin/env python3
"""Measure quotetrail against the hand-read gold files; it measures, it never fails (exit 0).

    .venv/bin/python tests/gold/measure.py [--event NAME|seeds] [--details] [--json]

Each event (tests/gold/dev/*, and the seeds: content/ + seeds.yaml) is built
from scratch into a temporary folder and its quotes.json scored. Gold entries
are aligned to occurrences of the same article as in evaluate.py (normalised
text equal, else starting with the gold text, else the start of it when the
extractor split the quotation; longest gold first; each occurrence used once).
The figures are defined in docs/measuring.md."""
from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import re
import sys
import tempfile
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import yaml

GOLD_DIR = Path(__file__).resolve().parent
ROOT = GOLD_DIR.parent.parent
HELD_OUT = "held-out"  # measured, never tuned on: its misses are not listed unless asked for by name
SETS = {"dev": GOLD_DIR / "dev", HELD_OUT: GOLD_DIR / "heldout"}
SEEDS = "seeds"
NOT_FOUND = "(not extracted)"
MIN_INSIDE = 20  # characters of a gold paragraph looked for inside a longer quotation (shorter may recur)
APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "‛": "'", "ʼ": "'", "“": '"', "”": '"', "„": '"', "‟": '"',
                             "«": '"', "»": '"', "‹": '"', "›": '"', "–": "-", "—": "-"})
EDGE_CHARACTERS = " \"'.,;:!?-()[]"
# Heuristic list for the "other speakers" report: countries, capitals and
# demonyms (en/fr/es/de/nl) of the events measured so far, plus words that are
# never a speaker's name (pronouns, articles, conjunctions, weekdays).
PLACE_WORDS = frozenset("""
russia russian russians russe russes russie rusia ruso rusa rusos russland russisch russische russischer rusland
china chinese chine chinois chinoise chino china's chinesisch chinesische chinees france french français française
francia francés francesa frankreich französisch frankrijk frans franse ukraine ukrainian ukrainien ucrania ucraniano
ukrainisch oekraïne oekraïens oekraïense belarus belarusian biélorussie bielorrusia weißrussland belarussisch
belarussische wit-rusland wit-russische america american americans amérique américain américaine estadounidense
amerika amerikanisch amerikaans amerikaanse us u.s u.s.a usa uk u.k eu états-unis etats-unis estados unidos
vereinigte staaten verenigde staten germany german allemagne allemand alemania alemán deutschland deutsch deutsche
duitsland duits duitse britain british britannique bretaña británico großbritannien britisch brits britse europe
european européen européenne europa europeo europea europäisch europäische europees europese taiwan taïwan taiwanese
taïwanais taiwanés taiwanesisch taiwanees moscow moscou moscú moskau moskou beijing pékin pekín peking paris parís
parijs kyiv kiev kiew washington berlin berlín london londres londen minsk madrid amsterdam brussels bruxelles
bruselas brüssel brussel rostov rostow guangzhou canton taipei taipeh
""".split())
FUNCTION_WORDS = frozenset("""
i he she it we they you the a an and but or so then also this that there his her their je il elle on nous vous ils
elles le la les un une des et mais donc puis ce cette yo él ella nosotros ellos el los las una unos y pero entonces
ich er sie es wir ihr der die das ein eine und aber dann weiter auch dies ik hij zij ze wij we jij het de een en
maar dan ook dit er monday tuesday wednesday thursday friday saturday sunday lundi mardi mercredi jeudi vendredi
samedi dimanche lunes martes miércoles jueves viernes sábado domingo montag dienstag mittwoch donnerstag freitag
samstag sonntag maandag dinsdag woensdag donderdag vrijdag zaterdag zondag
""".split())
RATIOS = {  # section → ratio → (numerator, denominator); pooling sums the counts and recomputes these
    "attribution": {"precision": ("right", "predictions"), "recall": ("found", "gold_tracked")},
    "other_speakers": {"share": ("flagged", "names")},
    "links": {"recall_macro": ("share_sum", "statements"), "recall_weighted": ("linked_articles", "statement_articles"),
              "recall_same_language": ("linked_same_language", "same_language_articles"),
              "purity": ("pure", "printings")},
    "families": {"precision": ("common", "predicted_pairs"), "recall": ("common", "gold_pairs")},
}
# "Gangthe" (a capitalised word with a short word glued on) or "saidPutin" (lowercase glued to a capital);
# not the endings of common given names ("Alexander", "Roland", "Charles", "Carlos", "Nicolas")
GLUED_WORD = re.compile(r"^[A-ZÀ-Þ][a-zà-ÿ]{2,}(?:the|die|das|und|het|een|del)$"
                        r"|^[a-zà-ÿ]+[A-ZÀ-Þ]")


@dataclass(frozen=True)
class GoldEntry:
    article: str
    text: str
    speaker: str | None
    statements: tuple[str, ...]


@dataclass(frozen=True)
class Occurrence:
    article: str
    texts: tuple[str, ...]  # normalised `text` (and `quotation`, when quotes.json has it)
    speaker: str | None
    quote_id: str
    printed: str
    index: int  # position among all occurrences of quotes.json
    anchor: str = ""  # the printed quotation's, in its article (its statements share it)


@dataclass(frozen=True)
class Event:
    name: str
    content_dir: Path
    gold: tuple[GoldEntry, ...]
    tracked: frozenset[str]
    families: tuple[frozenset[str], ...] | None  # None: no families.yaml
    group: str = SEEDS  # "dev", "held-out" or the seeds
    languages: dict | None = None  # article slug → its front matter's language (else the site's)


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "").translate(APOSTROPHES)
    return " ".join(text.split()).strip(EDGE_CHARACTERS).casefold()


def read_yaml(path: Path, default=None):
    return (yaml.safe_load(path.read_text(encoding="utf-8")) or default) if path.is_file() else None


def tracked_ids(speakers_yaml: Path) -> frozenset[str]:
    return frozenset(s["id"] for s in read_yaml(speakers_yaml, []) if s.get("tracked", True) is not False)


def load_gold(path: Path, tracked: frozenset[str]) -> tuple[GoldEntry, ...]:
    """Both gold formats: `statements: [...]` (dev) and `quote: key` (seeds.yaml)."""
    entries = []
    for article, items in ((a, items) for a, items in read_yaml(path, {}).items() if not a.startswith("_")):
        for item in items or []:
            statements = item.get("statements")
            if statements is None:
                statements = [item["quote"]] if item.get("quote") and item.get("speaker") in tracked else []
            entries.append(GoldEntry(article, str(item["text"]), item.get("speaker"), tuple(statements)))
    return tuple(entries)


def article_languages(content_dir: Path) -> dict[str, str]:
    """Each article file's language: its front matter's `language`, else site.yaml's, else English."""
    site = read_yaml(content_dir / "site.yaml", {}) or {}
    languages = {}
    for path in sorted((content_dir / "articles").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        meta = yaml.safe_load(text.split("---", 2)[1]) if text.startswith("---") else {}
        languages[str((meta or {}).get("slug") or path.stem)] = str((meta or {}).get("language")
                                                                    or site.get("language") or "en")
    return languages


def load_events() -> list[Event]:
    events = []
    for group, folder_of_events in SETS.items():
        if not folder_of_events.is_dir():
            continue
        for folder in sorted(p for p in folder_of_events.iterdir() if (p / "gold.yaml").is_file()):
            try:
                tracked = tracked_ids(folder / "content" / "speakers.yaml")
                families = read_yaml(folder / "families.yaml", [])
                events.append(Event(folder.name, folder / "content", load_gold(folder / "gold.yaml", tracked), tracked,
                                    None if families is None else tuple(frozenset(f["articles"]) for f in families),
                                    group, article_languages(folder / "content")))
            except (OSError, yaml.YAMLError, KeyError, TypeError) as error:  # one broken event: the rest are measured
                print(f"{folder.name}: not measured, its files do not read: {error}", file=sys.stderr)
    tracked = tracked_ids(ROOT / "content" / "speakers.yaml")
    events.append(Event(SEEDS, ROOT / "content", load_gold(GOLD_DIR / "seeds.yaml", tracked), tracked, None,
                        SEEDS, article_languages(ROOT / "content")))
    return events


def build_quotes_json(content_dir: Path) -> dict:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from quotetrail.pipeline import build

    with tempfile.TemporaryDirectory() as tmp, contextlib.redirect_stdout(sys.stderr):
        build(content_dir, Path(tmp) / "site", search=False, templates_dir=ROOT / "templates")
        return json.loads((Path(tmp) / "site" / "quotes.json").read_text(encoding="utf-8"))


def occurrences_of(quotes_json: dict) -> list[Occurrence]:
    found = []
    for quote in quotes_json.get("quotes", []):
        for occ in quote.get("occurrences", []):
            texts = tuple(dict.fromkeys(normalise(t) for t in (occ.get("text"), occ.get("quotation")) if t))
            found.append(Occurrence(occ["article"], texts, quote.get("speaker"), quote["id"], occ.get("text", ""),
                                    len(found), occ.get("anchor", "")))
    return found


def _starts(longer: str, start: str) -> bool:
    return longer.startswith(start) and (len(longer) == len(start) or not longer[len(start)].isalnum())


def align(gold: tuple[GoldEntry, ...], quotes_json: dict) -> dict[int, Occurrence]:
    """gold index → the occurrence it was printed as (equal, else longer, else a split-off start)."""
    found, aligned = occurrences_of(quotes_json), {}
    for i in sorted(range(len(gold)), key=lambda i: (-len(normalise(gold[i].text)), i)):
        want, used = normalise(gold[i].text), {occ.index for occ in aligned.values()}
        free = [occ for occ in found if occ.article == gold[i].article and occ.index not in used]
        exact = sorted((occ for occ in free if want in occ.texts), key=lambda occ: occ.texts[0] != want)
        # the statement that opens with the gold text before another statement of the same quotation
        longer = sorted((occ for occ in free if any(_starts(t, want) for t in occ.texts)),
                        key=lambda occ: (not _starts(occ.texts[0], want), min(len(t) for t in occ.texts)))
        split = sorted((occ for occ in free if any(_starts(want, t) and 2 * len(t) >= len(want) for t in occ.texts)),
                       key=lambda occ: -max(len(t) for t in occ.texts))  # the extractor cut the quotation short
        match = exact or longer or split
        if not match and len(want) >= MIN_INSIDE:
            # a later paragraph of a quotation printed over several (the gold has one entry a paragraph):
            # the statement of the whole quotation that the paragraph opens with
            match = [occ for occ in free if len(occ.texts) > 1 and want in occ.texts[-1]
                     and not occ.texts[-1].startswith(want) and _starts(want, occ.texts[0])]
        if match:
            aligned[i] = match[0]
    return aligned


def ratio(part: float, whole: float) -> float | None:
    return part / whole if whole else None


def with_ratios(section: str, counts: dict) -> dict:
    return {**counts, **{name: ratio(counts[a], counts[b]) for name, (a, b) in RATIOS[section].items()}}


def score_attribution(gold, aligned, tracked, quotes_json) -> tuple[dict, dict]:
    predictions = [i for i, occ in aligned.items() if occ.speaker in tracked]
    right = [i for i in predictions if gold[i].speaker == aligned[i].speaker]
    wanted = [i for i, entry in enumerate(gold) if entry.speaker in tracked]
    found = [i for i in wanted if i in aligned and aligned[i].speaker == gold[i].speaker]
    unaligned = [i for i in range(len(gold)) if i not in aligned]
    used = {occ.index for occ in aligned.values()}
    # printed, but not in the gold (the other statements of an aligned quotation are part of it)
    quotations = {(occ.article, occ.anchor) for occ in aligned.values() if occ.anchor}
    extra = [occ for occ in occurrences_of(quotes_json)
             if occ.index not in used and (occ.article, occ.anchor) not in quotations]
    figures = with_ratios("attribution", {
        "right": len(right), "predictions": len(predictions), "found": len(found), "gold_tracked": len(wanted),
        "not_extracted": len(unaligned), "gold_quotations": len(gold),
        "not_extracted_tracked": sum(1 for i in unaligned if gold[i].speaker in tracked),
        "extra": len(extra), "extra_tracked": sum(1 for occ in extra if occ.speaker in tracked)})
    row = lambda i, got: {"article": gold[i].article, "text": gold[i].text, "expected": gold[i].speaker, "got": got}
    got = lambda i: aligned[i].speaker if i in aligned else NOT_FOUND
    details = {"recall_misses": [row(i, got(i)) for i in wanted if i not in found],
               "wrong_predictions": [row(i, aligned[i].speaker) for i in predictions if i not in right],
               "not_extracted": [row(i, NOT_FOUND) for i in unaligned],
               "extra": [{"article": o.article, "text": o.printed, "expected": "(not in gold)", "got": o.speaker}
                         for o in extra]}
    return figures, details


def flag_name(name: str) -> str | None:
    words = [w.strip(".'’,") for w in re.split(r"\s+", name.strip()) if w.strip(".'’,")]
    folded = [w.casefold() for w in words]
    if folded and all(w in PLACE_WORDS for w in folded):
        return "place/nationality"
    if folded and all(w in FUNCTION_WORDS or w in PLACE_WORDS for w in folded):
        return "fragment"
    if any(GLUED_WORD.search(w) for w in words):
        return "glued words"
    return None


def score_other_speakers(quotes_json: dict, tracked: frozenset[str]) -> tuple[dict, dict]:
    """Heuristic: names under untracked speakers that look like places, nationalities or fragments."""
    names = {s["id"]: s.get("name") or s["id"] for s in quotes_json.get("speakers", [])}
    uses = Counter()
    for quote in quotes_json.get("quotes", []):
        if quote.get("speaker") and quote["speaker"] not in tracked:
            uses[quote["speaker"]] += len(quote.get("occurrences", []))
    listed = sorted(((names.get(sid, sid), sid, flag_name(names.get(sid, sid)), n) for sid, n in uses.items()),
                    key=lambda r: r[0].casefold())
    flagged = [r for r in listed if r[2]]
    figures = with_ratios("other_speakers", {"names": len(listed), "flagged": len(flagged),
                                             "flagged_occurrences": sum(r[3] for r in flagged)})
    figures["flagged_names"] = [name for name, *_ in flagged]
    details = {"names": [{"name": name, "id": sid, "flag": flag, "occurrences": n} for name, sid, flag, n in listed]}
    return figures, details


def score_links(gold, aligned, occurrences=(), languages=None) -> tuple[dict, dict]:
    """``occurrences``: every occurrence of quotes.json; a gold quotation of
    several statements reaches each entry one of its statements is in.
    ``languages`` (slug → language) adds link recall within one language:
    the same statement printed in two languages is two translations, which
    no wording can match."""
    printed: dict[str, set[str]] = defaultdict(set)
    for entry in gold:
        for key in entry.statements:
            printed[key].add(entry.article)
    entries_of: dict[tuple[str, str], set[str]] = defaultdict(set)  # (article, anchor) → its statements' entries
    for occ in occurrences:
        if occ.anchor:
            entries_of[(occ.article, occ.anchor)].add(occ.quote_id)
    carried: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))  # key → quote id → articles
    keys_by_quote: dict[str, Counter] = defaultdict(Counter)
    for i, occ in aligned.items():
        for key in gold[i].statements:
            for quote_id in entries_of.get((occ.article, occ.anchor)) or {occ.quote_id}:
                carried[key][quote_id].add(gold[i].article)
        keys_by_quote[occ.quote_id].update(gold[i].statements)
    rows = []
    for key in sorted(k for k, articles in printed.items() if len(articles) >= 2):
        best_id, best = min(carried[key].items(), key=lambda kv: (-len(kv[1]), kv[0]), default=(None, set()))
        reached = set().union(*carried[key].values()) if carried[key] else set()
        rows.append({"key": key, "articles": len(printed[key]), "best": len(best), "best_entry": best_id,
                     "entries": {qid: sorted(a) for qid, a in sorted(carried[key].items())},
                     "not_aligned": sorted(printed[key] - reached)})
    same_language = []  # (key, language, articles printing it in that language, most of them in one entry)
    for key in sorted(printed):
        by_language: dict[str, set[str]] = defaultdict(set)
        for article in printed[key]:
            by_language[(languages or {}).get(article, "")].add(article)
        for language, articles in sorted(by_language.items()):
            if len(articles) >= 2:
                best = max((len(a & articles) for a in carried[key].values()), default=0)
                same_language.append((key, language, len(articles), best))
    majority = {qid: min(c.items(), key=lambda kv: (-kv[1], kv[0]))[0] for qid, c in keys_by_quote.items() if c}
    printings = sorted(i for i in aligned if gold[i].statements)
    impure = [i for i in printings if majority[aligned[i].quote_id] not in gold[i].statements]
    figures = with_ratios("links", {
        "statements": len(rows), "share_sum": sum(r["best"] / r["articles"] for r in rows),
        "linked_articles": sum(r["best"] for r in rows), "statement_articles": sum(r["articles"] for r in rows),
        "linked_same_language": sum(best for *_, best in same_language),
        "same_language_articles": sum(n for _, _, n, _ in same_language),
        "printings": len(printings), "pure": len(printings) - len(impure)})
    details = {"recall_misses": [r for r in rows if r["best"] < r["articles"]],
               "impure": [{"article": gold[i].article, "text": gold[i].text, "keys": list(gold[i].statements),
                           "entry": aligned[i].quote_id, "entry_majority": majority[aligned[i].quote_id]}
                          for i in impure]}
    return figures, details


def predicted_families(quotes_json: dict) -> dict[str, str] | None:
    """article slug → predicted family; None when quotes.json has neither `family` per article nor `families`."""
    label = lambda family, default: str(family.get("id", family.get("name", default))
                                        if isinstance(family, dict) else default)
    articles = quotes_json.get("articles") or []
    if any("family" in a for a in articles):
        return {a["slug"]: label(a["family"], a["family"]) for a in articles if a.get("family") is not None}
    if "families" not in quotes_json:
        return None
    return {(m.get("slug") if isinstance(m, dict) else m): label(family, n)
            for n, family in enumerate(quotes_json["families"] or [])
            for m in (family.get("articles", []) if isinstance(family, dict) else family)}


def score_families(quotes_json: dict, gold_families: tuple[frozenset[str], ...] | None) -> tuple[dict | None, dict]:
    predicted = predicted_families(quotes_json)
    if predicted is None or gold_families is None:
        return None, {}
    gold_of = {slug: n for n, members in enumerate(gold_families) for slug in members}
    slugs = sorted({a["slug"] for a in quotes_json.get("articles", [])} | set(gold_of) | set(predicted))
    pairs = lambda group: {(a, b) for a, b in itertools.combinations(slugs, 2)
                           if group.get(a) is not None and group.get(a) == group.get(b)}
    want, got = pairs(gold_of), pairs(predicted)
    figures = with_ratios("families", {"gold_pairs": len(want), "predicted_pairs": len(got), "common": len(want & got)})
    return figures, {"missed_pairs": sorted(want - got), "wrong_pairs": sorted(got - want)}


def score_event(gold, quotes_json: dict, tracked: frozenset[str], gold_families=None, languages=None) -> dict:
    """All figures for one event; the scorer the tests call with hand-made inputs."""
    aligned = align(gold, quotes_json)
    attribution, attribution_details = score_attribution(gold, aligned, tracked, quotes_json)
    others, other_details = score_other_speakers(quotes_json, tracked)
    links, link_details = score_links(gold, aligned, occurrences_of(quotes_json), languages)
    families, family_details = score_families(quotes_json, gold_families)
    return {"attribution": attribution, "other_speakers": others, "links": links, "families": families,
            "details": {"attribution": attribution_details, "other_speakers": other_details,
                        "links": link_details, "families": family_details}}


def pool(results: list[dict]) -> dict:
    """Sum the counts of several events and recompute the ratios (macro link recall over all their statements)."""
    pooled = {}
    for section, ratios in RATIOS.items():
        parts = [r[section] for r in results if r.get(section)]
        counts = {key: sum(p[key] for p in parts) for key, value in (parts[0].items() if parts else ())
                  if isinstance(value, (int, float)) and key not in ratios}
        pooled[section] = with_ratios(section, counts) if parts else None
    if pooled["other_speakers"]:
        names = {name for r in results for name in r["other_speakers"]["flagged_names"]}
        pooled["other_speakers"]["flagged_names"] = sorted(names, key=str.casefold)
    return pooled


TABLE_ROWS = (  # label, section, template over that section's figures (ratios shown with 3 decimals)
    ("attribution precision", "attribution", "{precision} ({right}/{predictions})"),
    ("attribution recall", "attribution", "{recall} ({found}/{gold_tracked})"),
    ("gold not extracted (all)", "attribution", "{not_extracted} of {gold_quotations}"),
    ("gold not extracted (tracked)", "attribution", "{not_extracted_tracked} of {gold_tracked}"),
    ("printed, not in gold (tracked)", "attribution", "{extra} ({extra_tracked})"),
    ("other speakers flagged*", "other_speakers", "{share} ({flagged}/{names})"),
    ("link recall, macro", "links", "{recall_macro} ({statements} st.)"),
    ("link recall, by articles", "links", "{recall_weighted} ({linked_articles}/{statement_articles})"),
    ("link recall, same language", "links", "{recall_same_language} ({linked_same_language}/{same_language_articles})"),
    ("link purity", "links", "{purity} ({pure}/{printings})"),
    ("family pairs precision", "families", "{precision} ({common}/{predicted_pairs})"),
    ("family pairs recall", "families", "{recall} ({common}/{gold_pairs})"),
)


def format_table(columns: dict[str, dict], hidden=frozenset()) -> str:
    """The figures, one column per event; the names flagged in `hidden` columns are left out."""
    width = max(24, *(len(name) + 2 for name in columns))
    shown = lambda v: "n/a" if v is None else f"{v:.3f}" if isinstance(v, float) else v
    lines = ["figure".ljust(30) + "".join(name.rjust(width) for name in columns)]
    for label, section, template in TABLE_ROWS:
        cells = [template.format(**{k: shown(v) for k, v in r[section].items()}) if r.get(section) else "n/a"
                 for r in columns.values()]
        lines.append(label.ljust(30) + "".join(c.rjust(width) for c in cells))
    lines.append("* heuristic: untracked speaker names that look like places, nationalities or fragments")
    for name, result in columns.items():
        if "error" in result:
            lines.append(f"{name}: build failed: {result['error']}")
        elif result["other_speakers"]["flagged_names"] and name not in hidden:
            lines.append(f"flagged in {name}: {', '.join(result['other_speakers']['flagged_names'])}")
    return "\n".join(lines)


def format_details(name: str, details: dict) -> str:
    lines = [f"\n== {name}"]
    attribution = details["attribution"]
    for title, rows in (("attribution recall misses", attribution["recall_misses"]),
                        ("attribution wrong predictions", attribution["wrong_predictions"]),
                        ("printed quotations not in the gold", attribution["extra"]),
                        ("gold quotations not extracted", attribution["not_extracted"])):
        lines.append(f"-- {title} ({len(rows)})")
        lines += [f"  {r['article']}: {r['text']!r} expected={r['expected']} got={r['got']}" for r in rows]
    misses = details["links"]["recall_misses"]
    lines.append(f"-- link recall misses ({len(misses)})")
    for r in misses:
        entries = "; ".join(f"{qid}: {', '.join(a)}" for qid, a in r["entries"].items())
        lines.append(f"  {r['key']}: best {r['best']}/{r['articles']} articles | entries: {entries or '-'}"
                     + (f" | not aligned: {', '.join(r['not_aligned'])}" if r["not_aligned"] else ""))
    impure = details["links"]["impure"]
    lines.append(f"-- link purity misses ({len(impure)})")
    lines += [f"  {r['article']}: {r['text']!r} keys={r['keys']} entry={r['entry']} (majority {r['entry_majority']})"
              for r in impure]
    names = details["other_speakers"]["names"]
    lines.append(f"-- other speakers ({len(names)})")
    lines += [f"  {r['name']} [{r['id']}] x{r['occurrences']}" + (f"  <- {r['flag']}" if r["flag"] else "")
              for r in names]
    for title in ("missed_pairs", "wrong_pairs"):
        pairs = details["families"].get(title)
        if pairs is not None:
            lines.append(f"-- family {title.replace('_', ' ')} ({len(pairs)})")
            lines += [f"  {a} ~ {b}" for a, b in pairs]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Measure quotetrail against the gold files (always exits 0).")
    parser.add_argument("--event", help="an event folder name (dev or held-out), or 'seeds'")
    parser.add_argument("--json", action="store_true", help="print all figures as one JSON object")
    parser.add_argument("--details", action="store_true",
                        help="list every miss (of held-out events only when --event names one)")
    args = parser.parse_args(argv)
    events = [e for e in load_events() if args.event in (None, e.name)]
    if not events:
        print(f"no event named {args.event!r}", file=sys.stderr)
        return 0
    results = {}
    for event in events:
        try:
            results[event.name] = score_event(event.gold, build_quotes_json(event.content_dir), event.tracked,
                                              event.families, event.languages)
        except Exception as error:  # a broken build is reported, not raised: this script measures
            results[event.name] = {"error": f"{type(error).__name__}: {error}"}
    columns = {}
    for group in SETS:
        members = {e.name: results[e.name] for e in events if e.group == group}
        columns.update(members)
        scored = [r for r in members.values() if "error" not in r]
        if len(scored) > 1:
            columns[f"{group} pooled"] = pool(scored)
    if SEEDS in results:
        columns[SEEDS] = results[SEEDS]
    # A held-out miss read while tuning would turn the held-out set into tuning data.
    hidden = {e.name for e in events if e.group == HELD_OUT and args.event != e.name} | {f"{HELD_OUT} pooled"}
    shown = lambda name: args.details and name not in hidden
    if args.json:
        strip = lambda name, r: r if shown(name) else {k: v for k, v in r.items() if k != "details"}
        print(json.dumps({name: strip(name, r) for name, r in columns.items()}, ensure_ascii=False, indent=1,
                         default=list))
        return 0
    print(format_table(columns, hidden))
    for name, result in results.items():
        if shown(name) and "details" in result:
            print(format_details(name, result["details"]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
