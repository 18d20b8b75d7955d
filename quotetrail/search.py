"""Search index: Pagefind, fed records made from the site model.

Every searchable page (each article and each quote) becomes a Pagefind
*custom record* made from data the build already has — its address, title,
text, and its speaker, outlet and type filters — so Pagefind never reads or
parses the rendered site. The records are split by a stable hash of their
address into shards (about PAGES_PER_SHARD pages each, at most MAX_SHARDS),
each a Pagefind bundle of its own, which the search page merges in the
browser (Pagefind's multisite search, ``mergeIndex``). A rebuild indexes
again only the shards whose records changed, and keeps the others' files:
a shard whose pages' fingerprints (pages.py) are unchanged is not even
looked at; for the others the records are made and compared.

Under ``pagefind/``:

* the primary bundle, shard 0: Pagefind's scripts, styles and WebAssembly,
  and the index of its pages;
* ``shard/<N>-<k>/``: shard k of N, its index alone (a merged bundle is
  searched with the primary's scripts);
* ``quotetrail.json``: the bundles, and for each its page count, the digest
  of its pages' fingerprints (``inputs``) and of its records (``digests``,
  with the Pagefind version and this module), and whether every shard holds
  the pages as the last build made them (``complete``). ``assets/search.js``
  reads it. It is this module's only file in the folder, and the same for
  the same content, code and templates (Pagefind's own file names vary).

``build`` indexes before it commits (``index_site``), so a failed index
leaves the last site. ``serve`` commits first, keeping the last index (said
incomplete), and brings it up to date in its idle steps (``SearchUpdate``):
the reload is not kept waiting, and the search catches up a moment later.
A ``build`` after an interrupted ``serve`` sees the index incomplete and
completes it.

Pagefind runs as its service, ``pagefind --service`` (the binary the
``pagefind[bin]`` package bundles), which ``pagefind.index.PagefindIndex``
drives too. That wrapper reads one answer per 0.1 s (a sleep in its
polling loop), which would make 24,000 records take 40 minutes, so
``PagefindService`` here speaks the same protocol — base64-encoded JSON
messages, each followed by a comma — with a thread reading the answers as
they come.
"""
from __future__ import annotations

import base64
import hashlib
import inspect
import json
import os
import re
import subprocess
import tempfile
import threading
import zlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path, PurePosixPath

FOLDER = "pagefind/"
STATE = FOLDER + "quotetrail.json"
SHARDS = "shard/"  # the shards but the first, in the folder
PAGES_PER_SHARD = 500  # what an edit indexes again: ~0.5 s of Pagefind's time per shard it touches
MAX_SHARDS = 16  # bundles the search page merges: each costs it a few small requests before the first result
INDEXERS = 4  # Pagefind processes at once in a build, at most (each holds one shard: ~55 KB a page at its peak)
TIMEOUT = 900  # seconds an indexing may take before it is given up
FORMAT = 1
# What a merged shard needs of its bundle (the primary's scripts search it)
_SHARD_FILES = re.compile(r"pagefind-entry\.json$|[^/]+\.pf_meta$|(?:index|filter|fragment)/")
_SHARD_FOLDER = re.compile(r"shard/(\d+)-(\d+)/")


class SearchIndexError(RuntimeError):
    pass


# ----------------------------------------------------------------------------- Pagefind's service


def _executable() -> Path:
    try:
        from pagefind.service import get_executable
    except ImportError:
        raise SearchIndexError("search indexing needs the pagefind package (pip install 'pagefind[bin]'), "
                               "or build with --no-search") from None
    found = get_executable()
    if found is None:
        raise SearchIndexError("the pagefind binary was not found (pip install 'pagefind[bin]'), or build with --no-search")
    return Path(found)


_VERSION: dict = {}


def pagefind_version() -> str:
    """The binary's version (``pagefind --version``): a shard indexed by
    another version is indexed again (merged bundles must match the primary's scripts)."""
    exe = _executable()
    if exe not in _VERSION:
        try:
            result = subprocess.run([str(exe), "--version"], capture_output=True, text=True, timeout=60)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise SearchIndexError(f"search indexing could not run pagefind: {exc}") from None
        if result.returncode != 0:
            raise SearchIndexError(f"search indexing could not run pagefind: {(result.stderr or result.stdout).strip()}")
        _VERSION[exe] = result.stdout.strip()
    return _VERSION[exe]


