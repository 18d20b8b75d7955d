from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
TEMPLATES = ROOT / "templates"


SPEAKERS = """\
- id: xi
  name: Xi Jinping
  aliases: [President Xi, Mr Xi, Xi]
  roles: [president, Chinese leader]
- id: blinken
  name: Antony Blinken
  aliases: [Mr Blinken, Blinken]
  roles: [secretary of state, America's top diplomat]
- id: wang-yi
  name: Wang Yi
  aliases: [Mr Wang]
  roles: [China's top diplomat]
"""


def article_text(body: str = "Text of the article.", **meta) -> str:
    fields = {"title": "A title", "outlet": "Some Outlet", "date": "2023-06-19"}
    fields.update(meta)
    lines = [f"{k}: {v}" for k, v in fields.items() if v is not None]
    return "---\n" + "\n".join(lines) + "\n---\n\n" + textwrap.dedent(body)


@pytest.fixture
def make_content(tmp_path):
    """Write a content folder: make_content({"slug": text, ...}, speakers=...)."""

    def make(articles: dict[str, str | bytes], speakers: str = SPEAKERS, site: str | None = None) -> Path:
        root = tmp_path / "content"
        (root / "articles").mkdir(parents=True)
        (root / "speakers.yaml").write_text(speakers, encoding="utf-8")
        if site is not None:
            (root / "site.yaml").write_text(site, encoding="utf-8")
        for name, text in articles.items():
            path = root / "articles" / f"{name}.md"
            if isinstance(text, bytes):
                path.write_bytes(text)
            else:
                path.write_text(text, encoding="utf-8")
        return root

    return make


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """The real content/ built once at the domain root."""
    from quotetrail.pipeline import build

    out = tmp_path_factory.mktemp("site") / "_site"
    build(CONTENT, out, templates_dir=TEMPLATES)
    return out


@pytest.fixture(scope="session")
def built_site_subpath(tmp_path_factory):
    from quotetrail.pipeline import build

    out = tmp_path_factory.mktemp("site-sub") / "_site"
    build(CONTENT, out, base_url="https://user.github.io/repo/", templates_dir=TEMPLATES)
    return out


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (no browser download: executable_path)."""
    from quality import CHROMIUM, CHROMIUM_ARGS, require

    require(Path(CHROMIUM).exists(), "Debian chromium")
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def attributed(body: str, registry, language: str | None = None) -> dict:
    """Each quotation of ``body`` (an article in ``language``) and the speaker attribution gives it."""
    import datetime as dt

    from quotetrail.attribute import attribute_article
    from quotetrail.extract import extract_quotations
    from quotetrail.model import Article, Outlet

    body = textwrap.dedent(body).strip()
    article = Article("a", "t", Outlet("o", "O"), dt.date(2024, 1, 1), body, "articles/a.md", language=language)
    quotations = extract_quotations("a", body, registry.language_of(article))
    result = attribute_article(article, quotations, registry)
    return {q.text: a.speaker for q, a in zip(quotations, result.attributions)}
