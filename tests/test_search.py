"""The search index (search.py): Pagefind fed records made from the site
model, in shards merged by the search page; a rebuild indexes again only the
shards whose records changed; serve commits first and catches up when idle.
(The search page itself, in a browser: test_browser.py.)"""
import gzip
import json
import os
import shutil
import stat
import time

import pytest

from quotetrail import search
from quotetrail.errors import ContentError
from quotetrail.pipeline import build
from quotetrail.search import (FOLDER, STATE, PagefindService, SearchIndexError, index_complete, index_shard,
                               page_records, read_state, shard_count)
from quotetrail.sitemodel import Page, PageMeta
from quotetrail.speed.memory import BuildMemory, prepare_next

from conftest import CONTENT, TEMPLATES, article_text


def indexed(site):
    """url → (content, filters, meta) of every page in the site's index (all its bundles)."""
    pages = {}
    for path in sorted((site / "pagefind").rglob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(b"pagefind_dcd")
        fragment = json.loads(data[len(b"pagefind_dcd"):])
        assert fragment["url"] not in pages, f"{fragment['url']} is in two shards"
        pages[fragment["url"]] = (fragment["content"], fragment["filters"], fragment["meta"])
    return pages


def index_files(site):
    """rel → (inode, mtime) of the index's files (Pagefind's: not quotetrail.json)."""
    return {p.relative_to(site).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
            for p in (site / "pagefind").rglob("*") if p.is_file() and p.name != "quotetrail.json"}


def searchable_urls(result):
    return {"/" + page.path for page in result.model.pages if page.searchable}


@pytest.fixture
def small_shards(monkeypatch):
    """Eight shards of the real content's searchable pages."""
    monkeypatch.setattr(search, "PAGES_PER_SHARD", 1)
    monkeypatch.setattr(search, "MAX_SHARDS", 8)


@pytest.fixture
def counted(monkeypatch):
    """The shards each build indexes (their record counts), build by build."""
    calls = []
    real = search.index_shard

    def index_shard(records, box=None):
        calls.append(len(records))
        return real(records, box)

    monkeypatch.setattr(search, "index_shard", index_shard)
    return calls


def copy_content(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    return content


def edit_body(content, slug="pbs-blinken-holds-briefing-after-meeting-xi", words="zanzibarian marmalade"):
    path = content / "articles" / f"{slug}.md"
    path.write_text(path.read_text() + f"\nA closing note on {words}.\n")
    return path


# ----------------------------------------------------------------------------- records


def test_every_searchable_page_is_a_record_made_from_the_model(built_site):
    state = read_state(built_site)
    assert state["complete"] is True and state["bundles"] == [""]  # under 500 pages: one bundle
    pages = indexed(built_site)
    title = "WATCH: Blinken holds briefing after meeting with China's President Xi in Beijing"
    article = pages["/articles/pbs-blinken-holds-briefing-after-meeting-xi.html"]
    assert article[2] == {"title": title}
    assert article[1]["type"] == ["Article"] and article[1]["outlet"] == ["PBS NewsHour"]
    assert "Antony Blinken" in article[1]["speaker"]
    assert article[0].startswith(f"{title} PBS NewsHour · 2023-06-19 · wire: AP U.S. Secretary of State Antony Blinken")
    assert "“This is something we’re going to keep working on.”" in article[0]  # (where the markers were: nothing)
    assert article[0].endswith("Quoted: Antony Blinken, Karine Jean-Pierre, The White House, Yang Tao.")
    quotes = {url: page for url, page in pages.items() if url.startswith("/quotes/")}
    assert quotes and all(page[1]["type"] == ["Quote"] for page in quotes.values())
    responsible = next(page for page in quotes.values() if "responsible attitude" in page[2]["title"])
    assert responsible[2]["title"].startswith("“We must take a responsible attitude")
    assert responsible[1]["speaker"] == ["Wang Yi"] and responsible[1]["outlet"] == ["CBC News"]
    # no quotation markers or tags in the text Pagefind was given
    assert not any(ch in text for text, _, _ in pages.values() for ch in "\ue000\ue001\ue002<")


def test_records_are_not_read_from_the_html(tmp_path):
    result = build(CONTENT, tmp_path / "site", templates_dir=TEMPLATES, search=False)
    unread = []
    records = page_records(result.model, unread.append, "en")
    assert unread == [] and len(records) == len(searchable_urls(result))
    assert all(record.request.startswith('"type":"AddRecord"') for record in records)


def test_a_searchable_page_of_another_kind_is_indexed_from_its_html():
    page = Page("notes/index.html", "note.html", {"meta": PageMeta(searchable=True)})
    model = type("Model", (), {"pages": (page,)})
    html = ('<html lang="en"><body><main data-pagefind-body><h1 data-pagefind-meta="title">Field notes</h1>'
            '<p>Quokkas <span data-pagefind-filter="type">Note</span></p></main></body></html>')
    [record] = page_records(model, {"notes/index.html": html}.__getitem__, "en")
    assert record.url == "/notes/" and record.request.startswith('"type":"AddFile"')
    files = dict(index_shard([record]))
    [fragment] = [data for path, data in files.items() if path.startswith("fragment/")]
    fragment = json.loads(gzip.decompress(fragment)[len(b"pagefind_dcd"):])
    assert fragment["url"] == "/notes/" and fragment["meta"]["title"] == "Field notes"
    assert fragment["filters"] == {"type": ["Note"]} and "Quokkas" in fragment["content"]


def test_the_service_answers_as_fast_as_pagefind_works():
    # (pagefind.index.PagefindIndex reads one answer per 0.1 s: 2,000 records would take 200 s)
    started = time.perf_counter()
    with PagefindService() as service:
        index = service.request({"type": "NewIndex", "config": None})["index_id"]
        numbers = [service.send({"type": "AddRecord", "index_id": index, "url": f"/p{n}.html", "content": f"page {n}",
                                 "language": "en", "meta": None, "filters": None, "sort": None}) for n in range(2000)]
        assert [service.result(n)["page_url"] for n in numbers[-2:]] == ["/p1998.html", "/p1999.html"]
        with pytest.raises(SearchIndexError, match="does not yet exist"):
            service.request({"type": "GetFiles", "index_id": index + 99})
    assert time.perf_counter() - started < 30


def test_shard_count_grows_with_the_site_and_keeps_its_count_within_a_margin():
    assert shard_count(1, None) == 1 and shard_count(500, None) == 1 and shard_count(501, None) == 2
    assert shard_count(7000, None) == 16 and shard_count(100_000, None) == search.MAX_SHARDS
    assert shard_count(4100, 8) == 8 and shard_count(1100, 8) == 8  # a little bigger or smaller: kept
    assert shard_count(9000, 8) == 16 and shard_count(700, 8) == 2  # far off: counted again
    assert shard_count(300, 3) == 1  # not a count this module makes


# ----------------------------------------------------------------------------- builds


def test_shards_hold_every_searchable_page_once_and_the_state_names_them(tmp_path, small_shards):
    result = build(CONTENT, tmp_path / "site", templates_dir=TEMPLATES)
    site = tmp_path / "site"
    state = read_state(site)
    assert len(state["bundles"]) == 8 and state["bundles"][0] == "" and state["complete"] is True
    assert set(indexed(site)) == searchable_urls(result)
    for bundle in state["bundles"][1:]:
        names = {p.name for p in (site / "pagefind" / bundle).iterdir()}
        assert "pagefind-entry.json" in names and "fragment" in names
        assert not names & {"pagefind.js", "pagefind-ui.js", "wasm.en.pagefind"}  # the primary's serve them all
    again = tmp_path / "again"
    build(CONTENT, again, templates_dir=TEMPLATES)
    assert (again / STATE).read_bytes() == (site / STATE).read_bytes()  # ours: the same for the same content


def test_a_rebuild_indexes_again_only_the_shards_whose_pages_changed(tmp_path, small_shards, counted):
    content = copy_content(tmp_path)
    site = tmp_path / "site"
    options = dict(templates_dir=TEMPLATES, cache_dir=tmp_path / "cache")
    build(content, site, **options)
    assert len(counted) == 8
    before, counted[:] = index_files(site), []
    assert build(content, site, **options).content is None  # nothing changed: nothing indexed
    edit_body(content)
    result = build(content, site, **options)
    assert len(counted) == 1, "an edit to an article's text changes its page's record alone"
    after = index_files(site)
    state = read_state(site)
    url = "/articles/pbs-blinken-holds-briefing-after-meeting-xi.html"
    shard = search.shard_of(url, 8)
    for rel, stamp in before.items():
        if search.file_shard(rel, state["bundles"]) not in (shard, None):
            assert after.get(rel) == stamp, f"{rel} of an unchanged shard was rewritten"
    assert "zanzibarian marmalade" in indexed(site)[url][0]
    # the same index as a cold build's
    cold = tmp_path / "cold"
    build(content, cold, templates_dir=TEMPLATES)
    assert (cold / STATE).read_bytes() == (site / STATE).read_bytes()
    assert indexed(cold) == indexed(site) and set(indexed(site)) == searchable_urls(result)


def test_a_template_change_indexes_nothing_again(tmp_path, small_shards, counted):
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    site, options = tmp_path / "site", dict(templates_dir=templates, cache_dir=tmp_path / "cache")
    build(CONTENT, site, **options)
    before, counted[:] = index_files(site), []
    base = templates / "base.html"
    base.write_text(base.read_text().replace("Built with quotetrail", "Made with quotetrail"))
    build(CONTENT, site, **options)
    assert counted == [] and index_files(site) == before  # every page changed, no record did
    cold = tmp_path / "cold"
    build(CONTENT, cold, templates_dir=templates)
    assert (cold / STATE).read_bytes() == (site / STATE).read_bytes()


def test_an_index_damaged_by_hand_is_made_again(tmp_path, small_shards, counted):
    site = tmp_path / "site"
    result = build(CONTENT, site, templates_dir=TEMPLATES)
    bundle = read_state(site)["bundles"][3]
    entry = site / "pagefind" / bundle / "pagefind-entry.json"
    meta = next(entry.parent.glob("*.pf_meta"))
    meta.unlink()
    counted[:] = []
    build(CONTENT, site, templates_dir=TEMPLATES, ignore_cache=True)
    assert len(counted) == 1 and index_complete(site) and set(indexed(site)) == searchable_urls(result)


def test_a_failed_index_leaves_the_last_site(tmp_path, monkeypatch):
    content = copy_content(tmp_path)
    site = tmp_path / "site"
    build(content, site, templates_dir=TEMPLATES, cache_dir=tmp_path / "cache")
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    fake = tmp_path / "pagefind"  # answers --version, fails as a service
    fake.write_text("#!/bin/sh\n[ \"$1\" = --version ] && { echo 'pagefind 0.0.1'; exit 0; }\n"
                    "echo 'indexer exploded' >&2\nexit 3\n")
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(fake))
    edit_body(content)
    with pytest.raises(SearchIndexError, match="indexer exploded"):
        build(content, site, templates_dir=TEMPLATES, cache_dir=tmp_path / "cache")
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site-")] == []


def test_turning_search_off_and_on_again(tmp_path):
    content, site = copy_content(tmp_path), tmp_path / "site"
    options = dict(templates_dir=TEMPLATES, cache_dir=tmp_path / "cache")
    build(content, site, **options)
    build(content, site, search=False, **options)
    assert not (site / "pagefind").exists()
    result = build(content, site, **options)
    assert index_complete(site) and set(indexed(site)) == searchable_urls(result)


# ----------------------------------------------------------------------------- serve


def idle(memory, seconds=120):
    """serve's idle steps until none remain."""
    deadline = time.monotonic() + seconds
    while prepare_next(memory):
        assert time.monotonic() < deadline, "the idle steps never ended"
        time.sleep(0.01)


def test_serve_commits_first_and_the_index_catches_up_when_idle(tmp_path, small_shards, counted):
    content, site = copy_content(tmp_path), tmp_path / "site"
    memory = BuildMemory(watched=True, search_later=True)
    options = dict(templates_dir=TEMPLATES, cache_dir=tmp_path / "cache", memory=memory)
    build(content, site, **options)
    assert counted == [] and not (site / "pagefind").exists()  # the first site goes out without waiting
    idle(memory)
    assert index_complete(site) and len(counted) == 8 and memory.search is None
    cold_state = (site / STATE).read_bytes()

    path = edit_body(content)
    memory.note_changes({str(path)})
    counted[:] = []
    kept = index_files(site)
    build(content, site, **options)
    url = "/articles/pbs-blinken-holds-briefing-after-meeting-xi.html"
    assert counted == [] and "zanzibarian" in (site / url.lstrip("/")).read_text()  # the page is out,
    assert "zanzibarian" not in indexed(site)[url][0] and index_files(site) == kept  # the index as it was,
    assert read_state(site)["complete"] is False and not index_complete(site)  # and said to be behind
    idle(memory)
    assert len(counted) == 1 and index_complete(site) and "zanzibarian" in indexed(site)[url][0]

    cold = tmp_path / "cold"
    build(content, cold, templates_dir=TEMPLATES)
    assert (cold / STATE).read_bytes() == (site / STATE).read_bytes() != cold_state
    assert indexed(cold) == indexed(site)
    assert not list(site.glob("pagefind/**/.tmp-*"))


def test_edits_while_the_index_catches_up_index_what_is_still_wanted(tmp_path, small_shards, counted):
    content, site = copy_content(tmp_path), tmp_path / "site"
    memory = BuildMemory(watched=True, search_later=True)
    options = dict(templates_dir=TEMPLATES, cache_dir=tmp_path / "cache", memory=memory)
    build(content, site, **options)
    idle(memory)
    for n, words in enumerate(["first edit", "second edit", "third edit"]):
        memory.note_changes({str(edit_body(content, words=words))})
        build(content, site, **options)
        prepare_next(memory)  # one step: the shard's indexing starts, the next edit comes
    idle(memory)
    url = "/articles/pbs-blinken-holds-briefing-after-meeting-xi.html"
    assert index_complete(site) and "third edit" in indexed(site)[url][0]
    cold = tmp_path / "cold"
    build(content, cold, templates_dir=TEMPLATES)
    assert indexed(cold) == indexed(site) and (cold / STATE).read_bytes() == (site / STATE).read_bytes()


def test_serve_puts_a_new_set_of_shards_in_place_at_once(tmp_path, monkeypatch):
    content, site = copy_content(tmp_path), tmp_path / "site"
    monkeypatch.setattr(search, "PAGES_PER_SHARD", 1)
    monkeypatch.setattr(search, "MAX_SHARDS", 2)
    build(content, site, templates_dir=TEMPLATES, cache_dir=tmp_path / "cache")
    old = index_files(site)
    assert read_state(site)["bundles"] == ["", "shard/2-1/"]
    monkeypatch.setattr(search, "MAX_SHARDS", 8)  # (as if the site had grown eightfold)
    memory = BuildMemory(watched=True, search_later=True)
    options = dict(templates_dir=TEMPLATES, cache_dir=tmp_path / "cache", memory=memory)
    build(content, site, **options)
    assert index_files(site) == old and not index_complete(site)  # the old shards serve until the new are all done
    idle(memory)
    assert read_state(site)["bundles"][1:] == [f"shard/8-{k}/" for k in range(1, 8)] and index_complete(site)
    assert not (site / "pagefind" / "shard" / "2-1").exists()
    cold = tmp_path / "cold"
    build(content, cold, templates_dir=TEMPLATES)
    assert (cold / STATE).read_bytes() == (site / STATE).read_bytes() and indexed(cold) == indexed(site)


def test_a_build_after_serve_stopped_early_completes_the_index(tmp_path, small_shards):
    content, site = copy_content(tmp_path), tmp_path / "site"
    cache = tmp_path / "cache"
    build(content, site, templates_dir=TEMPLATES, cache_dir=cache)
    memory = BuildMemory(watched=True, search_later=True)
    build(content, site, templates_dir=TEMPLATES, cache_dir=cache, memory=memory)
    memory.note_changes({str(edit_body(content))})
    build(content, site, templates_dir=TEMPLATES, cache_dir=cache, memory=memory)
    memory.stop_search()  # serve stopped before its idle steps
    assert not index_complete(site)
    result = build(content, site, templates_dir=TEMPLATES, cache_dir=cache)
    assert result.content is not None, "a build must not call a site whose index is behind unchanged"
    assert index_complete(site)
    assert "zanzibarian" in indexed(site)["/articles/pbs-blinken-holds-briefing-after-meeting-xi.html"][0]
    assert build(content, site, templates_dir=TEMPLATES, cache_dir=cache).content is None


def test_serve_reports_a_failed_index_and_keeps_the_last_one(tmp_path, monkeypatch):
    content, site = copy_content(tmp_path), tmp_path / "site"
    memory = BuildMemory(watched=True, search_later=True)
    options = dict(templates_dir=TEMPLATES, cache_dir=tmp_path / "cache", memory=memory)
    build(content, site, **options)
    idle(memory)
    kept = index_files(site)
    fake = tmp_path / "pagefind"
    fake.write_text("#!/bin/sh\n[ \"$1\" = --version ] && { echo 'pagefind 0.0.1'; exit 0; }\n"
                    "echo 'indexer exploded' >&2\nexit 3\n")
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(fake))
    memory.note_changes({str(edit_body(content))})
    build(content, site, **options)
    idle(memory)
    assert any("indexer exploded" in message for message in memory.messages)
    assert index_files(site) == kept and not index_complete(site)


def test_a_failed_build_under_serve_leaves_the_index_work_of_the_last_good_one(tmp_path, small_shards):
    content, site = copy_content(tmp_path), tmp_path / "site"
    memory = BuildMemory(watched=True, search_later=True)
    options = dict(templates_dir=TEMPLATES, cache_dir=tmp_path / "cache", memory=memory)
    build(content, site, **options)
    idle(memory)
    memory.note_changes({str(edit_body(content))})
    build(content, site, **options)
    broken = content / "articles" / "zz-broken.md"
    broken.write_text(article_text(date="not-a-date"))
    memory.note_changes({str(broken)})
    with pytest.raises(ContentError):
        build(content, site, **options)
    idle(memory)
    assert index_complete(site)
    assert "zanzibarian" in indexed(site)["/articles/pbs-blinken-holds-briefing-after-meeting-xi.html"][0]
    os.unlink(broken)
