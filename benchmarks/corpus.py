#!/usr/bin/env python3
"""Deterministic benchmark corpus in quotetrail's content format.

    python benchmarks/corpus.py OUT_DIR --articles 10000 [--seed 1]

Many events; each event has quotations by several speakers (Xi Jinping,
Antony Blinken and Wang Yi among ~80); each quotation is carried by 1–40
outlets, printed with realistic variation: British or American spelling,
U.S./US, a word added or dropped, a fragment instead of the whole, and
attributed by name, title, pronoun ("he said") or role noun. One article in
ten has no quotations. Same arguments, same bytes.
"""
from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

WORDS = """
talks relationship communication military trade security tensions progress agreement issues policy
sanctions economy region cooperation competition conflict dialogue partners allies leaders officials
government ministry visit meeting summit future interests responsibility stability challenges concerns
interference markets investment technology exports climate health supply chains rights sovereignty
territory waters maritime channels exchanges commitments steps measures framework approach differences
""".split()
VERBS = """
manage reduce restore maintain build resolve address protect support expand limit avoid pursue
strengthen deepen improve continue respect reject oppose welcome discuss""".split()
SPELLING = [("stabilise", "stabilize"), ("defence", "defense"), ("prioritise", "prioritize"), ("behaviour", "behavior"),
            ("organisation", "organization"), ("recognise", "recognize"), ("favour", "favor"), ("centre", "center"),
            ("emphasise", "emphasize"), ("dialogue", "dialogue"), ("neighbours", "neighbors")]
# Narrative sentences: each event gets its own (its outlets share them, as wire copy
# is shared), with a slot (two words drawn for the event) every few words, so that two
# events share no run of four words, as real coverage of different events does not.
FILLER = [
    "The {a} meeting lasted about {n} minutes and {v} the {b} of {c} in the capital.",
    "Analysts said the {a} outcome would {v} {b} across the {c} region.",
    "Officials on both {a} sides {v} expectations on {b} before the {c} visit.",
    "The two {a} governments have {v} over {b} since the {c} dispute.",
    "A further {a} round of {b} talks could {v} {c} in coming months.",
    "Trade in {a} between the two {b} reached a {c} record despite {d} tensions.",
    "Several {a} officials who {v} on {b} condition described the {c} mood.",
]
LEAD = "{place} -- {a} officials met {day} to discuss {topic} after {b} meetings on {c} and {d}."
FIRST = "Maria James Chen Li Sofia Ahmed Elena Pavel Yuki Omar Grace Daniel Amara Lucas Ines Tomas Hana Ravi Noor Felix".split()
LAST = "Lopez Carter Wei Na Rossi Khan Petrova Novak Tanaka Haddad Okafor Silva Muller Zhang Ortiz Berg Kim Patel Costa Dubois".split()
TRACKED = [("Xi Jinping", "Xi", "Chinese President", "the president"), ("Antony Blinken", "Blinken", "Secretary of State", "the secretary of state"),
           ("Wang Yi", "Wang", "China's top diplomat", "China's top diplomat")]
OUTLET_NAMES = ["The Daily Ledger", "Morning Courier", "Evening Standard Post", "Global Wire", "City Herald", "Pacific Times",
                "The Observer Review", "National Tribune", "Harbour Gazette", "Capital Report", "Northern Echo News",
                "Southern Chronicle", "World Desk", "Metro Dispatch", "Union Bulletin", "Valley Press", "Coastal Mail",
                "Continental Journal", "Atlas News", "Meridian Post"]


def outlets(rng: random.Random, n: int = 60) -> list[tuple[str, bool]]:
    """(name, British style?) for n outlets."""
    out = []
    for i in range(n):
        base = OUTLET_NAMES[i % len(OUTLET_NAMES)]
        name = base if i < len(OUTLET_NAMES) else f"{base} {['Online', 'Weekly', 'Today'][i // len(OUTLET_NAMES) - 1]}"
        out.append((name, rng.random() < 0.35))
    return out


def speakers(rng: random.Random, n: int = 80) -> list[dict]:
    people = [{"name": full, "short": short, "title": title, "role": role, "tracked": True} for full, short, title, role in TRACKED]
    seen = {p["name"] for p in people}
    while len(people) < n:
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        if name in seen:
            continue
        seen.add(name)
        people.append({"name": name, "short": name.split()[1], "title": rng.choice(["Foreign Minister", "Senator", "analyst", "spokesperson"]),
                       "role": None, "tracked": False})
    return people


def sentence(rng: random.Random) -> list[str]:
    """A quotation as a list of words, with British spellings (varied later)."""
    words = []
    for _ in range(rng.randint(1, 3)):
        clause = ["We", rng.choice(["must", "will", "want to", "need to", "agreed to"]), rng.choice(VERBS), "the",
                  rng.choice(WORDS), "and", rng.choice(VERBS), rng.choice(["our", "the", "these"]), rng.choice(WORDS)]
        if rng.random() < 0.5:
            clause += [rng.choice(["to", "in order to"]), rng.choice([s[0] for s in SPELLING]), "the", rng.choice(WORDS)]
        if rng.random() < 0.3:
            clause += ["with", "the", rng.choice(["U.S.", "United States", "region"])]
        words += clause
        words[-1] += "."
    return words


