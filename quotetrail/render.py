"""Stage 6 — render: page models to HTML strings with Jinja2.

Article bodies are Markdown; any raw HTML in them is sanitised against an
allow-list (nh3, a maintained sanitiser) before quotation marks are woven in.
The markers that stand for the quotations until then are only ever left in
the sanitised text, never in a tag, where they could hide an address (such as
"javascript:...") from the sanitiser until they were removed.
"""
from __future__ import annotations

import re
import traceback
from dataclasses import dataclass
from html import unescape
from pathlib import Path

import jinja2
import markdown
import nh3
from markupsafe import Markup, escape

from .extract import TYPED_OPEN
from .statements import statement_pieces
from .text import json_record

# Markers placed in the Markdown source at quotation boundaries, each with the
# number of its span: OPEN 3 OPEN where span 3 starts, CLOSE 3 CLOSE where it
# ends, LABEL 3 LABEL where its speaker label goes. They survive Markdown and
# sanitising as plain text and are replaced afterwards. Only in text: a marker
# inside a tag would hide the attribute it sits in from the sanitiser (which
# sees "\ue0000\ue000javascript:..." as a relative address), so a span whose
# markers do not all come through as text is not marked (markdown_with_markers).
OPEN, CLOSE, LABEL = "\ue000", "\ue001", "\ue002"
_MARKERS = f"[{OPEN}{CLOSE}{LABEL}]"
_MARKER = re.compile(f"{OPEN}\\d+{OPEN}|{CLOSE}\\d+{CLOSE}|{LABEL}\\d+{LABEL}")
_MARKER_SPLIT = re.compile(f"({_MARKER.pattern})")
_NO_MARKERS = str.maketrans("", "", OPEN + CLOSE + LABEL)
# A tag of the sanitiser's output with a marker in it (there, "<" always opens a
# tag, and attribute values are quoted). Possessive: one try per "<", linear.
_MARKER_IN_TAG = re.compile(f"""<(?:[^<>"'{OPEN}{CLOSE}{LABEL}]++|"[^"{OPEN}{CLOSE}{LABEL}]*+"|'[^'{OPEN}{CLOSE}{LABEL}]*+')*+"""
                            f"""(?:{_MARKERS}|"[^"{OPEN}{CLOSE}{LABEL}]*{_MARKERS}|'[^'{OPEN}{CLOSE}{LABEL}]*{_MARKERS})""")


def _has_marker(text: str) -> bool:
    """Whether any marker character is in ``text`` (three substring tests, far
    cheaper than a regex scan over a whole body)."""
    return OPEN in text or CLOSE in text or LABEL in text


_STRAY_MARKER = re.compile(f"{_MARKERS}\\d*{_MARKERS}?")

_BODY_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "cite", "code", "del", "em", "figcaption", "figure",
    "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "li", "ol", "p", "pre", "q", "s",
    "small", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
}
_BODY_ATTRS = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan", "scope"}}
_IMG_WITHOUT_SRC = re.compile(r"""<img((?:\s+(?!src=)[a-z-]+="[^"]*")*)\s*/?>""")
_ALT = re.compile(r'\salt="([^"]*)"')
_IMG_WITHOUT_ALT = re.compile(r"""<img((?:\s+(?!alt=)[a-z-]+="[^"]*")*)(\s*/?>)""")
_A_WITHOUT_HREF = re.compile(r"""<a((?:\s+(?!href=)[a-z-]+="[^"]*")*)\s+rel="[^"]*"((?:\s+(?!href=)[a-z-]+="[^"]*")*)>""")
_TAG = re.compile(r"""<(?:[^>"']|"[^"]*"|'[^']*')*>""")
_TAG_SPLIT = re.compile(f"({_TAG.pattern})")  # text, tag, text, ...: one pass over the body
_LINK_OPEN = re.compile(r"<a[\s>]")