class PagefindService:
    """One ``pagefind --service`` process: ``send`` a request, ``result``
    waits for its answer. A thread reads the answers as they come, so any
    number of requests can be sent before the first answer is read."""

    def __init__(self):
        self._errors = tempfile.TemporaryFile()
        try:
            self.process = subprocess.Popen([str(_executable()), "--service"], stdin=subprocess.PIPE,
                                            stdout=subprocess.PIPE, stderr=self._errors)
        except OSError as exc:
            self._errors.close()
            raise SearchIndexError(f"search indexing could not start pagefind: {exc}") from None
        self._sent = 0
        self._answers: dict = {}
        self._ended = False
        self._ready = threading.Condition()
        self._reader = threading.Thread(target=self._read, daemon=True, name="quotetrail-pagefind")
        self._reader.start()

    def _read(self) -> None:
        parts = []  # of the message being read (an index's files come in thousands of pieces)
        stream = self.process.stdout
        try:
            while chunk := stream.read1(1 << 16):
                if b"," not in chunk:
                    parts.append(chunk)
                    continue
                first, *messages, rest = chunk.split(b",")
                parts.append(first)
                messages.insert(0, b"".join(parts))
                parts = [rest]
                answers = []
                for message in messages:
                    try:
                        answer = json.loads(base64.b64decode(message))
                    except ValueError:
                        continue  # not a message of the protocol
                    if isinstance(answer, dict) and answer.get("message_id") is not None:
                        answers.append(answer)
                if answers:
                    with self._ready:
                        for answer in answers:
                            self._answers[answer["message_id"]] = answer.get("payload") or {}
                        self._ready.notify_all()
        except (OSError, ValueError):
            pass
        finally:
            with self._ready:
                self._ended = True
                self._ready.notify_all()

    def send(self, payload: dict) -> int:
        return self.send_json(json.dumps(payload, ensure_ascii=False))

    def send_json(self, payload: str) -> int:
        """Send a request given as its JSON; returns its number (for ``result``)."""
        self._sent += 1
        message = '{"message_id":%d,"payload":%s}' % (self._sent, payload)
        try:
            self.process.stdin.write(base64.b64encode(message.encode("utf-8")) + b",")
        except (OSError, ValueError):
            raise SearchIndexError(self._failure("stopped taking requests")) from None
        return self._sent

    def result(self, number: int, timeout: float = TIMEOUT) -> dict:
        """The answer to request ``number`` (the requests sent before it are sent now)."""
        try:
            self.process.stdin.flush()
        except (OSError, ValueError):
            raise SearchIndexError(self._failure("stopped taking requests")) from None
        with self._ready:
            if not self._ready.wait_for(lambda: number in self._answers or self._ended, timeout):
                raise SearchIndexError(f"search indexing gave no answer in {timeout:.0f} s (pagefind)")
            if number not in self._answers:
                raise SearchIndexError(self._failure("ended"))
            answer = self._answers.pop(number)
        if answer.get("type") == "Error":
            raise SearchIndexError(f"search indexing failed (pagefind): {answer.get('message')}")
        return answer

    def request(self, payload: dict) -> dict:
        return self.result(self.send(payload))

    def _failure(self, what: str) -> str:
        try:
            self.process.wait(timeout=5)
            self._errors.seek(0)
            detail = self._errors.read().decode("utf-8", "replace").strip().splitlines()[-5:]
        except (OSError, subprocess.TimeoutExpired):
            detail = []
        return f"search indexing failed: pagefind {what}" + (": " + " | ".join(detail) if detail else "")

    def close(self) -> None:
        """End the process: it keeps nothing that is not given back (an index's
        files are, by GetFiles), so it is stopped rather than asked to end
        (which a forked process holding its input open would delay)."""
        try:
            self.process.stdin.close()
        except (OSError, ValueError):
            pass
        self.process.kill()
        self.process.wait()
        self._reader.join(timeout=5)
        self._errors.close()

    def kill(self) -> None:
        """Stop at once (from another thread: its requests then fail)."""
        try:
            self.process.kill()
        except OSError:
            pass

    def __enter__(self) -> "PagefindService":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


