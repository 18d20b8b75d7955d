"""Fuzz-style: every hostile or malformed file in tests/hostile/ gives its
expected error (naming the file, leaving the last site untouched) or builds
safely (no live markup from content in any output file)."""
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from quotetrail.errors import ContentError
from quotetrail.pipeline import build

from conftest import SPEAKERS, TEMPLATES, article_text

HOSTILE = Path(__file__).resolve().parent / "hostile"
EXPECTED = yaml.safe_load((HOSTILE / "expected.yaml").read_text(encoding="utf-8"))
GOOD = article_text('"We will keep talking," Blinken said.\n', title="Good article", outlet="Good Outlet")


class _LiveMarkup(HTMLParser):
    """Collects elements, attributes and URLs that would be live in a browser."""

    ALLOWED_LINKS = {"stylesheet", "icon"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    OWN_SCRIPTS = ("assets/search.js", "assets/quote.js", "assets/browse.js", "pagefind/pagefind-ui.js")

    def _own(self, tag, attrs) -> bool:
        """The site's own markup, which templates (not content) put there."""
        attrs = dict(attrs)
        if tag == "link":
            return attrs.get("rel") in self.ALLOWED_LINKS or attrs.get("rel") in ("alternate", "canonical")
        if tag == "script":
            return attrs.get("type") == "application/ld+json" or (attrs.get("src") or "").endswith(self.OWN_SCRIPTS)
        if tag == "form":
            return attrs.get("class") == "site-search" or attrs.get("id") in ("browse", "compare")
        return False

    def handle_starttag(self, tag, attrs):
        if tag in EXPECTED["forbidden_elements"] and not self._own(tag, attrs):
            self.found.append(f"<{tag}>")
        for key, value in attrs:
            if key.startswith("on"):
                self.found.append(f"{tag} {key}=")
            if key in ("href", "src", "action", "formaction", "data") and value:
                squashed = "".join(value.split()).lower()
                if any(squashed.startswith(s) for s in EXPECTED["forbidden_url_schemes"]):
                    self.found.append(f"{tag} {key}={value}")
            if tag == "meta" and key == "http-equiv" and value and value.lower() == "refresh":
                self.found.append("meta refresh")


def live_markup(html: str) -> list[str]:
    parser = _LiveMarkup()
    parser.feed(html)
    return parser.found


def snapshot(folder: Path) -> dict:
    return {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def content_with(tmp_path: Path, files: dict, speakers: str = SPEAKERS) -> Path:
    root = tmp_path / "content"
    (root / "articles").mkdir(parents=True)
    (root / "speakers.yaml").write_text(speakers, encoding="utf-8")
    for name, data in files.items():
        (root / "articles" / name).write_bytes(data)
    return root


def previous_site(tmp_path: Path) -> tuple[Path, dict]:
    out = tmp_path / "_site"
    build(content_with(tmp_path / "first", {"good.md": GOOD.encode()}), out, templates_dir=TEMPLATES)
    return out, snapshot(out)


def assert_fails_and_keeps_site(tmp_path, content, out, before, file_label, message):
    with pytest.raises(ContentError) as failure:
        build(content, out, templates_dir=TEMPLATES)
    text = str(failure.value)
    assert any(file_label in str(p) and message in str(p) for p in failure.value.problems), text
    assert snapshot(out) == before
    assert [p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}-")] == []


@pytest.mark.parametrize("name", sorted(EXPECTED["articles"]))
def test_hostile_article(tmp_path, name):
    expected = EXPECTED["articles"][name]
    out, before = previous_site(tmp_path)
    content = content_with(tmp_path, {"good.md": GOOD.encode(), name: (HOSTILE / name).read_bytes()})
    if "error" in expected:
        assert_fails_and_keeps_site(tmp_path, content, out, before, f"articles/{name}", expected["error"])
        return
    result = build(content, out, templates_dir=TEMPLATES)
    warnings = [str(p) for p in list(result.content.problems) + list(result.analysis.problems)]
    if "warning" in expected:
        assert any(name in w and expected["warning"] in w for w in warnings), warnings
    for path, data in snapshot(out).items():
        text = data.decode("utf-8", "replace")
        if path.suffix == ".html":
            assert live_markup(text) == [], f"{path} has live markup from {name}"
        elif path.suffix == ".json":
            assert "<" not in text and ">" not in text, f"{path} has raw angle brackets"
    resolved_out = out.resolve()
    assert all(p.resolve().is_relative_to(resolved_out) for p in out.rglob("*"))
    assert not (tmp_path / "etc").exists() and not (tmp_path.parent / "etc").exists()
    slug = Path(name).stem
    page = (out / "articles" / f"{slug}.html").read_text(encoding="utf-8")
    for text in expected.get("present", []):
        assert text in page, f"{text!r} missing from {slug}"


@pytest.mark.parametrize("name", sorted(EXPECTED["speakers"]))
def test_hostile_speakers_file(tmp_path, name):
    expected = EXPECTED["speakers"][name]
    out, before = previous_site(tmp_path)
    content = content_with(tmp_path, {"good.md": GOOD.encode()}, speakers=expected["text"])
    assert_fails_and_keeps_site(tmp_path, content, out, before, "speakers.yaml", expected["error"])


def test_two_articles_with_the_same_slug_differing_by_case(tmp_path):
    out, before = previous_site(tmp_path)
    content = content_with(tmp_path, {"Blinken.md": GOOD.encode(), "blinken-2.md": article_text(slug="blinken").encode()})
    assert_fails_and_keeps_site(tmp_path, content, out, before, "articles/", "is already used by")


def test_all_problems_are_reported_at_once(tmp_path):
    names = [n for n, e in EXPECTED["articles"].items() if "error" in e]
    content = content_with(tmp_path, {n: (HOSTILE / n).read_bytes() for n in names})
    with pytest.raises(ContentError) as failure:
        build(content, tmp_path / "_site", templates_dir=TEMPLATES)
    files = {p.file for p in failure.value.problems}
    assert files == {f"articles/{n}" for n in names}
    assert not (tmp_path / "_site").exists()


def test_the_safety_check_can_fail():
    assert live_markup('<p onclick="x">a</p><script>1</script><a href=" JavaScript:x">b</a>') == [
        "p onclick=", "<script>", "a href= JavaScript:x"]
    assert live_markup("<p>&lt;script&gt; onerror=alert(1)</p>") == []


def test_a_five_megabyte_article_builds(tmp_path):
    paragraph = ("Officials met again on Monday to discuss trade, security and the climate, and analysts said the "
                 "mood was cautious. ")
    quote = '"We will keep talking to each other for as long as it takes," Blinken told reporters.'
    paragraphs = [paragraph * 8 if n % 10 else quote for n in range(6500)] + ["The very last paragraph."]
    body = "\n\n".join(paragraphs)
    assert len(body.encode()) > 5_000_000
    content = content_with(tmp_path, {"huge.md": article_text(body, title="Huge").encode()})
    result = build(content, tmp_path / "_site", templates_dir=TEMPLATES, search=False)
    page = (tmp_path / "_site" / "articles" / "huge.html").read_text(encoding="utf-8")
    assert "The very last paragraph." in page
    (quote,) = [q for q in result.analysis.quotes if q.speaker == "blinken"]
    assert len(quote.occurrences) == 650


def test_a_defect_an_article_brings_out_names_the_file_and_keeps_the_site(tmp_path, monkeypatch):
    # a bug of quotetrail's that one text brings out (a RecursionError in attribution, as two
    # once did): the build stops naming that file, as for bad content, and the site stays as it was
    import quotetrail.analyse

    out, before = previous_site(tmp_path)
    content = content_with(tmp_path, {"good.md": GOOD.encode(), "odd.md": GOOD.replace("Good article", "Odd").encode()})

    def analyse(article, registry, words_of):
        if article.title == "Odd":
            raise RecursionError("maximum recursion depth exceeded")
        return real(article, registry, words_of)

    real = quotetrail.analyse.analyse_article
    monkeypatch.setattr(quotetrail.analyse, "analyse_article", analyse)
    assert_fails_and_keeps_site(tmp_path, content, out, before, "articles/odd.md",
                                "could not be analysed (RecursionError: maximum recursion depth exceeded)")
    # the failure is not cached: once the defect is gone, the same file builds
    cache = tmp_path / "cache"
    with pytest.raises(ContentError):
        build(content, out, templates_dir=TEMPLATES, cache_dir=cache)
    monkeypatch.undo()
    result = build(content, out, templates_dir=TEMPLATES, cache_dir=cache)
    assert sorted(a.title for a in result.content.articles) == ["Good article", "Odd"]


def test_check_names_the_file_a_defect_is_in(tmp_path, monkeypatch, capsys):
    import quotetrail.analyse
    from quotetrail.cli import main

    content = content_with(tmp_path, {"good.md": GOOD.encode(), "odd.md": GOOD.replace("Good article", "Odd").encode()})
    real = quotetrail.analyse.analyse_article

    def analyse(article, registry, *rest):
        if article.title == "Odd":
            raise RecursionError("maximum recursion depth exceeded")
        return real(article, registry, *rest)

    monkeypatch.setattr(quotetrail.analyse, "analyse_article", analyse)
    assert main(["check", "--content", str(content)]) == 1
    err = capsys.readouterr().err
    assert "articles/odd.md: error: could not be analysed (RecursionError: maximum recursion depth exceeded)" in err
    assert "Traceback" not in err
