"""Stages 1–3, per article: parse the file, find its quotations, attribute
them, and turn its Markdown into HTML. Each file's work depends on it alone
(and the speakers), so it runs in worker processes and is cached by content.
"""
from __future__ import annotations

import functools
import pickle
from dataclasses import dataclass
from pathlib import Path

from .analyse import ArticleAnalysis, analysed_or_defect
from .attribute import Registry
from .errors import Problem
from .lineage import Fingerprints, fingerprints
from .load import parse_article
from .match import match_tokens
from .render import markdown_with_markers, quotation_spans
from .speed.cache import BuildCache, SourceScan
from .speed.workers import parallel_map, pickled_result


@dataclass(frozen=True)
class ArticleWork:
    """Everything the per-article stages produce for one content file."""

    article: object  # Article or None
    problems: tuple[Problem, ...]
    analysis: ArticleAnalysis | None = None  # its quotations, their attribution, its statements with their words
    body_html: str | None = None
    prints: Fingerprints | None = None  # its narrative text's fingerprints, for copy families


# ----------------------------------------------------------------------------- per-article work


@functools.lru_cache(maxsize=65536)
def _words_of(quotation_text: str, language: str) -> tuple[str, ...]:
    """A quotation's normalised words, for matching. Memoised in each worker:
    many outlets print the same words."""
    return tuple(match_tokens(quotation_text, language))


def _article_work(registry: Registry, item: tuple[str, bytes, str]) -> ArticleWork:
    rel, raw, stem = item
    problems: list[Problem] = []
    article = parse_article(raw, rel, stem, problems)
    if article is None:
        work = ArticleWork(None, tuple(problems))
    else:
        analysis = analysed_or_defect(article, registry, _words_of)
        if isinstance(analysis, Problem):  # the build stops with the file named
            return ArticleWork(None, tuple(problems) + (analysis,))
        html = markdown_with_markers(article.body, quotation_spans(article.body, analysis.quotations))
        work = ArticleWork(article, tuple(problems), analysis, html, fingerprints(article.body, analysis.quotations))
    return work


@dataclass(frozen=True)
class ArticlesProcessed:
    works: list  # each file's ArticleWork, in the files' order
    analysed: int  # how many were made now rather than taken from the cache


def process_articles(sources, cache: BuildCache, jobs: int, scan: SourceScan, keys: list[str],
                     progress=None) -> ArticlesProcessed:
    """Each file's work, from the cache or made now (``scan`` has the bytes)."""
    work = functools.partial(_article_work, Registry(sources.speakers, sources.config.language))
    cached = cache.get_many("article", keys)
    works: list[ArticleWork | None] = [cached.get(key) for key in keys]
    raws = {n: scan.raw(n) for n, work in enumerate(works) if not isinstance(work, ArticleWork)}
    for n, raw in raws.items():
        if isinstance(raw, OSError):
            works[n] = ArticleWork(None, (Problem(sources.files[n][0], f"cannot be read: {raw.strerror}"),))
    missing = [n for n, work in enumerate(works) if not isinstance(work, ArticleWork)]
    items = [(sources.files[n][0], raws[n], Path(sources.files[n][1]).stem) for n in missing]
    fresh = {}
    done = (lambda n, total: progress("reading articles", n, total)) if progress else None
    # the results first in zip: it then asks for one past the last, and the pool can finish
    for data, n in zip(parallel_map(functools.partial(pickled_result, work), items, jobs, done=done), missing):
        works[n] = pickle.loads(data)
        if works[n].article is not None:  # a file that failed is read again next time (a defect may not recur)
            fresh[keys[n]] = data
    cache.put_many("article", fresh, {keys[n]: works[n] for n in missing if keys[n] in fresh})
    return ArticlesProcessed(works, len(missing))
