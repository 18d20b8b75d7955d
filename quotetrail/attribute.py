"""Stage 3 — attribute speakers: who said each quotation.

Reads an article the way a careful reader does, sentence by sentence, with
every quotation masked out so that cues are read only in the reporter's words.
What counts as a cue, a title, a pronoun or a place comes from the article's
language profile (``quotetrail/languages/<code>.yaml``); this module knows no
language of its own. For each speech verb it finds the subject of its clause:

* before the verb (``Blinken said``, ``Der Kremlchef sagte``), past
  auxiliaries and adverbs (``a également déclaré``);
* after it, right after a quotation or in a verb-second clause
  (``"...," said Henry Wang``, ``», a-t-il dit``, ``sagte Putin``, ``aldus X``);
* shared with an earlier verb of the clause: coordinated verbs (``X met Y and
  said``) and participles (``X hinted at it, saying``) walk back to it.

Each quotation then goes to the cue that governs it: one right after it, or
the nearest one before it in its sentence; else ``according to X``, a
headline colon, a sentence naming one person, or the previous speaker.

Subjects are resolved to speakers: aliases from ``speakers.yaml``, full names
seen in the article, surnames (only when the article has named exactly one
person with that surname so far), pronouns (the most recent person or
organisation that spoke), roles and descriptions (``the Chinese leader``: the
most recently named person it fits). Places and nationalities are never
people; a place standing for its government (``Beijing said``) is an
organisation. Anything else stays unattributed. Editors' overrides from front
matter win over all of this.
"""
from __future__ import annotations

import bisect
import operator
import re
from dataclasses import dataclass, field
from functools import lru_cache

from . import languages
from .errors import Problem
from .languages import LOWER_CLASS, UPPER_CLASS, Profile
from .model import Article, Attribution, Quotation, Span, Speaker
from .text import slugify, without_accents

MAX_SUBJECT = 300  # characters of text before a verb that can hold its subject
_AFTER_VERB_END = re.compile(r"[,;:!?()\[\]—–\u2588\u2589\u258a\n]| - |\.\s*$")  # where the words after a verb end
MAX_AFTER = 160  # characters after a verb that can hold an inverted subject
_FIRST = operator.itemgetter(0)
RECENT_PEOPLE = 64  # a role noun or pronoun refers to one of the people named this lately
MIN_MISSPELT = 10  # characters of a full name below which a one-letter slip may be another person
MASK, END_STOP, END = "\u2588", "\u2589", "\u258a"
MASKS = MASK + END_STOP + END
_UP, _LOW = UPPER_CLASS, LOWER_CLASS
_NAME_TOKEN = rf"{_UP}[\w’'.-]*"
_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " ", "’": "'", "‘": "'"})

# a sentence ends at [.!?]+ (and closing marks), or at a masked quotation that
# ends one (▉), before white space and a capital or an opening mark. Written to
# begin with one character class, which re can skip to (a pattern of two
# alternatives has no such start, and is tried at every character).
_SENTENCE_END_TEMPLATE = r"[.!?\u2589](?:(?<=\u2589)|(?<=[.!?])[.!?]*[{closers}]*)\s+(?=[{starts}])"


def _sentence_end(openers: str = "", closers: str = "»") -> re.Pattern:
    """``openers``: what else may begin a sentence (¿¡); ``closers``: closing
    quotation marks besides ``" ” ’ )`` that a sentence's last word may carry."""
    starts = re.escape(languages.UPPER) + re.escape("\"“‘«„»\u2588" + openers)
    return re.compile(_SENTENCE_END_TEMPLATE.format(closers=re.escape("\"”’)" + closers), starts=starts))


_SENTENCE_END = _sentence_end()  # English


# --------------------------------------------------------------------------- the words of a language


class _Lexicon:
    """What the engine needs from one profile, made once per language: word
    sets (the profile's own, with the places and names of every profile, as
    articles mention places in other languages' spellings) and patterns."""

    def __init__(self, p: Profile):
        self.p = p
        everyone = languages.all_profiles()
        en = languages.profile("en")
        self.places: dict[str, str] = {}
        for q in [p] + [x for x in everyone if x is not p]:
            for k, v in q.places.items():
                self.places.setdefault(k, v)
        self.demonyms = {**{k: v for q in everyone for k, v in q.demonyms.items()}, **p.demonyms}
        self.own_places = frozenset(p.places)  # this language's own spellings ("Jordanie", not "Jordan")
        self.place_heads = p.place_heads | en.place_heads
        self.titles = p.titles
        self.determiners = p.set("determiners")
        self.indefinite = p.set("indefinite")
        self.oblique = p.set("grammar.oblique_determiners")
        self.connectives = p.set("connectives")
        self.subordinators = p.set("subordinators")
        self.clause_openers = p.set("clause_openers")
        self.opener_phrases = frozenset(" ".join(x.casefold().split()) for x in p.phrases("clause_opener_phrases"))
        self.coordinators = p.set("coordinators")
        self.before_verb = p.set("before_verb")
        self.inverted_stops = p.set("inverted_stops")
        self.time_nouns = p.set("time_nouns")
        self.adjunct_starts = p.set("adjunct_starts")
        self.auxiliaries = p.set("auxiliaries")
        self.verb_not_after = p.set("verb_not_after") | self.determiners
        self.org_heads = p.set("org_heads") | en.set("org_heads")
        self.media_heads = p.set("media_heads")
        self.gerund_openers = p.set("grammar.gerund_openers")
        self.gerund_subject_after = p.set("grammar.gerund_subject_after")
        self.contrast_openers = p.set("contrast_openers")
        self.compound_prefixes = p.set("compound_prefixes")
        self.organisations = frozenset(w.casefold() for q in everyone for w in q.set("organisations"))
        self.not_names = p.set("not_names") | en.set("not_names")
        self.postnominals = p.set("postnominals") | en.set("postnominals")
        self.object_markers = p.set("object_markers")
        self.addressee_markers = p.set("addressee_markers")
        self.audiences = p.set("audiences")
        # the stems of the role nouns of its role families, for "ex" glued on ("expresidente", "exmandataria")
        self.role_stems = frozenset(w[:5] for k, v in p.role_families.items() for phrase in (k, *v)
                                    for w in phrase.split() if len(w) >= 5)
        self.byline = p.set("byline")
        shape = p._get("not_name_shape")  # word forms that are never names (Spanish "Dirigiéndose")
        self.not_name_shape = re.compile(shape, re.IGNORECASE) if shape else None
        shape = p._get("grammar.parentheticals")  # "a quant à elle estimé", "por su parte": no subject
        self.parentheticals = re.compile(rf"(?<!\w)(?:{shape})(?!\w)", re.IGNORECASE) if shape else None
        shape = p._get("grammar.infinitive")  # "declara sentirse": a verb's object, no subject
        self.infinitive = re.compile(shape) if shape else None
        self.common = p.set("common_words") | en.set("common_words")
        self.particles = tuple(sorted(p.set("name_particles") | en.set("name_particles")))
        self.pronouns = p.pronouns
        self.correlatives = p.set("correlatives")
        self.object_markers = p.set("object_markers")
        anaphors = [a for a in p.phrases("anaphors") if a]
        # descriptions that stand for the person just named ("the 81-year-old"): a pronoun whose gender is not told
        self.anaphor = re.compile(rf"^(?:{'|'.join(anaphors)})$", re.IGNORECASE) if anaphors else None
        self.generic_people = p.set("generic_people")
        described = [a for a in p.phrases("described_people") if a]
        self.described_people = re.compile(rf"^(?:{'|'.join(described)})$", re.IGNORECASE) if described else None
        latter = [a for a in p.phrases("latter") if a]
        # "the latter", "ce dernier", "este último": the person named last
        self.latter = re.compile(rf"^(?:{'|'.join(latter)})$", re.IGNORECASE) if latter else None
        # the first word of each "according to" phrase: a sentence without one is not searched
        self.according_hints = tuple({ph.split()[0].casefold() for ph in p.phrases("frames.according_to")})
        self.according_after_hints = tuple(w.casefold() for w in p.set("frames.according_to_after"))
        self.inversion_triggers = p.set("inversion_triggers")
        self.relative_subject = p.set("relatives.subject")
        self.relative_object = tuple(sorted((x.casefold() for x in p.phrases("relatives.object")), key=len, reverse=True))
        self.relative_words = self.relative_subject | {x.split()[-1] for x in self.relative_object} | p.set("relatives.after_preposition")
        self.reported_mood = p.set("grammar.reported_mood")
        self.passive = p.set("grammar.passive_auxiliaries")
        self.object_clitics = p.set("grammar.object_clitics")
        self.reporting_as = p.set("grammar.reporting_as")  # "„…“, wie Scholz sagte": a reporting clause
        self.passive_agent = p.set("grammar.passive_agent")
        self.obligation = p.set("grammar.obligation")
        self.viewpoint = p.set("grammar.viewpoint")
        self.gendered = {**en.gendered, **p.gendered}
        self.function = self.common | self.determiners | frozenset(self.pronouns) | self.connectives
        adverb = p.data.get("adverb_pattern")
        self.adverb = re.compile(rf"^(?:{adverb})$") if adverb else None
        part = "(?:" + "|".join(map(re.escape, self.particles)) + ")"
        self.particle = part
        # (a name may break across a line, never across a paragraph: "dijo Gálvez\n\nAseguró")
        self.run = re.compile(rf"{_NAME_TOKEN}(?:{_GAP}(?:of{_GAP}|(?:{part}{_GAP})+)?{_NAME_TOKEN})*")
        # a name's words, initials among them ("J.D. Vance", "George W. Bush", "J.-P. Raffarin")
        self.name_word = re.compile(rf"^(?:(?:Mc|Mac|O'|D'|De|Di|Le|La)?{_UP}{_LOW}*(?:['’]{_LOW}+)?(?:-{_UP}?{_LOW}+)*"
                                    rf"|{_UP}\.(?:-?{_UP}\.)*|{part})$")
        self.name_at_end = re.compile(rf"(?:{_NAME_TOKEN}{_GAP}(?:{part}{_GAP})*)*{_NAME_TOKEN}$")
        openers = set(p.double_marks) | set(p.single_marks)
        closers = {c for cs in (*p.double_marks.values(), *p.single_marks.values()) for c in cs}
        self.sentence_end = _sentence_end(p.sentence_openers, "".join(sorted(closers - openers - set("\"”’)"))))
        self.openers = frozenset(openers | set("\"'“‘«„‚"))
        self.closers = frozenset(closers | set("\"”’'»"))
        self.dateline = re.compile(rf"^(?:\(\w[\w .]*\)\s*)?(?:{_UP}[{re.escape(languages.UPPER)} .,'’-]{{2,}}\s*(?:\([\w .,/-]*\)\s*)?(?:--|—|–|-(?!\w))\s*|\({_UP}[\w .]*\)\s*(?:--|—|–|-)?\s*)")
        # "Berlin - ", "Den Haag (dpa) – ": a place in title case, only when it is a known place
        self.title_dateline = re.compile(rf"^({_UP}[\w'’.]*(?: {_UP}[\w'’.]*| [a-z]{{2,3}}){{0,2}})\s*(?:\([^()\n]{{1,40}}\)\s*)?(?:--|—|–|-)\s+")
        self.word = re.compile(r"[\w'’.-]+|[^\w\s]")

    # words

    def strip_dateline(self, text: str) -> str:
        """The text without the dateline it opens with ("MOSCOW (AP) —", "Berlin - ")."""
        stripped = self.dateline.sub("", text)
        if stripped == text:
            m = self.title_dateline.match(text)
            if m is not None and self.is_place(m.group(1)):
                return text[m.end():]
        return stripped

    def after_preposition(self, before: str) -> bool:
        """Whether text ending here ends with a preposition ("in", "von", "a"):
        a name after it is an object or a place, not a subject."""
        words = before.split()
        return bool(words) and words[-1].lower().strip(",") in self.object_markers

    def is_place(self, word: str) -> bool:
        return word.casefold().replace("’", "'") in self.places

    def is_demonym(self, word: str) -> bool:
        return word.casefold() in self.demonyms

    def nationality(self, word: str) -> str | None:
        """The country key a place or nationality word names ("" for a region), else None."""
        w = word.casefold().replace("’", "'")
        if w in self.demonyms:
            return self.demonyms[w]
        return self.places.get(w)

    def is_title(self, word: str) -> bool:
        return self.p.is_title(word)

    def gender_told(self, words) -> str | None:
        """The one gender the profile's gendered words among ``words`` tell ("la présidente"), else None."""
        told = {self.gendered[w] for w in words if w in self.gendered}
        return told.pop() if len(told) == 1 else None

    def is_determiner(self, word: str) -> bool:
        """A determiner, also elided onto its noun (l'ancien, d'Emmanuel)."""
        w = word.lower()
        if w in self.determiners:
            return True
        k = w.find("'")
        return 0 < k < len(w) - 1 and w[:k + 1] in self.determiners


@lru_cache(maxsize=32)
def _lexicon(code: str) -> _Lexicon:
    return _Lexicon(languages.profile(code))


# --------------------------------------------------------------------------- the registry


@dataclass
class _Entity:
    id: str
    name: str
    kind: str = "person"
    tracked: bool = False
    roles: set = field(default_factory=set)  # role phrases, normalised (see _role_form)
    mentions: list = field(default_factory=list)  # positions in the text
    pronoun: str | None = None  # "he" or "she" once the text or the registry tells
    nats: set = field(default_factory=set)  # country keys of their nationality, when the text or registry tells
    place: bool = False  # a place standing for its government

    def tokens(self) -> list[str]:
        return self.name.replace("’", "'").split()


@dataclass(frozen=True)
class ArticleAttribution:
    attributions: tuple[Attribution, ...]  # parallel to the quotations
    speakers: tuple[Speaker, ...]  # untracked speakers discovered in this article
    problems: tuple[Problem, ...]  # warnings (e.g. overrides that match nothing)


class Registry:
    """The speakers from speakers.yaml, indexed by their names; ``language``:
    the site's language, for articles that do not give theirs."""

    def __init__(self, speakers: list[Speaker] | tuple[Speaker, ...], language: str | None = None):
        code = languages.normalise_code(language)
        self.language = code if languages.has_profile(code) else languages.DEFAULT
        self.speakers = {s.id: s for s in speakers}
        self.by_alias: dict[str, Speaker] = {}
        for s in speakers:
            for alias in (s.name, *s.aliases):
                self.by_alias[_norm_name(alias)] = s
        self._by_length = sorted(self.by_alias, key=len, reverse=True)
        # role phrases and descriptions, in every profile's normal form, made on first use
        self._roles: dict = {}
        self._holders: dict = {}
        # surname → the one registered person with it (first or last name part,
        # as name order varies; accents left out, as outlets drop them); a surname
        # two of them share maps to nobody
        by_surname: dict[str, list[Speaker]] = {}
        for sp in speakers:
            parts = sp.name.split()
            if sp.kind == "person" and len(parts) > 1:
                for token in {_plain(parts[0]), _plain(parts[-1])}:
                    by_surname.setdefault(token, []).append(sp)
        self.by_surname = {t: sps[0] for t, sps in by_surname.items() if len(sps) == 1}
        self.name_words = frozenset(w.casefold() for s in speakers for n in (s.name, *s.aliases) for w in n.split())
        self._full_names = [(_norm_name(n), s) for s in speakers if s.kind == "person"
                            for n in (s.name, *s.aliases) if len(n.split()) > 1 and len(n) >= MIN_MISSPELT]
        self._alias_re = None
        if self.by_alias:
            from .text import alternation

            # a prefix tree (the longest alias wins), tried only where an alias can start
            first = "".join(sorted({re.escape(a[0]) for a in self.by_alias if a}))
            self._alias_re = re.compile(
                rf"(?=[{first}])(?<![\w])(" + alternation(self.by_alias).replace(r"\ ", r"\s+") + r")(?![\w])",
                re.IGNORECASE,
            )

    def language_of(self, article: Article) -> str:
        """The article's language if there is a profile for it, else the site's."""
        code = languages.normalise_code(getattr(article, "language", None))
        return code if languages.has_profile(code) else self.language

    def misspelt(self, name: str) -> Speaker | None:
        """The one registered person whose full name this one is a typing slip of: one
        vowel for another ("Jean-Luc Mélonchon") or two letters side by side swapped
        ("Kier Starmer"), accents aside. A letter added or dropped
        is not: "Mike Johnston" is not "Mike Johnson"."""
        norm = _norm_name(name)
        if len(norm) < MIN_MISSPELT:
            return None
        found = {s.id: s for n, s in self._full_names if n[0] == norm[0] and _typing_slip(n, norm)}
        return next(iter(found.values())) if len(found) == 1 else None

    def shortened(self, name: str) -> Speaker | None:
        """The one registered person whose full name this one is, with given names left
        out or added ("Gilberto Murillo", "López Obrador" for "Andrés Manuel López
        Obrador"; "Donald John Trump"): the shorter's words in order within the longer's,
        the same last word, two words at least. Another first name is another person."""
        words = _norm_name(name).split()
        if len(words) < 2:
            return None
        found = {}
        for full, speaker in self._full_names:
            other = full.split()
            short, long_ = (words, other) if len(words) < len(other) else (other, words)
            if len(short) == len(long_) or short[-1] != long_[-1] or len(short) < 2:
                continue
            rest = iter(long_)
            if all(w in rest for w in short):
                found[speaker.id] = speaker
        return next(iter(found.values())) if len(found) == 1 else None

    def roles_in(self, lex: "_Lexicon") -> list:
        """[(speaker, [(nats, words, exact phrase)])] for roles and descriptions, in ``lex``'s normal form."""
        found = self._roles.get(lex.p.code)
        if found is None:
            found = []
            for s in self.speakers.values():
                forms = [_role_form(r, lex) for r in (*s.roles, *s.descriptions)]
                forms = [f for f in forms if f[1]]
                if forms:
                    found.append((s, forms))
            self._roles[lex.p.code] = found
        return found

    def role_vocab(self, lex: "_Lexicon") -> frozenset[str]:
        """Every word that ends a registered role or description, or is its head."""
        key = ("vocab", lex.p.code)
        found = self._roles.get(key)
        if found is None:
            found = self._roles[key] = frozenset(w for _, forms in self.roles_in(lex) for f in forms for w in f[1][-1:] + (_head(f[1], lex),) if w)
        return found

    def sole_holder(self, nats: frozenset, words: tuple, lex: "_Lexicon") -> Speaker | None:
        """The one registered speaker a role phrase names exactly (made once per phrase)."""
        key = (lex.p.code, nats, words)
        if key not in self._holders:
            holders = [sp for sp, forms in self.roles_in(lex)
                       if (not nats or nats & set().union(*(f[0] for f in forms)))
                       and any(_form_matches(words, f, lex, nats) == 2 for f in forms)]
            self._holders[key] = holders[0] if len(holders) == 1 else None
        return self._holders[key]

    def alias_at_end(self, phrase: str) -> tuple[Speaker | None, str]:
        """The registered speaker whose longest alias ends the phrase."""
        norm = _norm_name(phrase)
        for alias in self._by_length:
            if norm == alias or norm.endswith(" " + alias) or norm.endswith("'s " + alias):
                speaker = self.by_alias[alias]
                original = phrase.rstrip()[-len(alias):]
                if speaker.kind == "person" and not original.split()[-1][:1].isupper():
                    continue
                return speaker, alias
        return None, ""

    def find_aliases(self, text: str):
        """(start, end, speaker) for each alias occurrence; a bare single-word
        alias is only a candidate (surname rules decide)."""
        if self._alias_re is None:
            return []
        out = []
        for m in self._alias_re.finditer(_norm_apostrophes(text)):
            speaker = self.by_alias.get(_norm_name(m.group(1)))
            if speaker is not None:
                # names must be capitalised in the text ("the foreign ministry" is an exception
                # for orgs; "president Poetin": its name is)
                if speaker.kind == "person" and not m.group(1).split()[-1][:1].isupper():
                    continue
                out.append((m.start(), m.end(), speaker))
        return out


_ACRONYM = re.compile(r"[A-ZÀ-Ý]{2,5}")  # a party's or an agency's letters: RN, SPD, FMLN
_EDITOR_CODES = re.compile(r"(?<=[.!?\"”“»])(?:/[A-Za-z]{1,6}){2,}(?=\s|$)")


def _names_in(entity, segment: str) -> bool:
    """Does the segment hold the entity's surname (not just a role of theirs)?"""
    return _plain(entity.name.split()[-1]).casefold() in _plain(segment).casefold()


def _typing_slip(a: str, b: str) -> bool:
    """Are two names the same but for one vowel, or two letters side by side
    swapped ("Kier" for "Keir"), accents aside?"""
    a, b = _plain(a), _plain(b)
    if len(a) != len(b) or a == b:
        return a == b and len(a) > 0
    diff = [k for k, (x, y) in enumerate(zip(a, b)) if x != y]
    if len(diff) == 1:
        return a[diff[0]] in "aeiouy" and b[diff[0]] in "aeiouy"
    return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]


@lru_cache(maxsize=4096)
def _plain(text: str) -> str:
    return without_accents(text)


def _norm_apostrophes(text: str) -> str:
    return text.replace("’", "'").replace("‘", "'")


def _link_word(word: str) -> str:
    """A word as it may link a noun to its complement: "l'extrême" as "l'", "Du" as "du"."""
    word = _norm_apostrophes(word).lower()
    return word[: word.index("'") + 1] if "'" in word else word


@lru_cache(maxsize=65536)
def _norm_name(name: str) -> str:
    name = _norm_apostrophes(name).casefold()
    name = re.sub(r"\bu\.s\.?(?=\s|$)", "us", name)
    name = re.sub(r"^the\s+", "", name)
    name = re.sub(r"\b(mr|mrs|ms|dr)\.", r"\1", name)
    return " ".join(name.split())


def _role_form(phrase: str, lex: _Lexicon) -> tuple[frozenset, tuple[str, ...], str]:
    """A role phrase as (nationalities, words): determiners dropped, place and
    nationality words turned into country keys, so "Beijing's top diplomat"
    and "the top Chinese diplomat" are one role. Cached per language."""
    return _role_form_cached(phrase, lex.p.code)


_LINKS = frozenset({"of", "the", "de", "du", "des", "la", "le", "del", "van", "von", "der", "het", "d'", "l'"})


@lru_cache(maxsize=65536)
def _role_form_cached(phrase: str, code: str):
    lex = _lexicon(code)
    words = _norm_apostrophes(phrase).replace("U.S.", "US").casefold().replace("l'", "l' ").replace("d'", "d' ").split()
    nats, kept = set(), []
    skip = False
    for n, w in enumerate(words):
        if skip:
            skip = False
            continue
        if n == 0 and (w in lex.determiners or w in {"the", "l'"}):
            continue
        key = lex.nationality(f"{w} {words[n + 1]}") if n + 1 < len(words) else None  # "the New Zealander"
        if key is not None:
            skip = True
        else:
            key = lex.nationality(w)
        if key is None and w.endswith("'s"):
            key = lex.nationality(w[:-2])
        if key is not None:
            if key:
                nats.add(key)
            while kept and kept[-1] in _LINKS:
                kept.pop()  # "president of Russia", "président de la France"
            continue
        if w.startswith("ex") and "ex" in lex.p.role_changers and w[2:].lstrip("-")[:5] in lex.role_stems:
            kept.extend(("ex", w[2:].lstrip("-")))  # "el exmandatario": ex, then the role, as "el ex mandatario"
            continue
        kept.append(w)
    while kept and kept[-1] in _LINKS:
        kept.pop()
    return frozenset(nats), tuple(kept), " ".join(words)


# --------------------------------------------------------------------------- sentences


def _sentences(masked: str, start: int, end: int, lex: _Lexicon | None = None) -> list[tuple[int, int]]:
    """Split a paragraph (offsets into ``masked``) into sentences. Quotations
    are masked, so their inner full stops never split a sentence."""
    lex = lex or _lexicon(languages.DEFAULT)
    abbreviations = lex.p.abbreviations
    out, s = [], start
    for m in lex.sentence_end.finditer(masked, start, end):
        cut = m.end()
        punct_end = m.start()
        if masked[punct_end] != END_STOP and abbreviations.search(masked[max(start, punct_end - 12):punct_end + 1]):
            continue
        if masked[punct_end] == END_STOP and _reporting_clause_follows(masked, cut, end, lex):
            continue  # '"Will it happen?" Peskov asked.': the clause belongs to the quotation
        out.append((s, cut))
        s = cut
    if s < end:
        out.append((s, end))
    return out


