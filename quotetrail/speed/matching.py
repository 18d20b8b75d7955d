"""Matching, sped up: each speaker's matched quotes cached by the speaker's
quotations, missing speakers matched in worker processes, and a speaker
matched again in a process that stays up (``serve``) updated through its index.
"""
from __future__ import annotations

import functools
import itertools
import pickle

from ..match import SpeakerIndex
from .cache import BuildCache, digest
from .workers import PARALLEL_MIN, parallel_map, pickled_result

MATCH_HERE_MAX = 8  # changed speakers' groups matched in this process by their indexes, at most


def speaker_matcher(cache: BuildCache, salt: bytes, jobs: int, known_keys: dict | None = None,
                    indexes: dict | None = None):
    """``map_groups`` for matching: each speaker's group is looked up in the
    cache by its content, and the missing ones are matched in worker processes,
    largest first so two workers finish together. ``known_keys`` (speaker →
    (salt, group, key, its items' lines), kept between builds by ``serve``): a group equal
    to last build's has the same key, and comparing is cheaper than hashing;
    and a group matched again gives back last build's very objects for the
    quotes that came out the same, so later stages recognise them at once.
    ``indexes`` (speaker → SpeakerIndex, kept by ``serve``): a speaker matched
    here before is matched again here, by updating its index, when at most
    MATCH_HERE_MAX groups changed; so is a lone missing group (an edit),
    whose index is then kept."""
    used: set[str] = set()
    known = known_keys if known_keys is not None else {}

    def key_of(group) -> str:
        speaker = group.items[0].speaker
        hit = known.get(speaker)
        last = hit if hit is not None and hit[0] == salt else None
        if last is not None and last[1].items == group.items:
            key, lines = last[2], last[3]
        else:
            lines = item_lines(group, last)
            key = digest(salt, "\n".join(lines).encode())
        known[speaker] = (salt, group, key, lines)
        return key

    def item_lines(group, last) -> list[str]:
        # A quotation's words are a function of its text (and the code, in the
        # salt): its fields name it, and repr is far cheaper than pickling the
        # words. An item of last build's group (alive: ``known`` holds it) keeps its line.
        kept = {id(i): line for i, line in zip(last[1].items, last[3])} if last is not None else {}
        return [kept.get(id(i)) or repr((i.article, i.outlet, i.anchor, i.quotation_index, i.speaker, i.text, i.fragment, i.quotation, i.start, i.date, i.language))
                for i in group.items]

    def map_groups(function, groups):
        groups = list(groups)
        before = {speaker: hit[2] for speaker, hit in known.items()}  # last build's keys
        keys = [key_of(g) for g in groups]
        for speaker in set(known) - {g.items[0].speaker for g in groups}:
            del known[speaker]  # no quotations any more
            if indexes is not None:
                indexes.pop(speaker, None)
        used.update(keys)
        cached = cache.get_many("match", keys)
        results = [cached.get(key) for key in keys]
        missing = sorted((n for n, r in enumerate(results) if not isinstance(r, tuple)),
                         key=lambda n: (-len(groups[n].items), n))
        # an edit changes a few speakers' groups: matched here, by their indexes; a
        # change to many (the speakers' file) goes to the workers (an index left
        # behind is still right: it is brought to whatever group it is given)
        few = len(missing) <= MATCH_HERE_MAX
        here = {n for n in missing
                if indexes is not None and few and (groups[n].items[0].speaker in indexes or len(missing) == 1)}
        elsewhere = [n for n in missing if n not in here]
        work_items = sum(len(groups[n].items) for n in elsewhere)
        pool_jobs = jobs if work_items >= 50 * PARALLEL_MIN else 1
        fresh = {}
        matched = parallel_map(functools.partial(pickled_result, function), [groups[n] for n in elsewhere], pool_jobs,
                        chunksize=1, min_items=2)
        for data, n in itertools.chain(zip(matched, elsewhere), ((None, n) for n in sorted(here))):
            speaker = groups[n].items[0].speaker
            last = cache.held("match", before.get(speaker))
            if data is None:  # matched here
                index = indexes.pop(speaker, None) or SpeakerIndex()  # not kept if matching fails halfway
                results[n] = match_by_index(function, groups[n], index, last)
                indexes[speaker] = index
                data = pickle.dumps(results[n], protocol=pickle.HIGHEST_PROTOCOL)
            else:
                quotes, pairs = pickle.loads(data)
                results[n] = (same_as_before(quotes, last[0]) if last is not None else quotes, pairs)
            fresh[keys[n]] = data
        cache.put_many("match", fresh, {keys[n]: results[n] for n in missing})
        return results

    map_groups.used = used
    return map_groups


def match_by_index(match, group, index: SpeakerIndex, last: tuple | None) -> tuple[list, int]:
    """``match(group, index)``, its quotes equal to those of ``last`` (last
    build's result for the speaker, if any) being those very objects, which
    the index then gives back for the same items next time too."""
    quotes, pairs = match(group, index)
    if last is not None:
        quotes = same_as_before(quotes, last[0])
        index.keep(quotes)
    return quotes, pairs


def same_as_before(quotes: list, before: list) -> list:
    """``quotes``, each one equal to a quote of ``before`` (same id) replaced by that very object."""
    by_id = {quote.id: quote for quote in before}
    return [old if (old := by_id.get(quote.id)) is not None and old == quote else quote for quote in quotes]