@dataclass(frozen=True)
class Mark:
    """A quotation to mark in an article body (offsets into the Markdown source)."""

    start: int
    end: int
    anchor: str | None  # id for the first segment of a quotation
    css: str  # classes, e.g. "qt sp-1"
    label: str | None  # speaker label shown after the last segment
    href: str | None  # link target for the label (the quote's page)
    label_at: int | None = None  # where the label goes (after the closing mark); default: end
    link: str | None = None  # the quotation's page: the highlighted words link there


_MARKDOWN: list = []


def _markdown() -> markdown.Markdown:
    """One parser per process: building one costs more than converting an article."""
    if not _MARKDOWN:
        _MARKDOWN.append(markdown.Markdown(output_format="html"))
    return _MARKDOWN[0]


# Text in which Markdown has nothing to do: no syntax characters, no line that
# could start a block (indent, list, quote, heading underline), no hard breaks.
# Three patterns, each with a first character re can skip to (one pattern of
# alternatives has none, and tries every position: five times slower).
# (and white space other than spaces and line ends: Markdown breaks lines at
# some, and strips paragraphs of all)
_MARKDOWN_CHARACTERS = re.compile("[\\\\`*_\\[\\]<>#&!|~{}\t\x0b-\x0d\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]")
_BLOCK_START = re.compile(r"[ ]|[-+=]|\d+[.)]")  # matched at the start of the text
_BLOCK_AFTER_NEWLINE = re.compile(r"\n(?:[ ]|[-+=]|\d+[.)])")


def has_markdown(text: str) -> bool:
    """True if Python-Markdown could make of ``text`` anything but paragraphs."""
    return bool(_MARKDOWN_CHARACTERS.search(text) or "  \n" in text or _BLOCK_START.match(text)
                or _BLOCK_AFTER_NEWLINE.search(text))


_TYPED_LT = "\ue010"  # stands in for the "<" of "<<" typed for «, through Markdown and the sanitiser

# What the sanitiser's HTML parser and serialiser would change in plain text:
# & < > and no-break spaces (escaped), control characters (dropped or rewritten).
_SANITISER_WORK = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\xa0&<>]")


def to_html(text: str) -> str:
    """Python-Markdown's HTML, skipping the parser for plain paragraphs (most
    imported news text), where its output is known: each paragraph in <p>."""
    if has_markdown(text):
        return _markdown().reset().convert(text)
    return _paragraphs(text)


def _paragraphs(text: str) -> str:
    """Text without Markdown syntax: each paragraph in <p>."""
    blocks = [b.strip("\n") for b in re.split(r"\n[ \t]*\n", text.strip("\n"))]
    return "\n".join(f"<p>{b}</p>" for b in blocks if b.strip())


def label_position(body: str, end: int) -> int:
    """Offset just past a quotation's closing mark (and the comma before it), or ">>" typed for »
    (not one that opens the next line: a Markdown quote)."""
    for k in range(end, min(len(body), end + 3)):
        if body[k] in "\"”’'»":
            return k + 1
        if body[k] == "\n":
            break
        if body.startswith(">>", k):
            return k + 2
    return end


def quotation_spans(body: str, quotations) -> list[tuple[int, int, int | None]]:
    """Marker geometry for ``markdown_with_markers``: every statement's piece
    of every quotation (statements.statement_pieces), the last of each with
    its label position."""
    spans = []
    for q in quotations:
        pieces = statement_pieces(q)
        for n, (start, end, _) in enumerate(pieces):
            spans.append((start, end, label_position(body, end) if n == len(pieces) - 1 else None))
    return sorted(spans, key=lambda s: s[0])


def render_body(source: str, marks: list[Mark]) -> str:
    """Markdown → sanitised HTML with each mark wrapped in a span."""
    ordered = sorted(marks, key=lambda m: m.start)
    spans = [(m.start, m.end, (m.label_at or m.end) if m.label else None) for m in ordered]
    return weave(markdown_with_markers(source, spans), ordered)