def _reporting_clause_follows(masked: str, at: int, end: int, lex: _Lexicon) -> bool:
    """Does a short reporting clause follow a quotation that ends a sentence
    ("...?" Peskov said in a call)? A speech verb within the next few words,
    with no quotation or sentence end before it."""
    pattern = lex.p.verb_pattern
    if pattern is None:
        return False
    window = masked[at:min(end, at + 60)]
    m = pattern.search(window)
    if m is None:
        return False
    before = window[:m.start()]
    if any(ch in before for ch in MASKS + ".!?;:") or len(before.split()) > 5:
        return False
    first = before.split()[:1]
    if first and first[0][:1].isupper() and lex.pronouns.get(first[0].lower()) in ("it", "they"):
        return False  # '“… effective.” It also stresses …': a capitalised pronoun opens a new sentence
    verb = lex.p.verbs.get(" ".join(m.group(1).split()))
    return verb is not None and verb.kind != "gerund"


@lru_cache(maxsize=65536)
def _parse_run(run: str, code: str = languages.DEFAULT):
    """A capitalised run → (person name, role, offset of the name, nationalities) or None.
    A function of the run and the language alone, memoised: the same names and
    titles come back in article after article."""
    lex = _lexicon(code)
    run = _norm_apostrophes(run)
    if run.endswith(".") and run.split()[-1].rstrip(".").lower() in _GENERATIONS:
        run = run.rstrip(".")  # "Donald Trump Jr.": the suffix is part of the name
    # "Al Jazeera's Katrina Yu": the name follows the last possessive
    offset = 0
    nats = set()
    if "'s " in run:
        cut = run.rindex("'s ") + 3
        owner = run[:cut - 3].split()[-1] if run[:cut - 3].split() else ""
        key = lex.nationality(owner)
        if key:
            nats.add(key)
        offset, run = cut, run[cut:]
    tokens = run.split()
    while tokens and (tokens[0].lower() in lex.function or tokens[0].lower().rstrip(".") in lex.function):
        offset += len(tokens[0]) + 1
        run = run.split(None, 1)[1] if len(run.split(None, 1)) > 1 else ""
        tokens.pop(0)
    # the name follows the last title word: "German Foreign Minister Annalena Baerbock"
    def modifier(k: int) -> bool:
        t = tokens[k]
        low = t.lower().rstrip(".")
        if lex.is_place(t) and t[:1].isupper():
            # another language's place before a name is a given name ("Jordan Bardella" in
            # French), unless a title follows it ("U.S. Secretary of State")
            return t.casefold().replace("’", "'") in lex.own_places or (k + 1 < len(tokens) - 1 and modifier(k + 1))
        return (lex.is_title(t) or low in {"of", "the", "state", "white", "house"} or lex.is_demonym(low)
                or low in lex.org_heads or _ACRONYM.fullmatch(t) is not None)  # "du RN Jordan Bardella"
    last_title = max((k for k in range(len(tokens) - 1) if modifier(k)), default=-1)
    role_tokens, tokens = tokens[:last_title + 1], tokens[last_title + 1:]
    if not tokens or len(tokens) > 5 or "of" in tokens or tokens[0].lower() in lex.particles:
        return None
    lowered = [t.lower().rstrip(".") for t in tokens]
    if any(t in lex.not_names or t in lex.org_heads or t in lex.function for t in lowered):
        return None
    if lex.not_name_shape is not None and any(lex.not_name_shape.search(t) for t in lowered):
        return None
    # places and nationalities: never a person ("Beijing", "Chinese", "Western Hemisphere")
    if lex.nationality(tokens[-1]) is not None or lex.nationality(" ".join(tokens)) is not None:
        return None
    if any(t in lex.place_heads for t in lowered):
        return None
    if len(tokens) == 1 and lex.nationality(lowered[0]) is not None:
        return None
    if any(not lex.name_word.match(t) for t in tokens):
        return None
    if tokens[-1].endswith("."):
        return None  # initials end no name ("U.S.", "J.D."): a surname does
    if tokens[-1].endswith("'s") or tokens[-1].endswith("s'"):
        return None  # "Alexei Navalny's wife": the one named is not the one speaking
    role_words = []
    for t in role_tokens:
        low = t.lower().rstrip(".")
        key = lex.nationality(t) if (t[:1].isupper() or lex.is_demonym(low)) else None
        if key is not None:
            if key:
                nats.add(key)
            continue
        if low in {"the", "dr", "white", "house", "former", "mr", "mrs", "ms"} or _ACRONYM.fullmatch(t):
            continue  # (an organisation's letters are no role: "NATO said" is not Rutte)
        role_words.append(low)
    while role_words and role_words[-1] == "of":
        role_words.pop()
    role = " ".join(role_words)
    offset += len(" ".join(run.split()[: len(role_tokens)])) + (1 if role_tokens else 0)
    return " ".join(tokens), role or None, offset, frozenset(nats)


# --------------------------------------------------------------------------- the reader


_UNKNOWN = object()  # a subject known to be someone the reader cannot name


@dataclass(slots=True)
class _Cue:
    start: int  # the verb (or frame) in the text
    end: int
    entity: _Entity | None
    kind: str  # finite, participle, gerund, after (so X, aldus X), quoted, colon
    subject_start: int  # where the text between a quotation and this cue may hold its subject
    inverted: bool = False  # its subject follows it
    introduces: bool = False  # a name and a colon before a quotation: "Rossi: "...""
    outer: "_Cue | None" = None  # the cue whose reported clause holds this one: "X said [Y pledged to "..."]"
    reported: bool = False  # in the reported-speech mood: "habe Scholz „brüsk“ zurückgewiesen" reports the current speaker