# ----------------------------------------------------------------------------- records


@dataclass(frozen=True)
class Record:
    """What Pagefind is given for one page: ``request``, the JSON of an
    AddRecord (or, for a page of an unknown kind, AddFile) request without its index."""

    url: str
    request: str


_TAG = re.compile(r"<[^>]*>")
_MARKS: str | None = None  # the quotation markers of a body's HTML (render.py)


def plain_text(html_text: str) -> str:
    """The words of a piece of HTML (a sanitised article body), without its quotation markers."""
    global _MARKS
    if _MARKS is None:
        from .render import CLOSE, LABEL, OPEN
        _MARKS = f"[{OPEN}{CLOSE}{LABEL}]\\d*[{OPEN}{CLOSE}{LABEL}]?"
    text = _TAG.sub(" ", html_text)
    if "&" in text:
        text = unescape(text)
    return " ".join(re.sub(_MARKS, "", text).split())


_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False).encode


_SIGNATURES: dict = {}


def _arguments(page, *names: str) -> tuple:
    """A deferred page's arguments, by their names in its ``make`` function."""
    make = page.make
    if make not in _SIGNATURES:
        _SIGNATURES[make] = list(inspect.signature(make).parameters)
    parameters = _SIGNATURES[make]
    return tuple(page.args[parameters.index(name)] for name in names)


def _request(kind: str, fields: dict) -> str:
    return '"type":"%s",%s' % (kind, _ENCODE(fields)[1:-1])


def _filters(**values) -> dict:
    return {name: list(dict.fromkeys(v)) for name, v in values.items() if v}


def article_record(page, language: str) -> Record:
    """An article's page (``sitemodel.article_page``'s arguments)."""
    from .render import render_body

    ref, links, parse = _arguments(page, "ref", "links", "parse")
    article = parse.article
    body = parse.body_html if parse.body_html is not None else render_body(article.body, [])
    speakers = _speakers_of(links)
    about = [article.outlet.name, ref.date] + ([f"wire: {article.wire}"] if article.wire else []) \
        + ([article.byline] if article.byline else [])
    lines = [article.title, " · ".join(about), plain_text(body)]
    if speakers:
        lines.append("Quoted: " + ", ".join(speakers) + ".")
    url = _url(page.path)
    return Record(url, _request("AddRecord", {
        "url": url, "content": "\n".join(lines), "language": language, "meta": {"title": article.title},
        "filters": _filters(outlet=[article.outlet.name], speaker=speakers, type=["Article"]), "sort": None}))


def _speakers_of(links) -> list[str]:
    """The speakers an article's page names: those of its quotations' links
    (for each quotation, (start, ``sitemodel.QuoteLink``) of each statement)
    who have a page."""
    speakers = {link.speaker for statements in links for _, link in statements}
    return sorted({speaker.name for speaker in speakers if speaker.path})


def quote_record(page, language: str) -> Record:
    """A quote's page (``sitemodel.quote_page``'s arguments): the wording,
    the speaker, each printing's article, and each other wording printed."""
    row, = _arguments(page, "row")
    title = f"“{row.text}”"
    count = len(row.outlets)
    lines = [title, f"{row.speaker.name} · carried by {count} outlet{'s' if count != 1 else ''}"
             + (" · wording differs" if row.differs else "")]
    lines += [f"{o.article.outlet.name}: {o.article.title} · {o.article.date}" for o in row.occurrences]
    lines += [f"“{text}”" for text in dict.fromkeys(o.text for o in row.occurrences) if text != row.text]
    url = _url(page.path)
    return Record(url, _request("AddRecord", {
        "url": url, "content": "\n".join(lines), "language": language, "meta": {"title": title},
        "filters": _filters(speaker=[row.speaker.name], outlet=[o.name for o in row.outlets], type=["Quote"]),
        "sort": None}))