def markdown_with_markers(source: str, spans: list[tuple[int, int, int | None]]) -> str:
    """Markdown → sanitised HTML, with markers where quotation spans start and
    end and where their labels go. Depends only on the article, so it can run
    in parallel and be cached; ``weave`` later turns markers into markup.
    ``spans`` are (start, end, label offset or None), sorted by start.

    Markers are only ever left in text: a span any of whose markers the
    sanitised HTML has inside a tag, or has lost, or has out of order (its
    quotation marks were an attribute's, say), is left unmarked, and the body
    rendered again without it; failing that (never seen), without any."""
    text, expected = _with_markers(source, spans, range(len(spans)))
    if not has_markdown(text) and not _SANITISER_WORK.search(text):
        return _paragraphs(text)  # <p> blocks of plain text: nothing the sanitiser would change
    html = _sanitised(text)
    if not expected or _markers_in_place(html, expected):
        return html  # as nearly always
    kept = _spans_in_place(html, expected)
    if len(kept) < len(spans):
        text, expected = _with_markers(source, spans, kept)
        html = _sanitised(text)
        if len(_spans_in_place(html, expected)) < len(kept):
            html = ""
    if not html or _MARKER_IN_TAG.search(html):
        html = _sanitised(_with_markers(source, spans, ())[0])
    return html


def _with_markers(source: str, spans: list[tuple[int, int, int | None]], marked) -> tuple[str, list[str]]:
    """``source`` with the markers of the spans numbered in ``marked``, and the
    markers in the order they are in it."""
    inserts = []  # (offset, order, marker text)
    for i in marked:
        start, end, label_at = spans[i]
        inserts.append((start, 1, f"{OPEN}{i}{OPEN}"))
        inserts.append((end, 0, f"{CLOSE}{i}{CLOSE}"))
        if label_at is not None:
            inserts.append((max(end, label_at), -1 if label_at > end else 0, f"{LABEL}{i}{LABEL}"))
    inserts.sort(key=lambda t: (t[0], -t[1] if t[1] <= 0 else t[1]))
    # characters of the markers' own in the author's text would be read as
    # markers: they are dropped (piece by piece, so the offsets still hold)
    own = _has_marker(source)
    pieces, pos = [], 0
    for offset, _order, marker in inserts:
        pieces.append(source[pos:offset].translate(_NO_MARKERS) if own else source[pos:offset])
        pieces.append(marker)
        pos = offset
    pieces.append(source[pos:].translate(_NO_MARKERS) if own else source[pos:])
    return "".join(pieces), [marker for _offset, _order, marker in inserts]


def _sanitised(text: str) -> str:
    typed = "<<" in text and _TYPED_LT not in text and TYPED_OPEN.search(text) is not None
    if typed:
        # "<<Bonjour>>" (guillemets typed on a keyboard without them) is text, in code as anywhere:
        # Markdown would read "<Bonjour>" as a tag
        text = TYPED_OPEN.sub(_TYPED_LT * 2, text)
    html = sanitise(to_html(text))
    if typed:
        html = html.replace(_TYPED_LT, "&lt;")
    # a link whose address the sanitiser removed is plain text, without link relations
    html = _A_WITHOUT_HREF.sub(r"<a\1\2>", html)
    if "<img" in html:  # an image whose address it removed is its text alternative, if any
        html = _IMG_WITHOUT_SRC.sub(_alt_text, html)
    # an image from content without a text alternative is treated as decorative
    return _IMG_WITHOUT_ALT.sub(r'<img\1 alt=""\2', html)


def _alt_text(img: re.Match) -> str:
    alt = _ALT.search(img.group(1))
    text = unescape(alt.group(1)) if alt else ""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")  # as the sanitiser writes text


def _markers_in_place(html: str, expected: list[str]) -> bool:
    """Whether ``html`` has the markers in the order they were placed, every
    one in text (none in a tag)."""
    if _MARKER_IN_TAG.search(html):
        return False
    find, at = html.find, 0
    for marker in expected:
        at = find(marker, at)
        if at < 0:
            return False
    return True