class _Reader:
    def __init__(self, article: Article, quotations: list[Quotation], registry: Registry):
        self.article = article
        self.text = article.body
        self.quotations = quotations
        self.registry = registry
        self.lex = _lexicon(registry.language_of(article))
        self.site_lex = _lexicon(registry.language)
        self.entities: dict[str, _Entity] = {}
        self.by_token: dict[str, list[_Entity]] = {}  # surname or given name → people
        self.last_person: _Entity | None = None
        self.recent_people: list[_Entity] = []  # people who spoke, most recent first
        self._finding_topic = False
        self._finding_previous_subject = False  # (a pronoun subject there must not ask for itself)
        self._topics_asked: set[int] = set()  # sentences whose opening subject is being found
        self.last_org: _Entity | None = None
        self.verb_cues = 0  # speech verbs read so far (``speech_subjects``)
        self._cue_starts: list[int] = []
        self._sentence_memo: dict = {}
        self.paragraph_start = 0
        self.role_vocab = set(registry.role_vocab(self.lex))  # grows with the roles the article gives
        self._timeline: list = []  # (position, entity) of every name found, in order
        self._cursor = 0  # how far reading has taken it into account
        self._recent: dict[str, _Entity] = {}  # entities by their latest mention, most recent last
        self._read_sentences: list[tuple[int, int]] = []  # the last few sentences read, before the current one
        self._sentence_start = self._sentence_end = 0  # the sentence being read
        self.masked = self._mask()
        self._discover_entities()

    # -- setup
    def _mask(self) -> str:
        """The text with every quotation (marks included) blanked out: █ inside,
        and on the last character ▉ if the quotation ends a sentence (``."``)
        or ▊ if it does not, so cues are only read outside quotations. Spaces
        of every width read as spaces, and curly apostrophes as straight ones."""
        openers, closers = self.lex.openers, self.lex.closers
        text = self.text
        if "/" in text:
            # an agency's editor codes glued to the last sentence ("sagte Scholz./svv/DP/mis") are no text
            text = _EDITOR_CODES.sub(lambda m: " " * len(m.group(0)), text)
        chars = list(text.translate(_SPACES))
        n = len(chars)
        for start, end in self._bylines(text):
            chars[start:end] = " " * (end - start)  # the authors' names: never people in the story
        for q in self.quotations:
            for span in q.spans:
                a = max(0, span.start - 1)
                if chars[a] == " " and a > 0 and text[a - 1] in openers:
                    a -= 1  # « with a space inside »
                elif chars[a] == "," and a > 0 and text[a - 1] == ",":
                    a -= 1  # Dutch ,,opening commas”
                b = min(n, span.end + 1)
                while b < n and chars[b] in ",;:" and b < span.end + 3:
                    b += 1
                if b < n and chars[b] in closers:
                    b += 1
                elif b + 1 < n and chars[b] == " " and text[b + 1] in closers and text[b + 1] not in "\"'":
                    b += 2  # « ... , »
                chars[a:b] = [MASK] * (b - a)
                if b - 1 >= a:
                    ends_sentence = span.text[-1:] in ".!?"
                    chars[b - 1] = END_STOP if ends_sentence else END
        return "".join(chars)

    def _bylines(self, text: str) -> list[tuple[int, int]]:
        """Paragraphs that are a byline: the profile's `byline` word, then names
        only ("By Andreas Rinke and Sarah Marsh", "Von Anna Berg")."""
        from .extract import paragraphs

        found = []
        for start, end in paragraphs(text):
            words = text[start:end].split()
            if (2 <= len(words) <= 12 and words[0].lower() in self.lex.byline and words[1][:1].isupper()
                    and all(w.strip(",")[:1].isupper() or w.lower() in self.lex.coordinators for w in words[1:])):
                found.append((start, end))
        return found

    def _add(self, entity: _Entity) -> _Entity:
        self.entities[entity.id] = entity
        if entity.kind == "person":
            tokens = entity.tokens()
            if len(tokens) > 1:
                for token in {_plain(tokens[0]), _plain(tokens[-1])}:  # "Melanie" for Mélanie Joly
                    self.by_token.setdefault(token, []).append(entity)
        return entity

    def _entity_for_speaker(self, speaker: Speaker) -> _Entity:
        entity = self.entities.get(speaker.id)
        if entity is None:
            roles = {_role_form(r, self.lex) for r in (*speaker.roles, *speaker.descriptions)}
            nats = set().union(*(f[0] for f in roles)) if roles else set()
            entity = self._add(_Entity(speaker.id, speaker.name, speaker.kind, speaker.tracked,
                                       {f for f in roles if f[1] or f[0]}, pronoun=speaker.pronoun, nats=nats))
        return entity

    def _entity(self, name: str, kind: str, role: str | None = None, nats=()) -> _Entity:
        if kind == "person":
            name = self._without_leading_verb(name)
        sid = slugify(name)
        registered = self.registry.by_alias.get(_norm_name(name))
        words = name.split()
        if registered is None and kind == "person" and len(words) > 1 and all(w.endswith(".") for w in words[:-1]):
            registered = self.registry.by_surname.get(_plain(words[-1]))  # "J.D. Vance": initials and a speaker's surname
        if registered is None and kind == "person" and len(words) > 1 and sid not in self.entities:
            registered = self.registry.misspelt(name) or self.registry.shortened(name)
        if registered is not None:
            entity = self._entity_for_speaker(registered)
        else:
            entity = self.entities.get(sid)
            if entity is None:
                entity = self._add(_Entity(sid, name, kind))
        if role:
            form = _role_form(role, self.lex)
            if form[1]:
                entity.roles.add(form)
                self.role_vocab.update((form[1][-1], _head(form[1], self.lex)))
            told = self.lex.gender_told(role.split())
            if told is not None and entity.pronoun is None:
                entity.pronoun = told
        if nats:
            entity.nats.update(k for k in nats if k)
        return entity

    def _without_leading_verb(self, name: str) -> str:
        """A name run without the speech verb that opens its sentence ("Agregó Milei que …")."""
        words = name.split()
        return " ".join(words[1:]) if len(words) > 1 and words[0].lower() in self.lex.p.verbs else name

    def _place_entity(self, key: str, written: str) -> _Entity | None:
        """A country (or its capital) standing for its government: an
        organisation, named as the site's language names that government."""
        if not key:
            return None  # a region is no one's government
        name = self.site_lex.p.governments.get(key) or _lexicon(languages.DEFAULT).p.governments.get(key) or written
        entity = self._entity(name, "organisation")
        entity.place = True
        entity.nats.add(key)
        return entity

    def _discover_entities(self) -> None:
        """Full names (with the titles before them) anywhere in the article, so
        surnames and role nouns can be resolved later."""
        masked = self.masked
        lex = self.lex
        surname_hits = []
        for start, end, speaker in self.registry.find_aliases(masked):
            if speaker.kind == "person" and len(speaker.name.split()) > 1 and _is_surname_form(masked[start:end], lex):
                surname_hits.append((start, speaker, masked[start:end].split()[-1]))
                continue  # "Wang", "Mr Wang": a surname, decided in context, not here
            self._entity_for_speaker(speaker).mentions.append(start)
        headings = self._title_case_headings()
        for run_start, run in self._runs(masked):
            if headings and any(a <= run_start < b for a, b in headings):
                continue  # "Starmer Hits Back": a heading in title case glues a name to its verb
            parsed = _parse_run(run, lex.p.code)
            if parsed is None:
                continue
            name, role, offset, nats = parsed
            if len(name.split()) < 2:
                continue
            name = self._known_start(name)
            at = run_start + offset
            name, at = self._known_end(name, at)
            name = self._before_role(name, at)
            if len(name.split()) < 2:
                continue
            role_before, nats_before = self._role_before(at)
            if lex.p.capitalised_nouns and not (role or role_before) and self.registry.by_alias.get(_norm_name(name)) is None:
                continue  # German: two capitalised nouns are no name unless a title says so
            if self._after_media_head(at):
                # "der Zeitung Valeurs Actuelles", "the newspaper X": a medium, not a person
                entity = self._entity(name, "organisation")
            else:
                entity = self._entity(name, "person", role or role_before, nats | nats_before)
            entity.mentions.append(at)
        # a registered speaker's bare surname counts as a mention (for roles) when
        # no one else in the article goes by it
        for start, speaker, token in surname_hits:
            others = [e for e in self.by_token.get(_plain(token), []) if e.id != speaker.id]
            if not others:
                self._entity_for_speaker(speaker).mentions.append(start)
        for entity in self.entities.values():
            entity.mentions.sort()
        self._timeline = sorted(((at, e) for e in self.entities.values() for at in e.mentions), key=_FIRST)

    def _title_case_headings(self) -> list[tuple[int, int]]:
        """Paragraphs that are headings in title case (every word of four letters or more
        capitalised, no full stop), where capitalised words are no sign of a name."""
        from .extract import paragraphs

        found = []
        if not self.lex.p.title_case_headings:
            return found
        for start, end in paragraphs(self.text):
            text = self.text[start:end].strip()
            words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", text) if len(w) >= 4]
            if (len(words) >= 2 and len(text.split()) <= 12 and not text.endswith(".")
                    and all(w[:1].isupper() for w in words)):
                found.append((start, end))
        return found

    def _runs(self, masked: str):
        """(start, text) of each run of capitalised words, cut at a sentence end inside it
        ("… Nieuws van de Dag. Nicolien van Vroonhoven" is two runs)."""
        abbreviations = (self.lex.p.abbreviations, _lexicon(languages.DEFAULT).p.abbreviations)  # ("Mr. X" anywhere)
        for m in self.lex.run.finditer(masked):
            run, start = m.group(0), m.start()
            cut = 0
            for end in _RUN_SENTENCE_END.finditer(run):
                if not any(a.search(run[max(0, end.start() - 12):end.start() + 1]) for a in abbreviations):
                    yield start + cut, run[cut:end.start() + 1]
                    cut = end.end()
            yield start + cut, run[cut:]

    def _known_start(self, name: str) -> str:
        """A run of capitalised words that opens with a registered full name is
        that name ("Präsident Emmanuel Macron Rücktrittsforderungen zurückgewiesen":
        German capitalises the noun after it; so may a headline)."""
        words = name.split()
        by_alias = self.registry.by_alias
        if by_alias.get(_norm_name(name)) is not None:
            return name
        if words[-1].rstrip(".").lower() in _GENERATIONS:
            return name  # "Donald Trump Jr.": his son, another person
        for k in range(len(words) - 1, 0, -1):
            head = by_alias.get(_norm_name(" ".join(words[:k])))
            if head is None and k > 1:
                head = self.registry.misspelt(" ".join(words[:k]))  # "Georgia Meloni Anspruch"
            # one word only when the rest names someone else ("hield Timmermans Yeşilgöz voor"), or in
            # German, where the noun after a name is capitalised ("Meloni Anspruch … erhoben")
            if head is not None and (k > 1 or self.lex.p.capitalised_nouns
                                     or by_alias.get(_norm_name(" ".join(words[k:]))) not in (None, head)
                                     or self._named_in_full(words[k:], head, name)):
                return " ".join(words[:k])
        return name

    def _named_in_full(self, rest: list[str], head: Speaker, run: str) -> bool:
        """Is ``rest`` one word, the surname of someone else the article has named in full
        ("prijst Trump Kirk als …" after "Charlie Kirk"), not of the whole run ("Harris
        Faulkner" again, whose given name is another speaker's alias)?"""
        return len(rest) == 1 and any(
            e.kind == "person" and e.id != head.id and len(e.tokens()) > 1 and _plain(e.tokens()[-1]) == _plain(rest[0])
            and _norm_name(e.name) != _norm_name(run) for e in self.by_token.get(_plain(rest[0]), []))

    def _known_end(self, name: str, at: int) -> tuple[str, int]:
        """A run that ends with a registered full name after words of its roles is that name
        ("Republican Donald Trump", "De Republikein Donald Trump": not a person of three names)."""
        speaker, alias = self.registry.alias_at_end(name)
        words = name.split()
        k = len(alias.split()) if speaker is not None else 0
        if speaker is None or speaker.kind != "person" or k >= len(words):
            return name, at
        gerund = (len(words) == k + 1 and self._capitalised_gerund(words[0])  # "Including Boluarte, the nation …"
                  and self._opens_sentence(at) and self.masked[at + len(name):at + len(name) + 1] == ",")
        compound = all(_COMPOUND_MODIFIER.match(w) and w.split("-")[0].lower() in self.lex.compound_prefixes
                       for w in words[:-k])  # "Ultra-liberal Milei", "Far-right Wilders" (not "Abdul-rahman Abbas")
        if not (gerund or compound) and (k < 2 or not all(self._is_role_word(w.lower()) or self.lex.is_title(w)
                                                           for w in words[:-k])):
            return name, at
        return " ".join(words[-k:]), at + len(" ".join(words[:-k])) + 1

    def _opens_sentence(self, at: int) -> bool:
        """Does nothing but a sentence's end (or the text's start) come before ``at``?"""
        before = self.masked[max(0, at - 4):at].rstrip(" ")
        return not before or before[-1] in ".!?\n:"

    def _capitalised_gerund(self, word: str) -> bool:
        """A gerund capitalised at a sentence's start ("Including", "Speaking"): the profile's
        gerund ending after at least five letters (not a given name such as "Ding")."""
        low = word.lower()
        return any(low.endswith(e) and len(low) - len(e) >= 5 for e in self.lex.p.gerund_endings if e)

    def _before_role(self, name: str, at: int) -> str:
        """A title word that opens a role written on in lower case ends no name: in "nommé Sunak
        Premier ministre", "Premier ministre" is his new office, and "Sunak Premier" no one."""
        words = name.split()
        after = self.masked[at + len(name):at + len(name) + 40].split()[:1]
        if (len(words) > 1 and after and after[0][:1].islower() and self.lex.is_title(words[-1])
                and self.lex.is_title(after[0].strip(".,;:"))):
            return " ".join(words[:-1])
        return name

    def _after_media_head(self, at: int) -> bool:
        """Does a word for a newspaper, broadcaster or agency come right before
        ``at`` (past nationality words: "the French weekly X")?"""
        lex = self.lex
        for w in reversed(self.masked[max(0, at - 60):at].split()[-3:]):
            low = w.lower()
            if low in lex.media_heads:
                return True
            if lex.nationality(low) is None:
                return False
        return False

    def _role_before(self, at: int) -> tuple[str | None, frozenset]:
        """Title words in lower case right before a name ("le président chinois
        Xi Jinping", "foreign ministry spokesperson Anna Berg")."""
        lex = self.lex
        before = self.masked[max(0, at - 80):at]
        words = before.split()
        picked, nats = [], set()
        for w in reversed(words[-5:]):
            low = w.lower().rstrip(",")
            if w.endswith(",") or not low:
                break
            key = lex.nationality(low)
            if key is not None:
                if key:
                    nats.add(key)
                picked.append(None)
                continue
            if lex.is_title(low) or low in lex.org_heads:
                picked.append(low)
                continue
            break
        role = " ".join(w for w in reversed(picked) if w)
        return (role or None), frozenset(nats)

    # -- resolving a subject phrase to an entity
    def resolve_subject(self, phrase: str, pos: int, strict: bool = False) -> _Entity | None:
        """The speaker a subject phrase names (its end decides); ``strict``:
        only known people, roles and pronouns, never a new name."""
        phrase = phrase[-MAX_SUBJECT:]  # a subject is a few words: bound the work on long sentences
        for ch in MASKS:
            phrase = phrase.replace(ch, " ")
        if "(" in phrase:
            phrase = _PARENTHESIS.sub("", phrase)  # "Olaf Scholz (SPD) kündigte", "Lindner (45) sagte"
        stripped = self._strip_before_verb(phrase)
        if _DASHED_ASIDE.search(stripped):
            phrase = _DASHED_ASIDE.sub(",", stripped)  # "Netanyahu - the first leader to visit - (earlier) said": commas
        phrase = self._strip_before_verb(phrase).strip(" ;:—–-\n")
        head, _, last = phrase.rpartition(",")
        if "," in head and self._adjunct_only(last) and not self._adjunct_only(head.split(",")[0]):
            phrase = head + ","  # "Keir Starmer, the Labour leader, on Thursday said": the adjunct after the description
        appositive = phrase.endswith(",")  # "X, a researcher at Y, told": look past the description
        phrase = phrase.strip(" ,")
        if not phrase or len(phrase) > MAX_SUBJECT:
            return None
        segments = [s.strip() for s in phrase.split(",") if s.strip()]
        if appositive and len(segments) > 1 and segments[-1].isdigit():
            segments.pop()  # "the president, 79, noted": an age set off, no description
            appositive = False
        chosen = segments[-3:] if appositive else segments[-1:]
        if not appositive and len(segments) > 1 and segments[-1].lower() in self.lex.pronouns:
            # "Trump, he noted, is a “businessman”": the name is what the clause is about, and
            # the pronoun someone else (else the text would say "Trump noted")
            topic = self._resolve_segment(segments[-2], pos, strict=True)
            gender = self.lex.pronouns.get(segments[-1].lower())
            if topic is not None and topic.kind == "person" and gender in ("he", "she", "any"):
                return self._pronoun_target(gender, pos, excluded=topic)
        place = organisation = None
        for k in range(len(chosen) - 1, -1, -1):
            segment = chosen[k]
            entity = self._resolve_segment(segment, pos, strict)
            if entity is None:
                # "Macron on Thursday", "Putin in a televised address": the head before an adjunct
                head = self._before_adjunct(segment)
                if head:
                    entity = self._resolve_segment(head, pos, strict)
            if entity is not None and entity.place:
                before = chosen[k - 1].split() if k else []
                if len(before) >= 2 and before[-1][:1].isupper() and self.lex.after_preposition(" ".join(before[:-1])):
                    continue  # "en Davos, Suiza,": the country of a place just named, no subject
                place = place or entity  # a named person in the phrase wins over a place
                continue
            if entity is not None and appositive and (entity.kind != "person" or self._complement(segment)
                                                      or (segment[:1].islower() and not _names_in(entity, segment))):
                # "Olaf Scholz, leader of the SPD, says", "Yulia Navalnaya, la viuda del líder
                # opositor Alexéi Navalny, acusó": the party or the person is in the description;
                # "Jordan Bardella, pressenti pour être Premier ministre, a assuré": so is a role
                organisation = organisation or entity
                continue
            if entity is not None:
                if (k == 2 and entity.kind == "person" and self._complement(chosen[1])
                        and len(chosen[0].split()) <= 4 and all(w[:1].isupper() for w in chosen[0].split())):
                    # "Catalina, esposa del heredero a la Corona, Guillermo, anunció": the name after
                    # a description's complement is the complement's; the subject is the one before it
                    before = self._resolve_segment(chosen[0], pos, strict)
                    if before is not None and before.kind == "person" and not before.place:
                        return before
                return entity
        topic = chosen[0].split()
        if (organisation is not None and len(topic) > 1 and self.lex.after_preposition(topic[0])
                and all(w[:1].isupper() for w in topic[1:])):
            return place  # "Sobre Hayden Davis, creador de $LIBRA, contó": the description is the topic's
        return organisation or place

    def _adjunct_only(self, segment: str) -> bool:
        """Is the segment a short adjunct of time or place ("on Thursday", "in Paris", "later")?"""
        lex, words = self.lex, segment.lower().split()
        return (0 < len(words) <= 5 and (words[0] in lex.adjunct_starts or (len(words) == 1 and self._is_adverb(words[0])))
                and not lex.is_determiner(words[0])  # "ce proche", "this official": a subject, not "ce matin"
                and not any(w in lex.pronouns or w in lex.relative_words or w in lex.subordinators
                            or lex.is_title(w) or self._is_role_word(w) for w in words))  # ("later the chancellor")

    def _complement(self, segment: str) -> bool:
        """Is this a description whose names come after a preposition ("the widow of X",
        "la viuda del líder X", "leader of the SPD", "Europe's longest-serving leader after X")?"""
        words = segment.split()
        if not words or not (words[0][:1].islower() or self.lex.is_determiner(words[0])
                             or words[0].endswith(("'s", "’s"))):
            return False
        lex = self.lex
        return any(w.lower() in lex.object_markers or w.lower() in lex.inverted_stops for w in words[1:])

    def _described_person(self, pos: int) -> _Entity | None:
        """The person an age description stands for: the last person who spoke when they
        spoke in the sentence before, else the person that sentence opens with ("Friedrich
        Merz hat … reagiert. „…“, sagte der CDU-Politiker"), else the last person who spoke,
        else the person named most recently (in this paragraph or before)."""
        s_start, s_end = self._sentence_before(self._sentence_start)
        if self._spoke_in(s_start, s_end):
            return self.recent_people[0]
        topic = self._topic_before(self._sentence_start)
        if topic is not None and self._opens_sentence_before(topic, self._sentence_start) \
                and not self._fronted_object(topic, s_start, s_end):
            return topic
        if s_start == s_end:
            # the paragraph opens with it ("Sir Keir Starmer … has also sent his best wishes.
            # ¶ The 61-year-old politician wrote on X: …")
            person = self._person_before_paragraph()
            if person is not None:
                return person
        if self.recent_people:
            return self.recent_people[0]
        for entity in self._recent_entities(pos):
            if entity.kind == "person" and not entity.place:
                return entity
        return None

    def _person_before_paragraph(self) -> _Entity | None:
        """The one person the previous paragraph's last sentence names, when that sentence
        holds no quotation (for a paragraph that opens with a quotation or a description)."""
        if not self._read_sentences:
            return None
        s_start, s_end = self._read_sentences[-1]
        if s_end > self.paragraph_start or _MASK_RUN.search(self.masked[s_start:s_end]):
            return None
        named = self._people_named(s_start, s_end)
        return named[0] if len(named) == 1 and named[0].kind == "person" and not named[0].place else None

    def _generic_description(self, words: list[str]) -> tuple[int, str | None] | None:
        """"the German leader", "le dirigeant allemand", "el mandatario": a determiner, a noun
        any public figure goes by and nationalities only; (its length, the nationality)."""
        lex = self.lex
        if not words or not lex.is_determiner(words[0].lower()) or words[0].lower() in lex.indefinite:
            return None
        nouns, nat, k = 0, None, 1
        while k < min(len(words), 4):
            word = words[k].strip(".,;:")
            if word.lower() in lex.generic_people:  # (a profile's word sets are lower case)
                if word.lower() in self.role_vocab:
                    return None  # a role of someone in speakers.yaml ("the Chinese leader"): the roles decide
                nouns += 1
            elif lex.is_demonym(word):
                nat = lex.demonyms[word.casefold()] or nat
            else:
                break
            k += 1
        return (k, nat) if nouns == 1 else None

    def _generically_described(self, nat: str | None, pos: int) -> _Entity | None:
        """The person a generic description stands for: the one ``_described_person`` picks,
        unless the nationality it gives is another than theirs; then the latest person of that nationality."""
        entity = self._described_person(pos)
        if nat is None or (entity is not None and (nat in entity.nats or not entity.nats)):
            return entity  # (a nationality the text never gave them is no contradiction)
        return next((e for e in [*self.recent_people, *self._recent_entities(pos)]
                     if e.kind == "person" and not e.place and nat in e.nats), None)

    def _fronted_object(self, entity: _Entity, s_start: int, s_end: int) -> bool:
        """In a verb-second language, is the person a sentence opens with its object, a
        subject pronoun following the verb ("Jonas Brandt kritisierte er scharf")?"""
        if not self.lex.p.verb_second:
            return False
        first = next((m for m in entity.mentions if s_start <= m < s_end), None)
        words = self.masked[first:s_end].split() if first is not None else []
        while words and words[0][:1].isupper():
            words.pop(0)  # the name itself
        return any(w.lower().strip(",.") in self.lex.p.subject_pronouns for w in words[1:3])

    def _is_anaphor(self, words: list[str]) -> bool:
        """Whether a subject's last words are a description that stands for the person just named."""
        anaphor = self.lex.anaphor
        return anaphor is not None and any(anaphor.match(" ".join(words[-k:])) for k in range(1, 6) if k <= len(words))

    def _ends_phrase(self, word: str) -> bool:
        """Whether ``word`` opens what follows a noun phrase (a preposition), not a noun of it
        ("der 46-Jährige auf ...", not "de 74-jarige oppositieleider")."""
        low = word.lower()
        return low in self.lex.inverted_stops or low in self.lex.object_markers or low in self.lex.adjunct_starts

    def _is_latter(self, words: list[str]) -> bool:
        """Whether a subject's last words are "the latter" (``ce dernier``, ``este último``)."""
        latter = self.lex.latter
        return latter is not None and any(latter.match(" ".join(words[-k:])) for k in (1, 2, 3) if k <= len(words))

    def _named_last(self, pos: int, words: list[str] = ()) -> _Entity | None:
        """The person whose name the text gave last before ``pos`` (whoever spoke last); of
        the gender ``words`` tell, if they do ("cette dernière", "esta última")."""
        timeline = self._timeline
        gender = self.lex.gender_told([w.lower() for w in words])
        k = bisect.bisect_left(timeline, pos, key=_FIRST)
        for at, entity in reversed(timeline[max(0, k - RECENT_PEOPLE):k]):
            if entity.kind == "person" and not entity.place and (gender is None or entity.pronoun in (None, gender)):
                return entity
        return None

    def _before_adjunct(self, segment: str) -> str | None:
        words = segment.split()
        for k in range(1, len(words)):
            if words[k].lower() in self.lex.adjunct_starts:
                return " ".join(words[:k])
        return None

    def _strip_before_verb(self, phrase: str) -> str:
        """Drop the auxiliaries, adverbs and clitics between a subject and its verb."""
        lex = self.lex
        if lex.parentheticals is not None:
            phrase = lex.parentheticals.sub(" ", phrase)  # "Panot a quant à elle estimé"
        words = phrase.rstrip().split(" ")
        while words:
            w = words[-1].strip()
            low = w.lower()
            if not w:
                words.pop()
                continue
            if self._is_adverb(w):
                words.pop()
                continue
            break
        return " ".join(words)

    def _is_adverb(self, word: str) -> bool:
        """An auxiliary or adverb that may stand next to a verb ("has", "later", "ayer", "rápidamente");
        by its ending only in lower case ("said Kelly", "a déclaré Clément Beaune" name someone)."""
        lex, low = self.lex, word.lower()
        return low in lex.before_verb or (lex.adverb is not None and len(low) > 4 and word[:1].islower()
                                          and lex.adverb.match(low) is not None)

    def _resolve_segment(self, segment: str, pos: int, strict: bool = False) -> _Entity | None:
        lex = self.lex
        seg = _norm_apostrophes(segment).strip().lstrip(".,;:!?-–—•* ")
        seg = lex.strip_dateline(seg) if seg[:1].isupper() or seg[:1] == "(" else seg
        words = seg.split()
        if not words:
            return None
        last = words[-1].lower()
        # "he", "as he", "although she", "and it"
        if last in lex.pronouns and (len(words) == 1 or words[-2].lower() in lex.connectives):
            return self._pronoun(last, pos)
        if self._is_anaphor(words):
            return self._described_person(pos)  # "der 81-Jährige", "the 81-year-old"
        if self._is_latter(words):
            return self._named_last(pos, words[-2:])  # "Este último describió a Macron como ..."
        while len(words) > 1 and words[0].lower() in lex.connectives:
            words = words[1:]
        if len(words) > 2 and words[0].lower() in lex.object_markers and words[1].lower() in lex.relative_words:
            words = words[2:]  # "…, to which Putin responded": the clause's own subject follows
        if words[0].lower() in lex.correlatives:
            return None  # "both X and Y", "tanto X como Y": a joint statement names no one speaker
        if self._joint(words, pos):
            return None  # "French President Emmanuel Macron and Chinese President Xi Jinping called"
        seg = " ".join(words)
        first_word = words[0].lower()
        described = first_word in lex.indefinite or (words[0][:1].islower() and not lex.is_determiner(first_word)
                                                     and first_word not in lex.connectives and "'s" not in first_word
                                                     and not lex.is_title(first_word) and lex.nationality(first_word) is None)
        if described:
            # "a research fellow at X University": a description, not the speaker; an indefinite
            # one ("a Green politician", "un dirigeant écologiste") never names someone known
            if first_word in lex.indefinite:
                # … unless a name the article knows follows: "a defiant Smith", "un Salvini que …"
                run = next((m for m in lex.run.finditer(seg) if m.start() > 0), None)
                if run is not None and self._noun_after_name(seg[run.end():]):
                    return None  # "a Novak spokesman", "a Biden campaign aide": the name is not the head
                lead = seg[:run.start()].replace("'", "' ").replace("’", "’ ").split()[1:] if run else []
                if any(w.lower().strip(",") in lex.object_markers for w in lead):
                    return None  # "a spokesperson for the Chancellor", "un proche de Macron": whom it serves
                entity = self.resolve_subject(run.group(0), pos, strict=True) if run else None
                return entity if entity is not None and entity.kind == "person" else None
            entity = self._resolve_role(seg, pos)
            if entity is None:
                # "while far-right leader Marine Le Pen said": a few words of description before a
                # registered name (not a phrase it ends: "heredera del expresidente Rafael Correa")
                speaker, alias = self.registry.alias_at_end(seg)
                description = seg[: len(seg) - len(alias)].lower().split() if speaker is not None else []
                if (speaker is not None and speaker.kind == "person" and len(alias.split()) > 1
                        and len(description) <= 5 and not any(w in lex.object_markers for w in description)):
                    entity = self._entity_for_speaker(speaker)
            return entity
        # registered names and aliases at the end of the phrase (longest first)
        speaker, alias = self.registry.alias_at_end(seg)
        bare = words[-1].rstrip(".,")
        if (speaker is None and len(words) > 1 and bare[:1].isupper() and bare[-1:].isupper()
                and bare.lower() in lex.postnominals):
            # "Anas Sarwar MSP": letters after a registered person's name are not part of it
            # (after anything else they stay: "Sinn Fein TD" is no person named Sinn Fein)
            shorter = " ".join(words[:-1])
            named, named_alias = self.registry.alias_at_end(shorter)
            if named is not None and named.kind == "person":
                seg, words, speaker, alias = shorter, words[:-1], named, named_alias
        if speaker is not None and speaker.kind == "organisation" and len(seg.split()) > len(alias.split()):
            # "la tête de liste du RN": a person's role that names the organisation; "Jordan Bardella
            # of the far-right National Rally": the person the phrase opens with
            entity = self._resolve_role(seg, pos) or self._name_before_complement(seg, pos)
            if entity is not None and entity.kind == "person":
                return entity
            head = next((w for w in words if not lex.is_determiner(w.lower())), "")
            if lex.is_title(head) and head.lower() not in lex.org_heads:
                return None  # "the president of the RN group": a person it names, not the organisation
        if speaker is not None and speaker.kind == "person" and lex.after_preposition(seg[: len(seg) - len(alias)]):
            return None  # "Sobre Hayden Davis, contó …": a name after a preposition is an object or a topic
        if speaker is not None:
            if speaker.kind == "person" and _is_surname_form(alias, lex) and len(speaker.name.split()) > 1:
                # "Wang", "Mr Wang", "President Xi": a surname, decided by who the article has named
                return self._resolve_surname(seg.split()[-1], pos, fallback=speaker)
            return self._entity_for_speaker(speaker)
        entity = self._name_before_complement(seg, pos)
        if entity is not None:
            return entity
        # organisations: "China's Foreign Ministry", "the State Department", "Reuters"
        bare_last = last.strip(".")
        if bare_last in lex.org_heads or (words[-1] in lex.organisations or last in lex.organisations):
            # a phrase speakers.yaml gives as someone's role ("Buckingham Palace" for the King) is theirs
            nats, role_words, _ = _role_form(seg, lex)
            holder = self.registry.sole_holder(nats, role_words, lex) if role_words else None
            if holder is not None:
                return self._entity_for_speaker(holder)
            proper = _PROPER_AT_END.search(seg)
            proper = proper.group(1) if proper else ""
            name = lex_determiners_re(lex).sub("", proper)
            lead = seg[: len(seg) - len(proper)].strip().lower()
            if name and name[0].isupper() and (lead in {"", "and", "but", "so", "still", "yet"} or lead in lex.connectives):
                if strict and self.entities.get(slugify(name)) is None and self.registry.by_alias.get(_norm_name(name)) is None:
                    return None
                return self._entity(name, "organisation")
        # role nouns and descriptions: "the president", "America's top diplomat"
        entity = self._resolve_role(seg, pos)
        if entity is not None:
            return entity
        if lex.described_people is not None and lex.described_people.match(seg):
            return self._described_person(pos)  # "sagte der Republikaner", no one's role: the one just named
        generic = self._generic_description(words)
        if generic is not None and generic[0] == len(words):
            return self._generically_described(generic[1], pos)  # "the German leader said"
        # a person's name at the end of the phrase (not after a preposition: "in Michigan", "for Putin")
        run = lex.name_at_end.search(seg)
        named = run.group(0) if run else ""
        if run and lex.after_preposition(seg[:run.start()]):
            named = self._name_after_organisation(named)
            if not named:
                return None
        if run:
            parsed = _parse_run(named, lex.p.code)
            if parsed is not None:
                name, role, _, nats = parsed
                name = self._without_leading_verb(name)
                pair = name.split()
                if len(pair) == 2 and not role:
                    # "prijst Trump Kirk als …": a registered name and another person's, not one name
                    first = self.registry.by_alias.get(_norm_name(pair[0]))
                    if first is not None and first.kind == "person" and any(
                            e.kind == "person" and len(e.tokens()) > 1 and e.tokens()[-1] == pair[1]
                            and e.tokens() != pair for e in self.entities.values()):
                        return self._entity_for_speaker(first)
                if len(pair) == 1:
                    if name.lower() in lex.common:
                        return None
                    return self._resolve_surname(name, pos, strict=strict, determiner=self._has_determiner(seg, name))
                if strict and self.entities.get(slugify(name)) is None and self.registry.by_alias.get(_norm_name(name)) is None:
                    return None
                if lex.p.capitalised_nouns and not role and self._has_determiner(seg, name):
                    return None  # "der Wagner-Gruppe": a German noun with its article
                return self._entity(name, "person", role, nats)
            # a place standing for its government ("Beijing said"); a nationality is no one
            bare = lex_determiners_re(lex).sub("", run.group(0)).rstrip(".")
            key = lex.places.get(bare.casefold().replace("’", "'"))
            if key is None:
                key = lex.places.get(bare.casefold().replace("’", "'").removesuffix("'s"))
            if key is not None and bare[:1].isupper() and not seg[: len(seg) - len(run.group(0))].strip():
                return self._place_entity(key, bare)
        return None

    def _particle_name(self, words: list[str], pos: int) -> _Entity | None:
        """A known person's surname written with its lower-case particles first ("van der Plas",
        "von der Leyen"): a registered alias, or the end of a full name the article has named
        before ``pos``."""
        k = 0
        while k < len(words) and words[k].lower() in self.lex.particles:
            k += 1
        if not 0 < k < len(words) or not words[k][:1].isupper():
            return None
        name = " ".join(words[:k + 1]).rstrip(".,;:")
        speaker = self.registry.by_alias.get(_norm_name(name))
        if speaker is not None and speaker.kind == "person":
            return self._entity_for_speaker(speaker)
        tail = _norm_name(name)
        known = [e for e in self.entities.values()
                 if e.kind == "person" and e.mentions and e.mentions[0] < pos and _norm_name(e.name).endswith(" " + tail)]
        return known[0] if len(known) == 1 else None

    def _name_before_complement(self, seg: str, pos: int) -> _Entity | None:
        """A person's name that opens the phrase, then a preposition and what they belong to
        ("Jordan Bardella of the far-right National Rally called it", "Bardella du RN")."""
        words = seg.split()
        k = next((k for k, w in enumerate(words) if not w[:1].isupper()), len(words))
        if not 0 < k < len(words) - 1 or words[k].lower() not in self.lex.object_markers:
            return None
        if self.lex.is_title(words[k - 1].lower()) or words[k - 1].lower() in self.role_vocab:
            return None  # "Labour MP for Rhondda Sir Chris Bryant": a role and its complement
        name = " ".join(words[:k])
        if k == 1:
            speaker = self.registry.by_alias.get(_norm_name(name))
            if speaker is None or _norm_name(speaker.name).split()[0] == _norm_name(name):
                return None  # a given name alone ("Luis de Guindos", "Mark van Bommel") is no one's surname
        entity = self.resolve_subject(name, pos, strict=True)  # someone known: not "la Cámara Baja del Parlamento"
        return entity if entity is not None and entity.kind == "person" and not entity.place else None

    def _name_after_organisation(self, run: str) -> str:
        """The name that follows an organisation in a run after a preposition ("el magistrado
        del TSE Guillermo Wellman"): the organisation's acronym or alias, then a full name."""
        first, _, rest = run.partition(" ")
        organisation = self.registry.by_alias.get(_norm_name(first))
        if not (_ACRONYM.fullmatch(first) or (organisation is not None and organisation.kind == "organisation")):
            # "minister van Buitenlandse Zaken Caspar Veldkamp": an organisation named up to its head word
            words = run.split()
            head = next((k for k, w in enumerate(words[:4]) if w.lower() in self.lex.org_heads), None)
            if head is None:
                return ""
            rest = " ".join(words[head + 1:])
        parsed = _parse_run(rest, self.lex.p.code) if rest else None
        return rest if parsed is not None and len(parsed[0].split()) > 1 and not parsed[1] else ""

    def _joint(self, words: list[str], pos: int) -> bool:
        """Two people joined as one subject ("X and Y said")."""
        lex = self.lex
        for k in range(len(words) - 2, 0, -1):
            if words[k].lower() in lex.coordinators:
                left, right = words[:k], words[k + 1:]
                if not any(w[:1].isupper() for w in left) or not any(w[:1].isupper() for w in right):
                    return False
                one = self._resolve_segment(" ".join(left), pos, strict=True)
                if one is None:
                    run = lex.name_at_end.search(" ".join(left))
                    parsed = _parse_run(run.group(0), lex.p.code) if run else None
                    if parsed is None or len(parsed[0].split()) < 2:
                        return False
                elif one.place:
                    return False
                elif self._resolve_segment(" ".join(right), pos, strict=True) is one:
                    return False  # two titles of one person: "Bundesfinanzminister und FDP-Chef Christian Lindner"
                return True
        return False

    def _has_determiner(self, seg: str, name: str) -> bool:
        head = seg[: len(seg) - len(name)].split()
        return bool(head) and head[-1].lower() in self.lex.determiners

    def _pronoun(self, word: str, pos: int = -1) -> _Entity | None:
        gender = self.lex.pronouns.get(word.lower())
        if gender in ("he", "she", "any"):
            return self._pronoun_target(gender, pos)
        if gender == "it":
            return self.last_org
        return None  # "they" goes to no one

    def _is_role_word(self, word: str) -> bool:
        """Does some role of the article's people, or a generic role noun, end with this word?"""
        return word in self.role_vocab or word in self.lex.p.role_families

    def _resolve_role(self, seg: str, pos: int) -> _Entity | None:
        """The most recently named person a role phrase fits; when the article
        has named no one it fits yet, the registered speaker who alone holds it."""
        lex = self.lex
        nats, words, _ = _role_form(seg, lex)
        if (not words and not nats) or len(words) > 8:
            return None
        if (len(words) > 1 and not self._is_role_word(words[-1]) and words[-1] not in lex.p.role_changers
                and words[-2] in self.role_vocab and words[-2] not in self.registry.name_words):
            # "el presidente centrista", "el economista libertario": an adjective after the role noun,
            # the rest must name a role exactly (not "el presidente entrante": ``role_changers``;
            # not "Donald Trump Jr", whose "Trump" ends a role, "l'épouse de Donald Trump")
            found = self._role_holder(nats, words[:-1], pos, exact=True)
            if found is not _UNKNOWN and found is not None:
                return found
        if words and not self._is_role_word(words[-1]):
            return None  # no one's role ends with that word: no need to look
        # "el mandatario", "la dirigente": a role's gender, told by its article or noun, rules
        # out a person known to go by the other pronoun
        told = seg.lower().split()
        cut = next((k for k in range(1, len(told)) if _link_word(told[k]) in _LINKS
                    and (self._is_role_word(told[k - 1]) or lex.is_title(told[k - 1]))), len(told))
        gender = lex.gender_told(told[:cut])  # the role's own words: "la nouvelle chef", not "du gouvernement"
        found = self._role_holder(nats, words, pos, gender=gender)
        if found is not _UNKNOWN:
            return found
        # "der von Scholz entlassene Bundesfinanzminister", "the recently sacked finance
        # minister": a modifier before the role (no title or role word in it) is left out,
        # and what is left must name a role exactly
        for k in range(1, len(words)):
            head = words[k - 1]
            if lex.is_title(head) or head in self.role_vocab or head in _RANK_WORDS or lex.nationality(head) is not None:
                break
            if words[k] in _LINKS or words[k] in lex.determiners or words[k] in lex.object_markers:
                continue  # "candidate malheureuse à la présidentielle": "la présidentielle" is a complement, no role
            # (a word for any office left alone fits as it does bare: "de radicaal-rechtse politicus")
            any_office = k == len(words) - 1 and words[-1] in lex.p.any_office
            found = self._role_holder(nats, words[k:], pos, exact=not any_office, gender=gender)
            if found is not _UNKNOWN:
                return found  # ("la nouvelle chef du gouvernement": the modifier's gender still rules)
        return None

    def _role_holder(self, nats: frozenset, words: tuple, pos: int, exact: bool = False, gender: str | None = None):
        """The person a role phrase names (see ``_resolve_role``), None when the
        phrase is a role but names no one for sure, _UNKNOWN when it fits no one."""
        lex = self.lex
        best, best_at, best_exact = None, -1, False
        for entity in self._recent_entities(pos):
            if not entity.roles or entity.place or (gender and entity.pronoun not in (None, gender)):
                continue
            fit = _fits(nats, words, entity, lex)
            if not fit or (exact and fit < 2):
                continue
            k = bisect.bisect_left(entity.mentions, pos)
            at = entity.mentions[k - 1] if k else -1
            if at >= 0 and (best is None or at > best_at):
                best, best_at, best_exact = entity, at, fit == 2
        if best is not None and best_at >= 0:
            if best_exact or best.id in self.registry.speakers:
                return best
            return None  # the phrase only loosely fits the last person named: not a guess
        # a registered speaker the article has not named yet, if the role is theirs alone
        holder = self.registry.sole_holder(nats, words, lex)
        return self._entity_for_speaker(holder) if holder is not None else _UNKNOWN

    def _resolve_surname(self, surname: str, pos: int, fallback: Speaker | None = None, strict: bool = False,
                         determiner: bool = False) -> _Entity | None:
        """A bare surname is only the person the article has already named in
        full — and only if it has named no one else with that surname."""
        token = surname.strip(".")
        named = self.by_token.get(_plain(token), [])
        candidates = [e for e in named if e.mentions and e.mentions[0] < pos]
        if len(candidates) == 1:
            return candidates[0]
        if len(candidates) > 1:
            registered = fallback or self.registry.by_surname.get(_plain(token))
            if (registered is not None and any(e.id == registered.id for e in candidates)
                    and all(e.id == registered.id or (fallback is not None and e.id in self.registry.speakers)
                            or self._introduced_as_kin(e) for e in candidates)):
                # speakers.yaml gives the bare surname to one of them alone: "Biden" is Joe
                # Biden's alias, not Hunter Biden's (both registered); and a relative the
                # article introduces as one ("her husband, Hamish Badenoch") leaves it to her
                return self._entity_for_speaker(registered)
            return None  # Henry Wang and Wang Yi: a bare "Wang" is ambiguous
        later = named
        if fallback is None:
            # the surname of a registered speaker ("Wang" for Wang Yi, whom the
            # article may call only "China's top diplomat")
            fallback = self.registry.by_surname.get(_plain(token))
        if fallback is not None and all(e.id == fallback.id for e in later):
            return self._entity_for_speaker(fallback)
        lex = self.lex
        low = token.lower()
        if (fallback is None and not later and not strict and not determiner and not lex.p.capitalised_nouns
                and not lex.p.verb_second and not lex.p.pro_drop  # "Ondertussen zei …", "Asimismo, manifestó …"
                and low not in lex.function
                and low not in lex.not_names and lex.nationality(low) is None and not lex.is_title(low)
                and not (lex.not_name_shape is not None and lex.not_name_shape.search(low))
                and not low.endswith(lex.p.gerund_endings)  # "Speaking at an event …, Maduro declared": a verb form
                and lex.name_word.match(token) and low not in lex.org_heads):
            key = lex.nationality(token)
            if key is not None:
                return None
            return self._entity(token, "person")
        return None

    def _introduced_as_kin(self, entity: _Entity) -> bool:
        """Was the person first named right after a word for a relative ("her husband, Hamish
        Badenoch", "son Hunter Biden", "su padre, Mario")?"""
        if not entity.mentions:
            return False
        at = entity.mentions[0]
        words = [w.strip(",;:()").lower() for w in self.masked[max(0, at - 40):at].split()[-2:]]
        if len(words) == 2 and words[1] in self.lex.object_markers:
            words = words[:1]  # "the son of Joe Biden"
        # (a word that is also a title is no sign: German "Frau Lisa Weber" is Mrs Weber)
        return bool(words) and words[-1] in self.lex.p.kinship and not self.lex.is_title(words[-1])

    # -- reading cues
    def speech_subjects(self, start: int, end: int) -> list[_Cue]:
        """The speech cues in masked[start:end], each with the subject of its clause."""
        lex = self.lex
        p = lex.p
        masked = self.masked
        found = []  # (pos, end, kind) relative to start
        verbs = p.verbs
        if p.verb_pattern is not None:
            for m in p.verb_pattern.finditer(masked, start, end):
                form = m.group(1)
                verb = verbs.get(form) or verbs.get(" ".join(form.split()))
                found.append((m.start() - start, m.end() - start, verb.kind if verb is not None else "finite"))
        first = _FIRST_WORD.match(masked, start, end)
        if first is not None and first.group(1)[:1].isupper():
            verb = verbs.get(first.group(1).lower())
            if verb is not None and (verb.kind == "gerund" or (verb.kind == "finite" and p.pro_drop)):
                # capitalised, opening the sentence: "Qualifiant Macron de « … », Bardella a …", and
                # where a subject may be left out, a finite form: "Aseguró además que …" (not a
                # past participle: "Asked about it, Trump said" has no subject of its own)
                found.append((first.start(1) - start, first.end(1) - start, verb.kind))
        if p.separable_pattern is not None:
            for m in p.separable_pattern.finditer(masked, start, end):
                found.append((m.start() - start, m.end() - start, "finite"))
        if p.inverted_only is not None:
            for m in p.inverted_only.finditer(masked, start, end):
                found.append((m.start() - start, m.end() - start, "after"))
        cues: list[_Cue] = []
        colon = self._leading_colon(start, end) if masked.find(":", start, min(end, start + 72)) >= 0 else None
        if colon is not None:
            cues.append(colon)
        if not found and p.quoted_as is None and p.quoting is None:
            return cues
        segment = masked[start:end]
        if (p.quoted_as is not None or p.quoting is not None) and any(h in segment for h in p.quoted_as_hints):
            for m in p.quoted_as.finditer(segment) if p.quoted_as is not None else ():
                found.append((m.start(), m.end(), "quoted"))
            for m in p.quoting.finditer(segment) if p.quoting is not None else ():
                found.append((m.start(), m.end(), "quoting"))
        if not found:
            return cues
        found.sort(key=lambda t: (t[0], -t[1]))
        covered = -1
        clause_start = 0
        reporting: _Cue | None = None  # the last cue whose reported clause may go on
        for pos, vend, kind in found:
            if pos < covered:
                continue  # "quoted as saying": the frame, not its verb again
            covered = vend
            before = segment[max(clause_start, pos - 40):pos]
            words_before = before.split()
            if (words_before and words_before[-1].lower().strip(",") in lex.verb_not_after and kind != "after"
                    and not (len(segment[:pos].split()) == 1 and words_before[-1][:1].isupper())
                    and not (kind == "finite" and words_before[-1].lower() in lex.object_clitics)):
                continue  # "a warning", "the alleged", "to say": no cue (but "Dat zei X", "Das sagte X" opening a sentence)
            if not p.verb_second and lex.passive and kind in ("finite", "participle") and self._passive(words_before):
                # "after the appointment was announced": its subject said nothing; the agent
                # of "was described by X as", "fue calificado por X como" did the saying
                agent = self._passive_agent(segment[vend:vend + MAX_AFTER], start + pos)
                if agent is not None:
                    cues.append(_Cue(start + pos, start + vend, agent, kind, start + vend, inverted=True))
                    self._note_speaker(agent, start + pos)
                    covered = clause_start = vend
                continue
            if kind == "participle" and not p.verb_second and not self._after_auxiliary_word(segment[max(clause_start, pos - 80):pos]):
                continue  # "l'accord indigne annoncé lundi": a participle as an adjective, no cue
            if kind == "finite" and p.verb_second and self._clause_final_participle(segment, clause_start, pos, vend):
                kind = "participle"  # "Biden hat ... die Gründe erläutert.": the participle, not "er erläutert"
            cue = self._cue(segment, start, clause_start, pos, vend, kind, cues)
            if cue is None:
                continue
            if kind == "participle" and p.verb_second:
                self._participle_voice(cue, segment, clause_start, pos, vend)
            if reporting is not None and kind in ("finite", "participle") and not cue.inverted \
                    and self._reported_clause(reporting.end, cue.start, reporting.start):
                cue.outer = reporting.outer or reporting
            self._note_speaker(cue.entity, start + pos)
            cues.append(cue)
            if kind != "gerund":
                clause_start = vend  # a participle's phrase stays in its clause: "The minister, speaking later, said"
            if kind in ("finite", "participle", "quoted"):
                reporting = cue
            self.verb_cues += kind != "after"
        cues.sort(key=lambda c: c.start)
        # a participle that opens the sentence shares the subject of the verb after it:
        # "Se refusant à « ... », Emmanuel Macron exhorte ..."
        for n, cue in enumerate(cues):
            if cue.kind == "gerund" and cue.entity is None:
                later = next((c for c in cues[n + 1:] if c.kind in ("finite", "participle") and c.entity is not None), None)
                lead = self.masked[start:cue.start].strip(" -–—\n").lower().split()
                if later is not None and all(w in lex.gerund_openers for w in lead):
                    cue.entity = later.entity  # also after "After", "en": "After asking whether ..., X said"
        return cues

    def _gerund_own_subject(self, words: list[str], at: int) -> _Entity | None:
        """The person named right before a gerund after one of the profile's words for it
        ("with their leader Jean-Luc Mélenchon adding", "images showed Putin saying"); not after
        a comma ("X met with Wang, telling him": the clause's subject)."""
        if self.masked[max(0, at - 3):at].rstrip().endswith(","):
            return None
        lex = self.lex
        for k in range(len(words) - 2, max(-1, len(words) - 8), -1):
            if words[k].lower() in lex.gerund_subject_after:
                named = words[k + 1:]
                if any(w.endswith(",") or not (w[:1].isupper() or lex.is_determiner(w.lower()) or lex.is_title(w.lower())
                                               or self._is_role_word(w.lower())) for w in named) \
                        or not named[-1][:1].isupper():
                    return None  # (not "met with Novak on Monday saying": an adjunct between)
                entity = self.resolve_subject(" ".join(named), at, strict=True)
                return entity if entity is not None and entity.kind == "person" and not entity.place else None
        return None

    def _passive_agent(self, after: str, at: int) -> _Entity | None:
        """The person or organisation a passive's agent names right after its verb
        ("by Isaac Herzog as", "por el presidente israelí como"): the longest run of
        words, up to a comma or a quotation, that names one."""
        words = after.split()
        if not words or words[0].lower() not in self.lex.passive_agent:
            return None
        phrase = []
        for w in words[1:9]:
            if any(ch in w for ch in MASKS) or w[:1] in "\"'“‘«„":
                break
            phrase.append(w.rstrip(",;:."))
            if w[-1:] in ",;:.":
                break
        for k in range(len(phrase), 0, -1):
            entity = self.resolve_subject(" ".join(phrase[:k]), at)
            if entity is not None and not entity.place:
                return entity
        return None

    def _participle_voice(self, cue: _Cue, segment: str, clause_start: int, pos: int, vend: int) -> None:
        """Verb last: a participle after a passive auxiliary ("ihm wurde „Extremismus“
        vorgeworfen") has no speaker of its own; one after an auxiliary in the
        reported-speech mood ("habe Scholz das Angebot „brüsk“ zurückgewiesen")
        is reported by the current speaker."""
        lex = self.lex
        clause = [w.lower().strip(".") for w in re.split(r"[,;:]", segment[clause_start:pos])[-1].split()]
        after = segment[vend:vend + 12].split()[:1]
        if any(w in lex.passive for w in clause) or (after and after[0].lower().strip(".,;:") in lex.passive):
            cue.entity = None
        elif any(w in lex.reported_mood for w in clause):
            cue.reported = True

    def _opens_with_person(self, segment: str, at: int) -> bool:
        """Does the sentence open with a person the article knows ("Mark Rutte, die …")?"""
        head = self._leading_np(segment.lstrip().split(",", 1)[0])
        entity = self.resolve_subject(head, at, strict=True) if head else None
        return entity is not None and entity.kind == "person"

    def _opens_with_verb(self, start: int) -> bool:
        """Does the sentence open with its verb, or a clitic or adverb before it ("Se refirió …")?"""
        m = _FIRST_WORD.match(self.masked, start)
        first = m.group(1).lower() if m is not None else ""
        return first in self.lex.before_verb or first in self.lex.p.verbs

    def _coordinated_adjunct(self, words: list[str]) -> bool:
        """Do the words before a verb end in a coordinator and an adjunct only ("X es
        presidente y en su discurso de asunción aseguró", "X arrived and on Monday said")?"""
        lex = self.lex
        k = max((n for n, w in enumerate(words) if w.lower() in lex.coordinators), default=-1)
        rest = words[k + 1:]
        if any(w.lower() in lex.relative_subject and words[n - 1].endswith(",") for n, w in enumerate(words[:k]) if n):
            return False  # "X, qui a dû être évacué … et avec du sang …, a dit": inside a relative clause
        return (k > 0 and bool(rest) and rest[0].lower() in lex.adjunct_starts and len(rest) <= 8
                and not any(w[:1].isupper() for w in rest))

    def _passive(self, words_before: list[str]) -> bool:
        """Does a passive auxiliary come right before the verb, past an adverb ("was
        announced", "fue anunciado", "a été annoncé", "were later told")?"""
        lex = self.lex
        for w in reversed(words_before[-2:]):
            low = w.lower().strip(",")
            if low in lex.passive:
                return True
            if not (lex.adverb is not None and lex.adverb.match(low)):
                return False
        return False

    def _after_auxiliary_word(self, before: str) -> bool:
        """Does a participle follow an auxiliary ("a déclaré", "ha dicho", "a-t-il
        complété", "l'a également dit"), past adverbs and clitics?"""
        lex = self.lex
        if lex.parentheticals is not None:
            before = lex.parentheticals.sub(" ", before)
        for w in reversed(_norm_apostrophes(before).split()[-6:]):
            low = w.lower().strip(",")
            if "'" in low[:-1] and low.rsplit("'", 1)[1] in lex.auxiliaries:
                return True  # "qu'a déclaré", "n'a pas dit"
            if low in lex.auxiliaries or (lex.p.clitic_before is not None and lex.p.clitic_before.search(" " + low)):
                return True
            if low in lex.before_verb or (lex.adverb is not None and lex.adverb.match(low)):
                continue
            return False
        return False

    def _clause_final_participle(self, segment: str, clause_start: int, pos: int, vend: int) -> bool:
        """Verb second: a form that is also a participle (``erläutert``) ends its
        clause after a finite auxiliary of the same clause (``hat``, ``wurde``):
        it is the participle."""
        lex = self.lex
        if segment[pos:vend] not in lex.p.participle_forms:
            return False
        after = segment[vend:vend + 3].lstrip(" ")
        if after and after[0] not in ".,;:!?)" + MASKS:
            return False
        before = segment[max(clause_start, pos - MAX_SUBJECT):pos]
        before = re.split(r"[,;:]", before)[-1]
        return any(w.lower() in lex.auxiliaries for w in before.split())

    def _reported_clause(self, outer_end: int, inner_start: int, outer_start: int) -> bool:
        """Is the text between a cue and a later one the later one's subject in
        the first's reported clause ("X said [that] Y pledged"), not a new
        clause ("X said A, and Y added"; a quotation between; "After X confirmed
        it, Y described")?"""
        between = self.masked[outer_end:inner_start]
        if any(ch in between for ch in MASKS) or ";" in between or ":" in between:
            return False
        if "," in between:
            piece = between.rsplit(",", 1)[1]
            opening = piece.split()[:1]
            if opening and opening[0].lower() in self.lex.relative_subject:
                return False  # "X a parlé avec Keir Starmer, qui a appelé à «…»": the relative's own clause
            if any(f" {r} " in f" {piece.lower().strip()} " for r in self.lex.relative_object):
                return False  # "…, a lo que Trump ha respondido «…»": a relative clause with its own subject
            if (not re.match(r"\s*(?:that|que|qu'|dass|dat)\b", between.lower()) and piece.strip()
                    and self.resolve_subject(piece, inner_start, strict=True) is not None):
                # "Trump, quien criticó el veredicto, el presidente Joe Biden dijo que …": the comma
                # ends the first verb's clause, and the second one has a subject of its own
                return False
            lead = re.split(r"[,.;:!?\n]", self.masked[max(0, outer_start - 80):outer_start])[-1].lower().split()
            if any(w in self.lex.clause_openers for w in lead):
                return False  # the first cue is in an adverbial clause the comma closes
        lowered = between.lower()
        if any(f", {c} " in lowered or lowered.lstrip().startswith(c + " ") for c in self.lex.coordinators):
            return False
        if any(f" {c} " in f" {lowered} " for c in self.lex.contrast_openers):
            return False  # "X argued … while Y said": a clause of its own, commas or not
        # "X a déclaré que …, même après que Y a qualifié …": an adverbial clause is the reporter's own
        for piece in lowered.split(",")[1:]:
            if any(w in self.lex.clause_openers for w in piece.split()[:2]):
                return False
        return True

    def _cue(self, segment: str, start: int, clause_start: int, pos: int, vend: int, kind: str, cues) -> _Cue | None:
        lex = self.lex
        clause_start = max(clause_start, pos - 2 * MAX_SUBJECT)  # a subject is a few words before its verb
        before = segment[clause_start:pos]
        cut = max(before.rfind(END_STOP), before.rfind(END), before.rfind(";"), before.rfind(": "))
        lowered = before.lower()
        relative_at = -1  # "Sánchez, que ha remarcado": a subordinator that is a relative pronoun
        for sub in lex.subordinators:
            if sub.endswith("'"):
                k = lowered.rfind(f" {sub}")  # qu'être
                if k >= 0 and k + len(sub) > cut:
                    cut = k + len(sub)
            else:
                k = max(lowered.rfind(f" {sub} "), lowered.rfind(f" {sub}, "))
                if k > cut:
                    cut = k
                    relative_at = k if sub in lex.relative_subject and before[:k].rstrip().endswith(",") else -1
        if lex.clause_openers and "," in lowered:
            # "…, even after Biden cast": the subject of an adverbial clause follows its opener
            for m in _OPENER_AFTER_COMMA.finditer(lowered):
                for g in (1, 2):  # the word after the comma, or the one after that ("even after")
                    if m.group(g) in lex.clause_openers and m.end(g) > cut and lowered[m.end(g):m.end(g) + 1].isspace():
                        following = lowered[m.end(g):m.end(g) + 30].split()[:1]
                        if lex.infinitive is not None and following and lex.infinitive.fullmatch(following[0]):
                            break  # "X, pressenti pour être Premier ministre, a assuré": no subject of its own
                        if lowered[m.end(g):].rstrip().endswith(","):
                            break  # "Kate, as she is widely known, said": the clause closed before the verb
                        cut, relative_at = m.end(g), -1
                        break
        for opener in lex.contrast_openers:
            k = lowered.rfind(f" {opener} ")
            rest = lowered[k + len(opener) + 2:]
            if k > cut and rest.strip() and not rest.rstrip().endswith(","):  # (not "Novak, while in Paris, said")
                cut, relative_at = k + len(opener) + 1, -1  # "… had to be liberated while Macron said"
        subject_text = before[cut + 1:] if cut >= 0 else before
        if relative_at >= 0:
            relative, _, between = before[relative_at:].strip().partition(" ")
            if not self._strip_before_verb(between).strip(" ,"):
                subject_text = before[:relative_at].rstrip() + " " + relative  # "X, que": the antecedent speaks
        subject_start = start + clause_start + (cut + 1 if cut >= 0 else 0)
        at, end = start + pos, start + vend
        after = self.masked[end:min(end + MAX_AFTER, start + len(segment))]
        if kind == "after":
            # "…, so Lukaschenko", "…”, aldus de president": only right after a quotation
            if subject_text.strip(" ,\n" + MASKS) or before.rstrip(" ,\n")[-1:] not in MASKS:
                return None
            entity = self._inverted_subject(after, at)
            return _Cue(at, end, entity, kind, subject_start, inverted=True) if entity is not None else None
        if kind == "quoted":
            entity = self.resolve_subject(subject_text, at)
            if entity is None and not subject_text.strip(" ,\n" + MASKS):
                # verb second after a quotation: "„…“, wird Orbán zitiert" — the subject is inside the frame
                inner = segment[pos:vend].split()[1:-1]
                entity = self.resolve_subject(" ".join(inner), at) if inner else None
            return _Cue(at, end, entity, kind, subject_start, inverted=entity is not None)
        if kind == "quoting":
            # "zitiert die BBC Sturgeon", "The BBC quoted Merz as saying": the outlet relays, the
            # person named after the verb speaks (no cue when none is)
            entity = self._quoted_person(after, at)
            if entity is not None:
                return _Cue(at, end, entity, "finite", subject_start, inverted=True)
            opening = after.lower().split(",")[0].split()[:8]
            if opening and opening[0] not in lex.object_markers and any(w in lex.indefinite for w in opening):
                # "zitiert Nius einen hochrangigen CDUler": someone, unnamed — not whoever the text was about
                return _Cue(at, end, None, "finite", subject_start, inverted=True)
            return None
        # a pronoun written onto its verb or auxiliary: "dit-elle", "a-t-il dit"
        p = lex.p
        hit = p.clitic_after.match(after) if p.clitic_after is not None else None
        if hit is None and p.clitic_before is not None and subject_text.strip():
            hit = p.clitic_before.search(self._strip_before_verb(subject_text)[-16:])  # "a-t-il notamment déclaré"
        if hit is not None:
            return _Cue(at, end, self._pronoun(hit.group(1), at), kind, subject_start, inverted=True)
        if self._points_back_to(at, end):
            # "«…». Así lo dijo Sánchez", "Eso afirmó X": the sentence opens by pointing back to
            # what was quoted, and its subject follows the verb
            inverted = self._inverted_subject(after, at)
            if inverted is not None:
                return _Cue(at, end, inverted, kind, subject_start, inverted=True)
        bare = self._strip_before_verb(subject_text).strip(" ,:;—–-\n" + MASKS)
        words = bare.split()
        if relative_at < 0 and len(words) == 1 and words[0].lower() in lex.subordinators:
            bare, words = "", []  # "…, pero sí que ha asegurado": the subordinator, its subject left out
        elif (p.pro_drop and 1 < len(words) <= 3 and words[0].lower() in lex.adjunct_starts and "," not in bare
              and not any(w[:1].isupper() for w in words[1:]) and not self._is_latter(words)
              and not self._is_anaphor(words) and not self._resolve_role(bare, start + pos)):
            # "Tras ello declara …": a short adjunct alone, the subject left out (not "Durante el
            # debate un diputado socialista aseguró", whose subject follows the adjunct)
            bare, words = "", []
        elif p.pro_drop and words and self._prepositional_only(bare):
            # "Además, en un mensaje en su cuenta de X le dijo …": phrases that each open with a
            # preposition, names only right after one: the subject after the verb, else left out
            # (not the subject of the clause it reports: "ha sostenido que Agrupación Nacional …")
            inverted = None if re.match(r"\s*(?:que|qu'|that|dass|dat)\b", after) else self._inverted_subject(after, at)
            if inverted is not None:
                return _Cue(at, end, inverted, kind, subject_start, inverted=True)
            entity = self._understood_subject(start, at) if self._nothing_named(after) else None
            return _Cue(at, end, entity, kind, subject_start)
        lowered = " " + bare.lower()
        stripped = " " + self._strip_before_verb(before).lower().rstrip()
        if any(lowered.endswith(" " + r) or stripped.endswith(" " + r) for r in lex.relative_object):
            # "Xi, to whom he said", "a quien trasladó", "lo que ha descrito como": the clause's subject speaks
            kind_shared = True
        else:
            kind_shared = False
        if words and words[-1].lower() in lex.relative_subject and not kind_shared:
            # "X, who said": the one the relative pronoun stands for
            head = bare[: len(bare) - len(words[-1])].rstrip(" ,").rsplit(",", 1)[-1].split()
            while head and head[0][:1].islower() and not (lex.is_determiner(head[0]) or lex.is_title(head[0])
                                                           or lex.nationality(head[0]) is not None):
                head.pop(0)  # "praised by Weber, who said": the noun, not its preposition
            antecedent = self.resolve_subject(" ".join(head), at) if head else None
            for k in range(1, len(head) if antecedent is None else 0):
                # "That contradicted Trump, who said", "durante el discurso que el expresidente dio
                # contra el veredicto, que calificó": the clause before does not name its subject
                # as a whole; its endings, longest first, from a name, a determiner or a title on
                # (from the start of a name, never after a preposition: "le colistier de Kamala Harris, qui")
                if ((head[k][:1].isupper() or lex.is_determiner(head[k]) or lex.is_title(head[k]))
                        and not lex.after_preposition(head[k - 1]) and not head[k - 1][:1].isupper()):
                    antecedent = self.resolve_subject(" ".join(head[k:]), at, strict=True)
                    if antecedent is not None:
                        antecedent = antecedent if antecedent.kind == "person" and not antecedent.place else None
                        break
            return _Cue(at, end, antecedent, kind, subject_start)
        if kind_shared or kind == "gerund" or (words and words[-1].lower() in lex.coordinators) or (kind == "participle" and p.verb_second) \
                or self._coordinated_adjunct(words):
            # "X met Y and said", "X hinted at it, saying", "X hat von „Verrat“ gesprochen":
            # the subject of the clause
            entity = self._gerund_own_subject(words, at) if kind == "gerund" else None
            if entity is not None:
                return _Cue(at, end, entity, kind, subject_start)
            if kind == "participle" and p.verb_second:
                # "… abgezielt – Scholz hatte der CDU/CSU „Theateraufführungen“ vorgeworfen": a dash
                # opens a clause of its own, whose subject leads it
                dashes = [m.end() for m in _DASH_BREAK.finditer(segment, 0, pos)]
                if dashes:
                    entity = self._leading_subject(start + dashes[-1], at, people_only=True)
            if entity is None:
                entity = self._shared_subject(cues, start, at)
            if entity is None and p.pro_drop and all(w.lower() in lex.coordinators or w.lower() in lex.connectives for w in words):
                entity = self._pronoun_target("any", at)  # "Y puntualiza que ...": the speaker is understood
            elif entity is None and p.pro_drop and self._opens_with_verb(start):
                # "Se refirió al legado … y dijo que …": the sentence has no subject of its own
                entity = self._understood_subject(start, at)
            return _Cue(at, end, entity, kind, subject_start)
        if words and words[-1].lower() in lex.inversion_triggers and (len(words) == 1 or words[-2].endswith(",")):
            # "..., según indicó la Casa Blanca", "comme l'a dit X": the subject follows
            inverted = self._inverted_subject(after, at)
            if inverted is not None:
                return _Cue(at, end, inverted, kind, subject_start, inverted=True)
            if p.pro_drop and len(words) == 1 and not after.split(",", 1)[0].strip():
                # "Según explicó, el sistema …": the subject left out, as for "«…», dijo."
                return _Cue(at, end, self._understood_subject(start, at), kind, subject_start)
        if not words:
            # after a quotation, or opening the clause: the subject follows ("...," said X) —
            # never a name after "que" ("Agregó que Walz es …": Walz is what is reported)
            first_after = after.split(None, 1)[:1]
            entity = None if first_after and first_after[0].lower() in lex.subordinators else self._inverted_subject(after, at)
            if entity is None:
                entity = self._subject_before_relative(segment[max(0, pos - 2 * MAX_SUBJECT):pos], at)  # "X, qui a décrit « ... », a dit"
            after_quote = before.rstrip(" ,\n")[-1:] in MASKS
            if entity is None and (p.pro_drop or (after_quote and self._no_one_after(after))) \
                    and self._nothing_named(after, quoted_object=not after_quote,
                                            opens_sentence=not self.masked[self._sentence_start:at].strip()):
                # "“...”, dijo.": the speaker is understood — the person the sentence before
                # (of the paragraph) is about, else the last speaker; elsewhere a subject left
                # out right after a quotation ("„...“, sagte in der Ansprache") is too
                opening = not segment[:pos].strip()
                entity = self._understood_subject(start, at, opening) if p.pro_drop else self._pronoun_target("any", at)
            return _Cue(at, end, entity, kind, subject_start, inverted=entity is not None)
        if (words[-1].lower() in lex.pronouns and (len(words) == 1 or words[-2].lower() in lex.connectives)
                and lex.pronouns[words[-1].lower()] in ("he", "she")):
            entity = self._antecedent(words[-1], cues, start, at)
            if entity is _UNKNOWN:
                return _Cue(at, end, None, kind, subject_start)
            if entity is not None:
                return _Cue(at, end, entity, kind, subject_start)
        if p.verb_second and "," not in bare and (
                words[0].lower() in lex.adjunct_starts
                or (len(words) > 2 and not lex.is_determiner(words[0]) and words[0].lower() not in lex.pronouns
                    and lex.after_preposition(words[1]) and self.resolve_subject(words[0], at, strict=True) is None)):
            # "Nach seiner Entlassung durch Scholz kritisierte Lindner", "Ungerührt von der Stimmung
            # spricht Kaczynski": the one phrase
            # before the verb is an adjunct, and the subject follows the verb
            inverted = self._inverted_subject(after, at)
            if inverted is not None:
                return _Cue(at, end, inverted, kind, subject_start, inverted=True)
            if self._subject_pronoun_after(after):
                # "In een boodschap aan president Donald Trump zei hij …": a pronoun the verb's subject,
                # whom it stands for unknown; not the one the adjunct names
                return _Cue(at, end, None, kind, subject_start)
        after_comma = self._strip_before_verb(subject_text).rstrip().endswith(",")
        if p.verb_second and after_comma and not self._opens_with_person(segment, at):
            # "Das überlasse er Dilan Yesilgöz, sagte Rutte": right after a comma the finite
            # verb is second, after the clause it reports; a name right after it is its subject
            # (not "Mark Rutte, die zichtbaar geïrriteerd was, vroeg Geert Wilders": he opens it)
            inverted = self._inverted_subject(after, at)
            if inverted is not None:
                return _Cue(at, end, inverted, kind, subject_start, inverted=True)
        if p.verb_second and lex.oblique and words[0].lower() in lex.oblique and "," not in bare:
            # "Den FDP-Chef bezeichnete Scholz als „kleinkariert“": an accusative or dative opens
            # the clause, never its subject, which follows the verb
            inverted = self._inverted_subject(after, at)
            return _Cue(at, end, inverted, kind, subject_start, inverted=inverted is not None)
        # "Rubiales who is defiant amid mounting pressure said", "One adviser who was with Trump
        # said": a relative clause between the subject and its verb, without commas; the subject
        # is the noun before it, never a name inside it
        k = next((n for n, w in enumerate(words[:-1]) if n and w.lower() in lex.relative_subject
                  and not words[n - 1].endswith(",") and "," not in " ".join(words[n:])
                  and words[n + 1][:1].islower() and words[n + 1].lower() not in lex.pronouns
                  and not lex.is_determiner(words[n + 1].lower())), 0)
        if k:
            head_text = " ".join(words[:k])
            head = self.resolve_subject(head_text, at, strict=True)
            if head is None and "," in head_text:  # "David Lammy, also a politician who comes from …, called"
                head = self.resolve_subject(head_text + ",", at, strict=True)
            entity = head if head is not None and head.kind == "person" else None
        else:
            entity = self.resolve_subject(subject_text, at)
            k = next((n for n, w in enumerate(words) if n and w.lower() in lex.relative_subject), 0)
            if entity is None and len(words) > 2 and k:
                # "Le plus haut magistrat de France, qui s'était exprimé …, avait rappelé"
                head = self.resolve_subject(" ".join(words[:k]), at, strict=True)
                entity = head if head is not None and head.kind == "person" else None
        # (the comma before the auxiliary: "..., a déclaré X")
        if ((entity is None or entity.kind != "person" or entity.place) and after_comma
                and not re.match(r"^\s*(?:that|que|dass|dat)\b", after)):
            # "[what was said], said Peskov": the subject after the verb — also past an organisation
            # or a place that ends the clause before ("… que demande l'Otan, a annoncé le chancelier")
            inverted = self._inverted_subject(after, at)
            if inverted is not None and (entity is None or (inverted.kind == "person" and not inverted.place)):
                return _Cue(at, end, inverted, kind, subject_start, inverted=True)
        if entity is None and p.pro_drop and after_comma and self._nothing_named(after):
            # "Dirigiéndose a los votantes, dijo que ...": an opening phrase, the subject left out
            entity = self._understood_subject(start, at)
        if entity is None and p.verb_second and (self._may_invert(words) or self._subject_pronoun_after(after)):
            # "Den Russen dankte Putin", "Ook zei hij": verb second, subject after it
            inverted = self._inverted_subject(after, at)
            if inverted is not None:
                return _Cue(at, end, inverted, kind, subject_start, inverted=True)
        return _Cue(at, end, entity, kind, subject_start)

    def _quoted_person(self, after: str, at: int) -> _Entity | None:
        """The person named right after a quoting verb, past the outlet ("die BBC Sturgeon"), up
        to the first word that is not part of a name (``as``, ``mit``, a comma)."""
        m = _AFTER_VERB_END.search(after)
        words = (after[:m.start()] if m else after).split()
        lex = self.lex
        start = k = 1 if words[:1] and words[0].lower() in lex.addressee_markers else 0  # "cita a Biden"
        while k < len(words) and not (k > start and words[k].lower() in lex.indefinite) and (
                words[k][:1].isupper() or lex.is_determiner(words[k].lower())
                or words[k].lower() in lex.particles or lex.is_title(words[k].lower())
                or self._is_role_word(words[k].lower())):
            # (a title or role on the way: "TASS quoted Kremlin spokesperson Dmitry Peskov as calling";
            # not an indefinite after the name: "cita a Biden un comunicado")
            k += 1
        entity = self.resolve_subject(" ".join(words[start:k]), at) if k > start else None
        return entity if entity is not None and entity.kind == "person" and not entity.place else None

    def _prepositional_only(self, bare: str) -> bool:
        """Is the text before a verb nothing but an opening word and phrases that each open
        with a preposition, every name in them right after one ("Además, en un mensaje en
        su cuenta de X")? Not "En la rueda de prensa, Sánchez", whose name is the subject."""
        lex = self.lex
        parts = [part.split() for part in bare.split(",")]
        if not parts[-1] or parts[-1][0].lower() not in lex.object_markers:
            return False
        for k, words in enumerate(parts):
            if k < len(parts) - 1 and len(words) == 1 and (words[0].lower() in lex.before_verb or words[0].lower() in lex.connectives):
                continue  # "Además,"
            if not words or words[0].lower() not in lex.object_markers:
                return False
            for n, word in enumerate(words[1:], 1):
                low = word.lower()
                if low in lex.relative_subject or self._is_role_word(low) or lex.is_title(low):
                    return False
                if word[:1].isupper() and not (words[n - 1].lower() in lex.object_markers or words[n - 1][:1].isupper()):
                    return False
        return True

    def _subject_before_relative(self, subject_text: str, at: int) -> _Entity | None:
        """"The president, who described him as "...", said": a relative clause
        between commas after the subject; the subject is what comes before it."""
        lex = self.lex
        if not self._strip_before_verb(subject_text).rstrip().endswith(","):
            return None
        for m in re.finditer(r",\s+(\w+)\s", subject_text):
            if m.group(1).lower() in lex.relative_subject:
                head = subject_text[:m.start()]
                return self.resolve_subject(head, at) if head.strip() and not any(ch in head for ch in MASKS) else None
        return None

    def _antecedent(self, pronoun: str, cues: list[_Cue], start: int, at: int) -> _Entity | None:
        """A pronoun that speaks in a sentence whose subject, or an earlier
        speaker, is a person it fits: "Prigozhin released audio explaining what
        he called a "march"". None: look further back (the last speakers)."""
        wanted = self.lex.pronouns.get(pronoun.lower())
        for cue in reversed(cues):
            if cue.start < at and cue.kind in ("finite", "participle", "quoted", "colon"):
                entity = cue.entity
                if entity is not None and entity.kind == "person" and entity.pronoun in (None, wanted):
                    return entity
                if entity is None:
                    return _UNKNOWN  # "X (unknown) rejoices at what it calls ...": not the last speaker
                return None
        entity = self._leading_subject(start, at, people_only=True)
        if entity is not None and entity.kind == "person" and entity.pronoun in (None, wanted):
            return entity
        return None

    def _nothing_named(self, after: str, quoted_object: bool = False, opens_sentence: bool = False) -> bool:
        """No subject after a verb ("dijo.", "dijo en Ámsterdam"), for a language
        that may leave it out; ``opens_sentence``: the verb is its sentence's first word."""
        words = self._after_adverbs(after.strip().split())
        if not words or not words[0][:1].isalpha():
            return True
        first = words[0].lower()
        if quoted_object and len(words) > 1 and words[1][:1] in MASKS and self.lex.is_determiner(first):
            # "También destaca su «legado»": a determiner and a quotation, its object (but
            # right after a quotation, "», estime le «Global Times»" names the subject)
            return True
        if self.lex.p.pro_drop and self.lex.infinitive is not None and (
                self.lex.infinitive.fullmatch(words[0])
                or (first in self.lex.determiners and len(words) > 1 and self.lex.infinitive.fullmatch(words[1]))):
            return True  # "declara sentirse …", "dijo al prestar juramento": an infinitive, no subject
        if (quoted_object and self.lex.p.pro_drop and self.lex.is_determiner(first) and len(words) > 1 and words[1][:1].islower()
                and not self.lex.is_title(words[1]) and words[1].lower() not in self.role_vocab
                and words[1].lower() not in self.lex.p.role_families and self.lex.nationality(words[1]) is None
                and not self._is_anaphor(words[:2])):
            return True  # "También destacó el hecho de que …": a determiner and a noun no one goes by, its object
        if opens_sentence and first in self.lex.addressee_markers and len(words) > 1:
            # "Acusó al Partido Democrático de …": the one it was said to (a subject there was looked
            # for); not after a subject no one could resolve ("Los seguidores … acusan al presidente")
            return True
        if words[0][:1].isupper() or first in self.lex.determiners:
            return False
        if first in self.lex.inverted_stops or first in self.lex.adjunct_starts:
            return True
        # "«…», expresó emocionada": a word no subject starts with, and no one named after it
        # (``_no_one_after`` rules out titles, roles and pronouns)
        return self.lex.p.pro_drop and self.lex.nationality(first) is None and self._no_one_after(" ".join(words))

    def _after_adverbs(self, words: list[str]) -> list[str]:
        """The words after a verb without the adverbs and times of day that open them
        ("said later", "dijo ayer", "dijo la madrugada del lunes", "zei ook")."""
        lex, k = self.lex, 0
        while k < len(words):
            low = words[k].lower()
            if self._is_adverb(words[k]):
                k += 1
            elif lex.is_determiner(low) and k + 1 < len(words) and words[k + 1].lower().strip(",.") in lex.time_nouns:
                k += 2
            elif low.strip(",.") in lex.time_nouns:  # "indicó este lunes su oficina", "said Monday"
                k += 1
            else:
                break
        return words[k:]

    def _manner_before_name(self, words: list[str], pos: int) -> _Entity | None:
        """"dijo eufórico y emocionado Albanese": up to three lowercase words of manner (no
        article, preposition, pronoun or subordinator) between the verb and a person the
        article already knows, who is its subject."""
        lex = self.lex
        for k in (1, 2, 3):
            if k >= len(words) or not words[k - 1].isalpha() or not words[k - 1].islower():
                return None
            low = words[k - 1]
            if (lex.is_determiner(low) or low in lex.object_markers or low in lex.pronouns or low in lex.subordinators
                    or low in lex.relative_words or low in lex.inverted_stops or lex.is_title(low) or self._is_role_word(low)):
                return None  # (a title or role starts the subject itself: "riep president Macron Xi op")
            if words[k][:1].isupper():
                entity = self.resolve_subject(" ".join(words[k:k + 3]).rstrip(".,;:"), pos, strict=True)
                if entity is None:
                    entity = self.resolve_subject(words[k].rstrip(".,;:"), pos, strict=True)
                return entity if entity is not None and entity.kind == "person" and not entity.place else None
        return None

    def _no_one_after(self, after: str) -> bool:
        """The words after a verb, to the end of its clause, hold no one who could
        be its subject: no title, role or pronoun, and (where only names are
        capitalised) no capitalised word ("sagte in der Ansprache", not "a déclaré
        à la presse le ministre")."""
        lex = self.lex
        clause = re.split(r"[,;:.!?()\u2588\u2589\u258a]", after, maxsplit=1)[0]
        previous = before_previous = ""
        for w in clause.split():
            low = w.lower()
            if lex.is_title(low) or low in self.role_vocab or low in lex.pronouns:
                return False
            if w[:1].isupper() and not lex.p.capitalised_nouns:
                return False
            if lex.is_determiner(low) and not (previous in lex.object_markers or previous in lex.adjunct_starts
                                               or self._infinitive_after_preposition(previous, before_previous)):
                # "zei in een verklaring het ministerie": a noun phrase of its own (not an
                # infinitive's object: "dijo luego de estampar su firma")
                return False
            before_previous, previous = previous, low
        return True

    def _infinitive_after_preposition(self, word: str, before: str) -> bool:
        """Is ``word`` an infinitive right after a preposition ("luego de estampar", not "su mujer")?"""
        lex = self.lex
        return (lex.infinitive is not None and (before in lex.object_markers or before in lex.adjunct_starts)
                and lex.infinitive.fullmatch(word) is not None)

    def _may_invert(self, words: list[str]) -> bool:
        """In a verb-second language, may the words before the verb be something
        other than its subject (an adverb, an object, a place or time)?"""
        lex = self.lex
        first = words[0].lower()
        if first in lex.oblique or first in lex.adjunct_starts or first in lex.before_verb or first in lex.inverted_stops:
            return True
        if len(words) == 1 and lex.nationality(first) is None:
            return True  # "Damals sagte sie": one word before the verb that names no one
        if len(words) == 1 and (words[0][:1].islower() or first in lex.common):
            return True
        return first in lex.connectives

    def _subject_pronoun_after(self, after: str) -> bool:
        """Verb second: does a subject pronoun come right after the verb ("Die Wähler bat er …")?"""
        words = after.split()[:1]
        return bool(words) and words[0].lower().strip(",.") in self.lex.p.subject_pronouns

    def _shared_subject(self, cues: list[_Cue], start: int, at: int) -> _Entity | None:
        """A verb that shares its subject with an earlier one: coordinated ("X met
        Y and said") or a participle ("X hinted at it, saying"). The subject of
        the nearest earlier cue in the sentence, else the sentence's own subject."""
        for cue in reversed(cues):
            if cue.start < at and cue.kind not in ("after", "colon") and cue.entity is not None:
                return cue.entity
        return self._leading_subject(start, at)

    def _leading_subject(self, start: int, at: int, people_only: bool = False) -> _Entity | None:
        """The subject a sentence opens with, past an introductory phrase ("In an
        address, Putin ..."; "Greeted with pomp, Macron ..."); only people,
        organisations, roles and pronouns the article already knows."""
        lex = self.lex
        text = self.masked[start:min(at, start + 4 * MAX_SUBJECT)]
        text = lex.strip_dateline(text.lstrip(" -–—•*\n"))
        in_clause = False  # inside a subordinate clause that opened the sentence
        for chunk in text.split(",")[:4]:
            after_quotation = chunk.strip()[:1] in MASKS
            bare_words = chunk.split()
            if in_clause and bare_words and not after_quotation and (
                    (len(bare_words) <= 4 and all(w[:1].isupper() for w in bare_words))
                    or (bare_words[0][:1].islower() and not lex.is_determiner(bare_words[0])
                        and bare_words[0].lower() not in lex.pronouns)):
                # "Alors que le président sud-africain, Cyril Ramaphosa, répond à …, Donald Trump se
                # montre …": the name set off inside the clause and the rest of it are not the subject
                continue
            in_clause = False
            if after_quotation:
                # a quotation opening the clause: the subject comes after it ('"…," had Wilders gedreigd')
                chunk = _MASK_RUN.split(chunk.strip(), 1)[-1]
            for ch in MASKS:
                chunk = chunk.split(ch, 1)[0]
            words = chunk.split()
            if not words:
                continue
            if (after_quotation and lex.p.verb_second and len(words) > 1
                    and words[1].lower().strip(",.") in lex.p.subject_pronouns):
                # '„Europa ist sterblich“, orakelte er': a verb and the pronoun that is its subject
                return self._pronoun(words[1].strip(",."), start)
            first = words[0].lower()
            if first in lex.adjunct_starts and self._known_name_opens(words):
                first = ""  # "Al Sisi alabó …": a registered name that opens with a preposition's spelling
            if (first in lex.clause_openers or " ".join(words[:2]).lower() in lex.opener_phrases
                    or (first in lex.adjunct_starts and not lex.p.verb_second)):
                # (a clause, not a phrase: "Antes de Milei intervinieron la ministra, Patricia Bullrich, …")
                in_clause = ((first in lex.clause_openers or " ".join(words[:2]).lower() in lex.opener_phrases)
                             and not (len(words) > 1 and words[1].lower() in lex.object_markers))
                if not in_clause and first in lex.adjunct_starts:
                    entity = self._subject_past_adjunct(words, at)
                    if entity is not None:
                        return entity  # "On Monday Milei doubled down, saying ...": no comma after the adjunct
                continue  # "When Xi met Macron, ...", "Now that Johnson has won, ...": not the clause's subject
            # verb second: an opening adjunct ("Nach der Entscheidung des Bundespräsidenten hat
            # Bas …") is no subject; the subject follows the finite verb (below)
            opening_adjunct = lex.p.verb_second and first in lex.adjunct_starts
            head = "" if opening_adjunct else self._leading_np(chunk)
            rest = words[len(head.split()):] if head else []
            if rest and head.split()[-1][:1].islower() and _link_word(rest[0]) in _LINKS:
                # "Le chef de l'extrême droite autrichienne Herbert Kickl a informé": the name the
                # description ends in, not whoever "le chef" alone would be
                entity = self._name_after_description(rest, at)
                if entity is not None:
                    return entity
            if head:
                pronoun = head.split()[-1].lower() in lex.pronouns
                if people_only and pronoun:
                    return None
                # a pronoun stands for someone named before it, not for a person its sentence
                # names later ("Er bedankte sich bei … Vance und sprach von …")
                entity = self.resolve_subject(head, start if pronoun else at, strict=True)
                if entity is not None:
                    return entity
            entity = None if opening_adjunct else self._described_name(words, at)
            if entity is None and not opening_adjunct and lex.is_determiner(words[0]):
                # "El hasta ahora primer ministro aprovechó ...": a role with modifiers, before its verb
                entity = _longest_start(words[:6], lambda phrase: self._resolve_role(phrase, at), shortest=2)
            if entity is not None:
                return entity
            if lex.p.verb_second:
                # "In seiner Rede hat Putin ...": the subject after the finite verb
                entity = self._after_auxiliary(chunk, at)
                if entity is not None:
                    return entity
                if first in lex.adjunct_starts:
                    entity = self._person_after_adjunct(words, at)
                    if entity is not None:
                        return entity
        return None

    def _subject_past_adjunct(self, words: list[str], at: int) -> _Entity | None:
        """The known person named right after a short opening adjunct with no comma after it,
        before a word that is surely its verb ("On Monday Milei doubled down", "In Paris Brandt
        refused"; not "After meeting Brandt", whose name ends the phrase, "In talks with Brandt",
        nor "On Monday Biden administration officials pushed back")."""
        lex = self.lex
        for k in range(1, min(len(words) - 1, 5)):
            if not words[k][:1].isupper() or lex.after_preposition(" ".join(words[:k])):
                continue
            head = self._leading_np(" ".join(words[k:]))
            after = [w for w in words[k + len(head.split()):k + len(head.split()) + 3] if not self._is_adverb(w)][:1]
            if not head or not after or not self._finite_verb(after[0]):
                continue  # the name ends the phrase, or a noun follows it ("Biden administration officials")
            entity = self.resolve_subject(head, at, strict=True)
            if entity is not None:
                return entity if entity.kind == "person" and not entity.place else None
        return None

    def _finite_verb(self, word: str) -> bool:
        """A word that is surely a finite verb: an auxiliary, an irregular form or one with
        the profile's ``finite_endings`` ("has", "went", "doubled", "tomó"); a noun is never one."""
        low = word.lower().strip(",.;:")
        return word[:1].islower() and (low in self.lex.auxiliaries or low in self.lex.p.irregular_forms
                                       or any(low.endswith(e) and len(low) > len(e) + 2 for e in self.lex.p.finite_endings))

    def _known_name_opens(self, words: list[str]) -> bool:
        """Do the words open with a registered name of two or three words ("Al Sisi", "Al Gore")?"""
        return words[0][:1].isupper() and any(self.registry.by_alias.get(_norm_name(" ".join(words[:k]))) is not None
                                              for k in (2, 3) if k <= len(words))

    def _person_after_adjunct(self, words: list[str], at: int) -> _Entity | None:
        """Verb second: the first person the article knows named past an opening adjunct and
        its verb, not after a preposition ("In seiner Rede im Bundestag übte Scholz Kritik"; not
        "… durch Scholz kritisierte Lindner"). German capitalises nouns: only known people count."""
        for k, word in enumerate(words[:12]):
            if k < 2 or not word[:1].isupper() or self.lex.after_preposition(" ".join(words[:k])):
                continue
            entity = self.resolve_subject(word.strip(".,;:"), at, strict=True)
            if entity is not None:
                return entity if entity.kind == "person" else None
        return None

    def _described_name(self, words: list[str], at: int) -> _Entity | None:
        """A name the clause opens with behind a description ending in a title or
        role word ("Veteran anti-Islam populist leader Geert Wilders has won",
        "Dutch populist Geert Wilders"): that name, when it is a known person."""
        lex = self.lex
        complement = False  # past a role's complement ("minister van Financiën"), its capitalised words
        for k in range(1, min(len(words), 8)):
            if not words[k][:1].isupper():
                continue
            before = words[k - 1].lower().strip("()")
            if lex.is_title(before) or self._is_role_word(before) or before in lex.p.kinship or complement:
                head = self._leading_np(" ".join(words[k:]))
                entity = self.resolve_subject(head, at, strict=True) if head else None
                if entity is not None and entity.kind == "person":
                    return entity
                if not complement:
                    return None
            elif before in lex.object_markers and any(lex.is_title(w.lower()) for w in words[:k - 1]):
                complement = True  # "vicekanselier en minister van Financiën Klingbeil": the name after it
            else:
                return None
        return None

    def _name_after_description(self, words: list[str], at: int) -> _Entity | None:
        """The known person a description's complement ends in, before any other capitalised
        word that is not part of the name ("de l'extrême droite autrichienne Herbert Kickl")."""
        for k, word in enumerate(words[:10]):
            before = _norm_apostrophes(" ".join(words[:k])).replace("'", " ").split()
            while before and self.lex.is_determiner(before[-1]):
                before.pop()  # "en la Asamblea Nacional": still after its preposition
            if word[:1].isupper() and not self.lex.after_preposition(" ".join(before)):
                head = self._leading_np(" ".join(words[k:]))
                entity = self.resolve_subject(head, at, strict=True) if head else None
                return entity if entity is not None and entity.kind == "person" and not entity.place else None
        return None

    def _leading_np(self, chunk: str) -> str:
        """The words a clause opens with that can make a subject: determiners,
        capitalised words, titles, nationalities."""
        lex = self.lex
        out = []
        for w in chunk.strip().split():
            word = w.strip("()")
            low = word.lower()
            if MASK in word or END in word or END_STOP in word or (out and w.startswith("(")):
                break  # "Olaf Scholz (SPD) hat": the party in brackets is no part of the name
            if (word[:1].isupper() or lex.is_determiner(low) or lex.is_title(low) or lex.nationality(low) is not None
                    or low in lex.particles or low in {"of"} or low in lex.pronouns or low.endswith("'s")):
                out.append(word)
                continue
            break
        while out and (lex.is_determiner(out[-1]) or out[-1].lower() in {"of"} or out[-1].lower() in lex.particles):
            out.pop()
        if out and out[0].lower() in lex.pronouns and len(out) > 1:
            out = out[:1]
        return " ".join(out)

    def _after_auxiliary(self, chunk: str, at: int) -> _Entity | None:
        """Verb second: "In een toespraak heeft de president ...": the subject
        right after the finite auxiliary."""
        lex = self.lex
        words = chunk.split()
        for k, w in enumerate(words[:12]):
            if w.lower() in lex.auxiliaries:
                head = self._leading_np(" ".join(words[k + 1:])).split()
                # German capitalises nouns: "hat Bundeskanzler Olaf Scholz die Verantwortung": the
                # longest start of the phrase that names someone
                return _longest_start(head, lambda phrase: self.resolve_subject(phrase, at, strict=True))
        return None

    def _inverted_subject(self, after: str, pos: int) -> _Entity | None:
        """The speaker named right after a verb: "said Henry Wang, founder of
        ...", "a déclaré le chef de l'État", "zei hij", "aldus de president"; else, for
        a description by party or trade that names no one ("betonte der SPD-Politiker"),
        the person just named."""
        entity = self._named_after_verb(after, pos)
        if entity is None and after.lstrip().startswith(","):
            # "a renchéri, sur le réseau social X, le leader de LFI": an adjunct set off by commas
            # between the verb and its subject
            _, adjunct, rest = (after.split(",", 2) + ["", ""])[:3]
            opening = adjunct.split()[:1]
            if (opening and opening[0].lower() in self.lex.object_markers | self.lex.adjunct_starts | self.lex.time_nouns
                    and len(adjunct.split()) <= 8 and not any(ch in adjunct for ch in MASKS) and rest.strip()):
                entity = self._named_after_verb(rest, pos)
        words = _AFTER_VERB_END.split(after, maxsplit=1)[0].split()
        if entity is None:
            entity = self._described_after_adjunct(words, pos)
        described = self.lex.described_people
        if entity is None and described is not None and any(
                described.match(" ".join(words[:k]).rstrip(".")) and (k == len(words) or self._ends_phrase(words[k]))
                for k in (2, 3)):
            return self._described_person(pos)
        generic = self._generic_description(words) if entity is None else None
        if generic is not None and (generic[0] == len(words) or self._ends_phrase(words[generic[0]])):
            return self._generically_described(generic[1], pos)  # "a déclaré le dirigeant allemand lors de …"
        return entity

    def _noun_after_name(self, rest: str) -> bool:
        """Is the word after a name in an indefinite phrase the phrase's head noun ("a Novak
        aide"), where modifiers stand before the noun (not "un Wilders jubiloso", "un Salvini que")?"""
        lex = self.lex
        following = rest.split()[:1]
        return (lex.p.modifiers_before_noun and bool(following) and following[0][:1].islower()
                and following[0].lower() not in lex.connectives and following[0].lower() not in lex.relative_words)

    def _described_after_adjunct(self, words: list[str], pos: int) -> _Entity | None:
        """"dijo a la prensa el canciller alemán", "a affirmé devant la presse le
        dirigeant": a short adjunct of lowercase words, without commas, between the
        verb and a person's description that opens with its article (a bare name
        there may be the one spoken to: "dijo a su colega Donald Trump"; a longer
        adjunct may end in someone else: "en una entrevista con el presidente")."""
        if len(words) < 4 or words[0].lower() not in self.lex.adjunct_starts:
            return None
        for k in (2, 3):
            if not words[k - 1].islower():
                return None
            if self.lex.is_determiner(words[k].lower()) and words[k].lower() not in self.lex.object_markers:
                # (an article, not "del", "du": "dijo en el funeral del presidente" names no subject)
                entity = self._inverted_subject(" ".join(words[k:]), pos)
                return entity if entity is not None and entity.kind == "person" and not entity.place else None
        return None

    def _named_after_verb(self, after: str, pos: int) -> _Entity | None:
        lex = self.lex
        m = _AFTER_VERB_END.search(after)
        words = (after[:m.start()] if m else after).split()
        latter = next((k for k in (1, 2, 3) if k <= len(words) and lex.latter is not None
                       and lex.latter.match(" ".join(words[:k]))), None)
        if latter is not None:
            return self._named_last(pos, words[:latter])  # "a ajouté ce dernier lors d'un entretien"
        words = self._after_adverbs(words)
        if not words:
            return None
        if any(self._is_anaphor(words[:k]) and (k == len(words) or self._ends_phrase(words[k])) for k in range(1, 6)):
            return self._described_person(pos)  # "sagte der 81-Jährige (auf einer Versammlung)"
        manner = self._manner_before_name(words, pos)
        if manner is not None:
            return manner
        first = words[0].lower()
        entity = self._particle_name(words, pos) if first in lex.particles else None
        if entity is not None:
            return entity  # "said van der Plas", "a déclaré von der Leyen": a surname that opens with its particle
        if first in lex.p.periphrasis and len(words) > 1 and words[1].lower()[:3].rstrip("'’") in ("qui", "que", "qu", "don"):
            # "a déclaré celui qui combat la politique de Donald Trump": the person the
            # sentence opens with, not the one its relative clause names
            entity = self._leading_subject(self._sentence_start, pos, people_only=True)
            if entity is not None and entity.kind == "person" and not entity.place:
                return entity
            return self._described_person(pos)  # "a insisté celui que le chef de l'Etat a chargé de …"
        if first in lex.pronouns:
            if self._possessive_relation(words):
                return None  # "aldus haar woordvoerder", "said her husband": someone of hers, not her
            if len(words) == 1 or not words[1][:1].isupper():
                return self._pronoun(first, pos)
            return None
        if first in lex.inverted_stops and not first[:1].isupper():
            # "ha afirmado con rotundidad Sánchez": an adjunct before the speaker, who
            # must then be someone the article already knows
            rest = " ".join(words)
            run = lex.run.search(rest)
            if run is None:
                return None
            if lex.after_preposition(rest[:run.start()]):
                return self.resolve_subject(rest, pos)  # "der von Scholz entlassene Minister": a name inside a modifier
            between = rest[:run.start()].split()
            if len(between) == 2 and lex.is_determiner(between[1].lower()) and lex.after_preposition(between[0]):
                return None  # "ha señalado en el Despacho Oval": a place after a preposition and its article
            det = 0 if lex.is_determiner(first) else 1  # "al", "au": the marker and its determiner in one word
            if (first in lex.addressee_markers and len(between) > det + 1 and lex.is_determiner(between[det])
                    and all(w.islower() for w in between[1:]) and between[-1].lower() not in lex.audiences
                    and (det or any(lex.is_title(w) or self._is_role_word(w) for w in between[1:]))):
                # "dijo a su colega estadounidense Donald Trump", "atacó al fiscal Karim Khan": the one
                # spoken to (not "a la prensa", nor "dijo al respecto García", "a estimé au passage Dupont")
                return None
            entity = None
            if lex.is_determiner(first) and any(w in lex.p.role_changers for w in rest[:run.start()].lower().split()):
                # "sagte der ehemalige EU-Kommissar": a role whose modifier makes it another role
                entity = self._resolve_role(rest[:run.end()], pos)
            entity = entity or self.resolve_subject(rest[run.start():run.end()], pos, strict=True)
            return entity if entity is not None and not entity.place else None
        described = len(words)  # the words before the first stop, which an adjunct may cut short
        for k, w in enumerate(words):
            if k > 0 and (w.lower() in lex.inverted_stops or self._gerund_after_noun(words, k)):
                if (lex.is_title(words[k - 1].lower()) and w.lower() in lex.object_markers
                        and words[k + 1:k + 2] and words[k + 1][:1].isupper()):
                    continue  # "minister van Financiën": a role's complement, not an adjunct
                words = words[:k]
                break
        if not lex.p.abbreviations.search(words[-1]):
            words[-1] = words[-1].rstrip(".")
        phrase = " ".join(words)
        if self._joint(words, pos):
            return None  # "teilten die Parteichefs Alice Weidel und Tino Chrupalla mit": a joint statement
        run = lex.run.search(phrase)
        before = phrase[:run.start()].lower().split() if run is not None else []
        if before and before[-1] in lex.media_heads and not any(w in lex.object_markers for w in before):
            # "indicó la agencia Xinhua": the medium the word for it names, an organisation
            # (not "el director de la agencia X": someone of the medium)
            medium = self.resolve_subject(self._known_start(run.group(0)), pos, strict=True)
            if medium is not None and medium.kind == "organisation":
                return medium
        if phrase[:1].islower() and not lex.is_determiner(first) and not lex.is_title(first) and lex.nationality(first) is None:
            return self._described_name(words, pos)  # "said party leader X"; "said officials": no one
        # a name first ("said Bonnie Glaser of the Fund"): the name it opens with (``run``, above)
        if first in lex.indefinite and run is not None and self._noun_after_name(phrase[run.end():]):
            return None  # "said a Brandt aide": the aide spoke, whom the article does not name
        if (run is not None and not lex.after_preposition(phrase[:run.start()])
                and all(lex.is_title(w) or w.lower() in lex.determiners or lex.nationality(w) is not None
                        for w in phrase[:run.start()].split())):
            entity = self.resolve_subject(phrase[:run.start()] + self._known_start(run.group(0)), pos)
            head = phrase.split()[-1].lower()
            if (entity is not None and entity.kind == "organisation" and phrase[run.end():].strip()
                    and (lex.is_title(head) or head in self.role_vocab)):
                # "said the CDU/CSU leader": a person the organisation names, not the organisation
                return self.resolve_subject(phrase, pos) if self._resolve_role(phrase, pos) else None
            named = lex.run.search(phrase, run.end()) if entity is not None and entity.kind == "organisation" else None
            between = phrase[run.end():named.start()].split() if named is not None else []
            if between and all(w.islower() and (lex.is_title(w) or w in self.role_vocab) for w in between):
                # "said National Security Council spokesman John Kirby": the person the
                # organisation's title introduces, not the organisation
                person = self.resolve_subject(self._known_start(named.group(0)), pos, strict=True)
                if person is not None and person.kind == "person" and not person.place:
                    return person
            if entity is not None and not entity.place:
                return entity
        apposed = m is not None and after[m.start()] == "," and lex.is_determiner(first)
        if apposed and len(words) == described:
            # "a déclaré le premier ministre japonais, Fumio Kishida": the name the description is
            # given right after the comma, even when it fits someone named before (not "a déclaré
            # le souverain au côté du président, Félix Tshisekedi": that name is the adjunct's)
            return self._apposed_name(after[m.end():], pos) or self.resolve_subject(phrase, pos)
        entity = self.resolve_subject(phrase, pos)
        if entity is None and apposed:
            # "sagte die Chefin der rechtsliberalen VVD, Dilan Yesilgöz": a description no one
            # in the speakers file goes by, and the name it is given right after the comma
            return self._apposed_name(after[m.end():], pos)
        return entity

    def _apposed_name(self, rest: str, pos: int) -> _Entity | None:
        """The person named at the start of ``rest`` (the text after a description's comma), alone before the next stop."""
        named = re.match(r"\s*([^,;:()\u2588\u2589\u258a\n]+?)\s*(?:[,;:.()\u2588\u2589\u258a\n]|$)", rest)
        head = named.group(1) if named else ""
        if head[:1].isupper() and self.lex.run.fullmatch(head):
            person = self.resolve_subject(head, pos)
            if person is not None and person.kind == "person" and not person.place:
                return person
        return None

    def _possessive_relation(self, words: list[str]) -> bool:
        """Do the words open with a possessive (which may also be a pronoun: Dutch "haar", English
        "her") and a title, role or kinship noun ("haar woordvoerder", "her husband")?"""
        if len(words) < 2 or not self.lex.is_determiner(words[0].lower()):
            return False
        low = words[1].lower().strip(".,;:")
        return self.lex.is_title(low) or self._is_role_word(low) or low in self.lex.p.kinship

    def _gerund_after_noun(self, words: list[str], k: int) -> bool:
        """Does a gerund open a phrase of its own at ``words[k]``, after the noun it follows
        ("said the head of state wishing …"; not "the visiting minister", "le président sortant")?"""
        low = words[k].lower()
        endings = self.lex.p.gerund_endings
        return (bool(endings) and low.endswith(endings) and len(low) > 5 and words[k][:1].islower()
                and not self.lex.is_determiner(words[k - 1]) and low not in self.lex.p.role_changers
                and not self._is_role_word(low) and not self.lex.is_title(low))

    def _leading_colon(self, start: int, end: int) -> _Cue | None:
        """A sentence (or list item) that opens with a name and a colon before a
        quotation: "Rossi: "..."", "Lukaschenko: Haben ... „...“"."""
        segment = self.masked[start:end]
        if ":" not in segment[:72]:
            return None
        m = _COLON_LEAD.match(segment)
        if m is None or MASK not in segment[m.end():m.end() + 160]:
            return None
        head = m.group(1)
        if len(head.split()) > 6 or not head[:1].isupper():
            return None
        if self.lex.p.verb_pattern is not None and self.lex.p.verb_pattern.search(head):
            return None  # "X said:": a cue of its own
        entity = self.resolve_subject(head, start + m.start(1), strict=True)
        words = head.split()
        if entity is None and 1 < len(words) <= 3:
            entity = self._possessor(words[0], start + m.start(1))  # "Putin's verdict:", "Lukaschenkos Antwort:"
        if entity is None and not self.lex.p.capitalised_nouns and "'" not in head:
            parsed = _parse_run(head, self.lex.p.code) if self.lex.run.fullmatch(head) else None
            if parsed is not None and len(parsed[0].split()) >= 2:
                entity = self._entity(parsed[0], "person", parsed[1], parsed[3])
        if entity is None or entity.place:
            return None
        self._note_speaker(entity, start + m.start(1))
        return _Cue(start + m.start(1), start + m.end(), entity, "colon", start, introduces=True)

    def _possessor(self, word: str, pos: int) -> _Entity | None:
        """The known person or organisation a possessive names ("Putin's",
        German and Dutch "Putins")."""
        w = _norm_apostrophes(word)
        stem = w[:-2] if w.endswith("'s") else w[:-1] if w.endswith("'") else None
        if stem is None and w.endswith("s") and len(w) > 3 and not self.lex.is_place(w):
            stem = w[:-1]
        if not stem:
            return None
        entity = self.resolve_subject(stem, pos, strict=True)
        return entity if entity is not None and not entity.place else None

    def _recent_entities(self, pos: int, limit: int = RECENT_PEOPLE):
        """The people and organisations named before ``pos``, most recent
        first, at most ``limit`` of them: role nouns and pronouns refer to
        someone named lately, and the bound keeps reading linear."""
        timeline = self._timeline
        while self._cursor < len(timeline) and timeline[self._cursor][0] < pos:
            self._activate(timeline[self._cursor][1])
            self._cursor += 1
        for n, entity in enumerate(reversed(self._recent.values())):
            if n >= limit:
                break
            yield entity

    def _activate(self, entity: _Entity) -> None:
        self._recent.pop(entity.id, None)
        self._recent[entity.id] = entity

    def _note_speaker(self, entity: _Entity | None, pos: int) -> None:
        if entity is None:
            return
        bisect.insort(entity.mentions, pos)
        self._activate(entity)
        if entity.kind == "organisation":
            self.last_org = entity
        else:
            self.last_person = entity
            if entity in self.recent_people:
                self.recent_people.remove(entity)
            self.recent_people.insert(0, entity)
            del self.recent_people[6:]

    def _pronoun_target(self, wanted: str, pos: int = -1, excluded: _Entity | None = None) -> _Entity | None:
        """The most recent person who spoke and is not known to go by another
        pronoun; when no one did, the one person of the paragraph it fits
        ("President Poetin addressed the nation. He said ..."), who also wins
        over a speaker of an earlier paragraph ("Ils ont été remerciés par
        Emmanuel Macron. Il a livré un discours")."""
        if pos >= 0 and self.recent_people:
            last = self.recent_people[0]
            here = [e for e in self._paragraph_people(wanted, pos) if e is not excluded]
            if len(here) == 1 and here[0] is not last and not any(self.paragraph_start <= m < pos for m in last.mentions):
                return here[0]
            if not here and wanted != "any" and not self._finding_topic:
                # a paragraph that opens with the quotation, after one about someone new: "After the
                # meeting, Julius Malema issued a response. \n\n "…," he said on X."
                lead = _MASK_RUN.sub(" ", self.masked[self.paragraph_start:pos]).strip(" ,.;:!?…-–—\n").split()
                topic = self._person_before_paragraph() if len(lead) <= 1 else None
                if topic is not None and topic is not last and topic is not excluded and topic.pronoun in (None, wanted):
                    s_start, s_end = self._read_sentences[-1]
                    self._finding_topic = True
                    try:
                        leading = self._leading_subject(s_start, s_end, people_only=True)
                    finally:
                        self._finding_topic = False
                    if leading is topic and not any(s_start <= m < s_end for m in last.mentions):
                        return topic  # (its subject, and not "Kirk … when Trump sat …": the last speaker is there)
            # the person the sentence before opens with, when another spoke last: "Nicolien van
            # Vroonhoven, leider van NSC, gaf al wel uitsluitsel. "…", zei ze"
            topic = None
            if len(here) > 1 and not self._finding_topic:  # (the topic's own pronoun does not ask again)
                self._finding_topic = True
                try:
                    topic = self._topic_before(pos)
                finally:
                    self._finding_topic = False
            if (topic is not None and topic is not last and topic is not excluded and topic in here
                    and self._opens_sentence_before(topic, pos)
                    and not any(self._sentence_start <= m < self._sentence_end for m in topic.mentions)):
                # (never someone its own sentence names: "He praised Barnier's work"; nor when that
                # sentence is the view of the one who spoke last: "Dat Novak ... is volgens Brandt ...")
                s_start, s_end = self._sentence_before(pos)
                if not self._fronted_object(topic, s_start, s_end) and self._according_to(s_start, s_end) is not last:
                    return topic
        for person in self.recent_people:
            if person is excluded:
                continue
            if wanted == "any":
                return person
            if person.pronoun in (None, wanted):
                if person.pronoun is None:
                    person.pronoun = wanted  # what the text just told us
                return person
        if pos < 0:
            return None
        fits = self._paragraph_people(wanted, pos)
        if len(fits) == 1:
            if fits[0].pronoun is None and wanted != "any":
                fits[0].pronoun = wanted
            return fits[0]
        if not fits and not self.recent_people:
            return self._previous_subject(wanted) or self._only_person(wanted, pos)
        # several fit: the subject of the sentence before ("Scholz hat sich … mit Merz … bescheinigt.
        # «…», antwortete er")
        topic = self._topic_before(pos) if len(fits) > 1 else None
        if topic in fits and self._opens_sentence_before(topic, pos):
            return topic
        # or the person its own sentence opens with ("Gérald Darmanin, ministre de la Justice, a rendu
        # visite … à Nicolas Sarkozy, « … », a-t-il déclaré")
        start = self._sentence_start
        if len(fits) > 1 and start < pos:
            at, first = min(((next((m for m in e.mentions if m >= start), pos), e) for e in fits), key=lambda t: t[0])
            if at < pos and self._titles_only(self.masked[start:at].split()):
                return first
        return None

    def _opens_sentence_before(self, entity: _Entity, pos: int) -> bool:
        """Is ``entity`` the first thing the sentence before ``pos`` names, behind at most
        a title or two ("Bundeskanzler Olaf Scholz hat …"; not "Au moment où X …, Y est …")?"""
        s_start, s_end = self._sentence_before(pos)
        first = next((m for m in entity.mentions if s_start <= m < s_end), None)
        if first is None:
            return False
        words = self.masked[s_start:first].split()
        if self._titles_only(words):
            return True
        if (words and words[0].lower() in self.lex.clause_openers and "," in self.masked[s_start:first]
                and self._leading_subject(s_start, s_end, people_only=True) is entity):
            return True  # the main clause's subject after a fronted clause: "Alors que X répond …, Y se montre …"
        # "De nieuwe Canadese premier Mark Carney heeft …": a short description ending in a title
        last = words[-1].lower() if words else ""
        return (len(words) <= 5 and (self.lex.is_title(last) or last in self.role_vocab)
                and not any(w.lower() in self.lex.object_markers for w in words))

    def _titles_only(self, words: list[str]) -> bool:
        """Are the words before a name at most a title or two ("Bundeskanzler", "Le président")?"""
        return len(words) <= 3 and all(w[:1].isupper() or self.lex.is_determiner(w) for w in words)

    def _only_person(self, wanted: str, pos: int) -> _Entity | None:
        """The one person the article has named before ``pos``, however (« Une nouvelle
        ère »... sans Gabriel Attal. […] Il a affirmé …), when the pronoun fits them."""
        named = [e for e in self.entities.values()
                 if e.kind == "person" and not e.place and e.mentions and e.mentions[0] < pos]
        if len(named) != 1 or not (wanted == "any" or named[0].pronoun in (None, wanted)):
            return None
        # a pronoun before the name points to someone the article has not named
        # ("Il accuse … l'investiture de X. « … », dit-il")
        before = self.masked[:named[0].mentions[0]].lower().split()
        if any(self.lex.pronouns.get(w.strip(".,;:!?")) in ("he", "she", "any") for w in before):
            return None
        return named[0]

    def _paragraph_people(self, wanted: str, pos: int) -> list[_Entity]:
        """The people named in the paragraph before ``pos`` whom the pronoun fits."""
        fits = []
        for e in self._recent_entities(pos):
            k = bisect.bisect_left(e.mentions, pos)
            if not k or e.mentions[k - 1] < self.paragraph_start:
                continue
            if not any(m >= self.paragraph_start and not self._after_preposition_at(m) for m in e.mentions[:k]):
                continue  # named only after a preposition ("l'investiture d'Illa"): no subject of the paragraph
            if e.kind == "person" and not e.place and (wanted == "any" or e.pronoun in (None, wanted)):
                fits.append(e)
        return fits

    def _after_preposition_at(self, at: int) -> bool:
        """Does a preposition other than a passive's agent come right before the name at ``at``
        ("l'investiture d'Illa"; not "remerciés par Emmanuel Macron")?"""
        before = self.masked[max(self.paragraph_start, at - 40):at]
        if before.endswith(("'", "’")):
            before = before[:-1] + "' "  # "d'Illa": the elided preposition
        words = before.replace("’", "'").split()
        return bool(words) and words[-1].lower() not in self.lex.passive_agent and self.lex.after_preposition(" ".join(words))

    def _understood_subject(self, start: int, at: int, opening: bool = False) -> _Entity | None:
        """A subject left out (Spanish "«…», dijo."): the person the sentence before opens with,
        else the last speaker, as for a pronoun — the last speaker first when that sentence is
        where they spoke ("…, el líder del PP ha asegurado que «…». «…», ha dicho"). A verb that
        opens its sentence ("Matizó que …") goes on with the last speaker rather than someone
        the paragraph named only as an object ("… dejó claro que Puigdemont …")."""
        s_start, s_end = self._sentence_before(start)
        if self._spoke_in(s_start, s_end):
            return self.recent_people[0]
        if opening and self.recent_people:
            return self._topic_before(start) or self.recent_people[0]
        return self._topic_before(start) or self._pronoun_target("any", at)

    def _spoke_in(self, s_start: int, s_end: int) -> bool:
        """Was the last speaker named in this stretch (the sentence before, where they spoke)?"""
        speaker = self.recent_people[0] if self.recent_people else None
        return speaker is not None and any(s_start <= m < s_end for m in speaker.mentions)

    def _sentence_before(self, start: int) -> tuple[int, int]:
        """The sentence right before ``start`` in its paragraph, (start, start) when there is none."""
        before = [(s, e) for s, e in self._read_sentences if e <= start and s >= self.paragraph_start]
        return before[-1] if before else (start, start)

    def _topic_before(self, start: int, pronouns: bool = False) -> _Entity | None:
        """The person the sentence right before ``start``, in its paragraph, opens with
        (``pronouns``: also one it opens with as a pronoun, "Ze wil ...")."""
        s_start, s_end = self._sentence_before(start)
        if s_start == s_end or s_start in self._topics_asked:
            return None  # (a description there that stands for the topic before it asks for itself)
        self._topics_asked.add(s_start)
        try:
            entity = self._leading_subject(s_start, s_end, people_only=not pronouns)
        finally:
            self._topics_asked.discard(s_start)
        return entity if entity is not None and entity.kind == "person" and not entity.place else None

    def _previous_subject(self, wanted: str) -> _Entity | None:
        """When no one has spoken and the paragraph names no one a pronoun fits:
        the person an earlier sentence (of the last few) opens with as its
        subject ("De Franse president Macron heeft ... ontbonden. [...] Hij zei ...")."""
        if self._finding_previous_subject:
            return None  # a sentence opening with a pronoun ("had ze het niet gered"): no one new
        self._finding_previous_subject = True
        try:
            return self._first_previous_subject(wanted)
        finally:
            self._finding_previous_subject = False

    def _first_previous_subject(self, wanted: str) -> _Entity | None:
        for s_start, s_end in reversed(self._read_sentences):
            entity = self._leading_subject(s_start, s_end, people_only=True)
            if entity is not None and entity.kind == "person" and not entity.place:
                if wanted == "any" or entity.pronoun in (None, wanted):
                    if entity.pronoun is None and wanted != "any":
                        entity.pronoun = wanted
                    return entity
        return None

    def read(self) -> list[Attribution]:
        from .extract import paragraphs

        result: dict[int, Attribution] = {}
        by_start = sorted(self.quotations, key=lambda q: q.start)
        qi = 0
        previous_paragraph_speaker: Attribution | None = None
        running_on: list[Quotation] = []  # quotations read where they open that end in a later paragraph
        for p_start, p_end in paragraphs(self.text):
            self.paragraph_start = p_start
            paragraph_last: Attribution | None = None
            previous_quotes: list[Quotation] = []
            quotes_run: list[Quotation] = []  # the last sentence's quotations, with those of the sentences of quotations alone before it
            quotes_run_alone = False
            lead_quotes: list[Quotation] = []  # the paragraph's first sentence when it is quotations alone
            cues_before = self.verb_cues
            for s_start, s_end in _sentences(self.masked, p_start, p_end, self.lex):
                in_sentence = []
                while qi < len(by_start) and by_start[qi].start < s_end:
                    if by_start[qi].start >= s_start - 2:
                        in_sentence.append(by_start[qi])
                    qi += 1
                self._sentence_start, self._sentence_end = s_start, s_end
                cues = self.speech_subjects(s_start, s_end)
                self._cue_starts = [c.start for c in cues]
                self._sentence_memo = {}
                for q in [q for q in running_on if self._mask_end(q.spans[-1].end) < s_end]:
                    running_on.remove(q)
                    speaker = self._cue_after_end(q, cues)
                    if speaker is not None and result[q.index].cue not in ("introduced", "inside", "according to"):
                        # 10. '“...\n\n“...”, publicó Trump': the cue after its last paragraph names its speaker
                        result[q.index] = Attribution(speaker.id, "after")
                comma = self.masked.find(",", s_start, s_end)
                if (previous_quotes and (not in_sentence or (not cues and comma >= 0 and all(q.start > comma for q in in_sentence)))
                        and self._anaphoric(s_start, s_end)):
                    # 11. « ... ». C'est ce qu'a déclaré X. — the sentence after names who said it
                    # (and the sentences of quotations alone right before it: « ... ». « ... ». Así lo dijo X.);
                    # with no verb, the one the words are of: "These were the words of President X, in
                    # response to Trump's "take back"" (a quotation past the comma is another matter)
                    speaker = (next((c.entity for c in cues if c.entity is not None), None) if cues
                               else self._words_of(s_start, s_end))
                    if speaker is not None:
                        for q in quotes_run:
                            if result[q.index].cue in _WEAK:
                                result[q.index] = Attribution(speaker.id, "named after")
                                paragraph_last = result[q.index]
                if lead_quotes and all(result[q.index].cue == "" for q in lead_quotes):
                    # 11 (also): '"Esta investidura nace de un fraude …". Alberto Núñez Feijóo ha sacado toda
                    # su artillería …': a paragraph opens with words no one is given, and the
                    # sentence after is about a person
                    entity = self._leading_subject(s_start, s_end, people_only=True)
                    if entity is not None and entity.kind == "person" and not entity.place:
                        for q in lead_quotes:
                            result[q.index] = paragraph_last = Attribution(entity.id, "named after")
                lead_quotes = in_sentence if s_start == p_start and in_sentence and not _MASK_RUN.sub(
                    "", self.masked[s_start:s_end]).strip(" .,;:!?…-–—\n") else []
                quotes_alone = in_sentence and not _MASK_RUN.sub("", self.masked[s_start:s_end]).strip(" .,;:!?…-–—\n")
                # (only quotations alone carry the run on: "«A». «B», añadió Brandt. Así lo dijo Novak." is B's cue)
                quotes_run = (quotes_run if quotes_run_alone else []) + in_sentence if quotes_alone else in_sentence
                quotes_run_alone = quotes_alone
                previous_quotes = in_sentence
                for q in in_sentence:
                    attribution = self._attribute(q, s_start, s_end, cues, paragraph_last, previous_paragraph_speaker, p_start)
                    attribution = self._person_over_place(attribution, q, cues)
                    result[q.index] = attribution
                    paragraph_last = attribution
                    if self._mask_end(q.spans[-1].end) > p_end and self._reopened_after(p_end):
                        running_on.append(q)
                for q in in_sentence:
                    entity = self.entities.get(result[q.index].speaker or "")
                    self._note_speaker(entity, q.start)
                # a speaker named in the sentence after its last quotation (or in a
                # sentence without one) speaks on: 'X said that ... . "..."'
                last_quote = max((q.start for q in in_sentence), default=-1)
                speaking = [c for c in cues if c.entity is not None and c.start > last_quote and c.kind != "gerund"]
                if in_sentence and paragraph_last is not None and paragraph_last.cue == "after" and paragraph_last.speaker:
                    speaking = []  # '"…," he told supporters, Politico reported': the cue after it named its speaker
                if speaking:
                    paragraph_last = Attribution(speaking[-1].entity.id, "continues")
                elif not in_sentence:
                    source = self._according_to(s_start, s_end)
                    if source is None and self.masked[s_start:s_end].rstrip().endswith(":"):
                        # "Singh issued the following statement:" — what follows is the subject's
                        source = self._leading_subject(s_start, s_end, people_only=True)
                    if source is not None:
                        paragraph_last = Attribution(source.id, "continues")
                        if source.kind == "person" and (source.id in self.registry.speakers or " " in source.name):
                            # "volgens Hoekstra ...": he gave his view, and "schrijft hij" is his (a person
                            # known by full name: "selon l'agence Anadolu" or "Radio-Canada" only relay)
                            self._note_speaker(source, s_start)
                self._read_sentences.append((s_start, s_end))
                del self._read_sentences[:-3]
                if qi == len(by_start) and not in_sentence and not running_on:
                    # every quotation is placed, and the sentence after the last one
                    # read (it may name its speaker): the rest can change nothing
                    return self._in_order(result)
            if paragraph_last is not None:
                previous_paragraph_speaker = paragraph_last
            elif self.verb_cues > cues_before:
                # a speech verb in the paragraph (its sentences cover it): the
                # next paragraph's quotation does not continue an earlier speaker
                previous_paragraph_speaker = None
        return self._in_order(result)

    def _colon_subject(self, s_start: int, s_end: int, q_open: int) -> _Entity | None:
        """The person a sentence opens with when a colon ends it right before the quotation
        (not "Die Kritik werde Putin …:", nor "read a letter from workers:")."""
        lead = self.masked[s_start:q_open].rstrip()
        if (not lead.endswith(":") or self._memo("mood", self._reported_mood, s_start, s_end)
                or _FROM_SOMEONE.search(lead)):
            return None
        entity = self._leading_subject(s_start, q_open)  # (a pronoun too: "He reaffirms …: "…"")
        if entity is None and self.lex.p.pro_drop and self._opens_with_verb(s_start):
            # "También lanzó un aviso, …: «…»": the subject is left out, as for "«…», dijo."
            entity = self._understood_subject(s_start, s_start)  # (who spoke before, not whom this sentence names)
        return entity if entity is not None and entity.kind == "person" and not entity.place else None

    def _person_over_place(self, attribution: Attribution, q: Quotation, cues: list[_Cue]) -> Attribution:
        """A country standing for its government never wins over a person who reports the
        whole sentence after it ("Le Canada estime qu'il existe des « éléments crédibles »
        …, a déclaré Justin Trudeau")."""
        entity = self.entities.get(attribution.speaker or "")
        if entity is None or not entity.place:
            return attribution
        after_end = self._mask_end(q.spans[-1].end)
        person = next((c.entity for c in cues if c.start >= after_end and c.inverted and c.entity is not None
                       and c.entity.kind == "person" and not c.entity.place), None)
        return Attribution(person.id, "after") if person is not None else attribution

    def _cue_right_after(self, last: Span, after_end: int, following: list[_Cue],
                         preceded: bool = False) -> tuple[_Cue | None, str]:
        """The cue that governs a quotation from right after it (rule 3 of docs/rules.md), and the
        words between: the quotation ends at a punctuation mark, and the words before the cue are
        only its subject — not a clause of their own, not after a coordinator ('su lema, “…”, y
        Villarruel agregó: “…”'), and in German and Dutch not a subject before a finite verb
        ('"…", Nicolien van Vroonhoven vindt'), which opens a clause of its own."""
        if not following:
            return None, ""
        cue = following[0]
        gap = self.masked[after_end:cue.start]
        if not self._ends_with_break(last) and not (cue.inverted and not self._strip_before_verb(gap).strip()
                                                    and len(last.text.split()) >= 4 and last.text[:1].isupper()):
            # (a sentence quoted right before "dice Macron", "a annoncé le président", its comma left out, still is his)
            return None, ""
        words = gap.strip(" ,")
        first, _, rest = words.partition(" ")
        if (first.lower() in self.lex.reporting_as and rest and not preceded and not any(ch in gap for ch in MASKS)
                and self._immediate(rest) and cue.entity is not None and cue.entity.kind == "person"):
            # "„…“, wie Scholz am Abend sagte", '"…", as Novak said': the reporting clause's speaker — not
            # an outlet that relays ("wie CNN berichtete"), nor when a cue before the quotation has it
            # ('Brandt called it "a disaster", as Novak had warned')
            return cue, gap
        new_clause = ((self.lex.p.verb_second and cue.kind == "finite" and not cue.inverted and words)
                      or first.lower() in self.lex.coordinators)
        if any(ch in gap for ch in MASKS) or not self._immediate(gap) or new_clause:
            return None, gap
        return cue, gap

    def _reopened_after(self, p_end: int) -> bool:
        """Does the next paragraph open with a quotation, as one that runs on does ('“...\n\n“...”,
        publicó Trump')? A quotation left open before 'Biden a rappelé ...' just lost its mark."""
        rest = self.text[p_end:]
        start = p_end + len(rest) - len(rest.lstrip())
        return any(0 <= span.start - start <= 3 for q in self.quotations for span in q.spans)

    def _cue_after_end(self, q: Quotation, cues: list[_Cue]) -> _Entity | None:
        """The named speaker of the cue right after a quotation's end (``cues``: those of the
        sentence it ends in), read as for any quotation (``_cue_right_after``)."""
        after_end = self._mask_end(q.spans[-1].end)
        following = [c for c in cues if c.start >= after_end and c.kind != "gerund"]
        cue, _ = self._cue_right_after(q.spans[-1], after_end, following)
        return cue.entity if cue is not None and not cue.reported else None

    def _points_back_to(self, verb_at: int, verb_end: int) -> bool:
        """Does the sentence open with the profile's pointing-back phrase
        (`anaphoric`: "Así lo", "Eso dijo"), reaching the verb at ``verb_at``?"""
        pattern = self.lex.p.anaphoric
        if pattern is None:
            return False
        text = self.masked[self._sentence_start:verb_end]
        m = pattern.match(text, len(text) - len(text.lstrip(" \n")))
        return m is not None and not self._strip_before_verb(text[m.end():verb_at - self._sentence_start]).strip()

    def _words_of(self, start: int, end: int) -> _Entity | None:
        """The person a verbless pointing-back sentence gives the words to: "These were the
        words of Panamanian President X, in response to …", "Ce sont les mots du président X"."""
        text = self.masked[start:end]
        lead = len(text) - len(text.lstrip(" \n"))
        m = self.lex.p.anaphoric.match(text, lead)
        rest = text[m.end():].split(",")[0].rstrip(" .;:!?\n").split()
        while rest and _link_word(rest[0]) in _LINKS | {"del", "d'"}:
            elided = _link_word(rest[0])
            rest = ([rest[0][len(elided):]] if len(rest[0]) > len(elided) else []) + rest[1:]  # "d'Emmanuel Macron"
        if not rest:
            return None
        entity = self._source(" ".join(rest), start + m.end())
        return entity if entity is not None and entity.kind == "person" and not entity.place else None

    def _anaphoric(self, start: int, end: int) -> bool:
        """Does the sentence open by pointing back ("C'est ce qu'a déclaré X",
        "Das sagte X", "So said X")?"""
        pattern = self.lex.p.anaphoric
        return pattern is not None and pattern.match(self.masked[start:min(end, start + 80)].lstrip(" \n")) is not None

    def _memo(self, what: str, function, start: int, end: int):
        """``function(start, end)`` once per sentence, however many quotations it holds."""
        key = (what, start, end)
        if key not in self._sentence_memo:
            self._sentence_memo[key] = function(start, end)
        return self._sentence_memo[key]

    def _in_order(self, result: dict[int, Attribution]) -> list[Attribution]:
        return [result.get(q.index, Attribution(None, "")) for q in self.quotations]

    def _medium_name(self, text: str, q_open: int) -> bool:
        """Is the quotation a medium's name: right after a word for one ("die chilenische Zeitung
        „La Tercera“"), shaped as a name (capitalised words, no full stop), and not after a speech
        verb ("told the newspaper "Absolutely not"", "noemt hij in de krant ‘niet …’")?"""
        lex, before = self.lex, self.masked[max(0, q_open - 60):q_open].split()
        words = text.split()
        if not before or before[-1].lower() not in lex.media_heads or not 0 < len(words) <= 5:
            return False
        if text.rstrip()[-1:] in ".!?" or not all(w[:1].isupper() or w.lower() in lex.function for w in words):
            return False
        verbs = lex.p.verb_pattern
        return verbs is None or not verbs.search(" " + " ".join(before[-4:-1]) + " ")

    def _attribute(self, q: Quotation, s_start: int, s_end: int, cues: list[_Cue], paragraph_last, previous_paragraph, p_start) -> Attribution:
        """The speaker of one quotation by the first rule that applies; the numbers in the
        comments are those of "The order of the rules" in docs/rules.md (10 and 11 are in ``read``)."""
        first, last = q.spans[0], q.spans[-1]
        q_open = self._mask_start(first.start)
        after_end = self._mask_end(last.end)
        if q.fragment and self._medium_name(q.text, q_open):
            return Attribution(None, "a medium's name")
        # the cues around it, found by position (a sentence may hold thousands)
        starts = self._cue_starts
        k = bisect.bisect_right(starts, q_open + 1)
        preceding = []
        while k > 0:
            k -= 1
            if cues[k].end <= q_open + 1 and cues[k].kind != "after":
                preceding = [cues[k]]
                break
        k = bisect.bisect_left(starts, after_end)
        later = cues[k:k + 8]
        following = [c for c in later if c.kind != "gerund"]
        # 1. a cue that introduces it with a colon keeps it, whoever relays it
        # after ("Mr Weber replied: "...," the official said"; "Rossi: "..." he said")
        if preceding and preceding[-1].entity is not None:
            cue = preceding[-1]
            gap = self.masked[cue.end:q_open]
            if cue.kind == "colon" or (gap.rstrip().endswith(":") and not any(ch in gap for ch in MASKS)):
                return Attribution(cue.entity.id, "introduced")
        # 1 (also): "Olivier Faure, pour qui « … »": a relative right before it gives it to the one before
        opinion = self.lex.p.opinion_of
        if opinion is not None:
            lead = self.masked[max(s_start, q_open - 160):q_open]
            m = opinion.search(lead)
            between = m.group(1) if m is not None else ""
            verbs = self.lex.p.verb_pattern
            if m is not None and between.strip() and (verbs is None or verbs.search(" " + between + " ")):
                m = None  # "pour qui Trump a dit « … »": a cue of its own, read by the rules below
            if m is not None:
                head = _CLAUSE_BREAK.split(lead[:m.start()].rstrip(" ,"))[-1].split()
                # the noun phrase it ends with ("à l'instar du patron des socialistes Olivier Faure")
                entity = next(filter(None, (self.resolve_subject(" ".join(head[-k:]), q_open, strict=True)
                                            for k in range(min(6, len(head)), 0, -1))), None)
                if entity is not None:
                    return Attribution(entity.id, "according to")
        # 2. a cue inside it, between commas or dashes (« Nous sommes prêts, a déclaré
        # le ministre, à négocier », "In fact - adds the minister - ...")
        entity = self._incise(q)
        if entity is not None:
            return Attribution(entity.id, "inside")
        # 3. right after the quotation: ", he said" / ", said Henry Wang"
        cue, gap = self._cue_right_after(last, after_end, following, preceded=bool(preceding))
        if cue is not None:
            if cue.reported and paragraph_last is not None and paragraph_last.speaker:
                return Attribution(paragraph_last.speaker, "reported speech")
            pronoun = gap.strip(" ,\n").lower()
            if cue.entity is not None and pronoun in self.lex.pronouns and not preceding:
                # 'His son Donald Trump Jr. issued a statement: "…," he said': the person the
                # colon's sentence opens with, when the pronoun fits them
                entity = self._colon_subject(s_start, s_end, q_open)
                if entity is not None and entity.pronoun in (None, self.lex.pronouns[pronoun]):
                    return Attribution(entity.id, "introduced")
            if cue.entity is not None:
                return Attribution(cue.entity.id, "after")
            if len(gap.split()) <= 8:
                # '"...," a senior official said': someone said it, just not someone we can name
                return Attribution(None, "cue with an unknown subject")
        # 3 (also): joined to the next quotation by a coordinator only, and that one has a cue
        # right after it: both are that cue's ("Cette élection « … » car « … », a poursuivi X")
        if not preceding and following and following[0].entity is not None and not following[0].reported:
            entity = self._coordinated_cue(following[0], after_end)
            if entity is not None:
                return Attribution(entity.id, "after")
        # 3 (also): the verb last (de, nl): "Putin hat von „Verrat“ gesprochen"
        if following and self.lex.p.verb_second and following[0].kind == "participle":
            gap = self.masked[after_end:following[0].start]
            if any(ch in gap for ch in MASKS):
                gap = self._after_coordinated_quotations(gap)  # "als „falsch“ und „gefährlich“ bezeichnet"
            if (gap is not None and not any(ch in gap for ch in MASKS) and len(gap.split()) <= 4
                    and not re.search(r"[,;:.!?]", gap)):
                if following[0].reported and paragraph_last is not None and paragraph_last.speaker:
                    return Attribution(paragraph_last.speaker, "reported speech")
                if following[0].entity is None:
                    # "ihm wurde „Extremismus“ vorgeworfen": said, by someone not named
                    return Attribution(None, "cue with an unknown subject")
                return Attribution(following[0].entity.id, "after (verb last)")
        # 4. a reporting clause that ends the sentence ("... las «diferencias» y las
        # «restricciones» a medida que ..., dijo Xi Jinping.")
        if not preceding and following:
            cue = self._closing_clause(cues, after_end, s_end)
            if cue is not None:
                return Attribution(cue.entity.id, "closing clause")
        # 4 (also): "Et de poursuivre : « … »": an infinitive that goes on with whoever spoke last
        # (later in a sentence, with the one person named before it)
        goes_on = self.lex.p.goes_on
        if not preceding and goes_on is not None:
            m = goes_on.search(self.masked, s_start, q_open)
            if m is not None and not any(ch in self.masked[m.end():q_open] for ch in MASKS):
                if self.masked[s_start:m.start()].strip():
                    # later in a sentence: the one person named before it ("l'occasion pour Joe Biden
                    # de rassurer …, et d'ironiser")
                    named = [e for e in self._people_named(s_start, m.start()) if e.kind == "person"]
                    entity = named[0] if len(named) == 1 else None
                else:
                    entity = self.recent_people[0] if self.recent_people else None
                if entity is not None:
                    return Attribution(entity.id, "goes on")
        # 4 (also): no cue before it or right after it, but a colon right before it, in a sentence that opens
        # with a person ("X was clear: "…"", "El mandatario ha pronunciado el anuncio: «…»")
        if not preceding:
            entity = self._colon_subject(s_start, s_end, q_open)
            if entity is not None:
                return Attribution(entity.id, "introduced")
        # 5. before it in the same sentence: the nearest cue decides, or the one
        # whose reported clause holds it ("Miller said Blinken pledged to "...""
        # is Miller's wording)
        if preceding:
            cue = preceding[-1]
            if cue.outer is not None and cue.outer.entity is not None:
                cue = cue.outer
            elif cue.reported and paragraph_last is not None and paragraph_last.speaker:
                # "Anstatt darauf einzugehen, habe Scholz ... mit der Begründung „in Würde“ ...
                # zurückgewiesen": the speaker whose report it is
                return Attribution(paragraph_last.speaker, "reported speech")
            if cue.entity is not None:
                return Attribution(cue.entity.id, "before")
            return Attribution(None, "cue with an unknown subject")
        # 6. headline style: "'No room for compromise' on Taiwan: Beijing"
        tail = self.masked[max(s_start, s_end - 80):s_end].rstrip(" .\n")
        colon = _HEADLINE_COLON.search(tail[tail.rfind(":"):]) if ":" in tail else None
        if colon:
            entity = self.resolve_subject(colon.group(1), s_end)
            if entity is not None:
                return Attribution(entity.id, "headline colon")
        # 7. "according to X", "X zufolge"; "so X", "aldus X" after a later quotation
        entity = self._memo("according", self._according_to, s_start, s_end)
        if entity is not None:
            return Attribution(entity.id, "according to")
        if self._memo("framed", self._according_frame, s_start, s_end) and not later:
            return Attribution(None, "according to someone unknown")  # "Volgens persbureau Bloomberg ..."
        for cue in later:
            if cue.kind == "after" and cue.entity is not None:
                return Attribution(cue.entity.id, "after")
        # 8. no cue, but the sentence names one person: '"..." — that was how Xi put it'
        # (not when its verb says it is reported speech: "Prigoschin sei „euphorisch“ gewesen")
        # (nor when it says whose words they are, in a way not understood: "Según analistas, Macron ...")
        plain = (not self._memo("mood", self._reported_mood, s_start, s_end)
                 and not self._memo("framed", self._according_frame, s_start, s_end))
        named = self._memo("named", self._people_named, s_start, s_end) if plain else []
        lifted = next((c for c in q.text if c.isalpha()), "").islower()  # words lifted into the sentence, not one of their own
        if len(named) == 1 and lifted and self._subject_of_the_words(named[0], s_start, q_open):
            named = []  # 'Emmanuel Macron « a pris le parti d’intervenir »': words about him, not his
        if len(named) == 1:
            if _calls_out(q.text, named[0]):
                return Attribution(None, "")  # 'chants of “Modi, Modi, Modi”': a name called out, not his words
            if (q.fragment and len(q.text.split()) <= SCARE_QUOTE_WORDS and not self._opens_with(named[0], s_start, q_open)
                    and self._leading_subject(s_start, q_open, people_only=True) is not named[0]):
                # a scare quote of a few words goes to the person only as the sentence's subject (or the
                # one it opens with: "Pour X, il faut …"), not to one it names in passing ("la présidente
                # du tribunal qui a condamné Sarkozy")
                return Attribution(None, "")
            return Attribution(named[0].id, "named in the sentence")
        if not named and plain:
            # named by a role alone: "El presidente del Gobierno ha reducido a unos «violentos marginales» …"
            # (a role: a name would be in ``named``, or told what to do: "Macron doit «choisir»"),
            # or by the pronoun it opens with: "Er will den Präsidenten «diese oder nächste Woche» empfangen"
            # (not a passive's: "Hij werd uitgescholden voor 'lafaard'")
            opening = self.masked[s_start:q_open].split()[:2]
            first = opening[0].lower() if opening else ""
            entity = None
            if self.lex.is_determiner(first):
                entity = self._leading_subject(s_start, q_open, people_only=True)
            elif (len(opening) == 2 and self.lex.pronouns.get(first) in ("he", "she")
                  and opening[1].lower() not in self.lex.passive):
                entity = self.resolve_subject(opening[0], s_start)
            if entity is not None and entity.kind == "person" and not entity.place:
                if _calls_out(q.text, entity):
                    return Attribution(None, "")
                return Attribution(entity.id, "named in the sentence")
        # 9. continuation of the paragraph's or the previous paragraph's speaker
        if paragraph_last is not None:
            return Attribution(paragraph_last.speaker, "continues")
        opens_paragraph = self.text[p_start:max(p_start, q_open)].strip() == ""
        if not opens_paragraph and not cues and self.masked[s_start:q_open].strip() == "":
            # a quotation that is its own sentence, after a sentence about someone:
            # "Wilders también mira hacia la formación. “Supongamos que …”"
            entity = self._topic_before(s_start, pronouns=True)
            # (not when it names that person: "Macron s'attire les foudres de Trump. "Macron, qui …"";
            # nor when the sentence before names someone else too: "Biden met Zelensky. "…"")
            if (entity is not None and entity.name.split()[-1] not in re.findall(r"\w+", q.text)
                    and all(e is entity for e in self._people_named(*self._sentence_before(s_start)))):
                return Attribution(entity.id, "topic")
            before = self._sentence_before(s_start)
            if entity is None and before[0] < before[1]:
                # "Volgens de herkozen president zijn er geen verliezers. "Niemand heeft verloren."":
                # the sentence before gives someone's view, and the quotation goes on with it
                entity = self._memo("according", self._according_to, *before)
                if entity is not None and entity.kind == "person" and not entity.place:
                    return Attribution(entity.id, "continues")
        if opens_paragraph and previous_paragraph is not None:
            return Attribution(previous_paragraph.speaker, "continues previous paragraph")
        if self._memo("mood", self._reported_mood, s_start, s_end):
            # reported speech after a sentence about someone: "übte Scholz Kritik an der FDP. Ihre
            # „wochenlange Sabotage“ habe … geschadet"
            entity = self._topic_before(s_start)
            if entity is not None:
                return Attribution(entity.id, "continues")
        if previous_paragraph is not None and self._memo("mood", self._reported_mood, s_start, s_end):
            # "Es sei die Ehre seines Lebens gewesen, aber die „...“ stehe auf dem Spiel":
            # reported speech goes on reporting the previous paragraph's speaker
            return Attribution(previous_paragraph.speaker, "continues previous paragraph")
        return Attribution(None, "")

    def _after_coordinated_quotations(self, gap: str, joins: frozenset | None = None) -> str | None:
        """The text after the last of the quotations ``gap`` holds, when only ``joins`` (the
        coordinators) join them to the first ("und „gefährlich“"); else None."""
        pieces = _MASK_RUN.split(gap)
        joins = self.lex.coordinators if joins is None else joins
        for piece in pieces[:-1]:
            words = [w.strip(",") for w in piece.split()]
            if not words or len(words) > 2 or not all(w.lower() in joins for w in words if w):
                return None
        return pieces[-1]

    def _coordinated_cue(self, cue: _Cue, after_end: int) -> _Entity | None:
        """The speaker of a cue that follows the next quotation(s) when only a
        coordinator stands between them ("« A » et « B », a-t-il dit", '"A" and
        "B," he said'), and the last ends at a punctuation mark before the cue."""
        gap = self.masked[after_end:cue.start]
        if not 2 <= len(_MASK_RUN.split(gap)) <= 4:
            return None
        tail = self._after_coordinated_quotations(gap, self.lex.coordinators | self.lex.connectives)
        if tail is None:
            return None
        closing = cue.start - len(tail)
        if not (self.masked[closing - 1] == END_STOP or any(ch in self.text[max(0, closing - 3):closing] for ch in ",.!?;:—–")):
            return None
        if not self._immediate(tail) or len(tail.split()) > 8:
            return None
        return cue.entity

    def _incise(self, q: Quotation) -> _Entity | None:
        """A speech verb set off by commas or dashes inside the quotation, with
        its speaker after it ("..., a-t-il dit, ...", "- ajoute le ministre -")."""
        pattern = self.lex.p.verb_pattern
        if pattern is None:
            return None
        for span in q.spans:
            text = _norm_apostrophes(span.text[:400])
            if not _INCISE_HINT.search(text):
                continue
            for m in pattern.finditer(text):
                lead = text[max(0, m.start() - 24):m.start()]
                clitic = self.lex.p.clitic_before.search(lead.rstrip()) if self.lex.p.clitic_before is not None else None
                if clitic is not None:
                    lead = lead.rstrip()[:clitic.start()] + " "  # "- a-t-elle ajouté -"
                if not re.search(r"[,–—]\s*$|\s-\s*$", self._strip_before_verb(lead).rstrip() + " "):
                    continue
                rest = text[m.end():m.end() + 80]
                close = re.search(r"[,–—]|\s-\s", rest)
                if close is None:
                    continue
                if clitic is None and self.lex.p.clitic_after is not None:
                    clitic = self.lex.p.clitic_after.match(rest)
                if clitic is not None:
                    entity = self._pronoun(clitic.group(1), span.start)
                else:
                    entity = self._inverted_subject(rest[:close.start()], span.start)
                if entity is not None:
                    return entity
        return None

    def _closing_clause(self, cues: list[_Cue], after_end: int, s_end: int) -> _Cue | None:
        """The sentence's last cue when it closes the sentence after a comma,
        with its speaker named ("..., dijo Xi Jinping.", "..., X said.")."""
        cue = cues[-1]
        if cue.start < after_end or cue.entity is None or cue.kind not in ("finite", "participle"):
            return None
        if any(ch in self.masked[cue.end:s_end] for ch in MASKS):
            return None
        lead = self.masked[after_end:cue.start]
        cut = lead.rfind(",")
        closing = max(lead.rfind(END), lead.rfind(END_STOP))
        if closing > cut and "," in self.text[after_end + closing - 1:after_end + closing + 1]:
            cut = closing  # '… «de prisiones …», dijo.': the comma went into the quotation's mask
        if cut < 0:
            return None
        subject = lead[cut + 1:]
        if any(ch in subject for ch in MASKS) or len(subject.split()) > 6:
            return None
        return cue

    def _reported_mood(self, start: int, end: int) -> bool:
        words = self.lex.reported_mood
        return bool(words) and any(w.lower().strip(",.;:") in words for w in self.masked[start:end].split())

    def _immediate(self, gap: str) -> bool:
        """Does the text between a quotation and the cue after it hold only that
        cue's subject ("...," the minister said), not a clause of its own
        ("...," in an address, after the leader claimed)?"""
        words = [w.strip(",.;:") for w in gap.split()]
        words = [w for w in words if w]
        if not words:
            return True
        lex = self.lex
        if any(w.lower() in lex.clause_openers for w in words):
            return False
        return len(words) <= 12

    def _according_to(self, s_start: int, s_end: int) -> _Entity | None:
        lex = self.lex
        segment = self.masked[s_start:s_end]
        lowered = segment.lower()
        own = lex.p.own_words.search(segment) if lex.p.own_words is not None else None
        if own is not None:
            # "Hij draagt het naar eigen zeggen "vol vertrouwen" over": the clause's own subject
            entity = self._leading_subject(s_start, s_start + own.start())
            if entity is not None and entity.kind == "person" and not entity.place:
                return entity
        for source, at in self._according_sources(s_start, s_end):
            for by in (" by ", " par ", " por ", " von ", " door "):
                if by in source:
                    source = source.rsplit(by, 1)[1]
            entity = self._source(source, at)
            if entity is not None:
                return entity
        if lex.p.according_to_after is not None and any(h in lowered for h in lex.according_after_hints):
            for m in lex.p.according_to_after.finditer(segment):
                head = segment[max(0, m.start() - 120):m.start()]
                head = _CLAUSE_BREAK.split(head)[-1]
                entity = self.resolve_subject(head, s_start + m.start())
                if entity is not None:
                    return entity
        return None

    def _according_frame(self, s_start: int, s_end: int) -> bool:
        """Whether the sentence has an "according to" frame (whoever it names)."""
        return any(True for _ in self._according_sources(s_start, s_end))

    def _according_sources(self, s_start: int, s_end: int):
        """Each "according to" frame's source phrase in the sentence, and where it is."""
        lex = self.lex
        segment = self.masked[s_start:s_end]
        if lex.p.according_to is not None and any(h in segment.lower() for h in lex.according_hints):
            for m in lex.p.according_to.finditer(segment):
                yield m.group(1), s_start + m.start()

    def _source(self, source: str, pos: int) -> _Entity | None:
        """The speaker an "according to" phrase names: its first noun phrase."""
        lex = self.lex
        words = source.split()
        cut = len(words)
        for k, w in enumerate(words):
            if k > 0 and w.lower() in lex.inverted_stops and w.lower() not in {"of", "de", "van", "von"}:
                cut = k
                break
        phrase = " ".join(words[:cut])
        if words and words[0].lower() in lex.pronouns:
            if self._possessive_relation(words):
                return None  # "aldus haar woordvoerder": someone of hers, not her
            return self._pronoun(words[0], pos)
        head = self._leading_np(phrase)  # "volgens Poetin hun straf ...": the name it opens with
        if head and head != phrase:
            entity = self.resolve_subject(head, pos)
            if entity is not None:
                return entity
        entity = self.resolve_subject(phrase, pos)
        if entity is None and cut < len(words):
            entity = self.resolve_subject(source, pos)
        if entity is None and words and lex.is_determiner(words[0].lower()):
            # "Volgens de herkozen president zijn er …": a role, then the clause's verb
            entity = _longest_start(words[:min(cut, 6)], lambda p: self._resolve_role(p, pos), shortest=2)
        return entity

    def _opens_with(self, entity: _Entity, start: int, end: int) -> bool:
        """Whether masked[start:end] opens with ``entity``, or with the point of view of it ("Pour
        Marie Dupont, …", "Für Novak ist …"; not "Gegen Novak …")."""
        for at in entity.mentions:
            if start <= at < end:
                before = self.masked[start:at].split()
                if not before or (len(before) == 1 and before[0].lower() in self.lex.viewpoint):
                    return True
        return False

    def _subject_of_the_words(self, entity: _Entity, s_start: int, q_open: int) -> bool:
        """The sentence is the person's name and then the quotation, no verb between: the quoted
        words say what they did or are ("Albanese « a réalisé … »", "Barnier, « le moindre mal »")."""
        lead = _LEAD_PUNCTUATION.sub("", self.masked[s_start:q_open])
        words = lead.split()
        return (0 < len(words) <= 4 and all(w[:1].isupper() for w in words)
                and self.resolve_subject(lead, q_open) is entity)

    def _people_named(self, start: int, end: int) -> list[_Entity]:
        """Distinct people named (in full, or by a surname resolved here) outside
        quotations in masked[start:end]."""
        lex = self.lex
        found: dict[str, _Entity] = {}
        for m in lex.run.finditer(self.masked, start, end):
            run = m.group(0)
            parsed = _parse_run(run, lex.p.code)
            if parsed is None and run.endswith(".") and len(run.split()[-1]) > 3:
                parsed = _parse_run(run[:-1], lex.p.code)  # "…, so Weidel und Chrupalla.": the sentence's stop
            if parsed is None:
                continue
            name = parsed[0]
            entity = self.entities.get(slugify(name))
            if entity is None:
                registered = self.registry.by_alias.get(_norm_name(name))
                entity = self._entity_for_speaker(registered) if registered is not None else None
            if entity is None and len(name.split()) == 1 and name.lower() not in lex.common:
                entity = self._resolve_surname(name, m.end(), strict=True)
            if entity is not None and entity.kind == "person" and not self._object_of(m.start(), start):
                following = self.masked[m.end():m.end() + 24].split()[:1]
                if following and following[0].lower() in lex.obligation:
                    continue  # "Emmanuel Macron doit «choisir …»": told what to do, by the one reported
                found[entity.id] = entity
        return list(found.values())

    def _object_of(self, at: int, start: int) -> bool:
        """Whether the name at ``at`` follows a preposition ("thanked to Biden",
        "un agradecimiento a Biden", "la integridad de Biden"): the one it is
        said to or of, not the speaker. Determiners and titles in between are skipped."""
        lex = self.lex
        for word in reversed(self.masked[max(start, at - 60):at].split()[-4:]):
            low = word.lower().strip(",")
            if low in lex.object_markers:
                return True
            if not (lex.is_determiner(low) or lex.is_title(low) or lex.nationality(low) is not None):
                return False
        return False

    def _ends_with_break(self, span) -> bool:
        """`"...," he said` can attribute; `"illegal" U.S. sanctions` cannot."""
        if span.text[-1:] in ".!?,;:—–…":
            return True
        tail = self.text[span.end:span.end + 4]
        return any(ch in tail for ch in ",.;:!?—–")

    def _mask_end(self, pos: int) -> int:
        while pos < len(self.masked) and self.masked[pos] == MASK:
            pos += 1
        if pos < len(self.masked) and self.masked[pos] in (END_STOP, END):
            pos += 1
        return pos

    def _mask_start(self, pos: int) -> int:
        while pos > 0 and self.masked[pos - 1] == MASK:
            pos -= 1
        return pos