def html_record(page, html_text: str) -> Record:
    """A searchable page of another kind: Pagefind reads its HTML (its
    ``data-pagefind-*`` attributes), as it would on disk."""
    url = _url(page.path)
    return Record(url, _request("AddFile", {"url": url, "file_path": None, "file_contents": html_text}))


def _url(path: str) -> str:
    """A page's address in the index (the search page adds the site's root)."""
    if path.endswith("index.html"):
        from .sitemodel import page_url
        return "/" + page_url(path)
    return "/" + path


_MAKERS: dict = {}


def _record_maker(page):
    """The record maker for a page made by one of the site model's functions, or None."""
    if not _MAKERS:
        from .sitemodel import article_page, quote_page
        _MAKERS.update({article_page: article_record, quote_page: quote_record})
    return _MAKERS.get(getattr(page, "make", None))


class RecordMaker:
    """Each searchable page's record, made when asked for. ``read_html(path)``
    gives a page's HTML when its kind has no record maker. ``kept`` (serve's
    memory: id(page) → (page, record)) gives back the record made from the
    very same page object before; ``keep_only`` drops the pages a build no longer has."""

    def __init__(self, read_html, language: str, kept: dict | None = None):
        self.read_html, self.language = read_html, language
        self.kept = kept if kept is not None else {}

    def __call__(self, page) -> Record:
        hit = self.kept.get(id(page))
        if hit is not None and hit[0] is page:
            return hit[1]
        record = self._from_model(page)
        if record is None:
            record = html_record(page, self.read_html(page.path))
        self.kept[id(page)] = (page, record)
        return record

    def _from_model(self, page) -> Record | None:
        maker = _record_maker(page)
        if maker is None:
            return None
        try:
            return maker(page, self.language)
        except (AttributeError, TypeError, ValueError, IndexError):
            return None  # arguments it does not know (the site model changed): the page's HTML then

    def keep_only(self, pages) -> None:
        ids = {id(page) for page in pages}
        for key in [key for key in self.kept if key not in ids]:
            del self.kept[key]

    def ahead(self, pages: list, count: int) -> list:
        """Make the records of up to ``count`` of ``pages`` not made yet (of
        the kinds made from the site model: serve's idle steps, so that an
        edit's rebuild makes only its own pages'); returns the pages left."""
        for n, page in enumerate(pages):
            if n == count:
                return pages[n:]
            hit = self.kept.get(id(page))
            if hit is None or hit[0] is not page:
                record = self._from_model(page)
                if record is not None:
                    self.kept[id(page)] = (page, record)
        return []


def page_records(model, read_html, language: str, kept: dict | None = None) -> list[Record]:
    """A record per searchable page of ``model`` (see RecordMaker)."""
    make = RecordMaker(read_html, language, kept)
    pages = [page for page in model.pages if page.searchable]
    make.keep_only(pages)
    return [make(page) for page in pages]


# ----------------------------------------------------------------------------- shards and the plan


def shard_count(pages: int, previous: int | None) -> int:
    """How many shards: about PAGES_PER_SHARD pages each, a power of two, at
    most MAX_SHARDS. The last index's count is kept while its shards hold
    between a quarter and twice that (a site that grows or shrinks a little
    is not indexed again whole)."""
    ideal = 1
    while ideal < MAX_SHARDS and pages > ideal * PAGES_PER_SHARD:
        ideal *= 2
    if previous and previous & (previous - 1) == 0 and previous <= MAX_SHARDS and (
            previous == ideal or PAGES_PER_SHARD / 4 <= pages / previous <= PAGES_PER_SHARD * 2):
        return previous
    return ideal


def shard_of(url: str, count: int) -> int:
    return zlib.crc32(url.encode("utf-8")) % count


def bundle_of(shard: int, count: int) -> str:
    """A shard's folder, relative to ``pagefind/``."""
    return "" if shard == 0 else f"{SHARDS}{count}-{shard}/"


_SALT: dict = {}


def _salt() -> bytes:
    """What every shard's digest depends on besides its records: this module
    (how records are made) and the Pagefind version (what it makes of them)."""
    version = pagefind_version()
    if version not in _SALT:
        _SALT[version] = hashlib.blake2b(Path(__file__).read_bytes() + version.encode(), digest_size=16).digest()
    return _SALT[version]


