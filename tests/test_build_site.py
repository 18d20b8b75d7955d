"""End to end: build the real content/ and inspect the site."""
import re
import subprocess
import sys

from quotetrail.load import load_content
from quotetrail.pipeline import build

from conftest import CONTENT, ROOT, TEMPLATES, article_text
from sitecheck import check_links


def test_every_article_has_a_page_with_its_metadata(built_site):
    for article in load_content(CONTENT).articles:
        html = (built_site / "articles" / f"{article.slug}.html").read_text()
        assert re.search(rf"<h1[^>]*>{re.escape(article.title.replace(chr(39), '&#39;'))}</h1>", html)
        assert article.outlet.name in html
        assert f'<time datetime="{article.date.isoformat()}">' in html
        if article.url:
            assert f'href="{article.url}"' in html
        if article.wire:
            assert article.wire in html
        assert '<html lang="en">' in html and "<main" in html and "<nav" in html and "<article" in html


def test_index_lists_articles_and_outlets(built_site):
    html = (built_site / "index.html").read_text()
    for article in load_content(CONTENT).articles:
        assert f'href="articles/{article.slug}.html"' in html
        assert f'href="outlets/{article.outlet.id}.html"' in html


def test_outlet_pages_list_their_articles(built_site):
    content = load_content(CONTENT)
    for article in content.articles:
        html = (built_site / "outlets" / f"{article.outlet.id}.html").read_text()
        assert f'href="../articles/{article.slug}.html"' in html
    assert (built_site / "outlets" / "index.html").is_file()


def test_site_furniture(built_site):
    assert (built_site / ".nojekyll").is_file()
    assert (built_site / "404.html").is_file()
    assert (built_site / "assets" / "style.css").is_file()
    for page in built_site.rglob("*.html"):
        text = page.read_text()
        assert "fonts.googleapis" not in text and "cdn." not in text


def test_all_internal_links_resolve_at_domain_root(built_site):
    checked, broken = check_links(built_site, "/")
    print(f"\nlinks checked at the domain root: {checked}, broken: {len(broken)}")
    assert broken == [] and checked > 1000


def test_all_internal_links_resolve_under_a_project_subpath(built_site_subpath):
    checked, broken = check_links(built_site_subpath, "/repo/", base_url="https://user.github.io/repo/")
    print(f"\nlinks checked under /repo/: {checked}, broken: {len(broken)}")
    assert broken == [] and checked > 1000


def test_builds_are_byte_identical(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    build(CONTENT, a, templates_dir=TEMPLATES)
    build(CONTENT, b, templates_dir=TEMPLATES)
    def ours(site):  # Pagefind's filter/meta indexes are hashmap-ordered upstream (Pagefind/pagefind#638)
        return sorted(p.relative_to(site) for p in site.rglob("*") if p.is_file() and p.relative_to(site).parts[0] != "pagefind")

    files_a = ours(a)
    assert files_a == ours(b) and len(files_a) > 100
    for rel in files_a:
        assert (a / rel).read_bytes() == (b / rel).read_bytes(), rel
    fragments = lambda site: sorted(p.name for p in (site / "pagefind" / "fragment").iterdir())
    assert fragments(a) == fragments(b) and fragments(a)


def test_failed_build_leaves_previous_site_untouched(tmp_path, make_content):
    good = make_content({"ok": article_text("Fine.\n")})
    out = tmp_path / "_site"
    build(good, out, templates_dir=TEMPLATES)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    (good / "articles" / "bad.md").write_text(article_text(date="not-a-date"))
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), "--content", str(good), "--output", str(out)],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode != 0
    assert "articles/bad.md" in result.stderr and "date" in result.stderr
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".") and not p.name.endswith(".lock")] == []


def test_raw_html_in_articles_is_sanitised(tmp_path, make_content):
    body = 'Hi <script>alert(1)</script><a href="javascript:alert(2)" onclick="x()">link</a><iframe src="https://e.x"></iframe>\n'
    out = tmp_path / "site"
    build(make_content({"evil": article_text(body, title="'\"><script>alert(3)</script>'")}), out, templates_dir=TEMPLATES)
    html = (out / "articles" / "evil.html").read_text()
    from test_hostile import live_markup
    assert live_markup(html) == []
    assert "alert(1)" not in html and "javascript:" not in html
    assert "&lt;script&gt;alert(3)" in html


def test_cli_check_reports_problems_without_writing(tmp_path, make_content):
    root = make_content({"a": article_text(title=None), "b": article_text(date="x")})
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), "check", "--content", str(root)],
                            capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 1
    assert "articles/a.md: error: title" in result.stderr and "articles/b.md: error: date" in result.stderr
    assert not (tmp_path / "_site").exists()


def test_headings_are_in_order(built_site):
    import re
    for page in built_site.rglob("*.html"):
        levels = [int(h) for h in re.findall(r"<h([1-6])[ >]", page.read_text())]
        assert levels and levels[0] == 1, page
        assert all(b <= a + 1 for a, b in zip(levels, levels[1:])), (page, levels)