_OPENER_AFTER_COMMA = re.compile(r",\s+(\w+)(?:\s+(\w+))?")
_CLAUSE_BREAK = re.compile(f"[,;:{MASKS}]")  # where the noun phrase before a frame cannot reach past
_FROM_SOMEONE = re.compile(r"\b(?:from|von|vom|van)\s+[^,;:]{1,60}:$", re.IGNORECASE)  # "a letter from X:"
_GAP = r"(?:[^\S\n]+(?:\n[^\S\n]*)?|\n[^\S\n]*)"  # white space with one line break at most
_RUN_SENTENCE_END = re.compile(r"(?<=\w\w)[.!?]\s+(?=[^\W\d_])")
_FIRST_WORD = re.compile(r"[\s\-–—•*]*(\w+)\b")
def _longest_start(words: list[str], resolve, shortest: int = 1):
    """What ``resolve`` makes of the longest start of ``words`` (at least ``shortest``
    of them) for which it finds anything, else None."""
    return next(filter(None, (resolve(" ".join(words[:n])) for n in range(len(words), shortest - 1, -1))), None)


_GENERATIONS = frozenset({"jr", "sr", "ii", "iii", "iv"})  # name suffixes that tell a father from his son
_DASH_BREAK = re.compile(r"\s[–—]\s")  # a spaced dash between two clauses
_MASK_RUN = re.compile("[\u2588\u2589\u258a]+")
# an aside between spaced dashes, or em dashes set against it (Spanish "X —el …— dijo"), ending the subject
_DASHED_ASIDE = re.compile(r"\s[-–—]\s(?=(?:(?!\s[-–—]\s).)*\s[-–—]\s*$)|\s[-–—]\s*$|\s—(?=[^—\s][^—]*[^—\s]—\s*$)|(?<=\S)—\s*$")
_PARENTHESIS = re.compile(r"\s*\([^()\n]{1,40}\)")  # a short aside in brackets after a name: party, age, state
SCARE_QUOTE_WORDS = 3  # a fragment this short says too little to be given to anyone but its sentence's subject
_LEAD_PUNCTUATION = re.compile(r"[\W_]+$")  # what ends a lead-in before its quotation: a comma, the quotation mark
_WEAK = frozenset({"", "continues", "continues previous paragraph", "named in the sentence", "cue with an unknown subject"})
_INCISE_HINT = re.compile(r"[,–—]\s*\w|\s-\s\w")
_COLON_LEAD = re.compile(r"^[\s\-–—•*]*([^:\u2588\u2589\u258a.!?]{2,60}?)\s*:\s*")
_HEADLINE_COLON = re.compile(rf"^:\s*({_UP}[\w.'’-]*(?:\s+{_UP}[\w.'’-]*){{0,3}})$")
_PROPER_AT_END = re.compile(rf"((?:(?:the|la|le|el|der|die|das|de|het)\s+)?(?:{_UP}[\w.'’-]*(?:'s)?\s+)*(?:of\s+(?:{_UP}[\w.-]*\s+)*)?{_UP}[\w.'’-]*)$")


