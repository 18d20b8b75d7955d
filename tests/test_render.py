"""Stage 6: rendering article bodies."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotetrail.render import OPEN, Mark, Renderer, TemplateProblem, _markdown, label_position, render_body, to_html

PIECES = ["word", "Blinken", "U.S.", "said", '"', "“", "”", "'", "’", ",", ".", ":", ";", "--", "-", "—", " ", " ", "\n",
          "\n\n", "\n\n\n", "1.", "2)", "+", "=", "*", "_", "#", ">", "<", "&", "[", "]", "(", ")", "!", "  \n", "\t",
          "    ", "é", "😀", "שלום", OPEN + "0" + OPEN, "\ue001"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=60).map("".join))
def test_plain_text_fast_path_equals_python_markdown(text):
    assert to_html(text) == _markdown().reset().convert(text)


def test_marks_wrap_quotations_and_labels_follow_the_closing_mark():
    source = 'He said “we will go,” and left.'
    start = source.index("we")
    end = source.index(",”")
    html = render_body(source, [Mark(start, end, "q1", "qt sp-1", "Antony Blinken", "../../quotes/x/", end + 2)])
    assert html == ('<p>He said “<span class="qt sp-1" id="q1">we will go</span>,” '
                    '<a class="qt-label" href="../../quotes/x/">Antony Blinken</a> and left.</p>')


def test_guillemets_typed_as_angle_brackets_stay_text_not_a_tag():
    source = "<<Bonjour à tous>>, a dit Macron."
    start, end = 2, source.index(">>")
    html = render_body(source, [Mark(start, end, "q1", "qt", "", "", None)])
    assert html == '<p>&lt;&lt;<span class="qt" id="q1">Bonjour à tous</span>&gt;&gt;, a dit Macron.</p>'
    # the speaker's label goes after the typed closing pair, as after »
    html = render_body(source, [Mark(start, end, "q1", "qt", "Macron", "../x/", label_position(source, end))])
    assert html.endswith('Bonjour à tous</span>&gt;&gt; <a class="qt-label" href="../x/">Macron</a>, a dit Macron.</p>')
    # in code, "<<" is as written; so it is where Markdown sees no code (an indented line in a paragraph)
    assert render_body("Code `x <<b` and\n\n    y <<c\n", []) == "<p>Code <code>x &lt;&lt;b</code> and</p>\n<pre><code>y &lt;&lt;c\n</code></pre>"
    assert render_body("Il a dit\n    <<Bonjour>>, hier.", []) == "<p>Il a dit\n    &lt;&lt;Bonjour&gt;&gt;, hier.</p>"
    # a ">>" opening the next line is a Markdown quote, not the closing pair: the label stays on its line
    body = "Il a dit « Bonjour à tous\n>> et la suite."
    assert label_position(body, body.index("\n")) == body.index("\n")


def test_a_mark_across_inline_markup_stays_well_nested():
    source = 'She said "we *will* go" today.'
    start, end = source.index("we"), source.index('" today')
    html = render_body(source, [Mark(start, end, "q1", "qt", None, None)])
    assert html == '<p>She said "<span class="qt" id="q1">we </span><em><span class="qt">will</span></em><span class="qt"> go</span>" today.</p>'


def test_highlighted_words_link_to_the_quote_except_inside_an_article_link():
    source = 'He said "we will go" and [she said "no way"](https://example.com/x) today.'
    a, b = source.index("we will"), source.index('" and')
    c, d = source.index("no way"), source.index('"](')
    html = render_body(source, [Mark(a, b, "q1", "qt", "Blinken", "../../quotes/a/", b + 1, "../../quotes/a/"),
                                Mark(c, d, "q2", "qt", "Xi", "../../quotes/b/", d + 1, "../../quotes/b/")])
    assert '<a class="qt" id="q1" href="../../quotes/a/">we will go</a>" <a class="qt-label" href="../../quotes/a/">Blinken</a>' in html
    assert '<span class="qt" id="q2">no way</span>" <span class="qt-label">Xi</span></a>' in html


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES + ["\ue002", "\ue0007\ue002", "7"]), max_size=40).map("".join), st.booleans())
def test_no_marker_character_reaches_the_page(text, marked):
    """The author's text may hold the private-use characters the markers are
    made of; whatever weaving leaves of them is dropped."""
    marks = [Mark(0, len(text), "q1", "qt", "Blinken", "../q/", len(text))] if marked and text.strip() else []
    html = render_body(text, marks)
    assert not {"\ue000", "\ue001", "\ue002"} & set(html)


def test_speaker_labels_and_quote_links_are_escaped():
    source = 'He said "we will go" today.'
    a, b = source.index("we"), source.index('" today')
    html = render_body(source, [Mark(a, b, "q1", "qt", "Tom & <Jerry>", '../q/?a=1&b="2"', b + 1, "../q/?x=<1>&y")])
    assert '<a class="qt" id="q1" href="../q/?x=&lt;1&gt;&amp;y">we will go</a>' in html
    assert '<a class="qt-label" href="../q/?a=1&amp;b=&#34;2&#34;">Tom &amp; &lt;Jerry&gt;</a>' in html


BROKEN_TEMPLATES = {
    "a syntax error": ("{% if %}", r"page\.html:2: Expected an expression"),
    "an undefined name": ("{{ no_such_thing }}", r"page\.html:2: 'no_such_thing' is undefined"),
    "a failing expression": ("{{ title + 1 }}", r"page\.html:2: TypeError: can only concatenate str"),
    "a missing parent": ('{% extends "missing.html" %}', r"page\.html: template not found: missing\.html"),
}


@pytest.mark.parametrize("case", sorted(BROKEN_TEMPLATES))
def test_a_broken_template_is_reported_by_file_and_line(tmp_path, case):
    source, message = BROKEN_TEMPLATES[case]
    (tmp_path / "page.html").write_text("<p>{{ title }}</p>\n" + source + "\n")
    with pytest.raises(TemplateProblem, match=message + r".*\(rendering out/page\.html\)"):
        Renderer(tmp_path).render("page.html", {"title": "T"}, "out/page.html")


def test_an_error_outside_the_templates_is_not_blamed_on_them(tmp_path):
    (tmp_path / "page.html").write_text("<p>{{ title }}</p>\n")
    renderer = Renderer(tmp_path)
    renderer.env.get_template = lambda name: (_ for _ in ()).throw(MemoryError("not a template's fault"))
    with pytest.raises(MemoryError):
        renderer.render("page.html", {"title": "T"})


CACHED_PAGE = '{% from "_m.html" import item %}{% for x in xs %}{{ cached(item, x, root) }}{% endfor %}'
CACHED_EACH_PAGE = '{% from "_m.html" import item %}<ul>\n{{ cached_each(item, xs, root, end="\\n") }}</ul>'


def _counting_renderer(tmp_path, keep_fragments: bool, page: str = CACHED_PAGE):
    """A renderer over a page that lists ``xs`` with the macro ``item(x, root)``
    (by default with ``cached(item, x, root)``), and the list of calls of the macro."""
    (tmp_path / "_m.html").write_text("{% macro item(x, root) %}{{ tick() }}<li>{{ root }}{{ x.name }}</li>{% endmacro %}")
    (tmp_path / "page.html").write_text(page)
    calls = []
    renderer = Renderer(tmp_path, keep_fragments=keep_fragments)
    renderer.env.globals["tick"] = lambda: calls.append(1) or ""
    return renderer, calls


def test_cached_fragments_are_reused_for_the_very_same_arguments_only(tmp_path):
    from types import SimpleNamespace

    renderer, calls = _counting_renderer(tmp_path, keep_fragments=True)
    a, b = SimpleNamespace(name="a"), SimpleNamespace(name="b")
    assert renderer.render("page.html", {"xs": [a, b], "root": "../"}) == "<li>../a</li><li>../b</li>"
    renderer.end_build()
    assert len(calls) == 2
    # the same objects, and a plain value equal to last time's: nothing rendered again
    assert renderer.render("page.html", {"xs": [a, b], "root": "".join(["..", "/"])}) == "<li>../a</li><li>../b</li>"
    assert len(calls) == 2
    # an equal but new object, or another plain value: rendered again
    assert renderer.render("page.html", {"xs": [SimpleNamespace(name="a")], "root": "../"}) == "<li>../a</li>"
    assert renderer.render("page.html", {"xs": [b], "root": ""}) == "<li>b</li>"
    assert len(calls) == 4
    renderer.end_build()
    renderer.render("page.html", {"xs": [b], "root": "../"})
    assert len(calls) == 4
    renderer.end_build()  # a was not used in this build: forgotten
    renderer.render("page.html", {"xs": [a], "root": "../"})
    assert len(calls) == 5


def test_without_kept_fragments_cached_always_calls_the_macro(tmp_path):
    from types import SimpleNamespace

    renderer, calls = _counting_renderer(tmp_path, keep_fragments=False)
    a = SimpleNamespace(name="a")
    for _ in range(2):
        assert renderer.render("page.html", {"xs": [a, a], "root": ""}) == "<li>a</li><li>a</li>"
        renderer.end_build()
    assert len(calls) == 4


def test_within_a_build_an_item_listed_on_several_pages_is_made_once(tmp_path):
    from types import SimpleNamespace

    renderer, calls = _counting_renderer(tmp_path, False, CACHED_EACH_PAGE)
    a, b, c = (SimpleNamespace(name=n) for n in "abc")
    assert renderer.render("page.html", {"xs": [a, b], "root": ""}) == _listing([a, b], "")
    assert renderer.render("page.html", {"xs": [b, c], "root": ""}) == _listing([b, c], "")
    assert renderer.render("page.html", {"xs": [b], "root": "../"}) == _listing([b], "../")  # other arguments
    assert len(calls) == 4  # a, b, c, and b again under another root


def _listing(xs, root) -> str:
    from markupsafe import escape

    return "<ul>\n" + "".join(f"<li>{root}{escape(x.name)}</li>\n" for x in xs) + "</ul>"


def test_cached_each_renders_again_only_the_runs_that_changed(tmp_path):
    from types import SimpleNamespace

    renderer, calls = _counting_renderer(tmp_path, True, CACHED_EACH_PAGE)
    xs = [SimpleNamespace(name=f"<{n}>") for n in range(2000)]
    assert renderer.render("page.html", {"xs": xs, "root": "../"}) == _listing(xs, "../")
    renderer.end_build()
    assert len(calls) == 2000
    # the very same items, and an equal plain argument: nothing rendered again
    assert renderer.render("page.html", {"xs": list(xs), "root": "".join(["..", "/"])}) == _listing(xs, "../")
    renderer.end_build()
    assert len(calls) == 2000
    # one item replaced, one added in the middle, one removed: only the runs around them
    xs[700] = SimpleNamespace(name="changed")
    xs.insert(1200, SimpleNamespace(name="new"))
    del xs[1500]
    calls.clear()
    assert renderer.render("page.html", {"xs": xs, "root": "../"}) == _listing(xs, "../")
    renderer.end_build()
    assert 3 <= len(calls) <= 4 * 64
    # another plain argument: everything again
    calls.clear()
    assert renderer.render("page.html", {"xs": xs, "root": ""}) == _listing(xs, "")
    assert len(calls) == len(xs)


def test_without_kept_fragments_cached_each_calls_the_macro_for_every_item(tmp_path):
    from types import SimpleNamespace

    renderer, calls = _counting_renderer(tmp_path, False, CACHED_EACH_PAGE)
    xs = [SimpleNamespace(name="a"), SimpleNamespace(name="b")]
    for _ in range(2):
        assert renderer.render("page.html", {"xs": xs, "root": ""}) == _listing(xs, "")
        assert renderer.render("page.html", {"xs": [], "root": ""}) == "<ul>\n</ul>"
        renderer.end_build()
    assert len(calls) == 4


def test_templates_escape_what_they_show(tmp_path):
    """Every template a page uses (extended and imported ones too) escapes text."""
    (tmp_path / "base.html").write_text("<title>{{ title }}</title>{% block main %}{% endblock %}")
    (tmp_path / "_m.html").write_text("{% macro item(x) %}<li title=\"{{ x }}\">{{ x }}</li>{% endmacro %}")
    (tmp_path / "page.html").write_text('{% extends "base.html" %}{% from "_m.html" import item %}'
                                        "{% block main %}{% for x in xs %}{{ item(x) }}{% endfor %}{{ n }}{% endblock %}")
    renderer = Renderer(tmp_path)
    out = renderer.render("page.html", {"title": "A & <B>", "xs": ["'q'", '"d"'], "n": 3})
    assert out == ("<title>A &amp; &lt;B&gt;</title><li title=\"&#39;q&#39;\">&#39;q&#39;</li>"
                   "<li title=\"&#34;d&#34;\">&#34;d&#34;</li>3")


def test_a_template_error_names_the_template_and_line(tmp_path):
    (tmp_path / "broken.html").write_text("<p>{{ title }}</p>\n{{ title + 1 }}\n")
    with pytest.raises(TemplateProblem, match=r"broken\.html:2: TypeError"):
        Renderer(tmp_path).render("broken.html", {"title": "T"})
