"""Quotation markers never smuggle markup past the sanitiser.

Quotations found in an article body are marked with private-use characters
before Markdown and nh3 run, and woven into markup after. A quotation mark
inside an HTML attribute (with a ``<`` in the value, so it is not masked as
a tag) once put markers inside the attribute: nh3 saw ``\\ue000..javascript:``
(no scheme: a relative address) and kept it, and weaving then removed the
markers, leaving ``href="javascript:..."`` in the page. These tests build
pages (and, by property, render random markup through the build's own chain)
and check what a browser would find in them."""
from __future__ import annotations

import datetime as dt
import itertools
import re
from pathlib import Path

import nh3
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from quotetrail.analyse import analyse_article
from quotetrail.attribute import Registry
from quotetrail.model import Article, Outlet, Speaker
from quotetrail.pipeline import build
from quotetrail.render import CLOSE, LABEL, OPEN, Mark, label_position, markdown_with_markers, quotation_spans, render_body, weave

from conftest import SPEAKERS, TEMPLATES, article_text
from test_hostile import EXPECTED, live_markup

DANGEROUS_SCHEMES = tuple(EXPECTED["forbidden_url_schemes"])  # javascript:, vbscript:, data:text
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "background", "cite", "srcset", "xlink:href"}
FORBIDDEN = set(EXPECTED["forbidden_elements"]) | {"svg", "math", "meta", "object"}

# ----------------------------------------------------------------------------- a second, independent look


def _dangerous(value: str) -> bool:
    squashed = "".join(value.split()).lower()
    return squashed.startswith(DANGEROUS_SCHEMES)


def html5_findings(html: str) -> list[str]:
    """Live markup as an HTML5 tokeniser (html5ever, the browsers' algorithm)
    sees it: unlike ``live_markup`` (Python's HTMLParser), it reads a page as
    a browser does, entities and odd quoting included."""
    found: list[str] = []

    def look(element: str, attribute: str, value: str) -> str:
        if element in FORBIDDEN:
            found.append(f"<{element}>")
        if attribute.startswith("on"):
            found.append(f"{element} {attribute}=")
        if attribute in URL_ATTRIBUTES and _dangerous(value):
            found.append(f"{element} {attribute}={value}")
        return value

    # every element and URL attribute kept, every scheme allowed: the filter
    # sees each attribute as parsed; an element it never sees an attribute of
    # is caught by the element check below
    tags = {"a", "img", "iframe", "script", "object", "embed", "form", "base", "frame", "svg", "math", "meta", "link",
            "style", "input", "button", "video", "audio", "source", "span", "p", "b", "q", "blockquote"}
    attributes = {t: URL_ATTRIBUTES | {"onclick", "onerror", "onload", "onmouseover", "class", "id"} for t in tags}
    nh3.clean(html, tags=tags, attributes=attributes, url_schemes={"javascript", "vbscript", "data", "http", "https", "mailto"},
              attribute_filter=look, link_rel=None, clean_content_tags=set(), strip_comments=True)
    kept = nh3.clean(html, tags=tags, attributes={}, link_rel=None, clean_content_tags=set())
    for element in re.findall(r"<([a-z]+)", kept):
        if element in FORBIDDEN:
            found.append(f"<{element}>")
    return sorted(set(found))


def assert_inert(html: str, where: str = "") -> None:
    """No live markup in ``html``, by either look; if it is a whole page, the
    second looks only at the article's body (the page's own scripts, links
    and search form are the templates', which ``live_markup`` knows)."""
    assert live_markup(html) == [], f"live markup {where}: {live_markup(html)}\n{html}"
    body = _body(html) if html.startswith("<!DOCTYPE") else html
    assert html5_findings(body) == [], f"live markup {where}: {html5_findings(body)}\n{body}"
    assert OPEN not in html and CLOSE not in html and LABEL not in html, f"a marker left {where}"


def test_the_checks_can_fail():
    page = '<p><a href=" JaVa\tScRiPt:x">a</a><img src="data:text/html,1"><a href="&#118;bscript:1">v</a></p>'
    assert html5_findings(page) == ["a href= JaVa\tScRiPt:x", "a href=vbscript:1", "img src=data:text/html,1"]
    assert html5_findings('<script src="x.js">1</script><p onclick=x>') == ["<script>", "p onclick="]
    assert html5_findings('<p>&lt;a href="javascript:x"&gt; said "javascript:y"</p>') == []


# ----------------------------------------------------------------------------- built pages

TARGETS = {
    "javascript": "javascript:alert(document.domain)//",
    "vbscript": "vbscript:msgbox(document.domain)//",
    "data-html": "data:text/html,<script>alert(1)</script>//",
    "spaced-javascript": " JaVa\tScRiPt:alert(1)//",
}
TRICKS = {"b": "<b></b>", "lt": "<", "lt-letter": "<x", "gt": "x>y"}