@lru_cache(maxsize=32)
def _determiners_re(code: str) -> re.Pattern:
    lex = _lexicon(code)
    words = sorted(lex.determiners | {"the"}, key=len, reverse=True)
    return re.compile(r"^(?:" + "|".join(map(re.escape, words)) + r")\s+", re.IGNORECASE)


def lex_determiners_re(lex: _Lexicon) -> re.Pattern:
    return _determiners_re(lex.p.code)


# a capitalised compound whose part after the hyphen is lower-case ("Ultra-liberal", "Far-right", "Pro-européen"),
# which opens with one of the profile's compound_prefixes: an adjective before a name, not a given name ("Min-jae")
_COMPOUND_MODIFIER = re.compile(r"[^\W\d_][^\W\d_]*-[a-zà-ÿß][^\W\d_-]*$")


def _is_surname_form(alias: str, lex: _Lexicon | None = None) -> bool:
    """One name, with or without titles: "Wang", "Mr Wang", "President Xi"."""
    lex = lex or _lexicon(languages.DEFAULT)
    return len([t for t in alias.lower().split() if not lex.is_title(t.rstrip(".")) and t not in lex.determiners]) == 1


def _fits(nats: frozenset, words: tuple, entity: _Entity, lex: _Lexicon) -> int:
    """How a role phrase fits a person: 2 exactly (one of their roles, or its
    head noun alone: "the minister"), 1 loosely (a generic role that covers
    theirs: "the leader" for a premier), 0 not at all. A phrase that gives a
    nationality fits only people known to have it."""
    if nats:
        known = set(entity.nats)
        for role in entity.roles:
            known |= role[0]
        if not nats & known:
            return 0
    return max((_form_matches(words, role, lex, nats) for role in entity.roles), default=0)


