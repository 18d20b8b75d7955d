"""Stage 3 — attribute speakers: who said each quotation.

Reads an article the way a careful reader does, sentence by sentence:

1. a speech cue right after the quote (``," he said``, ``," said Henry Wang``);
2. a speech cue before it in the same sentence (``Blinken said "...``,
   ``Wang blasted "illegal"``, ``X, a researcher at Y, told Z that "...``);
3. ``according to X`` in the same sentence;
4. otherwise the speaker of the previous quotation in the paragraph, or of the
   previous paragraph when the quotation opens its paragraph.

Subjects are resolved to speakers: aliases from ``speakers.yaml``, full names
seen in the article, surnames (only when the article has named exactly one
person with that surname so far), pronouns (the most recent person or
organisation that spoke) and role nouns (``the president``: the most recently
mentioned person holding that role). Anything else stays unattributed.
Editors' overrides from front matter win over all of this.
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache
from dataclasses import dataclass, field

from .errors import Problem
from .model import Article, Attribution, Quotation, Speaker
from .text import alternation, slugify

SPEECH_VERBS = (
    "said says say told tells added adds stated states declared declares announced wrote writes "
    "noted notes explained explains insisted insists stressed stresses emphasised emphasized "
    "emphasises emphasizes argued argues claimed warned warns urged urges described "
    "describes called calls hailed hails blasted blasts slammed slams praised praises accused "
    "accuses blamed blames asked asks replied replies responded responds suggested suggests "
    "acknowledged acknowledges admitted admits vowed vows promised promises "
    "cautioned cautions complained complains demanded demands tweeted posted quipped conceded "
    "observed remarked reiterated reiterates predicted predicts characterized characterised "
    "labelled labeled dubbed termed welcomed welcomes underlined underlines underscored "
    "underscores highlighted affirmed confirmed confirms maintained maintains contended "
    "countered concluded recalled recalls mused boasted lamented"
).split()
_VERB_RE = re.compile(r"\b(" + alternation(SPEECH_VERBS) + r")\b")  # read in every sentence: a prefix tree
_QUOTED_AS = re.compile(r"\b(?:was|were|is|are) quoted (?:by [^,.;]{1,60} )?as (?:saying|telling)\b")
_ACCORDING = re.compile(r"\baccording to\s+([^,;.]{2,120})", re.IGNORECASE)
_ADVERB_TAIL = re.compile(r"(?:\s+(?:later|also|then|again|previously|earlier|further|once|had|has|have|would|will|\w+ly))+\s*$")
PRONOUNS_PERSON = {"he", "she", "him", "her"}
_PRONOUN_OF = {"he": "he", "him": "he", "she": "she", "her": "she"}
# words that tell a person's pronoun when they stand in their title or role
GENDERED = {"mr": "he", "sir": "he", "lord": "he", "king": "he", "prince": "he", "spokesman": "he", "chairman": "he",
            "congressman": "he", "businessman": "he", "mrs": "she", "ms": "she", "miss": "she", "madam": "she",
            "lady": "she", "queen": "she", "princess": "she", "spokeswoman": "she", "chairwoman": "she",
            "congresswoman": "she", "businesswoman": "she"}
PRONOUNS_ORG = {"it"}
_CONNECTIVES = {
    "and", "but", "so", "yet", "as", "while", "when", "because", "since", "though", "although", "after",
    "before", "where", "if", "once", "until", "still", "however", "then", "which", "who", "whom", "that",
}
_HEADLINE_COLON = re.compile(r"^:\s*([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})$")
_DATELINE = re.compile(r"^[A-Z][A-Z .,'’-]{2,}\s*(?:--|—|–)\s*")
_DETERMINERS = re.compile(r"^(?:the|a|an|this|that|its|his|her|their)\s+", re.IGNORECASE)

# Words that begin a name but are titles, nationalities or determiners.
TITLE_WORDS = {
    "the", "president", "vice", "secretary", "state", "of", "foreign", "defense", "defence", "minister",
    "prime", "premier", "chancellor", "senator", "sen", "rep", "representative", "governor", "gov",
    "ambassador", "general", "gen", "spokesperson", "spokesman", "spokeswoman", "press", "mr", "mrs",
    "ms", "dr", "sir", "chinese", "american", "us", "u.s", "u.s.", "uk", "british", "former", "deputy",
    "chief", "director", "commerce", "treasury", "trade", "white", "house", "leader", "king", "queen",
    "pope", "lord", "lady", "professor", "prof", "judge", "justice", "mayor", "captain", "colonel",
    "lieutenant", "admiral", "major", "sergeant", "officer", "chairman", "chairwoman", "chair",
}
ORG_HEADS = {
    "ministry", "department", "house", "office", "agency", "commission", "council", "embassy",
    "pentagon", "kremlin", "government", "administration", "xinhua", "committee", "parliament",
    "congress", "senate", "court", "police", "army", "navy", "military", "party", "bureau",
    "service", "union", "bank", "nations", "organisation", "organization", "company", "group",
    "newspaper", "network", "institute", "center", "centre", "university", "foundation",
}
NOT_NAMES = {
    "hall", "sea", "strait", "street", "square", "force", "one", "people", "republic", "day", "monday",
    "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
    "april", "may", "june", "july", "august", "september", "october", "november", "december",
    "guesthouse", "news", "post", "times", "tv", "photo", "pool", "globalization", "south", "north",
    "east", "west", "summit", "airport", "island", "islands", "ocean", "river", "city", "province",
    "united", "states", "kingdom", "nations", "union", "states's",
}
PLACES = {
    "beijing", "washington", "china", "taiwan", "taipei", "moscow", "russia", "ukraine", "kyiv", "kiev",
    "london", "paris", "berlin", "tokyo", "japan", "seoul", "korea", "india", "delhi", "brussels",
    "europe", "america", "britain", "france", "germany", "iran", "israel", "hong", "kong", "us",
    "u.s", "u.s.", "uk", "eu", "nato", "pyongyang", "tehran", "canada", "ottawa", "australia",
}
MAX_SUBJECT = 300  # characters of text before a verb that can hold its subject
MASK, END_STOP, END = "\u2588", "\u2589", "\u258a"
MASKS = MASK + END_STOP + END
_NAME_TOKEN = r"[A-Z][\w’'.-]*"
COMMON_WORDS = set("""
a an and as at but by for from if in into it its of on or so than that the then there these this those
though to when where whether which while who why with without yet after before during since until
however still also meanwhile instead despite although because thus hence moreover indeed even
earlier later today yesterday tomorrow now here some many most several both all each every other
no not nor one two three what how officials analysts critics experts observers sources diplomats
""".split())
PARTICLES = ("von", "van", "der", "den", "de", "da", "di", "del", "della", "la", "le", "du", "dos", "das", "bin", "ibn", "al", "el", "ter", "zu")
_PARTICLE = "(?:" + "|".join(PARTICLES) + ")"
_RUN = re.compile(rf"{_NAME_TOKEN}(?:\s+(?:of\s+|(?:{_PARTICLE}\s+)+)?{_NAME_TOKEN})*")
_NAME_WORD = re.compile(rf"^(?:[A-Z][a-z'’]*(?:-[A-Za-z][a-z]*)?|{_PARTICLE})$")
# the patterns read for every sentence or subject, compiled once
# a sentence ends at [.!?]+ (and closing marks), or at a masked quotation that
# ends one (▉), before white space and a capital or an opening mark. Written to
# begin with one character class, which re can skip to (a pattern of two
# alternatives has no such start, and is tried at every character).
_SENTENCE_END = re.compile(r"[.!?\u2589](?:(?<=\u2589)|(?<=[.!?])[.!?]*[\"”’)]*)\s+(?=[A-Z\"“‘\u2588])")
_NAME_AT_END = re.compile(rf"(?:{_NAME_TOKEN}\s+(?:{_PARTICLE}\s+)*)*{_NAME_TOKEN}$")
_PROPER_AT_END = re.compile(r"((?:the\s+)?(?:[A-Z][\w.'’-]*(?:'s)?\s+)*(?:of\s+(?:[A-Z][\w.-]*\s+)*)?[A-Z][\w.'’-]*)$")
_TITLE = r"(?:of|state|secretary|president|minister|foreign|prime|defense|defence)"
_LEADING_NAME = re.compile(rf"(?:(?:the|a|an|The|A|An)\s+)?((?:{_NAME_TOKEN}|{_TITLE})(?:\s+(?:{_NAME_TOKEN}|{_TITLE}))*)")
_INVERTED_NAME = re.compile(rf"\s+((?:the\s+)?{_NAME_TOKEN}(?:\s+(?:of\s+|(?:{_PARTICLE}\s+)+)?{_NAME_TOKEN})*)")
_ROLE_DETERMINER = re.compile(r"^(?:the|a|an|his|her|its)\s+")


@dataclass
class _Entity:
    id: str
    name: str
    kind: str = "person"
    tracked: bool = False
    roles: set = field(default_factory=set)
    mentions: list = field(default_factory=list)  # positions in the text
    pronoun: str | None = None  # "he" or "she" once the text or the registry tells

    def tokens(self) -> list[str]:
        return self.name.replace("’", "'").split()


@dataclass(frozen=True)
class ArticleAttribution:
    attributions: tuple[Attribution, ...]  # parallel to the quotations
    speakers: tuple[Speaker, ...]  # untracked speakers discovered in this article
    problems: tuple[Problem, ...]  # warnings (e.g. overrides that match nothing)


class Registry:
    """The speakers from speakers.yaml, indexed by their names."""

    def __init__(self, speakers: list[Speaker] | tuple[Speaker, ...]):
        self.speakers = {s.id: s for s in speakers}
        self.by_alias: dict[str, Speaker] = {}
        for s in speakers:
            for alias in (s.name, *s.aliases):
                self.by_alias[_norm_name(alias)] = s
        self._by_length = sorted(self.by_alias, key=len, reverse=True)
        self.roles = [(s, tuple(_norm_name(r) for r in s.roles)) for s in self.speakers.values() if s.roles]  # normalised once
        # surname → the one registered person with it (first or last name part,
        # as name order varies); a surname two of them share maps to nobody
        by_surname: dict[str, list[Speaker]] = {}
        for sp in speakers:
            parts = sp.name.split()
            if sp.kind == "person" and len(parts) > 1:
                for token in {parts[0], parts[-1]}:
                    by_surname.setdefault(token, []).append(sp)
        self.by_surname = {t: sps[0] for t, sps in by_surname.items() if len(sps) == 1}
        self._alias_re = None
        if self.by_alias:
            # a prefix tree (the longest alias wins), tried only where an alias can start
            first = "".join(sorted({re.escape(a[0]) for a in self.by_alias if a}))
            self._alias_re = re.compile(
                rf"(?=[{first}])(?<![\w])(" + alternation(self.by_alias).replace(r"\ ", r"\s+") + r")(?![\w])",
                re.IGNORECASE,
            )

    def alias_at_end(self, phrase: str) -> tuple[Speaker | None, str]:
        """The registered speaker whose longest alias ends the phrase."""
        norm = _norm_name(phrase)
        for alias in self._by_length:
            if norm == alias or norm.endswith(" " + alias) or norm.endswith("'s " + alias):
                speaker = self.by_alias[alias]
                original = phrase.rstrip()[-len(alias):]
                if speaker.kind == "person" and not original[:1].isupper():
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
                # names must be capitalised in the text ("the foreign ministry" is an exception for orgs)
                if speaker.kind == "person" and not m.group(1)[:1].isupper():
                    continue
                out.append((m.start(), m.end(), speaker))
        return out


def _norm_apostrophes(text: str) -> str:
    return text.replace("’", "'").replace("‘", "'")


@lru_cache(maxsize=65536)
def _norm_name(name: str) -> str:
    name = _norm_apostrophes(name).casefold()
    name = re.sub(r"\bu\.s\.?(?=\s|$)", "us", name)
    name = re.sub(r"^the\s+", "", name)
    name = re.sub(r"\b(mr|mrs|ms|dr)\.", r"\1", name)
    return " ".join(name.split())


# --------------------------------------------------------------------------- sentences

_ABBREVIATIONS = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Sen|Rep|Gov|Gen|Lt|Col|Jr|Sr|No|Prof|Capt|Sgt|Adm|Maj|Inc|Corp|Ltd|Co|vs|etc|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)|\b[A-Z]|\b(?:[A-Za-z]\.){1,3}[A-Za-z])\.$")


def _sentences(masked: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split a paragraph (offsets into ``masked``) into sentences. Quotations
    are masked, so their inner full stops never split a sentence."""
    out, s = [], start
    for m in _SENTENCE_END.finditer(masked[start:end]):
        cut = start + m.end()
        punct_end = start + m.start()
        if masked[punct_end] != "\u2589" and _ABBREVIATIONS.search(masked[max(start, punct_end - 12):punct_end + 1]):
            continue
        out.append((s, cut))
        s = cut
    if s < end:
        out.append((s, end))
    return out


