"""Page fingerprints: a hash of everything a page shows, so a rebuild renders
only the pages whose inputs changed and keeps the others as they are.

A row that many pages show (``SHARED_ROWS``: the cross-reference repeats every
quote, and so do the speaker pages, the quote pages, the index) stands in by
its digest, made once per build, instead of being pickled again on every
page; a value named by a content key (``KEYED``: an article's parse) by its key.
"""
from __future__ import annotations

import copyreg
import hashlib
import io
import pickle

from ..sitemodel import KEYED, SHARED_ROWS, DeferredPage

FINGERPRINT_PROTOCOL = 5  # of every pickle a fingerprint hashes (a keyed value without a key is reduced for it too)
SHARED_CONTEXT = ("site", "nav")  # the same objects on (nearly) every page


def shared_context(pages) -> tuple[dict, bytes]:
    """The values most pages share, and their bytes: hashed once into the
    salt instead of pickled again for each page (~40 % of fingerprinting)."""
    shared = {key: pages[0].context[key] for key in SHARED_CONTEXT if pages and key in pages[0].context}
    return shared, pickle.dumps(shared, protocol=FINGERPRINT_PROTOCOL)


def fingerprint_inputs(page) -> tuple:
    """What a page's fingerprint is a function of (with the salt): a process
    that keeps its last build's pages (``serve``) compares them, which is far
    cheaper than hashing them, and hashes only the pages that changed. (A
    deferred page's inputs are its function and arguments, not its context.)"""
    if isinstance(page, DeferredPage):
        return page.template, page.make, page.args
    return page.template, page.context


def _digested(digest: bytes):  # named in fingerprints only; never unpickled
    raise TypeError("a fingerprint is not meant to be unpickled")


def _by_key(value):
    if value.key is None:
        return value.__reduce_ex__(FINGERPRINT_PROTOCOL)
    return _digested, (value.key.encode(),)


class Fingerprinter:
    """Fingerprints pages; remembers each shared row's digest for the build
    (``kept``: last build's, when a process keeps them, taken for the very same rows).
    Each entry holds its row, so the row's id is not reused while it is there."""

    def __init__(self, kept: dict | None = None):
        self.digests: dict[int, tuple[object, bytes]] = {}  # id → (the row, its digest)
        self._kept = kept or {}
        # a dispatch table, not ``reducer_override``: the pickler looks a type up
        # in it without calling Python, where the override was called for every object
        self._table = {**copyreg.dispatch_table, **dict.fromkeys(SHARED_ROWS, self._by_digest),
                       **dict.fromkeys(KEYED, _by_key)}

    def fingerprint(self, page, salt: bytes, shared: dict | None = None) -> str:
        """A hash of everything the page shows; a shared value stands in by name
        only when it is the very object the salt was made from. A deferred page's
        context is a function of its inputs (and the code, in the salt): those are
        hashed instead, so an unchanged page's context is never made at all."""
        shared = shared or {}
        if isinstance(page, DeferredPage):
            by_id = {id(value): key for key, value in shared.items()}
            inputs = tuple(("(shared)", by_id[id(a)]) if id(a) in by_id and a is shared[by_id[id(a)]] else a
                           for a in page.args)
            what = self._bytes((page.make.__module__, page.make.__qualname__, inputs))
        else:
            own = {key: value for key, value in page.context.items() if not (key in shared and value is shared[key])}
            own["(shared)"] = tuple(key for key in page.context if key not in own)
            what = self._bytes(own)
        return hashlib.blake2b(salt + page.template.encode() + what, digest_size=16).hexdigest()

    def row_digest(self, row) -> bytes:
        """A digest of a shared row's type and fields (rows inside it by their own
        digests): a function of the value, whichever page or process meets it first."""
        hit = self.digests.get(id(row))
        if hit is not None and hit[0] is row:
            return hit[1]
        hit = self._kept.get(id(row))
        if hit is None or hit[0] is not row:
            hit = (row, hashlib.blake2b(self._bytes((type(row).__qualname__, vars(row))), digest_size=16).digest())
        self.digests[id(row)] = hit
        return hit[1]

    def _by_digest(self, row):
        return _digested, (self.row_digest(row),)

    def _bytes(self, value) -> bytes:
        buffer = io.BytesIO()
        pickler = pickle.Pickler(buffer, protocol=FINGERPRINT_PROTOCOL)
        pickler.dispatch_table = self._table
        pickler.dump(value)
        return buffer.getvalue()


def fingerprint(page, salt: bytes, shared: dict | None = None) -> str:
    """A page's fingerprint, on its own (no digests remembered)."""
    return Fingerprinter().fingerprint(page, salt, shared)