def _form_matches(words: tuple, role, lex: _Lexicon, nats: frozenset = frozenset()) -> int:
    role_words = role[1]
    if not role_words:
        # a role that is a nationality alone ("el francés") fits that phrase only
        return 2 if not words and nats and role[0] == nats else 0
    changers = lex.p.role_changers
    if any(w in changers for w in role_words):
        # "the president" is not "the former president", nor "the prime minister" the deputy
        # one; "der ehemalige EU-Kommissar" is "der frühere EU-Kommissar"
        if not any(w in changers for w in words):
            return 0
        words = tuple(w for w in words if w not in changers)
        role_words = tuple(w for w in role_words if w not in changers)
        if not role_words:
            return 2 if not words else 0  # "l'élu du Texas": the changer is the role noun
    if words == role_words:
        return 2
    if len(words) == 1 and (words[0] == _head(role_words, lex) or (len(role_words) > 2 and words[0] == role_words[0] and role_words[1] in _LINKS)):
        return 2  # "the minister" (foreign minister), "the secretary" (secretary of state)
    if 1 < len(words) < len(role_words) and role_words[-len(words):] == words:
        return 2
    family = lex.p.role_families.get(words[-1]) if words else None
    joined = " ".join(role_words)
    if family and (joined in family or _head(role_words, lex) in family
                   or any(joined.startswith(f + " ") for f in family)):  # "tête de liste de la gauche"
        if all(w in role_words or w in _RANK_WORDS for w in words[:-1]):
            return 1
    return 0