@lru_cache(maxsize=65536)
def _parse_run(run: str):
    """A capitalised run → (person name, role, offset of the name) or None.
    A function of the run alone, memoised: the same names and titles come
    back in article after article."""
    run = _norm_apostrophes(run)
    # "Al Jazeera's Katrina Yu": the name follows the last possessive
    offset = 0
    if "'s " in run:
        cut = run.rindex("'s ") + 3
        offset, run = cut, run[cut:]
    tokens = run.split()
    while tokens and tokens[0].lower() in COMMON_WORDS:
        offset += len(tokens[0]) + 1
        run = run.split(None, 1)[1] if len(run.split(None, 1)) > 1 else ""
        tokens.pop(0)
    # the name follows the last title word: "German Foreign Minister Annalena Baerbock"
    last_title = max((k for k, t in enumerate(tokens[:-1]) if t.lower().rstrip(".") in TITLE_WORDS), default=-1)
    role_tokens, tokens = tokens[:last_title + 1], tokens[last_title + 1:]
    if not tokens or len(tokens) > 5 or "of" in tokens or tokens[0] in PARTICLES:
        return None
    lowered = [t.lower().rstrip(".") for t in tokens]
    if any(t in NOT_NAMES or t in ORG_HEADS for t in lowered) or any(t in PLACES for t in lowered):
        return None
    if any(not _NAME_WORD.match(t) for t in tokens):
        return None
    role = " ".join(t.lower().rstrip(".") for t in role_tokens if t.lower().rstrip(".") not in {
        "the", "chinese", "american", "us", "u.s", "uk", "british", "dr", "white", "house", "former"})
    offset += len(" ".join(run.split()[: len(role_tokens)])) + (1 if role_tokens else 0)
    return " ".join(tokens), role or None, offset