def _element(kind: str, target: str, trick: str, quote: str) -> str:
    close = {"“": "”", "«": "»", "‘": "’"}.get(quote, quote)
    value = f"{quote}{target}{trick}{close}"
    if kind == "a":
        return f"<a href={value}>click</a>"
    return f"<img src={value}>"


def _cases() -> dict[str, str]:
    cases = {}
    for kind, (target_name, target), (trick_name, trick), quote, place, around in itertools.product(
            ("a", "img"), TARGETS.items(), TRICKS.items(), ['"', "'", "“", "«"], ("start", "middle"), ("plain", "quoted")):
        element = _element(kind, target, trick, quote)
        if around == "quoted":  # a real quotation by the element
            sentence = f'"{element} We will keep talking to them," Blinken said.'
        else:
            sentence = f"{element} said Blinken."
        body = sentence if place == "start" else f'Earlier, "we met," Blinken said, and then {sentence}'
        cases[f"{kind}-{target_name}-{trick_name}-{ord(quote):x}-{place}-{around}"] = body
    # the report's own examples, verbatim
    cases["report-a"] = '<a href="javascript:alert(document.domain)//<b></b>">click</a>'
    cases["report-img"] = '<img src="javascript:alert(document.domain)//<b></b>">'
    cases["report-data"] = '<a href="data:text/html,<script>alert(1)</script>">x</a> and "more words here," Xi said.'
    cases["report-vbscript"] = 'Blinken said <a href="vbscript:msgbox(1)//<">x</a> today.'
    cases["markdown-link"] = 'See [the "javascript:alert(1)//<b>" page](javascript:alert(2)) and "go now," Xi said.'
    cases["reference-link"] = 'See [the page][r] and "go now," Xi said.\n\n[r]: javascript:alert("<b>x</b>")'
    cases["autolink"] = 'Go to <javascript:alert("<b>")> now, "please go," Xi said.'
    return cases


CASES = _cases()


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9-]", "-", name.lower())


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    """One build of every case (one article each, a build per case would be slow)."""
    root = tmp_path_factory.mktemp("sanitise") / "content"
    (root / "articles").mkdir(parents=True)
    (root / "speakers.yaml").write_text(SPEAKERS, encoding="utf-8")
    for name, body in CASES.items():
        (root / "articles" / f"{_slug(name)}.md").write_text(article_text(body + "\n", title=name), encoding="utf-8")
    extra = {
        "inline-title": 'An inline <a title="<" href="https://example.com/">link</a> here, "we agree on this," Xi said.',
        "inline-title-start": '<a title="a<b" href="https://example.com/">link</a> opens this paragraph.',
        "inline-title-gt": 'A link <a title="x>y" href="https://example.com/">with a title</a> mid-paragraph.',
    }
    for name, body in extra.items():
        (root / "articles" / f"{name}.md").write_text(article_text(body + "\n", title=name), encoding="utf-8")
    out = root.parent / "_site"
    build(root, out, templates_dir=TEMPLATES, search=False)
    return out


def _body(page: str) -> str:
    """An article page's body; a page without one, whole."""
    start = page.find('<div class="body">')
    return page if start < 0 else page[start:page.index("</article>", start)]


@pytest.mark.parametrize("name", sorted(CASES))
def test_no_dangerous_link_survives_a_build(hostile_site, name):
    page = (hostile_site / "articles" / f"{_slug(name)}.html").read_text(encoding="utf-8")
    assert_inert(page, f"in {name}")


def test_no_page_of_the_site_has_live_markup(hostile_site):
    for path in hostile_site.rglob("*.html"):
        page = path.read_text(encoding="utf-8")
        assert live_markup(page) == [], f"{path.name}: {live_markup(page)}"
        assert OPEN not in page and CLOSE not in page and LABEL not in page, path.name


def test_a_real_quotation_beside_a_hostile_element_is_still_marked(hostile_site):
    for name in ("a-javascript-b-22-middle-plain", "img-vbscript-lt-22-middle-quoted", "report-data"):
        body = _body((hostile_site / "articles" / f"{_slug(name)}.html").read_text(encoding="utf-8"))
        assert 'class="qt sp-' in body and 'class="qt-label"' in body, f"{name}: {body}"