def printed(rng: random.Random, words: list[str], british: bool) -> tuple[str, bool]:
    """An outlet's wording of a quotation: (text, is_fragment)."""
    words = list(words)
    if not british:
        words = [dict(SPELLING).get(w.rstrip("."), w.rstrip(".")) + ("." if w.endswith(".") else "") for w in words]
    words = [("US" if british else "U.S.") if w.rstrip(".") == "U.S." else w for w in words]
    roll = rng.random()
    if roll < 0.15 and len(words) > 8:  # a fragment
        start = rng.randint(1, len(words) - 6)
        return " ".join(words[start:start + rng.randint(3, 6)]).rstrip(".").lower(), True
    if roll < 0.30:  # a small edit
        k = rng.randint(1, len(words) - 2)
        words = words[:k] + ["the"] + words[k:] if rng.random() < 0.5 else words[:k] + words[k + 1:]
    return " ".join(words), False


def article_body(rng, event, quotes, people, british) -> str:
    paras = [event["lead"]]
    last_speaker = None
    for quote in quotes:
        person = people[quote["speaker"]]
        text, fragment = printed(rng, quote["words"], british)
        mr = "Mr " if british else ""
        style = rng.random()
        if fragment:
            paras.append(f"{mr}{person['short']} said the two sides would \"{text}\" after the talks.")
        elif last_speaker == quote["speaker"] and style < 0.5:
            paras.append(f"\"{text.rstrip('.')},\" he added.")
        elif style < 0.35:
            paras.append(f"\"{text.rstrip('.')},\" {mr}{person['short']} told reporters.")
        elif style < 0.6:
            paras.append(f"{person['title']} {person['name']} said: \"{text}\"")
        elif style < 0.8:
            paras.append(f"{person['name']} spoke after the session. \"{text.rstrip('.')},\" he said.")
        else:
            paras.append(f"According to {person['name']}, \"{text}\"")
        last_speaker = quote["speaker"]
        if rng.random() < 0.6:
            paras.append(rng.choice(event["filler"]).format(n=rng.randint(20, 200)))
    while len(paras) < 6:
        paras.append(rng.choice(event["filler"]).format(n=rng.randint(20, 200)))
    return "\n\n".join(paras) + "\n"


def generate(out: Path, articles: int, seed: int = 1) -> Path:
    rng = random.Random(seed)
    out = Path(out)
    if out.exists():
        shutil.rmtree(out)
    (out / "articles").mkdir(parents=True)
    people = speakers(rng)
    all_outlets = outlets(rng)
    speakers_yaml = ["- id: xi\n  name: Xi Jinping\n  aliases: [President Xi, Mr Xi, Xi]\n  roles: [president, Chinese president]",
                     "- id: blinken\n  name: Antony Blinken\n  aliases: [Mr Blinken, Blinken]\n  roles: [secretary of state]",
                     "- id: wang-yi\n  name: Wang Yi\n  aliases: [Mr Wang]\n  roles: [China's top diplomat]"]
    (out / "speakers.yaml").write_text("\n".join(speakers_yaml) + "\n", encoding="utf-8")
    (out / "site.yaml").write_text("title: Benchmark corpus\ndescription: Generated articles for benchmarks.\n", encoding="utf-8")
    n_events = max(1, articles // 25)
    made = 0
    for e in range(n_events):
        per_event = articles // n_events + (1 if e < articles % n_events else 0)
        event = {"place": rng.choice(["BEIJING", "WASHINGTON", "LONDON", "GENEVA", "TOKYO"]), "topic": f"{rng.choice(WORDS)} and {rng.choice(WORDS)}",
                 "day": rng.choice(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"])}
        slot = lambda: f"{rng.choice(WORDS)} {rng.choice(WORDS)}"  # noqa: E731 - two words an event draws
        event["filler"] = [f.format(n="{n}", a=slot(), b=slot(), c=slot(), d=slot(), v=rng.choice(VERBS)) for f in FILLER]
        event["lead"] = LEAD.format(place=event["place"], day=event["day"], topic=event["topic"], a=slot(), b=slot(),
                                    c=slot(), d=slot())
        main = rng.sample(range(3), k=rng.randint(1, 3)) + rng.sample(range(3, len(people)), k=rng.randint(2, 5))
        quotes = [{"speaker": rng.choice(main), "words": sentence(rng), "carry": min(per_event, rng.choice([1, 1, 2, 3, 5, 8, 13, 21, 40]))}
                  for _ in range(rng.randint(8, 20))]
        carriers = [rng.sample(range(per_event), k=q["carry"]) for q in quotes]
        for a in range(per_event):
            name, british = all_outlets[rng.randrange(len(all_outlets))]
            chosen = [] if rng.random() < 0.1 else [q for q, c in zip(quotes, carriers) if a in c][:8]
            day = 1 + (e * 7 + a) % 27
            body = article_body(rng, event, chosen, people, british)
            slug = f"e{e:05d}-a{a:03d}"
            front = (f"---\ntitle: \"{event['topic'].capitalize()}: report {a + 1} from {event['place'].title()}\"\n"
                     f"outlet: {name}\ndate: 2023-{1 + e % 12:02d}-{day:02d}\nurl: https://example.com/{slug}\n---\n\n")
            (out / "articles" / f"{slug}.md").write_text(front + body, encoding="utf-8")
            made += 1
    assert made == articles
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    generate(args.out, args.articles, args.seed)
    print(f"wrote {args.articles} articles to {args.out}")


if __name__ == "__main__":
    main()
