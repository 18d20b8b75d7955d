"""Stage 1: loading and validating content."""
import datetime as dt

from quotetrail.load import load_content

from conftest import CONTENT, article_text


def messages(content):
    return [str(p) for p in content.problems]


def test_good_article_loads_with_all_fields(make_content):
    root = make_content({"one": article_text("Hello.\n", url="https://example.com/a", wire="AP", byline="A. Writer")})
    content = load_content(root)
    assert content.errors == []
    (a,) = content.articles
    assert (a.slug, a.title, a.outlet.name, a.outlet.id) == ("one", "A title", "Some Outlet", "some-outlet")
    assert a.date == dt.date(2023, 6, 19)
    assert (a.url, a.wire, a.byline) == ("https://example.com/a", "AP", "A. Writer")
    assert a.body == "Hello."


def test_slug_from_front_matter_overrides_file_name(make_content):
    content = load_content(make_content({"file-name": article_text(slug="chosen")}))
    assert [a.slug for a in content.articles] == ["chosen"]


def test_missing_and_empty_required_fields_are_each_reported(make_content):
    root = make_content({
        "no-title": article_text(title=None),
        "empty-outlet": article_text(outlet='""'),
        "bad-date": article_text(date="2023-13-45"),
    })
    content = load_content(root)
    text = "\n".join(messages(content))
    assert "articles/no-title.md: error: title: is required" in text
    assert "articles/empty-outlet.md: error: outlet: must not be empty" in text
    assert "articles/bad-date.md: error: date: '2023-13-45' is not a date" in text
    assert content.articles == ()


def test_malformed_yaml_reports_file_and_line(make_content):
    root = make_content({"broken": "---\ntitle: ok\noutlet: [unclosed\ndate: 2023-06-19\n---\n\nBody\n"})
    (problem,) = load_content(root).errors
    assert problem.file == "articles/broken.md"
    assert problem.line is not None and problem.line >= 3
    assert "not valid YAML" in problem.message


def test_front_matter_that_is_not_a_mapping(make_content):
    root = make_content({"list": "---\n- a\n- b\n---\n\nBody\n"})
    (problem,) = load_content(root).errors
    assert "must be a mapping" in problem.message


def test_non_utf8_bytes_and_empty_body(make_content):
    root = make_content({
        "latin1": article_text("caf\xe9\n").encode("latin-1"),
        "empty": article_text("\n\n"),
    })
    text = "\n".join(messages(load_content(root)))
    assert "articles/latin1.md" in text and "not valid UTF-8" in text
    assert "articles/empty.md: error: article body is empty" in text


def test_duplicate_slugs_including_case(make_content):
    root = make_content({"Same": article_text(), "same-2": article_text(slug="same")})
    text = "\n".join(messages(load_content(root)))
    assert "already used by" in text


def test_unsafe_slug_and_non_http_url(make_content):
    root = make_content({"a": article_text(slug="../x"), "b": article_text(url="javascript:alert(1)")})
    text = "\n".join(messages(load_content(root)))
    assert "articles/a.md: error: slug: '../x' must be letters" in text
    assert "articles/b.md: error: url: must be an http:// or https:// address" in text


def test_a_url_as_a_browser_copies_it_is_kept_percent_encoded(make_content):
    # an apostrophe is an address's own character; a double quote or a space is written as a browser sends it
    root = make_content({"a": article_text(url="https://example.com/macron's-speech"),
                         "b": article_text(url='https://example.com/el-primer-ministro:-"Será canciller"')})
    content = load_content(root)
    urls = {a.slug: a.url for a in content.articles}
    assert urls == {"a": "https://example.com/macron's-speech",
                    "b": "https://example.com/el-primer-ministro:-%22Será%20canciller%22"}
    text = "\n".join(messages(content))
    assert "articles/b.md: warning: url: has characters an address cannot hold" in text
    assert "articles/a.md" not in text


def test_windows_line_endings_and_bom_are_accepted(make_content):
    raw = ("\ufeff" + article_text("Line one.\n\nLine two.\n")).replace("\n", "\r\n").encode("utf-8")
    content = load_content(make_content({"win": raw}))
    assert content.errors == []
    assert content.articles[0].body == "Line one.\n\nLine two."


def test_speakers_duplicates_and_shared_alias(make_content):
    speakers = "- {id: a, name: A One, aliases: [Boss]}\n- {id: a, name: A Two}\n- {id: b, name: B, aliases: [Boss]}\n"
    text = "\n".join(messages(load_content(make_content({"x": article_text()}, speakers=speakers))))
    assert "duplicate id 'a'" in text
    assert "alias 'Boss' is claimed by both 'a' and 'b'" in text


def test_all_problems_reported_together(make_content):
    root = make_content({"a": article_text(title=None), "b": article_text(date="nope")}, speakers="[")
    content = load_content(root)
    files = {p.file for p in content.errors}
    assert files == {"articles/a.md", "articles/b.md", "speakers.yaml"}


def test_real_content_is_valid():
    content = load_content(CONTENT)
    assert content.errors == []
    assert len(content.articles) == 5
    assert {s.id for s in content.speakers if s.tracked} == {"xi", "blinken", "wang-yi"}


def test_article_files_come_in_the_order_of_their_path_components(tmp_path):
    from quotetrail.load import article_files

    for rel in ["a-b.md", "a/x.md", "a/b/c.md", "b.md", "notes.txt"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x")
    # "a" sorts before "a-b.md" as a folder name, although "/" sorts after "-"
    problems = []
    assert article_files(tmp_path, "articles", problems) == ["articles/a/b/c.md", "articles/a/x.md", "articles/a-b.md", "articles/b.md"]
    assert problems == []
    assert article_files(tmp_path / "a", "articles", problems) == ["articles/b/c.md", "articles/x.md"]