def test_a_link_with_angle_brackets_in_its_title_stays_a_link(hostile_site):
    body = _body((hostile_site / "articles" / "inline-title.html").read_text(encoding="utf-8"))
    assert '<a title="&lt;" href="https://example.com/" rel="noopener noreferrer nofollow">link</a>' in body, body
    assert "&lt;a" not in body  # not shown as escaped markup
    assert 'class="qt sp-' in body and "we agree on this</a>" in body  # the real quotation after it is marked
    body = _body((hostile_site / "articles" / "inline-title-start.html").read_text(encoding="utf-8"))
    assert '<a title="a&lt;b" href="https://example.com/" rel="noopener noreferrer nofollow">link</a>' in body, body
    assert "&lt;a" not in body
    body = _body((hostile_site / "articles" / "inline-title-gt.html").read_text(encoding="utf-8"))
    assert '<a title="x&gt;y" href="https://example.com/" rel="noopener noreferrer nofollow">with a title</a>' in body, body
    assert "&lt;a" not in body


# ----------------------------------------------------------------------------- the render chain, by property

REGISTRY = Registry([
    Speaker("xi", "Xi Jinping", True, ("Mr Xi", "Xi"), ("president",)),
    Speaker("blinken", "Antony Blinken", True, ("Blinken",), ("secretary of state",)),
])
QUOTES = ['"', "“", "”", "«", "»", "'", "‘", "’"]
SCHEMES = ["javascript:alert(1)//", "JaVaScRiPt:alert(1)", " java\tscript:x", "&#106;avascript:alert(1)", "vbscript:msgbox(1)",
           "data:text/html,<script>alert(1)</script>", "data:text/html;base64,PHNjcmlwdD4=", "https://example.com/", "x.png"]
JUNK = ["<b></b>", "<", ">", "<x", "a<b", "x>y", "", " ", "<script>alert(1)</script>", "</a>", "=", "`"]


@st.composite
def elements(draw) -> str:
    tag, attribute = draw(st.sampled_from([("a", "href"), ("img", "src"), ("iframe", "src"), ("a", "title"),
                                           ("img", "onerror"), ("b", "onclick"), ("script", "src")]))
    quote = draw(st.sampled_from(QUOTES + [""]))
    close = draw(st.sampled_from([quote, *QUOTES]))
    value = draw(st.sampled_from(SCHEMES)) + draw(st.sampled_from(JUNK)) + draw(st.sampled_from(["", *QUOTES]))
    more = draw(st.sampled_from(["", ' title="<"', " title='>'", ' href="javascript:alert(2)"', " onclick=alert(3)",
                                 ' alt="“x”"']))
    end = draw(st.sampled_from([">", "/>", "", ">click</" + tag + ">", ">text"]))
    return f"<{tag} {attribute}={quote}{value}{close}{more}{end}"


PIECES = QUOTES + ["<", ">", "<b>", "</b>", "</a>", "<script>", "</script>", "<iframe>", " ", "\n\n", "\n", ",", ".",
                   "said Blinken", "Xi said", "We will keep talking", "we agree", "click", "javascript:alert(1)",
                   "[a](", ")", "](javascript:x)", "`", "*", "_", "&", "&lt;", "<!--", "-->", "    ", "> ", "- ", "1. "]
markup = st.lists(st.one_of(elements(), st.sampled_from(PIECES), st.text(max_size=4)), max_size=40).map("".join)


def _marks(article: Article, quotations) -> list[Mark]:
    """The marks ``sitemodel.article_page`` makes (speaker rows made up)."""
    from quotetrail.statements import statement_pieces

    marks = []
    for q in quotations:
        pieces = statement_pieces(q)
        for n, (start, end, _) in enumerate(pieces):
            last = n == len(pieces) - 1
            marks.append(Mark(start, end, q.anchor if n == 0 else None, "qt sp-1",
                              "O'Brien <&>" if last else None, "../quotes/q-1.html" if last else None,
                              label_position(article.body, end) if last else None, "../quotes/q-1.html"))
    return sorted(marks, key=lambda m: m.start)


def render_as_built(body: str) -> tuple[str, str]:
    """The article's HTML by the build's two paths: markers made with the
    article's analysis (``articles._article_work``) and woven when its page
    renders (``pages._page_bytes``), and the whole body rendered with its
    page (``render_body``, when no HTML was kept)."""
    article = Article("a", "t", Outlet("o", "O"), dt.date(2023, 1, 1), body, "articles/a.md")
    quotations = analyse_article(article, REGISTRY).quotations
    marks = _marks(article, quotations)
    cached = markdown_with_markers(article.body, quotation_spans(article.body, quotations))
    return weave(cached, marks), render_body(article.body, marks)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(markup)
@example('<a href="javascript:alert(document.domain)//<b></b>">click</a>')
@example('Blinken said <img src="javascript:alert(1)//<b>"> today.')
@example('<a href="data:text/html,<script>alert(1)</script>">x</a>')
@example('<a href="vbscript:msgbox(1)//<">x</a>')
@example('“<a href=“javascript:alert(1)//<b>”>x</a>,” Xi said.')
def test_random_markup_never_renders_live(body):
    woven, rendered = render_as_built(body)
    assert_inert(woven, "(woven)")
    assert_inert(rendered, "(render_body)")
    assert woven == rendered