# --------------------------------------------------------------------------- the reader


class _Reader:
    def __init__(self, article: Article, quotations: list[Quotation], registry: Registry):
        self.article = article
        self.text = article.body
        self.quotations = quotations
        self.registry = registry
        self.entities: dict[str, _Entity] = {}
        self.by_token: dict[str, list[_Entity]] = {}  # surname or given name → people
        self.last_person: _Entity | None = None
        self.recent_people: list[_Entity] = []  # people who spoke, most recent first
        self.last_org: _Entity | None = None
        self.verb_cues = 0  # speech verbs read so far (``speech_subjects``)
        self.masked = self._mask()
        self._discover_entities()

    # -- setup
    def _mask(self) -> str:
        """The text with every quotation (marks included) blanked out: █ inside,
        and on the last character ▉ if the quotation ends a sentence (``."``)
        or ▊ if it does not, so cues are only read outside quotations."""
        chars = list(self.text)
        for q in self.quotations:
            for span in q.spans:
                a = max(0, span.start - 1)
                b = min(len(chars), span.end + 1)
                while b < len(chars) and chars[b] in ",;:" and b < span.end + 3:
                    b += 1
                if b < len(chars) and chars[b] in "\"”’'»":
                    b += 1
                chars[a:b] = [MASK] * (b - a)
                if b - 1 >= a:
                    ends_sentence = span.text[-1:] in ".!?"
                    chars[b - 1] = END_STOP if ends_sentence else END
        return "".join(chars)

    def _add(self, entity: _Entity) -> _Entity:
        self.entities[entity.id] = entity
        if entity.kind == "person":
            tokens = entity.tokens()
            if len(tokens) > 1:
                for token in {tokens[0], tokens[-1]}:
                    self.by_token.setdefault(token, []).append(entity)
        return entity

    def _entity_for_speaker(self, speaker: Speaker) -> _Entity:
        entity = self.entities.get(speaker.id)
        if entity is None:
            entity = self._add(_Entity(speaker.id, speaker.name, speaker.kind, speaker.tracked,
                                       {_norm_name(r) for r in speaker.roles}, pronoun=speaker.pronoun))
        return entity

    def _entity(self, name: str, kind: str, role: str | None = None) -> _Entity:
        sid = slugify(name)
        registered = self.registry.by_alias.get(_norm_name(name))
        if registered is not None:
            entity = self._entity_for_speaker(registered)
        else:
            entity = self.entities.get(sid)
            if entity is None:
                entity = self._add(_Entity(sid, name, kind))
        if role:
            entity.roles.add(role)
            told = {GENDERED[w] for w in role.split() if w in GENDERED}
            if len(told) == 1 and entity.pronoun is None:
                entity.pronoun = told.pop()
        return entity

    def _discover_entities(self) -> None:
        """Full names (with the titles before them) anywhere in the article, so
        surnames and role nouns can be resolved later."""
        masked = self.masked
        for start, end, speaker in self.registry.find_aliases(masked):
            if speaker.kind == "person" and len(speaker.name.split()) > 1 and _is_surname_form(masked[start:end]):
                continue  # "Wang", "Mr Wang": a surname, decided in context, not here
            self._entity_for_speaker(speaker).mentions.append(start)
        for m in _RUN.finditer(masked):
            parsed = _parse_run(m.group(0))
            if parsed is None:
                continue
            name, role, offset = parsed
            if len(name.split()) < 2:
                continue
            entity = self._entity(name, "person", role)
            entity.mentions.append(m.start() + offset)
        for entity in self.entities.values():
            entity.mentions.sort()

    # -- resolving a subject phrase to an entity
    def resolve_subject(self, phrase: str, pos: int) -> _Entity | None:
        phrase = phrase[-MAX_SUBJECT:]  # a subject is a few words: bound the work on long sentences
        for ch in MASKS:
            phrase = phrase.replace(ch, " ")
        phrase = _ADVERB_TAIL.sub("", phrase.rstrip()).strip(" ;:—–-\n")
        appositive = phrase.endswith(",")  # "X, a researcher at Y, told": look past the description
        phrase = phrase.strip(" ,")
        if not phrase or len(phrase) > 300:
            return None
        segments = [s.strip() for s in phrase.split(",") if s.strip()]
        for segment in reversed(segments[-3:] if appositive else segments[-1:]):
            entity = self._resolve_segment(segment, pos)
            if entity is not None:
                return entity
        return None

    def _resolve_segment(self, segment: str, pos: int) -> _Entity | None:
        seg = _norm_apostrophes(segment).strip()
        words = seg.split()
        if not words:
            return None
        last = words[-1].lower()
        # "he", "as he", "although she", "and it"
        if last in PRONOUNS_PERSON | PRONOUNS_ORG and (len(words) == 1 or words[-2].lower() in _CONNECTIVES):
            return self._pronoun_target(last) if last in PRONOUNS_PERSON else self.last_org
        while len(words) > 1 and words[0].lower() in _CONNECTIVES | {"which", "who", "whom"}:
            words = words[1:]
        seg = " ".join(words)
        first_word = words[0].lower()
        if first_word in {"a", "an"} or (words[0][:1].islower() and first_word not in {"the", "and", "but"} and "'s" not in first_word):
            # "a research fellow at X University": a description, not the speaker
            if not self._resolve_role(seg, pos):
                return None
        # registered names and aliases at the end of the phrase (longest first)
        speaker, alias = self.registry.alias_at_end(seg)
        if speaker is not None:
            if speaker.kind == "person" and _is_surname_form(alias) and len(speaker.name.split()) > 1:
                # "Wang", "Mr Wang", "President Xi": a surname, decided by who the article has named
                return self._resolve_surname(seg.split()[-1], pos, fallback=speaker)
            return self._entity_for_speaker(speaker)
        # organisations: "China's Foreign Ministry", "the State Department"
        if last.strip(".") in ORG_HEADS:
            proper = self._trailing_proper(seg) or ""
            name = _DETERMINERS.sub("", proper)
            lead = seg[: len(seg) - len(proper)].strip().lower()
            if name and name[0].isupper() and lead in {"", "and", "but", "so", "still", "yet"}:
                return self._entity(name, "organisation")
        # role nouns: "the president", "America's top diplomat"
        entity = self._resolve_role(seg, pos)
        if entity is not None:
            return entity
        # a person's name at the end of the phrase
        run = _NAME_AT_END.search(seg)
        if run:
            parsed = _parse_run(run.group(0))
            if parsed is not None:
                name, role, _ = parsed
                if len(name.split()) == 1:
                    if name.lower() in COMMON_WORDS:
                        return None
                    if name.lower() in PLACES:
                        return self._entity(name, "organisation")
                    return self._resolve_surname(name, pos)
                return self._entity(name, "person", role)
            bare = _DETERMINERS.sub("", run.group(0))
            if bare.lower().rstrip(".") in PLACES or bare.replace(".", "").lower() in {"us", "uk", "eu"}:
                return self._entity(bare, "organisation")
        return None

    def _trailing_proper(self, seg: str) -> str | None:
        m = _PROPER_AT_END.search(seg)
        return m.group(1) if m else None

    def _resolve_role(self, seg: str, pos: int) -> _Entity | None:
        norm = _norm_name(seg)
        bare = _ROLE_DETERMINER.sub("", norm)
        best, best_at = None, -1
        for entity in [e for e in self.entities.values() if e.roles]:
            for role in entity.roles:
                if _role_matches(norm, role, bare):
                    k = bisect.bisect_left(entity.mentions, pos)
                    at = entity.mentions[k - 1] if k else -1
                    if best is None or at > best_at:
                        best, best_at = entity, at
        if best is None:
            # a registered speaker the article has not named yet, if the role is theirs alone
            holders = [sp for sp, roles in self.registry.roles if any(_role_matches(norm, r, bare) for r in roles)]
            if len(holders) == 1:
                best = self._entity_for_speaker(holders[0])
        return best

    def _resolve_surname(self, surname: str, pos: int, fallback: Speaker | None = None) -> _Entity | None:
        """A bare surname is only the person the article has already named in
        full — and only if it has named no one else with that surname."""
        token = surname.strip(".")
        named = self.by_token.get(token, [])
        candidates = [e for e in named if e.mentions and e.mentions[0] < pos]
        if len(candidates) == 1:
            return candidates[0]
        if len(candidates) > 1:
            return None  # Henry Wang and Wang Yi: a bare "Wang" is ambiguous
        later = named
        if fallback is None:
            # the surname of a registered speaker ("Wang" for Wang Yi, whom the
            # article may call only "China's top diplomat")
            fallback = self.registry.by_surname.get(token)
        if fallback is not None and all(e.id == fallback.id for e in later):
            return self._entity_for_speaker(fallback)
        if fallback is None and not later:
            return self._entity(token, "person")
        return None

    # -- reading
    def speech_subjects(self, start: int, end: int):
        """(verb position, entity or None) for each speech cue in masked[start:end]."""
        segment = self.masked[start:end]
        out = []
        clause_start = 0
        for m in _VERB_RE.finditer(segment):
            before = segment[clause_start:m.start()]
            cut = max(before.rfind(END_STOP), before.rfind(END), before.rfind(";"), before.rfind(" that "))
            and_cut = before.rfind(" and ")
            subject_text = before[cut + 1:] if cut >= 0 else before
            entity = None
            if and_cut > cut and not before[and_cut + 5:].strip():
                # "Blinken met Xi and said ...": the clause's own subject
                entity = self._leading_entity(before[cut + 1 if cut >= 0 else 0:and_cut], start + m.start())
            elif subject_text.strip():
                entity = self.resolve_subject(subject_text, start + m.start())
            self._note_speaker(entity, start + m.start())
            out.append((start + m.start(), m.end() + start, entity))
            clause_start = m.end()
            self.verb_cues += 1
        for m in _QUOTED_AS.finditer(segment) if " quoted " in segment else ():  # rare: skip the scan
            entity = self.resolve_subject(segment[:m.start()], start + m.start())
            out.append((start + m.start(), start + m.end(), entity))
        out.sort(key=lambda t: t[0])
        return out

    def _leading_entity(self, clause: str, pos: int) -> _Entity | None:
        clause = _DATELINE.sub("", clause.strip())
        m = _LEADING_NAME.match(clause)
        if not m or not m.group(1)[:1].isupper():
            return None
        return self.resolve_subject(m.group(1), pos)

    def _inverted_subject(self, after_verb: int, end: int, pos: int) -> _Entity | None:
        text = self.masked[after_verb:end]
        m = _INVERTED_NAME.match(text)
        if not m:
            return None
        return self.resolve_subject(m.group(1), pos)

    def _note_speaker(self, entity: _Entity | None, pos: int) -> None:
        if entity is None:
            return
        bisect.insort(entity.mentions, pos)
        if entity.kind == "organisation":
            self.last_org = entity
        else:
            self.last_person = entity
            if entity in self.recent_people:
                self.recent_people.remove(entity)
            self.recent_people.insert(0, entity)
            del self.recent_people[6:]

    def _pronoun_target(self, pronoun: str) -> _Entity | None:
        """The most recent person who spoke and is not known to go by another pronoun."""
        wanted = _PRONOUN_OF[pronoun]
        for person in self.recent_people:
            if person.pronoun in (None, wanted):
                if person.pronoun is None:
                    person.pronoun = wanted  # what the text just told us
                return person
        return None

    def read(self) -> list[Attribution]:
        from .extract import paragraphs

        result: dict[int, Attribution] = {}
        by_start = sorted(self.quotations, key=lambda q: q.start)
        qi = 0
        previous_paragraph_speaker: Attribution | None = None
        for p_start, p_end in paragraphs(self.text):
            paragraph_last: Attribution | None = None
            cues_before = self.verb_cues
            for s_start, s_end in _sentences(self.masked, p_start, p_end):
                in_sentence = []
                while qi < len(by_start) and by_start[qi].start < s_end:
                    if by_start[qi].start >= s_start - 1:
                        in_sentence.append(by_start[qi])
                    qi += 1
                cues = self.speech_subjects(s_start, s_end)
                for q in in_sentence:
                    attribution = self._attribute(q, s_start, s_end, cues, paragraph_last, previous_paragraph_speaker, p_start)
                    result[q.index] = attribution
                    paragraph_last = attribution
                for q in in_sentence:
                    entity = self.entities.get(result[q.index].speaker or "")
                    self._note_speaker(entity, q.start)
                if qi == len(by_start):
                    # every quotation is placed: what the rest says can change no attribution
                    return self._in_order(result)
            if paragraph_last is not None:
                previous_paragraph_speaker = paragraph_last
            elif self.verb_cues > cues_before:
                # a speech verb in the paragraph (its sentences cover it): the
                # next paragraph's quotation does not continue an earlier speaker
                previous_paragraph_speaker = None
        return self._in_order(result)

    def _in_order(self, result: dict[int, Attribution]) -> list[Attribution]:
        return [result.get(q.index, Attribution(None, "")) for q in self.quotations]

    def _attribute(self, q: Quotation, s_start: int, s_end: int, cues, paragraph_last, previous_paragraph, p_start) -> Attribution:
        first, last = q.spans[0], q.spans[-1]
        q_end = last.end
        # 1. right after the quotation: ", he said" / ", said Henry Wang"
        after_end = self._mask_end(q_end)
        following = [c for c in cues if c[0] >= after_end]
        if following and self._ends_with_break(last):
            verb_pos, verb_end, entity = following[0]
            gap = self.masked[after_end:verb_pos]
            if not any(ch in gap for ch in MASKS):
                if entity is not None:
                    return Attribution(entity.id, "after")
                if not gap.strip(" ,.;:—–-\n"):
                    inverted = self._inverted_subject(verb_end, s_end, verb_pos)
                    if inverted is not None:
                        return Attribution(inverted.id, "after (inverted)")
                if len(gap.split()) <= 8:
                    # '"...," a senior official said': someone said it, just not someone we can name
                    return Attribution(None, "cue with an unknown subject")
        # 2. before it in the same sentence: the nearest cue decides
        preceding = [c for c in cues if c[1] <= first.start]
        if preceding:
            verb_pos, verb_end, entity = preceding[-1]
            if entity is not None:
                return Attribution(entity.id, "before")
            if self.masked[verb_end:first.start].strip(" ,:" + MASKS) == "":
                inverted = self._inverted_subject(verb_end, first.start, verb_pos)
                if inverted is not None:
                    return Attribution(inverted.id, "before (inverted)")
            return Attribution(None, "cue with an unknown subject")
        # headline style: "'No room for compromise' on Taiwan: Beijing"
        tail = self.masked[max(s_start, s_end - 80):s_end].rstrip(" .\n")
        colon = _HEADLINE_COLON.search(tail[tail.rfind(":"):]) if ":" in tail else None
        if colon:
            entity = self.resolve_subject(colon.group(1), s_end)
            if entity is not None:
                return Attribution(entity.id, "headline colon")
        # 3. "according to X"
        for m in _ACCORDING.finditer(self.masked[s_start:s_end]):
            source = m.group(1)
            if " by " in source:
                source = source.rsplit(" by ", 1)[1]
            entity = self.resolve_subject(source, s_start + m.start())
            if entity is not None:
                return Attribution(entity.id, "according to")
        # 4. no cue, but the sentence names one person: '"..." — that was how Xi put it'
        named = self._people_named(s_start, s_end)
        if len(named) == 1:
            return Attribution(named[0].id, "named in the sentence")
        # 5. continuation of the paragraph's or the previous paragraph's speaker
        if paragraph_last is not None:
            return Attribution(paragraph_last.speaker, "continues")
        opens_paragraph = self.text[p_start:first.start - 1].strip() == ""
        if opens_paragraph and previous_paragraph is not None:
            return Attribution(previous_paragraph.speaker, "continues previous paragraph")
        return Attribution(None, "")

    def _people_named(self, start: int, end: int) -> list[_Entity]:
        """Distinct people named (in full, or by a surname resolved here) outside
        quotations in masked[start:end]."""
        found: dict[str, _Entity] = {}
        for m in _RUN.finditer(self.masked, start, end):
            parsed = _parse_run(m.group(0))
            if parsed is None:
                continue
            name = parsed[0]
            entity = self.entities.get(slugify(name)) or self.registry.by_alias.get(_norm_name(name)) and self._entity_for_speaker(self.registry.by_alias[_norm_name(name)])
            if entity is None and len(name.split()) == 1 and name.lower() not in COMMON_WORDS:
                entity = self._resolve_surname(name, m.end())
            if entity is not None and entity.kind == "person":
                found[entity.id] = entity
        return list(found.values())

    def _ends_with_break(self, span) -> bool:
        """`"...," he said` can attribute; `"illegal" U.S. sanctions` cannot."""
        if span.text[-1:] in ".!?,;:—–":
            return True
        tail = self.text[span.end:span.end + 3]
        return any(ch in tail for ch in ",.;:!?—–")

    def _mask_end(self, pos: int) -> int:
        while pos < len(self.masked) and self.masked[pos] == MASK:
            pos += 1
        if pos < len(self.masked) and self.masked[pos] in (END_STOP, END):
            pos += 1
        return pos


