"""Language profiles: how news text in one language marks quotations and
names their speakers, as data.

Each language is one YAML file in this folder, named by its two-letter code
(``en.yaml``, ``fr.yaml``, ...); adding a language is adding a file. A file
holds word lists and a few patterns — speech verbs with their forms and
frames, quotation mark pairs, sentence rules, titles, pronouns, places and
nationalities — and ``Profile`` compiles them once, so reading an article
costs the same in any language. The attribution engine
(``quotetrail.attribute``) knows no language of its own.

The file format is described in ``en.yaml``, the reference profile.
"""
from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

import yaml

from ..text import alternation

HERE = Path(__file__).resolve().parent
DEFAULT = "en"
_LOCK = threading.RLock()
_LOADED: dict[str, "Profile"] = {}
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Capital and lower-case letters of the Latin, Greek and Cyrillic scripts, as
# regex classes (re has no \p{Lu}); made once.
UPPER = "".join(sorted({c for c in map(chr, range(0x41, 0x530)) if c.isupper() and c.isalpha()}))
LOWER = "".join(sorted({c for c in map(chr, range(0x61, 0x530)) if c.islower() and c.isalpha()}))
UPPER_CLASS = "[" + re.escape(UPPER) + "]"
LOWER_CLASS = "[" + re.escape(LOWER) + "]"


def available() -> tuple[str, ...]:
    """The codes of the profiles shipped (one file each)."""
    return tuple(sorted(p.stem for p in HERE.glob("*.yaml") if re.fullmatch(r"[a-z]{2}", p.stem)))


def normalise_code(code: str | None) -> str | None:
    """``fr``, ``FR``, ``fr-CA``, ``fr_CA`` → ``fr``; anything else → None."""
    if not isinstance(code, str):
        return None
    m = re.fullmatch(r"\s*([A-Za-z]{2})(?:[-_][A-Za-z0-9-]{1,16})?\s*", code)
    return m.group(1).lower() if m else None


@cache  # the shipped profiles do not change while a process runs; asked once per article
def has_profile(code: str | None) -> bool:
    code = normalise_code(code)
    return code is not None and (HERE / f"{code}.yaml").is_file()


def of_article(code: str | None, site: str | None) -> str:
    """An article's language: its own code when there is a profile for it, else the site's, else English."""
    for choice in (code, site):
        if has_profile(choice):
            return normalise_code(choice)
    return DEFAULT


def profile(code: str | None = None) -> "Profile":
    """The profile for a language code; English when there is none for it."""
    code = normalise_code(code) or DEFAULT
    found = _LOADED.get(code)
    if found is not None:
        return found
    with _LOCK:
        if code not in _LOADED:
            path = HERE / f"{code}.yaml"
            if not path.is_file():
                _LOADED[code] = profile(DEFAULT) if code != DEFAULT else _missing_default()
            else:
                _LOADED[code] = Profile(code, yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER) or {})
        return _LOADED[code]


@cache  # a Snowball stemmer is made once per language and process
def stemmer(code: str | None):
    """The profile's Snowball stemmer (PyStemmer), or None when it names none."""
    import Stemmer

    name = profile(code).stemmer
    return Stemmer.Stemmer(name) if name else None


def all_profiles() -> list["Profile"]:
    return [profile(code) for code in available()]


def _missing_default():
    raise FileNotFoundError(f"the default language profile {DEFAULT}.yaml is missing from {HERE}")


def _words(value) -> list[str]:
    """A list in the file: a YAML list, or text of words separated by white
    space (``#`` starts a comment to the end of its line)."""
    if value is None:
        return []
    if isinstance(value, str):
        return [w for line in value.splitlines() for w in line.split("#", 1)[0].split()]
    out = []
    for item in value:
        out.extend([str(item)] if not isinstance(item, str) or " " in item.strip() else _words(item))
    return out


def _phrases(value) -> list[str]:
    """A list of phrases (each may hold spaces): a YAML list, or one per line."""
    if value is None:
        return []
    if isinstance(value, str):
        return [line.split("#", 1)[0].strip() for line in value.splitlines() if line.split("#", 1)[0].strip()]
    return [str(v).strip() for v in value if str(v).strip()]