_RANK_WORDS = frozenset({"top", "senior", "chief", "main", "haut", "principal", "máximo", "oberste", "hoogste"})


def _calls_out(text: str, entity: _Entity) -> bool:
    """Are a quotation's words only the person's name ("Modi, Modi, Modi": a chant, a call)?"""
    words = re.findall(r"\w+", text.replace("’", "'"))
    return bool(words) and set(words) <= set(entity.tokens())


def _head(role_words: tuple, lex: _Lexicon) -> str:
    """A role's head noun: the word before its first "of" or other
    preposition ("secretary of state", "chef de l'État", "spokesman for the
    prime minister's office"), else its last word ("foreign minister")."""
    for k, w in enumerate(role_words):
        if k and (w in _LINKS or w in lex.object_markers):
            return role_words[k - 1]
    return role_words[-1] if role_words else ""


def attribute_article(article: Article, quotations: list[Quotation], registry: Registry) -> ArticleAttribution:
    if not quotations:  # nothing to attribute: no reading (an override still warns that it matches nothing)
        return ArticleAttribution((), (), tuple(_apply_overrides(article, quotations, [], registry, None)[1]))
    reader = _Reader(article, quotations, registry)
    attributions = reader.read()
    attributions, problems = _apply_overrides(article, quotations, attributions, registry, reader)
    used = {a.speaker for a in attributions if a.speaker}
    speakers = tuple(
        Speaker(id=e.id, name=e.name, tracked=False, kind=e.kind)
        for e in sorted(reader.entities.values(), key=lambda e: e.id)
        if e.id in used and e.id not in registry.speakers
    )
    return ArticleAttribution(tuple(attributions), speakers, tuple(problems))