@dataclass
class Plan:
    """The index a build wants, shard by shard: a digest of its pages'
    fingerprints (``inputs``: cheap, known for every page), of its records
    (``digests``: what is indexed), its page count, and, for the shards whose
    pages changed, its records; and, against the last index (``previous``,
    its quotetrail.json), the shards to index (``todo``)."""

    count: int
    inputs: list[str]
    digests: list[str]
    pages: list[int]
    records: list  # per shard, sorted by address; None for a shard whose pages did not change
    previous: dict | None
    todo: list[int]

    @property
    def bundles(self) -> list[str]:
        return [bundle_of(k, self.count) for k in range(self.count)]

    @property
    def same_layout(self) -> bool:
        return self.previous is not None and self.previous.get("bundles") == self.bundles

    def state(self, behind=(), current: dict | None = None) -> bytes:
        """quotetrail.json for this index, but for the shards ``behind``,
        which hold what ``current`` (the index's state on disk) says. The
        search page merges the shards that hold pages (Pagefind cannot merge
        an empty bundle)."""
        inputs, digests, pages = list(self.inputs), list(self.digests), list(self.pages)
        for k in behind:
            inputs[k], digests[k], pages[k] = current["inputs"][k], current["digests"][k], current["pages"][k]
        return (json.dumps({"format": FORMAT, "complete": not behind, "bundles": self.bundles, "pages": pages,
                            "inputs": inputs, "digests": digests}, indent=1) + "\n").encode()