def _spans_in_place(html: str, expected: list[str]) -> list[int]:
    """The numbers of the spans whose markers ``html`` has in text, once each,
    the closing one after the opening one and the label not before it."""
    in_tags = set()
    for tag in _MARKER_IN_TAG.finditer(html):
        whole = _TAG.match(html, tag.start())
        in_tags.update(_MARKER.findall(html, tag.start(), whole.end() if whole else len(html)))
    seen: dict[str, int] = {}
    for n, marker in enumerate(_MARKER.findall(html)):
        seen[marker] = -1 if marker in seen or marker in in_tags else n
    spans = {}  # span → [open, close, label] positions
    for marker in expected:
        spans.setdefault(int(marker[1:-1]), []).append(seen.get(marker, -1))
    return [i for i, at in spans.items() if min(at) >= 0 and at == sorted(at)]


def sanitise(html: str) -> str:
    """Only the allow-listed tags, attributes and link schemes survive."""
    clean = _clean(html)
    if _SPACED_SCHEME.search(clean):  # rare: a value with white space before a colon
        clean = _clean(html, _address_filter)
    return clean


def _clean(html: str, attribute_filter=None) -> str:
    return nh3.clean(
        html,
        tags=_BODY_TAGS,
        attributes=_BODY_ATTRS,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
        clean_content_tags={"script", "style"},
        attribute_filter=attribute_filter,
    )


# An attribute value with white space before its first colon (and no "/?#"
# before it), such as "java   script:x", which nh3 takes for a relative address.
_SPACED_SCHEME = re.compile(r'="[^":/?#\s]*\s[^":/?#]*:')
_SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:")


def _address_filter(_element: str, attribute: str, value: str) -> str | None:
    """No address that names a script scheme once its white space is removed:
    nh3 (as browsers) reads "java   script:x" as a relative address, and
    Markdown makes one of a tab in "java<tab>script:"; a page should have none."""
    if (attribute == "href" or attribute == "src") and "".join(value.split()).lower().startswith(_SCRIPT_SCHEMES):
        return None
    return value


def weave(html: str, marks: list[Mark]) -> str:
    """Replace the markers with the quotation spans and speaker labels."""
    if marks and OPEN in html:
        html = _weave(html, marks)
    if _has_marker(html):  # rare: the scan costs a third of weaving
        # never leave a marker behind; and never a tag that had one (none
        # should: markdown_with_markers keeps them out), as it was sanitised
        # with the marker in: its text, escaped, is what shows
        html = _TAG.sub(_defused, html) if _MARKER_IN_TAG.search(html) else html
        html = _STRAY_MARKER.sub("", html)
    return html


def _defused(tag: re.Match) -> str:
    text = tag.group()
    return escape(_STRAY_MARKER.sub("", text)) if _has_marker(text) else text


def _weave(html: str, marks: list[Mark]) -> str:
    """Markers → markup. Highlighted words link to their quote's page, except
    inside a link of the article's own (links cannot nest), where they are spans."""
    out: list[str] = []
    current: Mark | None = None
    first_piece = False
    in_link = 0
    for n, token in enumerate(_TAG_SPLIT.split(html)):
        if n % 2:  # a tag
            if _LINK_OPEN.match(token):
                in_link += 1
            elif token.startswith("</a"):
                in_link = max(0, in_link - 1)
            out.append(token)
            continue
        if not token:
            continue
        if current is None and not _has_marker(token):
            out.append(token)  # text outside any quotation, as most is
            continue
        for part in _MARKER_SPLIT.split(token):
            if not part:
                continue
            if part.startswith(OPEN):
                current = marks[int(part.strip(OPEN))]
                first_piece = True
            elif part.startswith(LABEL):
                labelled = marks[int(part.strip(LABEL))]
                if in_link:
                    out.append(f' <span class="qt-label">{escape(labelled.label)}</span>')
                else:
                    out.append(f' <a class="qt-label" href="{escape(labelled.href or "")}">{escape(labelled.label)}</a>')
            elif part.startswith(CLOSE):
                current = None
            elif current is None:
                out.append(part)
            else:
                anchor = f' id="{current.anchor}"' if first_piece and current.anchor else ""
                first_piece = False
                if current.link and not in_link:
                    out.append(f'<a class="{current.css}"{anchor} href="{escape(current.link)}">{part}</a>')
                else:
                    out.append(f'<span class="{current.css}"{anchor}>{part}</span>')
    return "".join(out)