def selected_by(correction, quotations) -> list:
    """The quotations an editor's correction selects: those whose text contains
    its ``text`` (ignoring case, quote marks and punctuation)."""
    wanted = normalise_quotation(correction.text)
    return [q for q in quotations if wanted and wanted in normalise_quotation(q.text)] if wanted else []


def normalise_quotation(text: str) -> str:
    text = _norm_apostrophes(text).replace("“", '"').replace("”", '"').casefold()
    return " ".join(re.sub(r"[^\w' ]+", " ", text).split())


def _apply_overrides(article, quotations, attributions, registry, reader):
    problems = []
    attributions = list(attributions)
    for override in article.overrides:
        if not override.sets_speaker:
            continue  # it only cuts the quotation into statements (analyse.cut_as_corrected)
        hits = selected_by(override, quotations)
        if not hits:
            problems.append(Problem(article.source_path, f"no quotation in the article contains {override.text!r}", field="quotes", severity="warning"))
            continue
        speaker_id = None
        if override.speaker is not None:
            registered = registry.speakers.get(override.speaker) or registry.by_alias.get(_norm_name(override.speaker))
            if registered is not None:
                speaker_id = registered.id
            else:
                speaker_id = reader._entity(override.speaker, "person").id
        for q in hits:
            attributions[q.index] = Attribution(speaker_id, "editor")
    return attributions, problems