def read_state(site: Path | None) -> dict | None:
    if site is None:
        return None
    try:
        state = json.loads((Path(site) / STATE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(state, dict) or state.get("format") != FORMAT:
        return None
    lists = [state.get(key) for key in ("bundles", "pages", "inputs", "digests")]
    if not all(isinstance(value, list) and len(value) == len(lists[0]) for value in lists):
        return None
    return state


def index_complete(site: Path) -> bool:
    """Whether the site's search index holds every page as the last build made it
    (``serve`` commits before it indexes; an interrupted ``serve`` leaves it behind)."""
    state = read_state(site)
    return state is not None and state.get("complete") is True


def _bundle_present(site: Path, bundle: str, listed: set[str]) -> bool:
    """A bundle's entry and the meta file it names are there (a file deleted
    by hand from the index makes the shard indexed again)."""
    entry = FOLDER + bundle + "pagefind-entry.json"
    if entry not in listed:
        return False
    try:
        languages = json.loads((site / entry).read_text(encoding="utf-8"))["languages"]
        return all(f"{FOLDER}{bundle}pagefind.{language['hash']}.pf_meta" in listed for language in languages.values())
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return False


def make_plan(pages: list, prints: dict, record_of, previous_site: Path | None, listed: set[str]) -> Plan:
    """The plan for the searchable ``pages``; ``prints``: each page's
    fingerprint by path (pages.py), ``record_of(page)`` its Record. A shard
    whose pages' fingerprints are those of the last index is kept without a
    look at its records; for the others, the records are made and compared
    (after a template change, say, most come out the same)."""
    previous = read_state(previous_site)
    count = shard_count(len(pages), len(previous["bundles"]) if previous else None)
    shards: list[list] = [[] for _ in range(count)]
    for page in pages:
        url = _url(page.path)
        shards[shard_of(url, count)].append((url, page))
    salt = _salt()
    plan = Plan(count, [], [], [], [], previous, [])
    same = plan.same_layout
    for k, shard in enumerate(shards):
        shard.sort(key=lambda item: item[0])
        fingerprints = [prints.get(page.path) for _, page in shard]
        inputs = None
        if all(fingerprints):
            listed_pages = "\0".join(f"{url}\0{fingerprint}" for (url, _), fingerprint in zip(shard, fingerprints))
            inputs = hashlib.blake2b(salt + listed_pages.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
        present = same and _bundle_present(previous_site, bundle_of(k, count), listed)
        if present and inputs is not None and previous["inputs"][k] == inputs:
            records, digest = None, previous["digests"][k]
        else:
            records = [record_of(page) for _, page in shard]
            h = hashlib.blake2b(salt, digest_size=16)
            for record in records:
                h.update(record.request.encode("utf-8", "surrogatepass"))
                h.update(b"\0")
            digest = h.hexdigest()
            if inputs is None:
                inputs = "records:" + digest  # (a page without a fingerprint: its shard is known by its records)
            if not (present and previous["digests"][k] == digest):
                plan.todo.append(k)
        plan.inputs.append(inputs)
        plan.digests.append(digest)
        plan.pages.append(len(shard))
        plan.records.append(records)
    plan.todo.sort(key=lambda k: -plan.pages[k])  # the largest first: parallel indexers finish together
    return plan


def shard_files(shard: int, count: int, files: list) -> list[tuple[str, bytes]]:
    """A shard's files in the site (``files``: Pagefind's, by path in its
    bundle). A merged shard needs its index alone."""
    bundle = FOLDER + bundle_of(shard, count)
    return sorted((bundle + path, data) for path, data in files if shard == 0 or _SHARD_FILES.match(path))


def file_shard(rel: str, bundles: list[str]) -> int | None:
    """The shard of ``bundles`` a file of the index belongs to; None for
    quotetrail.json and the files of shards not in ``bundles``."""
    if not rel.startswith(FOLDER) or rel == STATE:
        return None
    rest = rel[len(FOLDER):]
    folder = _SHARD_FOLDER.match(rest)
    if folder is None:
        return 0 if bundles else None
    try:
        return bundles.index(folder.group(0))
    except ValueError:
        return None


class Services(list):
    """The Pagefind processes some threads run, so that another can stop them
    all (``stop``): one started after that is stopped at once."""

    stopped = False

    def append(self, service: PagefindService) -> None:
        super().append(service)
        if self.stopped:
            service.kill()

    def stop(self) -> None:
        self.stopped = True
        for service in list(self):
            service.kill()


def index_shard(records: list[Record], services: Services | None = None) -> list[tuple[str, bytes]]:
    """Index one shard's records in a Pagefind process of its own; returns its
    bundle's files (path in the bundle, bytes). ``services`` receives the
    process, so that another thread can stop it."""
    with PagefindService() as service:
        if services is not None:
            services.append(service)
        index = service.request({"type": "NewIndex", "config": None})["index_id"]
        numbers = [service.send_json("{%s,\"index_id\":%d}" % (record.request, index)) for record in records]
        for number in numbers:
            service.result(number)
        files = service.request({"type": "GetFiles", "index_id": index}).get("files")
    if not files or not any(f.get("path") == "pagefind-entry.json" for f in files):
        raise SearchIndexError("search indexing produced no index (pagefind gave no pagefind-entry.json)")
    return [(f["path"], base64.b64decode(f["content"])) for f in files]


# ----------------------------------------------------------------------------- build: index, then commit


def index_site(staging, model, prints: dict, memory=None, jobs: int = 1) -> None:
    """The search index of the site being staged (``prints``: each page's
    fingerprint, by path): the shards whose records changed are indexed (by
    up to ``jobs`` Pagefind processes at once) and written, the others' files
    kept. With a ``memory`` that indexes later (``serve``), the last index is
    kept as it is and the work is left for the idle steps (``SearchUpdate``)."""
    from .write import write_file

    previous, listed = staging.previous, staging.listed

    def read_html(path: str) -> str:
        fresh = path in staging.fresh
        return ((staging.root if fresh else previous) / path).read_text(encoding="utf-8")

    make = RecordMaker(read_html, model.config.language or "en", memory.search_records if memory is not None else None)
    pages = [page for page in model.pages if page.searchable]
    make.keep_only(pages)
    plan = make_plan(pages, prints, make, previous, listed)
    later = memory is not None and memory.search_later
    if later:
        make.read_html = None  # (the staging folder is gone once committed; ahead() reads no page)
        memory.search_ahead = (make, pages)  # the other pages' records, made in the idle steps
    if later and plan.todo:
        _keep_last_index(staging, plan, memory)
        return
    done = index_shards(plan, jobs)
    bundles = plan.bundles
    _keep(staging, [rel for rel in _index_listing(listed) if plan.same_layout and file_shard(rel, bundles) not in (None, *done)])
    for k, files in sorted(done.items()):
        for rel, data in shard_files(k, plan.count, files):
            staging.record(rel, write_file(staging.root, rel, data, previous, staging.link))
    staging.record(STATE, write_file(staging.root, STATE, plan.state(), previous, staging.link))
    if memory is not None:
        memory.stop_search()  # the index is complete: nothing is left for the idle steps


def _index_listing(listed: set[str]) -> list[str]:
    """The index's files among a site's."""
    return [rel for rel in listed if rel.startswith(FOLDER)]


def _keep(staging, rels: list[str]) -> None:
    """Keep the last output's files ``rels`` (tens of thousands, for a large index)."""
    if staging.link:  # a staging folder holding the whole site: each is linked into it
        for rel in rels:
            staging.keep(rel)
    else:  # a patch: they stay where they are
        staging.record_all(rels, False)


def index_shards(plan: Plan, jobs: int) -> dict[int, list]:
    """The plan's shards to index, by up to ``jobs`` (at most INDEXERS)
    Pagefind processes at once; the first failure stops them all."""
    if not plan.todo:
        return {}
    services = Services()  # every process started, so that a failure (or Ctrl-C) stops the others
    with ThreadPoolExecutor(max(1, min(jobs, INDEXERS, len(plan.todo))), thread_name_prefix="quotetrail-index") as pool:
        futures = {k: pool.submit(index_shard, plan.records[k], services) for k in plan.todo}
        try:
            return {k: future.result() for k, future in futures.items()}
        except BaseException:
            for future in futures.values():
                future.cancel()
            services.stop()
            raise


def _keep_last_index(staging, plan: Plan, memory) -> None:
    """serve: the site goes out with the last index, marked incomplete, and
    the shards to index are left for the idle steps."""
    from .write import write_file

    state = None
    if plan.previous is not None:
        _keep(staging, [rel for rel in _index_listing(staging.listed) if rel != STATE])
        if plan.same_layout:
            state = plan.state(plan.todo, plan.previous)
        else:  # the last index, whole, until the new one is
            state = (json.dumps(dict(plan.previous, complete=False), indent=1) + "\n").encode()
        staging.record(STATE, write_file(staging.root, STATE, state, staging.previous, staging.link))
    memory.search = SearchUpdate(plan, staging.output, state, memory.search)


# ----------------------------------------------------------------------------- serve: commit, then index


@dataclass
class _Job:
    shard: int
    digest: str
    files: list | None = None
    error: BaseException | None = None
    services: Services = field(default_factory=Services)
    thread: threading.Thread | None = None

    def start(self, records: list[Record]) -> None:
        def run():
            try:
                self.files = index_shard(records, self.services)
            except BaseException as exc:  # reported by the idle step
                self.error = exc
        self.thread = threading.Thread(target=run, daemon=True, name=f"quotetrail-index-{self.shard}")
        self.thread.start()

    @property
    def finished(self) -> bool:
        return self.thread is not None and not self.thread.is_alive()

    def stop(self) -> None:
        self.services.stop()


class SearchUpdate:
    """serve's search index catching up with the site it committed: one
    shard at a time, each in a Pagefind process running beside serve, put in
    place as it is done (all at once when the shards themselves changed).
    ``step`` is one idle step; ``previous``, the update this one replaces:
    what it is indexing that is still wanted carries on."""

    # Pagefind processes at once: half the cores, the others left to the next edit's rebuild
    RUNNING = max(1, min(INDEXERS, (os.cpu_count() or 2) // 2))

    def __init__(self, plan: Plan, output: Path, state: bytes | None, previous: "SearchUpdate | None" = None):
        self.plan, self.output, self.state = plan, Path(output), state
        self.checked = False
        self.error: str | None = None
        self.jobs: dict[int, _Job] = {}
        wanted = {k: plan.digests[k] for k in plan.todo}
        if previous is not None:
            for k, job in previous.jobs.items():
                if previous.plan.bundles == plan.bundles and wanted.get(k) == job.digest and job.error is None:
                    self.jobs[k] = job
                else:
                    job.stop()
        self.todo = [k for k in plan.todo if k not in self.jobs]
        self.behind = set(plan.todo)  # the shards not yet put in place

    def step(self) -> bool:
        """One idle step: start, look at and put in place the shards' indexing.
        Returns whether work remains (False too when it failed: ``error``)."""
        if not self.checked:
            self.checked = True
            try:
                now = (self.output / STATE).read_bytes()
            except OSError:
                now = None
            if now != self.state:  # the build that planned this did not commit its site
                self.stop()
                return False
        for job in list(self.jobs.values()):
            if job.finished and job.error is not None:
                self.error = str(job.error) if isinstance(job.error, SearchIndexError) else f"search indexing failed: {job.error!r}"
                self.stop()
                return False
        running = sum(1 for job in self.jobs.values() if not job.finished)
        while self.todo and running < self.RUNNING:
            k = self.todo.pop(0)
            self.jobs[k] = _Job(k, self.plan.digests[k])
            self.jobs[k].start(self.plan.records[k])
            running += 1
        finished = {k: job for k, job in self.jobs.items() if job.finished}
        if self.plan.same_layout:
            ready = finished
        else:
            ready = finished if not self.todo and len(finished) == len(self.jobs) else {}
        if ready:
            try:
                applied = put_in_place(self.output, self.plan, {k: job.files for k, job in ready.items()},
                                       self.behind - set(ready))
            except OSError as exc:
                self.error = f"search index could not be written: {exc}"
                self.stop()
                return False
            if applied:
                for k in ready:
                    del self.jobs[k]
                self.behind -= set(ready)
        return bool(self.jobs or self.todo)

    def stop(self) -> None:
        for job in self.jobs.values():
            job.stop()
        self.jobs.clear()
        self.todo.clear()



def put_in_place(output: Path, plan: Plan, shards: dict[int, list], behind: set) -> bool:
    """Write indexed shards into a site that is being served: each file
    written aside and renamed into place, a bundle's entry last (it names the
    rest), then quotetrail.json (``behind``: the shards still to come), then
    the files no longer used are deleted. When the shards themselves changed,
    ``shards`` holds them all. False when another build holds the output
    (tried again at the next step)."""
    from .guard import OutputBusy, build_lock

    output = Path(output).resolve()
    try:
        with build_lock(output, None, wait=0, announce=lambda _: None):
            current = read_state(output)
            same = plan.same_layout and current is not None and current.get("bundles") == plan.bundles
            if not same and (behind or len(shards) < plan.count):
                return True  # the layout changed again meanwhile: the next build plans anew
            written = set()
            for k, files in sorted(shards.items()):
                mine = shard_files(k, plan.count, files)
                for rel, data in sorted(mine, key=lambda item: item[0].endswith("/pagefind-entry.json")):
                    _replace(output, rel, data)
                    written.add(rel)
            _replace(output, STATE, plan.state(behind, current))
            for rel in _index_files(output):
                if rel in written or rel == STATE:
                    continue
                k = file_shard(rel, plan.bundles)
                if k is None or k in shards:
                    (output / rel).unlink(missing_ok=True)
            _remove_empty_folders(output / FOLDER)
    except OutputBusy:
        return False
    return True


def _replace(output: Path, rel: str, data: bytes) -> None:
    dest = output / PurePosixPath(rel)
    try:
        if dest.stat().st_size == len(data) and dest.read_bytes() == data:
            return  # the same bytes: left as they are
    except OSError:
        pass
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=dest.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, dest)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _index_files(output: Path) -> list[str]:
    found = []
    for here, _, names in os.walk(output / FOLDER):
        for name in names:
            found.append(os.path.relpath(os.path.join(here, name), output).replace(os.sep, "/"))
    return sorted(found)


def _remove_empty_folders(folder: Path) -> None:
    for here, _, _ in sorted(os.walk(folder), key=lambda entry: -entry[0].count(os.sep)):
        if Path(here) != folder:
            try:
                os.rmdir(here)
            except OSError:
                pass

