"""Runs the quote stages (extract → attribute → match) over all articles and
collects their results as plain data for the site model."""
from __future__ import annotations

from dataclasses import dataclass, replace

from .attribute import ArticleAttribution, Registry, attribute_article
from .errors import Problem
from .extract import extract_quotations, mask_markup
from .load import Content
from .match import MatchInput, MatchStats, match_quotations
from .model import Article, Attribution, Quotation, Quote, Speaker


@dataclass(frozen=True)
class Analysis:
    quotations: dict[str, tuple[Quotation, ...]]  # article slug → its quotations
    attributions: dict[str, tuple[Attribution, ...]]  # parallel to quotations
    quotes: tuple[Quote, ...]
    speakers: dict[str, Speaker]  # every speaker of any quotation, registry first
    problems: tuple[Problem, ...]
    stats: MatchStats


def analyse_article(article: Article, registry: Registry) -> tuple[tuple[Quotation, ...], ArticleAttribution]:
    """The per-article quote stages (no other article involved)."""
    readable = replace(article, body=mask_markup(article.body))
    found = extract_quotations(article.slug, readable.body)
    return tuple(found), attribute_article(readable, found, registry)


def analyse(content: Content, per_article: dict | None = None, tokens: dict | None = None, map_groups=map) -> Analysis:
    """Quotes across all articles; ``per_article`` (slug → analyse_article
    result) reuses work done elsewhere, e.g. in parallel or from the cache;
    ``map_groups`` likewise for matching each speaker's quotations."""
    registry = None  # only needed for articles not analysed already
    speakers: dict[str, Speaker] = {s.id: s for s in content.speakers}
    quotations, attributions, problems, items, item_tokens = {}, {}, [], [], []
    for article in content.articles:
        done = (per_article or {}).get(article.slug)
        if done is None:
            registry = registry or Registry(content.speakers)
            done = analyse_article(article, registry)
        found, result = done
        quotations[article.slug] = tuple(found)
        attributions[article.slug] = result.attributions
        problems.extend(result.problems)
        for speaker in result.speakers:
            speakers.setdefault(speaker.id, speaker)
        known = (tokens or {}).get(article.slug)
        for n, (q, a) in enumerate(zip(found, result.attributions)):
            items.append(MatchInput(article.slug, article.outlet.id, q.anchor, q.index, a.speaker, q.text, q.fragment))
            item_tokens.append(known[n] if known and len(known) == len(found) else None)
    quotes, stats = match_quotations(items, item_tokens, map_groups)
    order = {s.id: n for n, s in enumerate(content.speakers) if s.tracked}

    def rank(quote: Quote):
        speaker = speakers.get(quote.speaker) if quote.speaker else None
        group = 0 if quote.speaker in order else (1 if speaker else 2)
        return (group, order.get(quote.speaker, 0), (speaker.name.casefold() if speaker else ""),
                -len({o.outlet for o in quote.occurrences}), quote.id)

    return Analysis(quotations, attributions, tuple(sorted(quotes, key=rank)), speakers, tuple(problems), stats)
