"""Stage 5 — build the site model: which pages exist and what data each shows.

Pages are plain data (a template name and a context of dataclasses); every
link is a path relative to the site root, so a page prefixes it with its own
``root`` ("../../") and the site works at a domain root or under a sub-path.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .config import SiteConfig
from .load import Content
from .model import Article, Outlet


@dataclass(frozen=True)
class Page:
    path: str  # output file, relative to the site root
    template: str
    context: dict = field(default_factory=dict)


@dataclass(frozen=True)
class NavItem:
    label: str
    path: str


@dataclass(frozen=True)
class ArticleRef:
    slug: str
    title: str
    outlet: Outlet
    date: str
    path: str
    outlet_path: str


@dataclass(frozen=True)
class OutletSummary:
    outlet: Outlet
    path: str
    articles: tuple[ArticleRef, ...]


@dataclass(frozen=True)
class SiteModel:
    config: SiteConfig
    pages: tuple[Page, ...]
    data_files: dict  # extra files (path → JSON-able data) for the writer


def article_path(slug: str) -> str:
    return f"articles/{slug}/"


def outlet_path(outlet_id: str) -> str:
    return f"outlets/{outlet_id}/"


def page_root(path: str) -> str:
    """Relative prefix from a page's folder back to the site root."""
    return "../" * path.count("/")


def article_ref(article: Article) -> ArticleRef:
    return ArticleRef(
        slug=article.slug,
        title=article.title,
        outlet=article.outlet,
        date=article.date.isoformat(),
        path=article_path(article.slug),
        outlet_path=outlet_path(article.outlet.id),
    )


def outlets_of(articles) -> list[OutletSummary]:
    by_outlet: dict[str, list[Article]] = defaultdict(list)
    names: dict[str, Outlet] = {}
    for article in articles:
        by_outlet[article.outlet.id].append(article)
        names.setdefault(article.outlet.id, article.outlet)
    return [
        OutletSummary(names[oid], outlet_path(oid), tuple(article_ref(a) for a in by_outlet[oid]))
        for oid in sorted(by_outlet, key=lambda o: (names[o].name.casefold(), o))
    ]


def navigation(extra: list[NavItem] | None = None) -> tuple[NavItem, ...]:
    items = [NavItem("Home", ""), NavItem("Outlets", "outlets/")]
    return tuple(items + (extra or []))


def not_found_page(config: SiteConfig, nav) -> Page:
    """GitHub Pages serves 404.html at any depth, so relative links cannot work
    there: use the site's address (``--base-url``), or the domain root."""
    page = make_page("404.html", "404.html", config, nav, "Page not found")
    page.context["root"] = config.base_url or "/"
    return page


def make_page(path: str, template: str, config: SiteConfig, nav, title: str, **context) -> Page:
    folder = path.rsplit("/", 1)[0] + "/" if "/" in path else ""
    context.update(
        site=config,
        nav=nav,
        title=title,
        root=page_root(path),
        current=folder,
    )
    return Page(path, template, context)


@dataclass(frozen=True)
class ArticleView:
    ref: ArticleRef
    article: Article
    body_source: str
    marks: tuple  # render.Mark objects for quotations in the body


def build_site_model(content: Content) -> SiteModel:
    config = content.config
    nav = navigation()
    refs = [article_ref(a) for a in content.articles]
    outlets = outlets_of(content.articles)
    pages = [
        make_page("index.html", "index.html", config, nav, config.title, articles=refs, outlets=outlets),
        make_page("outlets/index.html", "outlets.html", config, nav, "Outlets", outlets=outlets),
        not_found_page(config, nav),
    ]
    for summary in outlets:
        pages.append(make_page(f"{summary.path}index.html", "outlet.html", config, nav, summary.outlet.name, outlet=summary))
    for article, ref in zip(content.articles, refs):
        view = ArticleView(ref, article, article.body, ())
        pages.append(make_page(f"{ref.path}index.html", "article.html", config, nav, article.title, view=view))
    return SiteModel(config, tuple(pages), {})