def test_ordinary_quotations_are_woven_as_before():
    woven, _ = render_as_built('"We will keep talking," Blinken said of <a href="https://example.com/">the talks</a>.')
    assert woven == (
        '<p>"<a class="qt sp-1" id="q1" href="../quotes/q-1.html">We will keep talking</a>,"'
        ' <a class="qt-label" href="../quotes/q-1.html">O&#39;Brien &lt;&amp;&gt;</a> Blinken said of'
        ' <a href="https://example.com/" rel="noopener noreferrer nofollow">the talks</a>.</p>')


@st.composite
def bodies_with_spans(draw) -> tuple[str, list[Mark]]:
    """Markup, and spans anywhere in it (inside tags and attributes too): the
    renderer's guarantee must not rest on the extractor finding none there."""
    body = draw(markup)
    cuts = sorted(set(draw(st.lists(st.integers(0, len(body)), max_size=12))))
    marks = []
    for n, (start, end) in enumerate(zip(cuts[::2], cuts[1::2])):
        label_at = draw(st.sampled_from([None, end, min(len(body), end + 1)]))
        marks.append(Mark(start, end, f"q{n + 1}", "qt sp-1", "Blinken" if label_at is not None else None,
                          "../quotes/q.html" if label_at is not None else None, label_at, "../quotes/q.html"))
    return body, marks


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bodies_with_spans())
@example(('<a href="javascript:alert(1)">x</a>', [Mark(9, 29, "q1", "qt", "B", "../q.html", 30, "../q.html")]))
@example(('<img src="data:text/html,x"> and <a href="vbscript:y">z</a>', [Mark(10, 26, "q1", "qt", None, None, None, "../q.html"),
                                                                        Mark(42, 51, "q2", "qt", "B", "../q.html", 52)]))
@example(('<a title="<" href="https://example.com/">link</a>', [Mark(10, 11, "q1", "qt", "B", "../q.html", 12)]))
def test_spans_anywhere_never_smuggle_markup(case):
    body, marks = case
    spans = [(m.start, m.end, (m.label_at or m.end) if m.label else None) for m in marks]
    woven = weave(markdown_with_markers(body, spans), marks)
    assert_inert(woven)
    assert woven == render_body(body, marks)


def test_a_span_inside_an_attribute_is_left_unmarked_and_the_rest_kept():
    body = 'See <a href="javascript:alert(1)">this</a>, "we agree," Xi said.'
    inside = Mark(body.index("javascript"), body.index('">'), "q1", "qt", "Xi", "../q1.html", body.index('">'), "../q1.html")
    real = Mark(body.index("we agree"), body.index(',"'), "q2", "qt", "Xi", "../q2.html", body.index(',"') + 2, "../q2.html")
    assert render_body(body, [inside, real]) == (
        '<p>See <a>this</a>, "<a class="qt" id="q2" href="../q2.html">we agree</a>,"'
        ' <a class="qt-label" href="../q2.html">Xi</a> Xi said.</p>')


def test_weaving_never_keeps_a_tag_with_a_marker_in_it():
    """Were a marker ever handed to ``weave`` inside a tag, the tag was
    sanitised with it in, and shows as text."""
    html = f'<p><a href="{OPEN}0{OPEN}javascript:alert(1){CLOSE}0{CLOSE}">x</a> y</p>'
    for marks in ([], [Mark(0, 1, "q1", "qt", None, None)]):
        woven = weave(html, marks)
        assert_inert(woven)
        assert woven == '<p>&lt;a href=&#34;javascript:alert(1)&#34;&gt;x</a> y</p>'


def test_an_image_whose_address_was_removed_leaves_its_text_alternative():
    """An <img> without src is invalid HTML (the Nu checker says so): it is its alt text, or nothing."""
    html = markdown_with_markers('<img src="javascript:x" alt="a <b> &amp; c"> and <img src="vbscript:y">, '
                                 '<img src="https://example.com/x.png" alt="kept">.', [])
    assert html == '<p>a &lt;b&gt; &amp; c and , <img src="https://example.com/x.png" alt="kept">.</p>'


def test_an_address_naming_a_script_scheme_through_white_space_is_removed():
    html = markdown_with_markers('<a href="java\tscript:alert(1)">a</a> <a href="java&#32;script:x">b</a> '
                                 '<img src=" da ta:text/html,1" alt=""> <a href="https://example.com/a b:c" title="Note: x y:">c</a>', [])
    assert html == ('<p><a>a</a> <a>b</a>  <a href="https://example.com/a b:c" title="Note: x y:" '
                    'rel="noopener noreferrer nofollow">c</a></p>')
