"""Site settings and the speaker registry, read from the content folder."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import Problem
from .files import YAMLProblem, parse_yaml, read_content_file
from .model import Speaker
from .text import ID_LENGTH, WINDOWS_RESERVED, slugify

SITE_FILE = "site.yaml"
SPEAKERS_FILE = "speakers.yaml"
# An absolute http(s) address, with nothing that could end a URL in markup (an apostrophe is
# an address's own character, escaped in markup as any text is).
HTTP_URL = re.compile(r"^https?://[^\s/\"'<>\\^`{|}]+(?:/[^\s\"<>\\^`{|}]*)?$", re.IGNORECASE)
BASE_URL_RULE = "must be an absolute http(s) address, such as https://USER.github.io/REPO/"
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class SiteConfig:
    title: str = "quotetrail"
    description: str = ""
    base_url: str = ""
    language: str = "en"


def _read_yaml(path: Path, rel: str, problems: list[Problem]):
    try:
        raw = read_content_file(path)
    except OSError as exc:
        problems.append(Problem(rel, f"cannot be read: {exc.strerror}"))
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problems.append(Problem(rel, f"is not valid UTF-8 (byte {exc.start})"))
        return None
    try:
        data, duplicates = parse_yaml(text, _LOADER)
    except YAMLProblem as exc:
        problems.append(Problem(rel, f"is not valid YAML: {exc}", line=exc.line + 1 if exc.line is not None else None))
        return None
    for key, line in duplicates:
        problems.append(Problem(rel, "is given twice; the last value is used", field=key, line=line + 1, severity="warning"))
    return data


def load_site_config(content_dir: Path, problems: list[Problem]) -> SiteConfig:
    path = content_dir / SITE_FILE
    if not path.exists():
        return SiteConfig()
    data = _read_yaml(path, SITE_FILE, problems)
    if data is None:
        return SiteConfig()
    if not isinstance(data, dict):
        problems.append(Problem(SITE_FILE, "must be a mapping of settings"))
        return SiteConfig()
    known = {"title", "description", "base_url", "language"}
    for key in sorted(set(data) - known):
        problems.append(Problem(SITE_FILE, f"unknown setting (known: {', '.join(sorted(known))})", field=str(key)))
    values = {}
    for key in known & set(data):
        value = data[key]
        if value is None:
            continue
        if not isinstance(value, str):
            problems.append(Problem(SITE_FILE, "must be text", field=key))
            continue
        values[key] = value.strip()
    if values.get("base_url") and not HTTP_URL.match(values["base_url"]):
        problems.append(Problem(SITE_FILE, f"{BASE_URL_RULE}, got {values['base_url']!r}", field="base_url"))
        del values["base_url"]
    return SiteConfig(**values)


def load_speakers(content_dir: Path, problems: list[Problem]) -> list[Speaker]:
    """The registry: tracked speakers, plus any untracked ones an editor lists
    (``tracked: false``) to give them aliases, e.g. an organisation's other names."""
    path = content_dir / SPEAKERS_FILE
    if not path.exists():
        problems.append(Problem(SPEAKERS_FILE, "is missing: list the tracked speakers (id, name, aliases)"))
        return []
    data = _read_yaml(path, SPEAKERS_FILE, problems)
    if data is None:
        return []
    if isinstance(data, dict) and "speakers" in data:
        data = data["speakers"]
    if not isinstance(data, list):
        problems.append(Problem(SPEAKERS_FILE, "must be a list of speakers"))
        return []
    speakers: list[Speaker] = []
    seen_ids: dict[str, int] = {}
    alias_owner: dict[str, str] = {}
    for n, entry in enumerate(data, start=1):
        where = f"speaker #{n}"
        if not isinstance(entry, dict):
            problems.append(Problem(SPEAKERS_FILE, "must be a mapping with id, name and aliases", field=where))
            continue
        sid, name = entry.get("id"), entry.get("name")
        if not isinstance(sid, str) or not sid.strip():
            problems.append(Problem(SPEAKERS_FILE, "is missing or empty", field=f"{where}.id"))
            continue
        sid = sid.strip()
        if slugify(sid) != sid:
            problems.append(Problem(SPEAKERS_FILE, f"{sid!r} must be lower-case letters, digits and hyphens", field=f"{where}.id"))
            continue
        if len(sid) > ID_LENGTH or sid in WINDOWS_RESERVED:
            problems.append(Problem(SPEAKERS_FILE, f"{sid!r} cannot name a page: use at most {ID_LENGTH} characters, "
                                    "and not a name Windows reserves (con, aux, nul, ...)", field=f"{where}.id"))
            continue
        if sid in seen_ids:
            problems.append(Problem(SPEAKERS_FILE, f"duplicate id {sid!r} (also speaker #{seen_ids[sid]})", field=f"{where}.id"))
            continue
        seen_ids[sid] = n
        if not isinstance(name, str) or not name.strip():
            problems.append(Problem(SPEAKERS_FILE, "is missing or empty", field=f"{sid}.name"))
            continue
        lists = {}
        for key in ("aliases", "roles", "descriptions"):
            value = entry.get(key) or []
            if not isinstance(value, list) or not all(isinstance(a, str) and a.strip() for a in value):
                problems.append(Problem(SPEAKERS_FILE, "must be a list of non-empty text", field=f"{sid}.{key}"))
                value = []
            lists[key] = tuple(a.strip() for a in value)
        kind = entry.get("kind", "person")
        if kind not in ("person", "organisation"):
            problems.append(Problem(SPEAKERS_FILE, "must be 'person' or 'organisation'", field=f"{sid}.kind"))
            kind = "person"
        pronoun = entry.get("pronoun")
        if pronoun is not None and pronoun not in ("he", "she", "they"):
            problems.append(Problem(SPEAKERS_FILE, "must be he, she or they", field=f"{sid}.pronoun"))
            pronoun = None
        tracked = entry.get("tracked", True)
        if not isinstance(tracked, bool):
            problems.append(Problem(SPEAKERS_FILE, "must be true or false", field=f"{sid}.tracked"))
            tracked = True
        for alias in (name.strip(),) + lists["aliases"]:
            key = alias.casefold()
            owner = alias_owner.get(key)
            if owner is not None and owner != sid:
                problems.append(Problem(SPEAKERS_FILE, f"alias {alias!r} is claimed by both {owner!r} and {sid!r}", field=f"{sid}.aliases"))
            alias_owner[key] = sid
        speakers.append(Speaker(id=sid, name=name.strip(), tracked=tracked, aliases=lists["aliases"], roles=lists["roles"],
                                kind=kind, pronoun=pronoun, descriptions=lists["descriptions"]))
    return speakers