def _is_surname_form(alias: str) -> bool:
    """One name, with or without titles: "Wang", "Mr Wang", "President Xi"."""
    return len([t for t in alias.lower().split() if t.rstrip(".") not in TITLE_WORDS]) == 1


def _role_matches(norm: str, role: str, bare: str) -> bool:
    """"the president", "China's top diplomat" (a phrase naming the role), or
    the role's head noun: "the minister" for a foreign minister, "the
    secretary" for a secretary of state. ``bare``: ``norm`` without its
    determiner (``_ROLE_DETERMINER``), made once for the many roles tried."""
    return norm == role or bare == _role_head(role) or (norm.endswith(" " + role) and _is_role_phrase(norm, role))


@lru_cache(maxsize=4096)
def _role_head(role: str) -> str:
    return role.split(" of ", 1)[0].split()[-1] if role.split() else role


def _is_role_phrase(norm: str, role: str) -> bool:
    head = norm[: -len(role)].strip()
    return head in {"the", "a", "an", "his", "her", "its", ""} or head.endswith("'s") or head in {"us", "chinese", "american"}


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


def _norm_quote(text: str) -> str:
    text = _norm_apostrophes(text).replace("“", '"').replace("”", '"').casefold()
    return " ".join(re.sub(r"[^\w' ]+", " ", text).split())


def _apply_overrides(article, quotations, attributions, registry, reader):
    problems = []
    attributions = list(attributions)
    for override in article.overrides:
        wanted = _norm_quote(override.text)
        hits = [q for q in quotations if wanted and wanted in _norm_quote(q.text)]
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
