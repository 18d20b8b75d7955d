#!/usr/bin/env python3
"""Check that a hand-read gold folder is well formed before it is measured; prints no figures.

    .venv/bin/python tests/gold/check.py tests/gold/dev/EVENT [...]

A gold folder holds content/ (site.yaml, speakers.yaml, articles/*.md), gold.yaml,
families.yaml and SOURCES.md (docs/measuring.md). Checked: the content passes
`quotetrail check`; every article has a gold.yaml key (an empty list when it
quotes nobody) and every key is an article; each entry's text is found in its
article's body (after the normalisation measure.py aligns with); speakers are
speakers.yaml ids, `other:Name` or null; tracked speakers' entries give
`statements` (keys defined under `_statements`); families name existing articles,
each in one family at most. Exit 1 and one line per problem, naming the file."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import SETS, normalise, read_yaml, tracked_ids  # noqa: E402

GOLD_SETS = tuple(SETS.values())


def front_matter(text: str) -> tuple[dict, str]:
    """An article file's front matter and body (an unclosed front matter: all body, as quotetrail check reports)."""
    parts = text.split("---", 2) if text.startswith("---") else []
    if len(parts) < 3:
        return {}, text
    meta = yaml.safe_load(parts[1])
    return (meta if isinstance(meta, dict) else {}), parts[2]


def article_bodies(articles: Path) -> dict[str, str]:
    """Each article's body by its slug (front matter `slug`, else the file name), as quotetrail reads them."""
    bodies = {}
    for path in sorted(articles.rglob("*.md")):
        meta, body = front_matter(path.read_text(encoding="utf-8"))
        bodies[str(meta.get("slug") or path.stem)] = body
    return bodies


def found_in(text: str, body: str) -> bool:
    """A gold text in its article's normalised body; a short one as whole words ("No." is not in "Novak")."""
    if len(text) >= 12:
        return text in body
    return re.search(rf"(?<!\w){re.escape(text)}(?!\w)", body) is not None


def check_gold(folder: Path, bodies: dict[str, str], ids: set[str], tracked: frozenset[str]) -> list[str]:
    gold_path = folder / "gold.yaml"
    gold = read_yaml(gold_path, {})
    if not isinstance(gold, dict):
        return [f"{gold_path}: not a mapping of article slug → list of quotations"]
    statements = gold.get("_statements") or {}
    problems = [f"{gold_path}: article {slug!r} has no key (give it `{slug}: []` if it quotes nobody)"
                for slug in bodies if slug not in gold]
    normal_bodies = {slug: normalise(body) for slug, body in bodies.items()}
    for slug, items in gold.items():
        if slug.startswith("_"):
            continue
        where = f"{gold_path}: {slug}"
        if slug not in bodies:
            problems.append(f"{where}: no such article in content/articles")
            continue
        for number, item in enumerate(items or [], 1):
            if not isinstance(item, dict) or "text" not in item or "speaker" not in item:
                problems.append(f"{where} #{number}: needs `text` and `speaker`")
                continue
            text, speaker, keys = str(item["text"]), item["speaker"], item.get("statements") or []
            if not isinstance(keys, list):
                problems.append(f"{where} #{number}: `statements` must be a list of keys, not {keys!r}")
                keys = []
            if not found_in(normalise(text), normal_bodies[slug]):
                problems.append(f"{where} #{number}: text not found in the article body: {text[:60]!r}")
            if speaker is not None and speaker not in ids and not str(speaker).startswith("other:"):
                problems.append(f"{where} #{number}: speaker {speaker!r} is not a speakers.yaml id, other:Name or null")
            if speaker in tracked and "statements" not in item:  # `statements: []` says no sentence fits
                problems.append(f"{where} #{number}: tracked speaker {speaker!r} without `statements`")
            problems += [f"{where} #{number}: statement key {key!r} is not defined under _statements"
                         for key in keys if key not in statements]
    return problems


def check_families(folder: Path, bodies: dict[str, str]) -> list[str]:
    path = folder / "families.yaml"
    if not path.is_file():
        return [f"{path}: missing (an empty list `[]` when no articles share copy)"]
    problems, seen = [], set()
    for number, family in enumerate(read_yaml(path, []) or [], 1):
        if not isinstance(family, dict) or not isinstance(family.get("articles"), list):
            problems.append(f"{path}: family #{number} needs `articles`, a list of article slugs")
            continue
        for slug in family["articles"]:
            if slug not in bodies:
                problems.append(f"{path}: family {family.get('name')!r}: no such article {slug!r}")
            elif slug in seen:
                problems.append(f"{path}: {slug!r} is in more than one family")
            seen.add(slug)
    return problems


def _url(path: Path) -> str:
    """An article's url without scheme and ``www.`` (the same page stored twice)."""
    meta, _ = front_matter(path.read_text(encoding="utf-8"))
    url = str(meta.get("url") or "")
    return re.sub(r"^https?://(?:www\.)?", "", url).rstrip("/")


def check_duplicates(folder: Path) -> list[str]:
    """Articles another gold folder already holds: an event read twice is no unseen coverage."""
    others = {}
    for other in sorted(p for p in GOLD_SETS if p.is_dir()):
        for event in sorted(e for e in other.iterdir() if e.is_dir() and e.resolve() != folder.resolve()):
            for path in (event / "content" / "articles").rglob("*.md"):
                url = _url(path)
                if url:
                    others.setdefault(url, event.name)
    problems, seen = [], {}
    for path in sorted((folder / "content" / "articles").rglob("*.md")):
        url = _url(path)
        if url in others:
            problems.append(f"{path}: its url is already in {others[url]}")
        elif url and url in seen:
            problems.append(f"{path}: its url is also {seen[url].name}'s")
        seen.setdefault(url, path)
    return problems


def check_folder(folder: Path) -> list[str]:
    content = folder / "content"
    run = subprocess.run([sys.executable, "-m", "quotetrail", "check", "--content", str(content)],
                         capture_output=True, text=True)
    problems = [f"{content}: quotetrail check: {line}" for line in (run.stdout + run.stderr).splitlines()
                if run.returncode and line.strip()]
    if not (folder / "SOURCES.md").is_file():
        problems.append(f"{folder / 'SOURCES.md'}: missing (where each article came from)")
    try:
        speakers = read_yaml(content / "speakers.yaml", []) or []
        bodies = article_bodies(content / "articles")
        ids = {speaker["id"] for speaker in speakers}
        problems += check_gold(folder, bodies, ids, tracked_ids(content / "speakers.yaml"))
        problems += check_families(folder, bodies)
        problems += check_duplicates(folder)
    except (OSError, yaml.YAMLError, KeyError, TypeError, AttributeError) as error:
        problems.append(f"{folder}: {type(error).__name__}: {error}")
    return problems


def main(folders: list[str]) -> int:
    if not folders:
        print(__doc__.splitlines()[2].strip(), file=sys.stderr)
        return 2
    problems = [line for folder in folders for line in check_folder(Path(folder))]
    print("\n".join(problems) or f"{len(folders)} gold folder(s) well formed")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