class TemplateProblem(RuntimeError):
    """A template that does not compile, or fails while rendering a page;
    the message names the template file and line."""


_SCALARS = (str, int, float, bool, type(None))  # arguments a fragment is keyed by value; any other by identity
_RUN_MAX = 64  # items in one run of cached_each, at most; 16 on average


def _argument_key(values: tuple) -> tuple:
    return tuple((type(v), v) if type(v) in _SCALARS else id(v) for v in values)


def _each(macro, items, args: tuple, end: str) -> str:
    return "".join([str(macro(item, *args)) + end for item in items])


def _ends_run(item) -> bool:
    """True for about one item in 16, the same one each build while the object lives."""
    return hash((id(item),)) & 15 == 0


ENGINE = f"jinja2-{jinja2.__version__}"  # names the compiled templates' folder: another version compiles its own


class _CompiledTemplates(jinja2.FileSystemBytecodeCache):
    """Jinja's cache of compiled templates (it checks each template's source);
    one that cannot be written costs the next build time, nothing more."""

    def dump_bytecode(self, bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass

    def load_bytecode(self, bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # noqa: BLE001 - a damaged file (a crash while it was written): compiled again
            bucket.reset()


class Renderer:
    """Renders pages with the templates in one folder (all inherit base.html).

    Templates may wrap a macro call in ``cached(macro, *args)`` (as Hugo's
    ``partialCached``): with ``keep_fragments``, a renderer kept from one
    build to the next (``serve``) gives back the macro's output from last
    time when called with the very same argument objects (and equal plain
    values). The macro must depend on its arguments alone: one imported
    without context, Jinja's default, does. Fragments not used in a build are
    dropped at its end (``end_build``)."""

    def __init__(self, templates_dir: Path, keep_fragments: bool = False, compiled: Path | None = None):
        """``compiled``: a folder for Jinja's compiled templates, so that a new
        process does not compile them again (a third of a second)."""
        self.folder = Path(templates_dir)
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(templates_dir)),
            autoescape=jinja2.select_autoescape(["html", "xml"], default_for_string=True),
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            auto_reload=False,  # one build, one version of each template: no stat per page
            # every page looks _macros.html up again for its import: in a dict, not
            # Jinja's LRU cache (Python, with a lock); a site has a few templates
            cache_size=-1,
            bytecode_cache=_CompiledTemplates(str(compiled)) if compiled is not None else None,
        )
        self._templates: dict[str, jinja2.Template] = {}

        self.env.filters["json_ld"] = lambda data: Markup(json_record(data))
        self.env.globals["cached"] = self.cached
        self.env.globals["cached_each"] = self.cached_each
        self.keep_fragments = keep_fragments
        self._fragments: dict = {}  # key → (macro, arguments, output): last build's, then this one's
        self._used: dict = {}  # of them (or new), those this build used
        self._items: dict = {}  # without keep_fragments: each list item's fragment, until the build ends

    def cached(self, macro, *args, **kwargs):
        if not self.keep_fragments:
            return macro(*args, **kwargs)
        values = (*args, *kwargs.values())
        key = (id(macro), tuple(kwargs), _argument_key(values))
        hit = self._used.get(key) or self._fragments.get(key)
        # the entry holds its macro and arguments, so their ids cannot have been reused
        if hit is not None and hit[0] is macro and all(a is b for a, b in zip(hit[1], values) if type(b) not in _SCALARS):
            self._used[key] = hit
            return hit[2]
        output = macro(*args, **kwargs)
        self._used[key] = (macro, values, output)
        return output

    def cached_each(self, macro, items, *args, end: str = ""):
        """``macro(item, *args)`` followed by ``end``, for each of ``items``, in
        one string. With ``keep_fragments`` the list is cut into runs of items,
        and a run of the very same objects as last time (with equal plain
        arguments) is given back whole: a page listing 10,000 items then costs
        some 600 lookups, not 10,000 macro calls. A run ends after an item
        chosen by its identity (``_ends_run``), not after a fixed count, so an
        item added or removed changes one run, not every run after it."""
        if not self.keep_fragments:
            return Markup("".join([self._item(macro, item, args) + end for item in items]))
        args_key, parts, run = _argument_key(args), [], []
        for item in items:
            run.append(item)
            if len(run) == _RUN_MAX or _ends_run(item):
                parts.append(self._run(macro, tuple(run), args, args_key, end))
                run = []
        if run:
            parts.append(self._run(macro, tuple(run), args, args_key, end))
        return Markup("".join(parts))

    def _item(self, macro, item, args: tuple) -> str:
        """One item's fragment, made once a build: a statement is listed on
        its speaker's pages, each of its outlets' pages and the timeline. The
        entry holds the item and the arguments, so their ids cannot be reused."""
        key = (id(macro), id(item), _argument_key(args))
        hit = self._items.get(key)
        if hit is None or not all(a is b for a, b in zip(hit[1], args) if type(b) not in _SCALARS):
            hit = self._items[key] = (item, args, str(macro(item, *args)))
        return hit[2]

    def _run(self, macro, run: tuple, args: tuple, args_key: tuple, end: str) -> str:
        # keyed by the items' ids: the entry holds the items, the macro and the
        # arguments, so while it exists no other object can have those ids
        key = ("each", id(macro), end, args_key, tuple(map(id, run)))
        hit = self._used.get(key) or self._fragments.get(key)
        if hit is None:
            hit = (macro, run, args, _each(macro, run, args, end))
        self._used[key] = hit
        return hit[3]

    def load(self, templates) -> bool:
        """Compile the named templates not compiled yet (``serve``, while it
        waits: its first build rendered most pages in worker processes).
        Returns whether any was."""
        missing = [name for name in templates if name not in self._templates]
        for name in missing:
            try:
                self._templates[name] = self.env.get_template(name)
            except Exception as exc:  # noqa: BLE001 - a template's fault is told as render's are
                problem = self._problem(exc, name)
                if problem is None:
                    raise
                raise TemplateProblem(problem) from None
        return bool(missing)

    def end_build(self) -> None:
        """Keep the fragments this build used (for the next), forget the others."""
        self._fragments, self._used = self._used, {}
        self._items = {}

    def render(self, template: str, context: dict, page: str | None = None) -> str:
        """``page``: the output file, named in a TemplateProblem."""
        try:
            compiled = self._templates.get(template)
            if compiled is None:
                compiled = self._templates[template] = self.env.get_template(template)
            return compiled.render(**context)
        except Exception as exc:  # noqa: BLE001 - a template's fault is told as such, anything else re-raised
            problem = self._problem(exc, template)
            if problem is None:
                raise
            raise TemplateProblem(problem + (f" (rendering {page})" if page else "")) from None

    def _problem(self, exc: Exception, template: str) -> str | None:
        """Where in the templates ``exc`` arose, and what it is; None if not in a template."""
        if isinstance(exc, jinja2.TemplateSyntaxError):
            return f"{exc.filename or exc.name or template}:{exc.lineno}: {exc.message}"
        if isinstance(exc, jinja2.TemplateNotFound):
            return f"{self.folder / template}: template not found: {exc.name}"
        folder = self.folder.resolve()
        frames = [f for f in traceback.extract_tb(exc.__traceback__)
                  if f.filename and Path(f.filename).resolve().is_relative_to(folder)]
        if not frames:
            return None
        message = exc.message if isinstance(exc, jinja2.TemplateError) and exc.message else f"{type(exc).__name__}: {exc}"
        return f"{frames[-1].filename}:{frames[-1].lineno}: {message}"