def _bounded(words, flags=0) -> re.Pattern | None:
    """Any of ``words`` (spaces match any white space), as whole words; a
    prefix tree, so the cost does not grow with the number of words."""
    words = [w for w in words if w]
    if not words:
        return None
    return re.compile(r"(?<![\w'’-])(" + alternation(words).replace(r"\ ", r"\s+") + r")(?![\w'’])", flags)


@dataclass(frozen=True)
class Verb:
    """One form of a speech verb, as written in the text."""

    form: str
    kind: str  # "finite", "participle" (after an auxiliary) or "gerund" (shares its clause's subject)
    particle: str = ""  # a separable verb's particle, which must follow in the clause (de/nl)


@dataclass
class Profile:
    code: str
    data: dict = field(repr=False)

    # -- identity
    @property
    def name(self) -> str:
        return str(self.data.get("name", self.code))

    def words(self, key: str) -> frozenset[str]:
        """A word list of the file, lower-cased."""
        return frozenset(w.casefold() for w in _words(self._get(key)))

    def phrases(self, key: str) -> list[str]:
        return _phrases(self._get(key))

    def _get(self, key: str):
        node = self.data
        for part in key.split("."):
            if not isinstance(node, dict):
                return None
            node = node.get(part)
        return node

    @property
    def stemmer(self) -> str | None:
        """The Snowball algorithm for this language's inflections (PyStemmer's name), if any."""
        return self.data.get("stemmer") or None

    # -- across languages (translations.py)
    @cached_property
    def function_words(self) -> frozenset[str]:
        """Words that carry no content of a statement (English: the language glosses are in)."""
        return self.words("function_words")

    @cached_property
    def irregular_forms(self) -> dict[str, str]:
        """An irregular form → its base form ("told" → "tell"), from ``irregular_forms``."""
        table = self.data.get("irregular_forms") or {}
        return {form: base for base, forms in table.items() for form in str(forms or "").split()}

    @property
    def compounds(self) -> bool:
        """Whether the language writes compounds as one word (German "Rechtssystem")."""
        return bool(self.data.get("compounds"))

    @cached_property
    def lexicon(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """The file named by ``lexicon`` beside this one: each line a word, a
        tab, and the English words a translator would use for it, separated by
        semicolons. Empty when the profile names none (English)."""
        name = self.data.get("lexicon")
        if not name:
            return ()
        entries = []
        for line in (HERE / str(name)).read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            word, _, glosses = line.partition("\t")
            entries.append((word.strip(), tuple(g.strip() for g in glosses.split(";") if g.strip())))
        return tuple(entries)

    # -- quotation marks
    @cached_property
    def double_marks(self) -> dict[str, frozenset[str]]:
        """Opening mark → the marks that close it."""
        return _pairs(self._get("quotes.double") or ["“”", '""'])

    @cached_property
    def single_marks(self) -> dict[str, frozenset[str]]:
        return _pairs(self._get("quotes.single") or [])

    @property
    def commas_open(self) -> bool:
        """Whether two commas before a word open a double quotation (Dutch ",,Ik denk …”")."""
        return bool(self._get("quotes.commas_open"))

    @property
    def typed_guillemets(self) -> bool:
        """Whether "<<" and ">>" stand for « and » (typed on a keyboard without them: "<<Bonjour>>")."""
        return bool(self._get("quotes.typed_guillemets"))

    # -- sentences
    @cached_property
    def abbreviations(self) -> re.Pattern:
        """A full stop after one of these (or after an initial) ends no sentence."""
        words = sorted(set(_words(self._get("sentences.abbreviations"))), key=len, reverse=True)
        alt = "|".join(re.escape(w.rstrip(".")) for w in words) or "(?!)"
        return re.compile(rf"(?:(?<![\w.])(?:{alt})|(?<![\w.]){UPPER_CLASS}|(?<![\w.])(?:\w\.){{1,3}}\w)\.$")

    @cached_property
    def sentence_openers(self) -> str:
        """Characters besides capitals and quotation marks that begin a sentence (``¿¡``)."""
        return str(self._get("sentences.openers") or "")

    # -- speech verbs
    @cached_property
    def verbs(self) -> dict[str, Verb]:
        out: dict[str, Verb] = {}
        for line in _phrases(self._get("verbs")):
            head, _, rest = line.partition(":")
            if not rest:
                rest = head
            parts = (rest.split("|") + ["", ""])[:3]
            for kind, text in zip(("finite", "participle", "gerund"), parts):
                for form in text.split():
                    form, _, particle = form.partition("~")
                    form = form.replace("_", " ")
                    if form and form not in out:
                        out[form] = Verb(form, kind, particle)
        return out

    @cached_property
    def separable_forms(self) -> tuple[tuple[str, str], ...]:
        """(form, particle) of every separable verb: one form may take several
        particles (``stellte~fest``, ``stellte~klar``; ``gab~an``, ``gab~zu``)."""
        out = []
        for line in _phrases(self._get("verbs")):
            rest = line.partition(":")[2] or line
            for form in rest.split("|")[0].split():
                form, _, particle = form.partition("~")
                if particle and (form, particle) not in out:
                    out.append((form.replace("_", " "), particle))
        return tuple(out)

    @cached_property
    def participle_forms(self) -> frozenset[str]:
        """Every participle form, also those that are finite forms too (German
        ``erklärt``: "er erklärt", "er hat erklärt")."""
        out = set()
        for line in _phrases(self._get("verbs")):
            rest = line.partition(":")[2] or line
            parts = rest.split("|")
            if len(parts) > 1:
                out.update(f.replace("_", " ") for f in parts[1].split())
        return frozenset(out)

    @cached_property
    def verb_pattern(self) -> re.Pattern | None:
        plain = [f for f, v in self.verbs.items() if not v.particle]
        return _bounded(plain)

    @cached_property
    def separable_pattern(self) -> re.Pattern | None:
        """Separable verbs (``kündigte ... an``, ``sprach ... von``): the form,
        when its particle comes later in the same sentence."""
        by_particle: dict[str, list[str]] = {}
        for f, particle in self.separable_forms:
            if self.verbs[f].particle:  # a form that is also a verb on its own needs no particle
                by_particle.setdefault(particle, []).append(f)
        if not by_particle:
            return None
        branches = []
        for particle, forms in sorted(by_particle.items()):
            branches.append(r"(?<![\w'’-])(" + alternation(forms) + r")(?![\w'’])(?=[^.;!?\u2589]{0,160}?(?<![\w-])"
                            + re.escape(particle) + r"(?![\w-]))")
        return re.compile("|".join(branches))

    @cached_property
    def inverted_only(self) -> re.Pattern | None:
        """Words that introduce a speaker only right after a quotation (``so``, ``aldus``)."""
        return _bounded(_words(self._get("frames.after_quote")))

    @cached_property
    def quoted_as(self) -> re.Pattern | None:
        patterns = self.phrases("frames.quoted_as")
        return re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None

    @cached_property
    def quoting(self) -> re.Pattern | None:
        """An outlet's verb for quoting someone ("The BBC quoted X as saying", "zitiert die BBC X",
        "citó a X"): the speaker is the person it names after it (looked for with the hints)."""
        patterns = self.phrases("frames.quoting")
        return re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None

    @cached_property
    def quoted_as_hints(self) -> tuple[str, ...]:
        """Words one of which every ``quoted_as`` and ``quoting`` frame holds: a sentence
        without them is not searched."""
        return tuple(_words(self._get("frames.quoted_as_hints"))) or ("",)

    @cached_property
    def anaphoric(self) -> re.Pattern | None:
        """A sentence that opens by pointing back at the quotation before it
        ("C'est ce qu'a déclaré X", "Das sagte X"): it names who said it."""
        patterns = self.phrases("frames.anaphoric")
        return re.compile("(?:" + "|".join(patterns) + ")", re.IGNORECASE) if patterns else None

    @cached_property
    def goes_on(self) -> re.Pattern | None:
        """French "Et de poursuivre :", "et d'ajouter" (``frames.goes_on`` before the
        infinitive of a speech verb, a lemma of ``verbs``): whoever spoke last speaks on."""
        phrases = self.phrases("frames.goes_on")
        lemmas = [line.partition(":")[0].strip() for line in _phrases(self._get("verbs")) if ":" in line]
        if not phrases or not lemmas:
            return None
        return re.compile(r"(?<![\w'’])(?:" + alternation(phrases).replace(r"\ ", r"\s+") + r")\s*(?:"
                          + alternation(lemmas) + r")(?!\w)", re.IGNORECASE)

    @cached_property
    def own_words(self) -> re.Pattern | None:
        """``in his own words``, ``naar eigen zeggen``: the clause's own subject is the source."""
        patterns = self.phrases("frames.own_words")
        return re.compile("(?:" + "|".join(patterns) + ")", re.IGNORECASE) if patterns else None

    @cached_property
    def according_to(self) -> re.Pattern | None:
        """``according to X``: the source follows."""
        phrases = self.phrases("frames.according_to")
        if not phrases:
            return None
        return re.compile(r"(?<![\w'’-])(?:" + alternation(phrases).replace(r"\ ", r"\s+") + r")\s*(?<=[\s'’])([^,;.:\u2588\u2589\u258a]{2,120})",
                          re.IGNORECASE)

    @cached_property
    def according_to_after(self) -> re.Pattern | None:
        """``X zufolge``: the source comes first."""
        return _bounded(_words(self._get("frames.according_to_after")))

    @cached_property
    def opinion_of(self) -> re.Pattern | None:
        """``X, pour qui « … »``: a relative that gives the quotation right after it to X."""
        phrases = self.phrases("frames.opinion_of")
        if not phrases:
            return None
        # right before the quotation, or with a few words of its clause's subject between
        # ("selon laquelle son pays « … »"): the caller checks those name no speech verb
        return re.compile(r"(?<![\w'’-])(?:" + alternation(phrases).replace(r"\ ", r"\s+")
                          + r")((?:\s+[^\s,;:.!?()\u2588\u2589\u258a]+){0,5})\s*$", re.IGNORECASE)

    @cached_property
    def any_office(self) -> frozenset[str]:
        """Generic role nouns for any political office (``politician``): after an adjective
        ("the veteran politician") they still fit the last office-holder named."""
        return self.words("any_office")

    @cached_property
    def kinship(self) -> frozenset[str]:
        """Words for a relative ("son", "épouse"), which stand before a name as a title does."""
        return self.words("kinship")

    @cached_property
    def role_changers(self) -> frozenset[str]:
        """Words after a role noun that make it another role (``saliente``, ``délégué``, ``elect``)."""
        return self.words("role_changers")

    @cached_property
    def subject_pronouns(self) -> frozenset[str]:
        """Pronouns that are only ever subjects (German ``er``, Dutch ``hij``): after a verb-second
        verb, the subject, whatever came before it."""
        return self.words("grammar.subject_pronouns")

    @cached_property
    def periphrasis(self) -> frozenset[str]:
        """Words that open a description of someone already named (``celui que …``)."""
        return self.words("frames.periphrasis")

    @cached_property
    def clitic_before(self) -> re.Pattern | None:
        """A subject pronoun written onto the auxiliary before a verb (French ``a-t-il dit``)."""
        pattern = self._get("frames.clitic_before")
        return re.compile(pattern) if pattern else None

    @cached_property
    def clitic_after(self) -> re.Pattern | None:
        """A subject pronoun written onto the verb (French ``dit-elle``)."""
        pattern = self._get("frames.clitic_after")
        return re.compile(pattern) if pattern else None

    @property
    def verb_second(self) -> bool:
        """German and Dutch put the verb second: ``Dann sagte Putin``."""
        return bool(self._get("grammar.verb_second"))

    @property
    def pro_drop(self) -> bool:
        """Spanish leaves the subject out: ``“...”, dijo.``"""
        return bool(self._get("grammar.pro_drop"))

    @property
    def title_case_headings(self) -> bool:
        """Do headings capitalise every word ("Starmer Hits Back"), so that capitals there say nothing?"""
        return bool(self._get("grammar.title_case_headings"))

    @property
    def modifiers_before_noun(self) -> bool:
        """Does a noun's modifier stand before it ("a Novak aide": the aide), not after
        ("un Wilders jubiloso": Wilders)?"""
        return bool(self._get("grammar.modifiers_before_noun"))

    @property
    def capitalised_nouns(self) -> bool:
        """German capitalises every noun: a capitalised word is no sign of a name."""
        return bool(self._get("grammar.capitalised_nouns"))

    @cached_property
    def gerund_endings(self) -> tuple[str, ...]:
        return tuple(_words(self._get("grammar.gerund_endings")))

    @cached_property
    def finite_endings(self) -> tuple[str, ...]:
        return tuple(_words(self._get("grammar.finite_endings")))

    # -- the words around a subject
    @cached_property
    def pronouns(self) -> dict[str, str]:
        """A pronoun (subject or object form) → he, she, it or they."""
        out = {}
        for gender, words in (self._get("pronouns") or {}).items():
            for w in _words(words):
                out.setdefault(w.casefold(), str(gender))
        return out

    @cached_property
    def gendered(self) -> dict[str, str]:
        """Title and role words that tell a person's pronoun (Mr, Mme, Sprecherin)."""
        out = {}
        for gender, words in (self._get("gendered") or {}).items():
            for w in _words(words):
                out[w.casefold().rstrip(".")] = str(gender)
        return out

    @cached_property
    def titles(self) -> frozenset[str]:
        return frozenset(w.casefold().rstrip(".") for w in _words(self._get("titles")))

    @cached_property
    def title_endings(self) -> tuple[str, ...]:
        """Compound title words end with these (``Außenminister``, ``Kremlinwoordvoerder``)."""
        return tuple(w.casefold() for w in _words(self._get("title_endings")))

    def is_title(self, word: str) -> bool:
        w = word.casefold().rstrip(".")
        return w in self.titles or (len(w) > 5 and w.endswith(self.title_endings) and bool(self.title_endings))

    @cached_property
    def role_families(self) -> dict[str, frozenset[str]]:
        """A generic role noun → the roles it covers (``leader``: president, premier, ...)."""
        out = {}
        for head, roles in (self._get("role_families") or {}).items():
            out[str(head).casefold()] = frozenset(r.casefold() for r in _phrases(roles) or _words(roles))
        return out

    # -- places and nationalities
    @cached_property
    def places(self) -> dict[str, str]:
        """A place's name (lower case, also in the possessive) → its key: a
        country's code, or "" for a region that is no country."""
        out: dict[str, str] = {}
        for key, entry in (self._get("places") or {}).items():
            key = "" if str(key).startswith("_") else str(key)
            if isinstance(entry, dict):
                names = _phrases(entry.get("names")) + _phrases(entry.get("capitals"))
            else:
                names = _phrases(entry)
            for name in names:
                for n in _name_variants(name):
                    out.setdefault(n, key)
        return out

    @cached_property
    def demonyms(self) -> dict[str, str]:
        """A nationality word (any gender or number) → its country's key."""
        out: dict[str, str] = {}
        for key, entry in (self._get("places") or {}).items():
            if isinstance(entry, dict):
                for word in _words(entry.get("demonyms")):
                    out.setdefault(word.casefold(), "" if str(key).startswith("_") else str(key))
        return out

    @cached_property
    def governments(self) -> dict[str, str]:
        """A country's key → the name of its government, as an organisation speaker."""
        out = {}
        for key, entry in (self._get("places") or {}).items():
            if isinstance(entry, dict) and entry.get("government"):
                out[str(key)] = str(entry["government"])
        return out

    @cached_property
    def place_heads(self) -> frozenset[str]:
        """Words that make a name a place (Sea, Strait, Hemisphere, Oblast)."""
        return self.words("place_heads")

    def set(self, key: str) -> frozenset[str]:
        """A word list, lower-cased, made once."""
        cache = self.__dict__.setdefault("_sets", {})
        found = cache.get(key)
        if found is None:
            found = cache[key] = self.words(key)
        return found


def _pairs(items) -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for item in items:
        item = str(item)
        if len(item) != 2:
            raise ValueError(f"a quotation mark pair is two characters, not {item!r}")
        out.setdefault(item[0], set()).add(item[1])
    return {k: frozenset(v) for k, v in out.items()}


def _name_variants(name: str) -> list[str]:
    n = name.casefold().replace("’", "'")
    return [n, n + "'s", n + "'", n + "s"] if not n.endswith("s") else [n, n + "'", n + "'s"]
