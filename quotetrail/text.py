"""Small text helpers shared by several stages."""
from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import unicodedata

from anyascii import anyascii

_NON_SLUG = re.compile(r"[^a-z0-9]+")
ID_LENGTH = 80  # an id made from a name is cut to this, with a digest of the whole name
# Names Windows reserves for devices: a site with such a file cannot be checked out there.
WINDOWS_RESERVED = frozenset({"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10))})


def without_accents(text: str) -> str:
    """The letters without their accents: "Élysée" → "Elysee" (case kept)."""
    if text.isascii():  # most words: nothing to take off (NFKD leaves ASCII as it is)
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def slugify(value: str, max_words: int | None = None) -> str:
    """ASCII, lower-case, hyphen-separated; stable across platforms. Any
    script is transliterated (anyascii: 新华社 → xinhuashe), not dropped."""
    ascii_value = anyascii(value.replace("'", "").replace("\u2019", ""))
    words = [w for w in _NON_SLUG.split(ascii_value.lower()) if w]
    if max_words is not None:
        words = words[:max_words]
    return "-".join(words)


def identifier(name: str) -> str:
    """A file-safe id for a name as written: its slug, cut at a word to
    ID_LENGTH with a digest of the whole name when longer, or a digest alone
    when the name has nothing to transliterate."""
    slug = slugify(name)
    mark = hashlib.blake2b(name.encode("utf-8"), digest_size=4).hexdigest()
    if not slug:
        return f"id-{mark}"
    if slug in WINDOWS_RESERVED:
        return f"{slug}-{mark}"
    if len(slug) <= ID_LENGTH:
        return slug
    return f"{slug[:ID_LENGTH].rsplit('-', 1)[0]}-{mark}"


def script_safe(json_text: str) -> str:
    """JSON text with ``<``, ``>`` and ``&`` escaped: inert inside a <script> block."""
    return json_text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


# one encoder for every record and page; what it encodes is made of fresh
# dicts and lists, never cyclic: it need not keep track of them to find out
_ENCODE = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode


def json_record(value) -> str:
    """JSON on one line, inert even inside a <script> block: a record as
    ``json_records`` writes it, or a page's JSON-LD."""
    return script_safe(_ENCODE(value))


def json_records(data: dict, written: dict | None = None) -> list[bytes]:
    """A JSON object, as UTF-8 pieces to write one after the other (joining
    them would copy megabytes), whose lists put one record per line: encoded
    by the json module's C encoder (indenting would use its slow pure-Python
    one), still readable, and a diff shows which records changed. Each piece
    is ``json_record``'s text, so script-safe. ``written``: key → that list's
    records already written (as UTF-8)."""
    pieces = [b"{\n"]
    for n, (key, value) in enumerate(data.items()):
        if n:
            pieces.append(b",\n")
        records = (written or {}).get(key)
        if records is None and isinstance(value, list):
            records = [json_record(record).encode() for record in value]
        if records is None:
            pieces.append(f"{json_record(key)}: {json_record(value)}".encode())
        elif not records:
            pieces.append(f"{json_record(key)}: []".encode())
        else:
            pieces.append(f"{json_record(key)}: [\n".encode())
            for record in records:
                pieces += (record, b",\n")
            pieces[-1] = b"\n]"
    pieces.append(b"\n}")
    return pieces


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(cell: str) -> str:
    """A CSV cell a spreadsheet will not run as a formula: one that starts
    like a formula gets an apostrophe in front."""
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def csv_text(rows) -> str:
    """Rows as CSV text (the csv module's excel dialect: minimal quoting, CRLF)."""
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue()


def alternation(words) -> str:
    """A regex matching any of ``words``, shared prefixes factored out
    ("sa(?:id|ys?)"): Python's re tries the branches of a flat alternation one
    by one at every position, a prefix tree only the branches that can match.
    Where several words match at one place, the longest wins, as with a flat
    alternation sorted longest first."""
    tree: dict = {}
    for word in set(words):
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here

    def pattern(node: dict) -> str:
        branches = [re.escape(ch) + pattern(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        group = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:  # a word may end here: the longer ones are tried first (greedy)
            group = (group if len(branches) > 1 else "(?:" + group + ")") + "?"
        return group

    return pattern(tree)
