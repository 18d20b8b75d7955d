"""Runs the quote stages (extract → attribute → match) over all articles and
collects their results as plain data for the site model."""
from __future__ import annotations

import operator
from dataclasses import dataclass, replace

from .attribute import ArticleAttribution, Registry, attribute_article, selected_by
from .errors import Problem, defect
from .extract import extract_quotations, mask_markup
from .load import Content
from .statements import editor_cut, quotation_statements
from .match import AdoptionIndex, MatchInput, MatchStats, match_quotations, statement_inputs
from .model import Article, Attribution, Quotation, Quote, Speaker


@dataclass(frozen=True)
class Analysis:
    quotations: dict[str, tuple[Quotation, ...]]  # article slug → its quotations
    attributions: dict[str, tuple[Attribution, ...]]  # parallel to quotations
    quotes: tuple[Quote, ...]
    speakers: dict[str, Speaker]  # every speaker of any quotation, registry first
    problems: tuple[Problem, ...]
    stats: MatchStats


@dataclass(frozen=True)
class ArticleAnalysis:
    """The per-article quote stages' result: the quotations, their
    attribution, and their statements as matching inputs, with each
    statement's normalised words when they were made with them."""

    quotations: tuple[Quotation, ...]
    attribution: ArticleAttribution
    statements: tuple[MatchInput, ...]
    tokens: tuple = ()  # each statement's words (match_tokens), or () to be made when matched


def analysed_or_defect(article: Article, registry: Registry, words=None) -> ArticleAnalysis | Problem:
    """``analyse_article``, or the defect of quotetrail's the article brings out as an error on
    its file: ``build`` and ``check`` then name the file, never print a traceback."""
    try:
        return analyse_article(article, registry, words)
    except Exception as error:  # noqa: BLE001
        return defect(article.source_path, error)


def analyse_article(article: Article, registry: Registry, words=None) -> ArticleAnalysis:
    """The per-article quote stages (no other article involved); ``words(text,
    language)``, when given, makes each statement's words for matching."""
    readable = replace(article, body=mask_markup(article.body))
    language = registry.language_of(article)
    found = extract_quotations(article.slug, readable.body, language)
    found, problems = cut_as_corrected(article, found)
    result = attribute_article(readable, found, registry)
    if problems:
        result = replace(result, problems=tuple(problems) + result.problems)
    date = article.date.isoformat()
    statements = tuple(statement for q, a in zip(found, result.attributions)
                       for statement in statement_inputs(MatchInput(article.slug, article.outlet.id, q.anchor, q.index,
                                                                    a.speaker, q.text, q.fragment, date=date,
                                                                    language=language), quotation_statements(q)))
    tokens = tuple(words(s.text, language) for s in statements) if words is not None else ()
    return ArticleAnalysis(tuple(found), result, statements, tokens)


def cut_as_corrected(article: Article, quotations) -> tuple[list[Quotation], list[Problem]]:
    """Quotations an editor's correction cuts into statements (``statements:``) carry that cut."""
    quotations, problems = list(quotations), []
    for correction in article.overrides:
        if correction.statements is None:
            continue
        selected = {q.index for q in selected_by(correction, quotations)}
        if not correction.sets_speaker and not selected:
            problems.append(Problem(article.source_path, f"no quotation in the article contains {correction.text!r}",
                                    field="quotes", severity="warning"))
        for n, q in enumerate(quotations):
            if q.index in selected:
                starts = editor_cut(q.text, correction.statements)
                if starts is None:
                    problems.append(Problem(article.source_path, f"the statements listed for {correction.text!r} "
                                            f"({', '.join(map(repr, correction.statements))}) do not all begin in its "
                                            "quotation, in this order; it is cut by sentence", field="quotes",
                                            severity="warning"))
                else:
                    quotations[n] = replace(q, statement_starts=starts)
    return quotations, problems


_FIRST = operator.itemgetter(0)


@dataclass(frozen=True)
class MadeFrom:
    """What serve's memory keeps: a value and the frozen objects it was made
    from. An unchanged article is last build's very object, so ``fits`` (by
    identity) is enough to reuse the value; keys are ``id()`` of the first
    source, which holding the sources keeps from being reused by another object."""

    sources: tuple
    value: object

    def fits(self, *sources) -> bool:
        return len(sources) == len(self.sources) and all(a is b for a, b in zip(sources, self.sources))


def analyse(content: Content, per_article: dict | None = None, map_groups=map, reuse: dict | None = None) -> Analysis:
    """Quotes across all articles; ``per_article`` (slug → ArticleAnalysis)
    reuses work done elsewhere, e.g. in parallel or from the cache;
    ``map_groups`` likewise for matching each speaker's quotations.
    ``reuse``, a dict a long-running process keeps between builds (``serve``):
    a quote's rank, made last time from the very same (frozen) objects, is
    taken from it, not made again; and the index adoption keeps
    (match.AdoptionIndex) is updated, not made anew."""
    registry = None  # only needed for articles not analysed already
    speakers: dict[str, Speaker] = {s.id: s for s in content.speakers}
    quotations, attributions, problems, items, item_tokens = {}, {}, [], [], []
    reuse = reuse if reuse is not None else {}
    per_article = per_article or {}
    for article in content.articles:
        done = per_article.get(article.slug)
        if done is None:
            registry = registry or Registry(content.speakers, content.config.language)
            done = analysed_or_defect(article, registry)
            if isinstance(done, Problem):
                problems.append(done)
                continue
        quotations[article.slug] = done.quotations
        attributions[article.slug] = done.attribution.attributions
        problems.extend(done.attribution.problems)
        for speaker in done.attribution.speakers:
            speakers.setdefault(speaker.id, speaker)
        items.extend(done.statements)
        item_tokens.extend(done.tokens or (None,) * len(done.statements))
    adoption = reuse.pop("adoption", None) or AdoptionIndex()  # not kept if matching fails halfway
    quotes, stats = match_quotations(items, item_tokens, map_groups, adoption)
    reuse["adoption"] = adoption
    order = {s.id: n for n, s in enumerate(content.speakers) if s.tracked}

    def rank(quote: Quote):
        speaker = speakers.get(quote.speaker) if quote.speaker else None
        group = 0 if quote.speaker in order else (1 if speaker else 2)
        return (group, order.get(quote.speaker, 0), (speaker.name.casefold() if speaker else ""),
                -len({o.outlet for o in quote.occurrences}), quote.id)

    # a quote's rank depends on it and the speakers alone: last build's is kept
    # for the very same quote (unique: it ends with the quote's id)
    frame = (order, [(sid, s.name) for sid, s in speakers.items()])
    kept_ranks = reuse.get("ranks", {}) if reuse.get("frame") == frame else {}
    ranked = []
    for quote in quotes:
        hit = kept_ranks.get(id(quote))
        ranked.append((hit.value if hit is not None and hit.fits(quote) else rank(quote), quote))
    ranked.sort(key=_FIRST)
    reuse.update(frame=frame, ranks={id(quote): MadeFrom((quote,), key) for key, quote in ranked})
    return Analysis(quotations, attributions, tuple(quote for _, quote in ranked), speakers, tuple(problems), stats)
