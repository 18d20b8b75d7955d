"""Incremental builds: after any change, the output equals a cold build's,
unchanged files are not rewritten, and nothing changed means nothing done."""
import os
import shutil

import pytest

from quotetrail.speed import cache as cache_module
from quotetrail.speed.cache import scan_sources
from quotetrail.files import READ_CHUNK
from quotetrail.errors import ContentError
from quotetrail.pipeline import build
from quotetrail.speed.memory import BuildMemory, prepare_next
from quotetrail.render import TemplateProblem

from conftest import CONTENT, TEMPLATES, article_text


def files(site):
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def inodes(site):
    return {p.relative_to(site).as_posix(): p.stat().st_ino for p in site.rglob("*") if p.is_file()}


@pytest.fixture
def workspace(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    return tmp_path, content, templates


def incremental(tmp_path, content, templates):
    return build(content, tmp_path / "site", templates_dir=templates, cache_dir=tmp_path / "cache", search=False, jobs=2)


def cold(tmp_path, content, templates):
    out = tmp_path / "cold"
    shutil.rmtree(out, ignore_errors=True)
    build(content, out, templates_dir=templates, search=False, jobs=1)
    return files(out)


def _rewrite_narrative(path):
    """Every paragraph without a quotation says something else: the article leaves its copy family."""
    head, _, body = path.read_text().partition("\n---\n")
    paragraphs = [p if '"' in p or "“" in p else "Our own correspondent reported other matters entirely on that day."
                  for p in body.split("\n\n")]
    path.write_text(head + "\n---\n" + "\n\n".join(paragraphs))


EDITS = {
    "edit a quotation": lambda c, t: (c / "articles/cbc-blinken-meets-xi-in-beijing.md").write_text(
        (c / "articles/cbc-blinken-meets-xi-in-beijing.md").read_text().replace("absolutely vital", "truly vital")),
    "add an article": lambda c, t: (c / "articles/zz-new.md").write_text(article_text(
        '"It is absolutely vital that we have these kinds of communications," Blinken said.\n', outlet="New Outlet")),
    "delete an article": lambda c, t: (c / "articles/pbs-blinken-holds-briefing-after-meeting-xi.md").unlink(),
    "retitle an article": lambda c, t: (c / "articles/cbc-blinken-meets-xi-in-beijing.md").write_text(
        (c / "articles/cbc-blinken-meets-xi-in-beijing.md").read_text().replace("title: Blinken meets Xi", "title: Xi meets Blinken")),
    "change speakers": lambda c, t: (c / "speakers.yaml").write_text(
        (c / "speakers.yaml").read_text().replace("aliases: [Mr Wang]", "aliases: [Mr Wang, Wang]")),
    "rename a speaker": lambda c, t: (c / "speakers.yaml").write_text(  # from first to last of the others
        (c / "speakers.yaml").read_text().replace("name: China's Foreign Ministry", "name: Zhongguo Foreign Ministry")),
    "change a template": lambda c, t: (t / "quote.html").write_text(
        (t / "quote.html").read_text().replace("Each outlet's wording", "Every outlet's wording")),
    "change site settings": lambda c, t: (c / "site.yaml").write_text("title: Another title\n"),
    "rewrite an article's narrative": lambda c, t: _rewrite_narrative(c / "articles/pbs-blinken-holds-briefing-after-meeting-xi.md"),
}


@pytest.mark.parametrize("stamps", ["recent", "trusted"])
@pytest.mark.parametrize("change", sorted(EDITS))
def test_incremental_rebuild_equals_a_cold_build(workspace, change, stamps, monkeypatch):
    """"recent": every file was written moments before the last scan, so all are
    read again; "trusted": as if long before, so only files whose size or
    timestamps changed are read."""
    if stamps == "trusted":
        monkeypatch.setattr(cache_module, "RACY_NS", -10**12)
    tmp_path, content, templates = workspace
    incremental(tmp_path, content, templates)
    EDITS[change](content, templates)
    result = incremental(tmp_path, content, templates)
    assert result.content is not None
    assert files(tmp_path / "site") == cold(tmp_path, content, templates)


def test_unchanged_files_are_not_rewritten(workspace):
    tmp_path, content, templates = workspace
    incremental(tmp_path, content, templates)
    before = inodes(tmp_path / "site")
    EDITS["edit a quotation"](content, templates)
    result = incremental(tmp_path, content, templates)
    after = inodes(tmp_path / "site")
    rewritten = {path for path in after if before.get(path) != after[path]}
    assert "articles/cbc-blinken-meets-xi-in-beijing.html" in rewritten
    assert "articles/al-jazeera-china-welcomes-progress.html" not in rewritten
    assert "assets/style.css" not in rewritten
    assert 0 < result.files == len(rewritten) < len(after) / 2
    assert result.reused == len(after) - len(rewritten)
    assert result.analysed == 1  # the edited article alone was read again; the others came from the cache


def test_a_page_removed_from_the_site_by_hand_comes_back_with_the_next_rebuild(workspace):
    tmp_path, content, templates = workspace
    incremental(tmp_path, content, templates)
    (tmp_path / "site/articles/al-jazeera-china-welcomes-progress.html").unlink()
    (tmp_path / "site/assets/style.css").unlink()
    EDITS["edit a quotation"](content, templates)  # else the rebuild stops at its check, as nothing changed
    incremental(tmp_path, content, templates)
    assert files(tmp_path / "site") == cold(tmp_path, content, templates)


def test_nothing_changed_means_nothing_done(workspace):
    tmp_path, content, templates = workspace
    incremental(tmp_path, content, templates)
    before = inodes(tmp_path / "site")
    result = incremental(tmp_path, content, templates)
    assert result.content is None and result.files == 0
    assert "nothing changed" in result.summary()
    assert inodes(tmp_path / "site") == before


def test_damaged_cache_entries_are_recomputed(workspace):
    import sqlite3
    tmp_path, content, templates = workspace
    incremental(tmp_path, content, templates)
    with sqlite3.connect(tmp_path / "cache" / "cache.sqlite") as db:
        assert db.execute("SELECT count(*) FROM entries WHERE kind = 'article'").fetchone()[0] == 5
        assert db.execute("SELECT count(*) FROM entries WHERE kind = 'match'").fetchone()[0] > 3
        db.execute("UPDATE entries SET value = x'00ff'")
    EDITS["edit a quotation"](content, templates)
    incremental(tmp_path, content, templates)
    assert files(tmp_path / "site") == cold(tmp_path, content, templates)


def test_an_unusable_cache_only_costs_time(workspace):
    tmp_path, content, templates = workspace
    (tmp_path / "cache" / "cache.sqlite").mkdir(parents=True)  # cannot be opened as a database
    incremental(tmp_path, content, templates)
    assert files(tmp_path / "site") == cold(tmp_path, content, templates)


def test_the_cache_forgets_what_no_build_uses(workspace):
    import sqlite3
    tmp_path, content, templates = workspace
    EDITS["add an article"](content, templates)
    for n in range(3):  # three versions of the new article, one build each
        (content / "articles/zz-new.md").write_text((content / "articles/zz-new.md").read_text() + f"\nMore {n}.\n")
        incremental(tmp_path, content, templates)
    with sqlite3.connect(tmp_path / "cache" / "cache.sqlite") as db:
        assert db.execute("SELECT count(*) FROM entries WHERE kind = 'article'").fetchone()[0] == 6


@pytest.mark.parametrize("change", sorted(EDITS))
def test_a_build_that_keeps_its_results_in_memory_equals_a_cold_build(workspace, change):
    """As serve rebuilds: what the memory holds is used as it is, even with
    the cache's database gone."""
    tmp_path, content, templates = workspace
    memory = BuildMemory()
    build(content, tmp_path / "site", templates_dir=templates, cache_dir=tmp_path / "cache", search=False, memory=memory)
    (tmp_path / "cache" / "cache.sqlite").unlink()
    EDITS[change](content, templates)
    result = build(content, tmp_path / "site", templates_dir=templates, cache_dir=tmp_path / "cache", search=False,
                   memory=memory)
    assert result.content is not None
    assert files(tmp_path / "site") == cold(tmp_path, content, templates)


def test_a_speaker_matched_again_in_one_process_equals_a_cold_build(workspace):
    """Serve after edit upon edit: a speaker matched again here (by updating
    its index) gives what a cold build gives."""
    tmp_path, content, templates = workspace
    memory = BuildMemory()
    options = dict(templates_dir=templates, cache_dir=tmp_path / "cache", search=False, memory=memory, jobs=2)
    build(content, tmp_path / "site", **options)
    article = content / "articles/cbc-blinken-meets-xi-in-beijing.md"
    for before, after in [("absolutely vital", "truly vital"), ("truly vital", "very vital"), ("very vital", "vital")]:
        article.write_text(article.read_text().replace(before, after))
        build(content, tmp_path / "site", **options)
        assert files(tmp_path / "site") == cold(tmp_path, content, templates), after
    EDITS["add an article"](content, templates)
    build(content, tmp_path / "site", **options)
    assert files(tmp_path / "site") == cold(tmp_path, content, templates)


def test_edits_after_serve_prepared_in_its_idle_steps_equal_a_cold_build(workspace, monkeypatch):
    from quotetrail import pages
    from quotetrail.speed import matching, memory as memory_module, workers

    # the thresholds of a large site, on a small one: speakers indexed ahead, pages rendered in workers
    monkeypatch.setattr(memory_module, "INDEX_AHEAD_MIN", 2)
    monkeypatch.setattr(workers, "PARALLEL_MIN", 2)
    monkeypatch.setattr(pages, "PARALLEL_MIN", 2)
    monkeypatch.setattr(pages, "RENDER_SLICE", 10)
    tmp_path, content, templates = workspace
    memory = BuildMemory()
    options = dict(templates_dir=templates, cache_dir=tmp_path / "cache", search=False, memory=memory, jobs=2)
    build(content, tmp_path / "site", **options)
    while prepare_next(memory):
        pass
    (content / "articles/zz-new.md").write_text(article_text(  # two speakers' groups change at once
        '"It is absolutely vital that we talk," Blinken said.\n\n"We want stable relations," Xi said.\n'))
    build(content, tmp_path / "site", **options)
    assert files(tmp_path / "site") == cold(tmp_path, content, templates)
    monkeypatch.setattr(matching, "MATCH_HERE_MAX", 1)  # more groups changed than are matched here
    (content / "articles/zz-newer.md").write_text(article_text(
        '"We must keep talking," Blinken said.\n\n"Stability matters to us all," Xi said.\n'))
    build(content, tmp_path / "site", **options)
    assert files(tmp_path / "site") == cold(tmp_path, content, templates)
    article = content / "articles/zz-newer.md"  # and the next edit brings an index left behind up to date
    article.write_text(article.read_text().replace("keep talking", "keep on talking"))
    build(content, tmp_path / "site", **options)
    assert files(tmp_path / "site") == cold(tmp_path, content, templates)


def test_a_page_deleted_from_the_output_by_hand_comes_back_in_a_rebuild(workspace):
    tmp_path, content, templates = workspace
    options = dict(templates_dir=templates, cache_dir=tmp_path / "cache", search=False, memory=BuildMemory(), jobs=1)
    build(content, tmp_path / "site", **options)
    EDITS["edit a quotation"](content, templates)
    (tmp_path / "site/articles/al-jazeera-china-welcomes-progress.html").unlink()  # by hand
    build(content, tmp_path / "site", **options)
    assert files(tmp_path / "site") == cold(tmp_path, content, templates)


def test_an_edit_then_a_new_article_in_one_process_equal_a_cold_build(workspace):
    """The second rebuild's pages show rows the first did not hash (Xi's page
    shows all his quotes): their digests must still be right."""
    tmp_path, content, templates = workspace
    options = dict(templates_dir=templates, cache_dir=tmp_path / "cache", search=False, memory=BuildMemory(), jobs=1)
    build(content, tmp_path / "site", **options)
    EDITS["edit a quotation"](content, templates)
    build(content, tmp_path / "site", **options)
    (content / "articles/zz-new.md").write_text(article_text('"We want stable relations," Xi said.\n'))
    build(content, tmp_path / "site", **options)
    assert files(tmp_path / "site") == cold(tmp_path, content, templates)


def test_analyse_reuses_matching_inputs_made_from_the_same_objects_and_only_those():
    from quotetrail.analyse import analyse, analyse_article
    from quotetrail.attribute import Registry
    from quotetrail.load import load_content

    content = load_content(CONTENT)
    registry = Registry(content.speakers)
    per_article = {a.slug: analyse_article(a, registry) for a in content.articles}
    inputs = []

    def matched(function, groups):
        groups = list(groups)
        inputs.append({id(i): i for g in groups for i in g.items})
        return map(function, groups)

    reuse = {}
    first = analyse(content, per_article, map_groups=matched, reuse=reuse)
    again = analyse(content, per_article, map_groups=matched, reuse=reuse)
    assert again == first
    assert inputs[1].keys() == inputs[0].keys()  # the very same objects
    edited = content.articles[0]
    per_article[edited.slug] = analyse_article(edited, registry)  # equal values, new objects
    analyse(content, per_article, map_groups=matched, reuse=reuse)
    made_again = {i.article for key, i in inputs[2].items() if key not in inputs[1]}
    assert made_again == {edited.slug}


def test_a_new_quote_in_a_process_that_kept_the_data_files_records_equals_a_cold_build(workspace):
    tmp_path, content, templates = workspace
    options = dict(templates_dir=templates, cache_dir=tmp_path / "cache", search=False, memory=BuildMemory(), jobs=1)
    first = build(content, tmp_path / "site", **options)
    (content / "articles/zz-new.md").write_text(article_text('"We keep talking," Wang Yi said.\n', outlet="New Outlet"))
    again = build(content, tmp_path / "site", **options)
    assert len(again.analysis.quotes) == len(first.analysis.quotes) + 1
    assert files(tmp_path / "site") == cold(tmp_path, content, templates)


def test_a_build_with_an_empty_memory_fills_it_even_when_nothing_changed(workspace):
    tmp_path, content, templates = workspace
    incremental(tmp_path, content, templates)
    memory = BuildMemory()
    first = build(content, tmp_path / "site", templates_dir=templates, cache_dir=tmp_path / "cache", search=False,
                  memory=memory)
    assert first.content is not None and first.files == 0
    assert len(memory.cached["article"]) == 5
    again = build(content, tmp_path / "site", templates_dir=templates, cache_dir=tmp_path / "cache", search=False,
                  memory=memory)
    assert again.content is None


def test_the_memory_forgets_what_the_build_did_not_use(workspace):
    tmp_path, content, templates = workspace
    memory = BuildMemory()
    EDITS["add an article"](content, templates)
    for n in range(3):  # three versions of the new article, one build each
        (content / "articles/zz-new.md").write_text((content / "articles/zz-new.md").read_text() + f"\nMore {n}.\n")
        build(content, tmp_path / "site", templates_dir=templates, cache_dir=tmp_path / "cache", search=False,
              memory=memory)
    assert len(memory.cached["article"]) == 6
    # and the cache's file, pruned in full once, then of what the memory dropped
    import sqlite3
    with sqlite3.connect(tmp_path / "cache" / "cache.sqlite") as db:
        for kind in ("article", "match"):
            stored = {key for (key,) in db.execute("SELECT key FROM entries WHERE kind = ?", (kind,))}
            assert stored == set(memory.cached[kind])


def test_ignore_cache_forces_a_cold_build(workspace):
    tmp_path, content, templates = workspace
    incremental(tmp_path, content, templates)
    result = build(content, tmp_path / "site", templates_dir=templates, cache_dir=tmp_path / "cache", search=False,
                   ignore_cache=True)
    assert result.content is not None and result.reused > 0 and result.files == 0  # same bytes: linked, not written


def test_a_corrupt_cache_is_recomputed(workspace):
    tmp_path, content, templates = workspace
    incremental(tmp_path, content, templates)
    (tmp_path / "cache" / "cache.sqlite").write_bytes(b"garbage" * 1000)
    (tmp_path / "cache" / "manifest.pickle").write_bytes(b"garbage")
    EDITS["add an article"](content, templates)
    incremental(tmp_path, content, templates)
    assert files(tmp_path / "site") == cold(tmp_path, content, templates)


def test_a_failed_rebuild_leaves_the_last_site_untouched(workspace):
    tmp_path, content, templates = workspace
    incremental(tmp_path, content, templates)
    before = files(tmp_path / "site")
    EDITS["edit a quotation"](content, templates)
    (templates / "quote.html").write_text((templates / "quote.html").read_text().replace("{% block main %}", "{% block main %}{{ no_such_thing() }}"))
    with pytest.raises(TemplateProblem, match=r"quote\.html:\d+: 'no_such_thing' is undefined \(rendering quotes/"):
        incremental(tmp_path, content, templates)
    assert files(tmp_path / "site") == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".") and not p.name.endswith(".lock")] == []


def test_a_data_file_that_cannot_be_written_fails_the_build_and_leaves_the_last_site(workspace, monkeypatch):
    """The data files are written by a thread: its failure must still fail the build."""
    from quotetrail import pages

    tmp_path, content, templates = workspace
    incremental(tmp_path, content, templates)
    before = files(tmp_path / "site")
    EDITS["edit a quotation"](content, templates)
    write_file = pages.write_file

    def failing(root, rel, *rest):
        if rel == "quotes.json":
            raise OSError(28, "No space left on device")
        return write_file(root, rel, *rest)

    monkeypatch.setattr(pages, "write_file", failing)
    with pytest.raises(OSError, match="No space left"):
        incremental(tmp_path, content, templates)
    assert files(tmp_path / "site") == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site-")]  # no staging folder left behind


def test_the_command_reports_a_broken_template_in_one_line_and_keeps_the_site(workspace, capsys):
    from quotetrail.cli import main

    tmp_path, content, templates = workspace
    site = tmp_path / "site"
    command = ["build", "--content", str(content), "--output", str(site), "--templates", str(templates),
               "--cache", str(tmp_path / "cache"), "--no-search", "-q"]
    assert main(command) == 0
    before = files(site)
    (templates / "article.html").write_text((templates / "article.html").read_text() + "{% endif %}\n")
    capsys.readouterr()
    assert main(command) == 1
    err = capsys.readouterr().err
    assert "article.html:" in err and "endif" in err and "left unchanged" in err and "Traceback" not in err
    assert files(site) == before


def test_an_interrupted_commit_is_finished_by_the_next_build(workspace, monkeypatch):
    import os
    from quotetrail import write

    tmp_path, content, templates = workspace
    incremental(tmp_path, content, templates)
    EDITS["edit a quotation"](content, templates)
    EDITS["delete an article"](content, templates)
    moves = []
    real_replace = os.replace

    def replace_then_fail(source, dest):
        if str(source).endswith("index.html") and moves:
            raise KeyboardInterrupt  # the power goes out after the first page moved in
        moves.append(dest)
        real_replace(source, dest)

    monkeypatch.setattr(write.os, "replace", replace_then_fail)
    with pytest.raises(KeyboardInterrupt):
        incremental(tmp_path, content, templates)
    monkeypatch.setattr(write.os, "replace", real_replace)
    assert files(tmp_path / "site") != cold(tmp_path, content, templates)  # half applied
    assert [p for p in tmp_path.iterdir() if p.name.startswith(".site-new-")]  # the journal survives
    incremental(tmp_path, content, templates)
    assert files(tmp_path / "site") == cold(tmp_path, content, templates)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".") and not p.name.endswith(".lock")] == []


def test_a_fingerprint_covers_shared_values():
    from quotetrail.speed.fingerprint import fingerprint, shared_context
    from quotetrail.sitemodel import Page

    site_a, site_b, nav = {"title": "A"}, {"title": "B"}, ("Home",)
    pages = [Page("index.html", "index.html", {"site": site_a, "nav": nav, "title": "x"})]
    shared, shared_bytes = shared_context(pages)
    salt = b"code" + shared_bytes
    same = fingerprint(pages[0], salt, shared)
    assert same == fingerprint(Page("index.html", "index.html", {"site": site_a, "nav": nav, "title": "x"}), salt, shared)
    # another site object on one page is hashed by value, not taken for the shared one
    assert fingerprint(Page("index.html", "index.html", {"site": site_b, "nav": nav, "title": "x"}), salt, shared) != same
    assert fingerprint(Page("index.html", "index.html", {"nav": nav, "title": "x"}), salt, shared) != same
    # and a different shared site changes every salt
    other_bytes = shared_context([Page("index.html", "index.html", {"site": site_b, "nav": nav})])[1]
    assert b"code" + other_bytes != salt


def _never_called(*args):
    raise AssertionError("an unchanged page's context was made")


def _other(*args):
    raise AssertionError("an unchanged page's context was made")


def test_a_deferred_page_is_fingerprinted_by_its_inputs_without_making_its_context():
    from quotetrail.speed.fingerprint import fingerprint, shared_context
    from quotetrail.sitemodel import DeferredPage, Page

    site, nav = {"title": "A"}, ("Home",)
    shared, shared_bytes = shared_context([Page("index.html", "index.html", {"site": site, "nav": nav})])

    def page(*args, make=_never_called):
        return DeferredPage("articles/a.html", "article.html", True, make, args)

    first = fingerprint(page(site, nav, {"body": ["one", "two"]}), shared_bytes, shared)
    assert fingerprint(page(site, nav, {"body": ["one", "two"]}), shared_bytes, shared) == first
    assert fingerprint(page(site, nav, {"body": ["one", "three"]}), shared_bytes, shared) != first  # deep in an input
    assert fingerprint(page({"title": "B"}, nav, {"body": ["one", "two"]}), shared_bytes, shared) != first  # not the shared site
    assert fingerprint(page(site, nav, {"body": ["one", "two"]}, make=_other), shared_bytes, shared) != first  # another function
    with pytest.raises(TypeError):  # a lambda's name would not tell two functions apart
        page(site, make=lambda *args: {})


def test_a_shared_row_is_fingerprinted_by_value():
    """Rows shown on many pages are hashed once and stand in by digest: the
    page's fingerprint must still follow every field, however deep."""
    from dataclasses import replace

    from quotetrail.model import Outlet
    from quotetrail.speed.fingerprint import Fingerprinter
    from quotetrail.sitemodel import ArticleRef, OccurrenceRow, Page, QuoteRow, SpeakerRef, SpeakerSection

    def section(title: str, exact: bool = True) -> SpeakerSection:
        outlet = Outlet("bbc", "BBC")
        ref = ArticleRef("a", title, outlet, "2023-06-19", "articles/a.html", "outlets/bbc.html")
        speaker = SpeakerRef("xi", "Xi Jinping", True, "sp-1", "speakers/xi.html")
        row = QuoteRow("q1", "quotes/q1.html", "words", speaker, (OccurrenceRow(ref, "articles/a.html#q1", "words", exact),),
                       (outlet,), False)
        return SpeakerSection(speaker, (row,))

    def page(value) -> Page:
        return Page("speakers/xi.html", "speaker.html", {"section": value})

    first = Fingerprinter().fingerprint(page(section("Title")), b"salt")
    later = Fingerprinter()  # another build
    # an equal row made afresh, met first elsewhere (its digest made there), gives the same fingerprint
    later.fingerprint(Page("quotes/index.html", "quotes.html", {"tracked": [section("Title")]}), b"salt")
    assert later.fingerprint(page(section("Title")), b"salt") == first
    # a change two levels down (the title of an article carrying the quote) shows
    assert later.fingerprint(page(section("Another title")), b"salt") != first
    assert later.fingerprint(page(section("Title", exact=False)), b"salt") != first
    changed = section("Title")
    changed = replace(changed, quotes=(replace(changed.quotes[0], sources=9),))
    assert later.fingerprint(page(changed), b"salt") != first


def test_a_page_rendered_every_build_is_not_rewritten_when_its_bytes_are_the_same(workspace):
    """The home page and the cross-reference skip the fingerprint; a change they
    do not show (the quote pages' template) must still leave their files alone."""
    tmp_path, content, templates = workspace
    incremental(tmp_path, content, templates)
    before = inodes(tmp_path / "site")
    EDITS["change a template"](content, templates)
    incremental(tmp_path, content, templates)
    after = inodes(tmp_path / "site")
    assert any(before[p] != after[p] for p in after if p.startswith("quotes/") and p != "quotes/index.html")
    assert before["index.html"] == after["index.html"]
    assert before["quotes/index.html"] == after["quotes/index.html"]


def _scan(root, names, memo=None, later_by_ns=0):
    memo = dict(memo, at=memo["at"] + later_by_ns) if memo else None
    return scan_sources(root, [(name, root / name) for name in names], memo)


def test_a_scan_reads_only_the_files_whose_size_or_timestamps_changed(tmp_path):
    (tmp_path / "a.md").write_text("alpha")
    (tmp_path / "b.md").write_text("beta")
    first = _scan(tmp_path, ["a.md", "b.md"])
    assert sorted(first.read) == [0, 1]
    (tmp_path / "b.md").write_text("beta, longer")
    second = _scan(tmp_path, ["a.md", "b.md"], first.memo, later_by_ns=10**10)  # the last scan was 10 s after the writes
    assert sorted(second.read) == [1]
    assert second.digests[0] == first.digests[0] and second.digests[1] != first.digests[1]
    (tmp_path / "b.md").unlink()
    third = _scan(tmp_path, ["a.md", "b.md"], second.memo, later_by_ns=10**10)
    assert isinstance(third.read[1], OSError) and third.digests[1] != second.digests[1]


def test_a_scan_reads_every_byte_of_large_and_empty_files(tmp_path):
    large = bytes(range(256)) * (3 * READ_CHUNK // 256 + 7)  # several reads' worth, not a multiple of one
    (tmp_path / "large.md").write_bytes(large)
    (tmp_path / "empty.md").write_bytes(b"")
    scan = _scan(tmp_path, ["large.md", "empty.md"])
    assert scan.read == {0: large, 1: b""}
    assert scan.raw(0) == large


def test_a_scan_reads_again_a_file_changed_close_to_the_last_scan(tmp_path):
    """Same size, timestamp set back: a coarse file-system clock can make an
    edit look like this. Within two seconds of the last scan, it is read again."""
    path = tmp_path / "a.md"
    path.write_text("alpha")
    first = _scan(tmp_path, ["a.md"])
    stat = path.stat()
    path.write_text("omega")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    second = _scan(tmp_path, ["a.md"], first.memo)
    assert second.read == {0: b"omega"} and second.digests != first.digests


def test_a_scan_of_another_content_folder_ignores_the_memo(tmp_path):
    """The same file (a hard link: same size, timestamps and inode) under
    another content folder is read, not trusted by the first folder's memo."""
    for folder in ("one", "two"):
        (tmp_path / folder).mkdir()
    (tmp_path / "one" / "a.md").write_text("two")
    os.link(tmp_path / "one" / "a.md", tmp_path / "two" / "a.md")
    first = _scan(tmp_path / "one", ["a.md"])
    assert _scan(tmp_path / "one", ["a.md"], first.memo, later_by_ns=10**12).read == {}  # same folder: trusted
    second = _scan(tmp_path / "two", ["a.md"], first.memo, later_by_ns=10**12)
    assert second.read == {0: b"two"}


def test_an_unreadable_content_file_is_reported_by_name(workspace):
    tmp_path, content, templates = workspace
    (content / "articles" / "gone.md").symlink_to(tmp_path / "nowhere.md")
    with pytest.raises(ContentError) as failure:
        incremental(tmp_path, content, templates)
    assert any(p.file == "articles/gone.md" and "cannot be read" in p.message for p in failure.value.problems)
    assert not (tmp_path / "site").exists()


def test_an_article_parse_with_a_key_is_fingerprinted_by_the_key():
    """The key names the whole parse (the file's bytes and the code), so the
    text is not hashed again; without a key, the text is."""
    from quotetrail.speed.fingerprint import fingerprint
    from quotetrail.sitemodel import ArticleParse, DeferredPage

    def page(parse):
        return DeferredPage("articles/a.html", "article.html", True, _never_called, (parse,))

    one, other = ArticleParse("text one", ()), ArticleParse("text two", ())
    assert fingerprint(page(one), b"salt") != fingerprint(page(other), b"salt")
    keyed = ArticleParse("text one", (), key="k1")
    assert fingerprint(page(keyed), b"salt") == fingerprint(page(ArticleParse("text two", (), key="k1")), b"salt")
    assert fingerprint(page(keyed), b"salt") != fingerprint(page(ArticleParse("text one", (), key="k2")), b"salt")


def _many_articles(count: int = 90) -> dict[str, str]:
    """Enough articles that every stage runs in worker processes (PARALLEL_MIN)."""
    lines = ['"We agreed to stabilise the relationship," Blinken said.',
             '"We reached an agreement on the way forward," Xi said.',
             '"Dialogue is better than confrontation," said Wang Yi.',
             'A spokesman said "this is very good."']
    return {f"a{n:03d}": article_text(f"Report number {n}.\n\n{lines[n % 4]}\n\n{lines[(n + 1) % 4]}\n",
                                      title=f"Report {n}", outlet=f"Outlet {n % 7}", date=f"2023-06-{10 + n % 20}")
            for n in range(count)}


def test_a_parallel_build_equals_a_serial_one_and_so_does_its_rebuild(tmp_path, make_content):
    content = make_content(_many_articles())
    build(content, tmp_path / "serial", templates_dir=TEMPLATES, search=False, jobs=1)
    build(content, tmp_path / "parallel", templates_dir=TEMPLATES, search=False, jobs=2, cache_dir=tmp_path / "cache")
    serial = files(tmp_path / "serial")
    assert len(serial) > 100 and files(tmp_path / "parallel") == serial
    edited = content / "articles" / "a010.md"
    edited.write_text(edited.read_text() + '\n"We will keep at it," Blinken said.\n')
    result = build(content, tmp_path / "parallel", templates_dir=TEMPLATES, search=False, jobs=2, cache_dir=tmp_path / "cache")
    assert 0 < result.files < 20
    build(content, tmp_path / "serial-after", templates_dir=TEMPLATES, search=False, jobs=1)
    assert files(tmp_path / "parallel") == files(tmp_path / "serial-after")


def test_rebuilds_in_one_process_with_workers_equal_a_cold_build(tmp_path, make_content, monkeypatch):
    """Under serve: an edit (few pages to render) and a template change (every page hashed again)."""
    from quotetrail import pages

    content = make_content(_many_articles())
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    monkeypatch.setattr(pages, "RENDER_SLICE", 20)  # slices enough for two workers on this small site
    options = dict(templates_dir=templates, cache_dir=tmp_path / "cache", search=False, jobs=2, memory=BuildMemory())
    build(content, tmp_path / "site", **options)
    edited = content / "articles" / "a010.md"
    edited.write_text(edited.read_text() + '\n"We will keep at it," Blinken said.\n')
    assert 0 < build(content, tmp_path / "site", **options).files < 20
    (templates / "article.html").write_text((templates / "article.html").read_text() + "<!-- changed -->\n")
    build(content, tmp_path / "site", **options)
    build(content, tmp_path / "cold", templates_dir=templates, search=False, jobs=1)
    assert files(tmp_path / "site") == files(tmp_path / "cold")


def test_a_parallel_build_that_fails_in_a_worker_leaves_the_last_site(tmp_path, make_content):
    content = make_content(_many_articles())
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    site = tmp_path / "site"
    build(content, site, templates_dir=templates, search=False, jobs=2)
    before = files(site)
    (content / "articles" / "a000.md").write_text(article_text('"Something new," Blinken said.\n'))
    broken = (templates / "quote.html").read_text().replace("{% block main %}", "{% block main %}{{ no_such_thing() }}")
    (templates / "quote.html").write_text(broken)
    with pytest.raises(Exception, match="no_such_thing"):
        build(content, site, templates_dir=templates, search=False, jobs=2)
    assert files(site) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".") and not p.name.endswith(".lock")] == []


def test_a_build_that_kept_its_site_model_reuses_what_was_made_from_the_same_objects():
    from dataclasses import replace

    from quotetrail.analyse import analyse
    from quotetrail.load import load_content
    from quotetrail.sitemodel import DeferredPage, build_site_model

    content = load_content(CONTENT)
    analysis = analyse(content)
    reuse = {}
    models = [build_site_model(content, analysis, reuse=reuse) for _ in range(2)]
    pairs = [(a, b) for a, b in zip(models[0].pages, models[1].pages) if isinstance(a, DeferredPage)]
    assert len(pairs) > 50 and all(a is b for a, b in pairs)
    browsed = [next(p for p in m.pages if p.template == "quotes.html").context["rows"] for m in models]
    assert browsed[0] and all(a is b for a, b in zip(*browsed))
    retitled = replace(content, config=replace(content.config, title="Another title"))
    third = build_site_model(retitled, analysis, reuse=reuse)
    # every page that shows the settings is made anew (the data files show none)
    shows = lambda p: isinstance(p, DeferredPage) and p.template != "_raw.txt"
    assert not any(a is b for (_, a), b in zip([pair for pair in pairs if shows(pair[0])], filter(shows, third.pages)))

    # one article made again (a new object, as after an edit of its file): the
    # rows of the quotes printed in it show it anew, all other rows are kept
    reuse = {}
    before = build_site_model(content, analysis, reuse=reuse)
    edited = replace(content.articles[0], title="Edited title")
    after = build_site_model(replace(content, articles=(edited, *content.articles[1:])), analysis, reuse=reuse)
    rows = [m.data_files["quotes.json"].lists[1].rows for m in (before, after)]
    printed_there = [any(o.article.slug == edited.slug for o in row.occurrences) for row in rows[1]]
    assert any(printed_there) and not all(printed_there)
    for old, new, there in zip(*rows, printed_there):
        if there:
            assert new is not old and "Edited title" in {o.article.title for o in new.occurrences}
        else:
            assert new is old
    pages = [{p.path: p for p in m.pages if p.template == "article.html"} for m in (before, after)]
    assert pages[1][f"articles/{edited.slug}.html"] is not pages[0][f"articles/{edited.slug}.html"]
    assert sum(pages[1][path] is page for path, page in pages[0].items()) == len(pages[0]) - 1

    # made again with the same fields a reference shows (an edit of the body):
    # its reference, and every row, are last build's very objects
    body_only = replace(edited, body=edited.body + "\n\nOne more paragraph.")
    again = build_site_model(replace(content, articles=(body_only, *content.articles[1:])), analysis, reuse=reuse)
    assert all(a is b for a, b in zip(after.shared_rows, again.shared_rows, strict=True))

    # a quote made again under another id (as when an edit elsewhere changes
    # its canonical wording): every article printing it, unchanged or not, links to it anew
    quote = next(q for q in analysis.quotes if len({o.article for o in q.occurrences}) > 1)
    renamed = replace(quote, id="renamed")
    moved = build_site_model(content, replace(analysis, quotes=tuple(renamed if q is quote else q for q in analysis.quotes)),
                             reuse=reuse)
    for slug in {o.article for o in quote.occurrences}:
        page = next(p for p in moved.pages if p.path == f"articles/{slug}.html")
        assert "quotes/renamed.html" in {link.path for statements in page.args[3] for _, link in statements}


def test_serve_deletes_the_files_a_rebuild_replaced_while_it_waits_for_the_next_edit(workspace):
    from quotetrail.speed.memory import prepare_next

    tmp_path, content, templates = workspace
    memory = BuildMemory()
    options = dict(templates_dir=templates, cache_dir=tmp_path / "cache", search=False, memory=memory)
    build(content, tmp_path / "site", **options)
    EDITS["edit a quotation"](content, templates)
    build(content, tmp_path / "site", **options)
    left = [p for p in tmp_path.iterdir() if p.name.startswith(".site-")]
    assert len(left) == 1 and any(p.is_file() for p in left[0].rglob("*"))  # the old versions, moved aside
    assert files(tmp_path / "site") == cold(tmp_path, content, templates)
    while prepare_next(memory):
        pass
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".") and not p.name.endswith(".lock")] and not memory.leftovers


def test_a_memory_follows_a_manifest_another_build_saved(workspace):
    """serve's memory keeps the manifest it saved; a build by another process in between is seen."""
    tmp_path, content, templates = workspace
    options = dict(templates_dir=templates, cache_dir=tmp_path / "cache", search=False)
    memory = BuildMemory()
    build(content, tmp_path / "site", memory=memory, **options)
    EDITS["edit a quotation"](content, templates)
    build(content, tmp_path / "site", memory=memory, **options)
    assert files(tmp_path / "site") == cold(tmp_path, content, templates)
    EDITS["retitle an article"](content, templates)
    build(content, tmp_path / "site", **options)  # another process
    EDITS["add an article"](content, templates)
    build(content, tmp_path / "site", memory=memory, **options)
    assert files(tmp_path / "site") == cold(tmp_path, content, templates)


def _snapshot(folder):
    return {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize("change", sorted(EDITS))
def test_a_build_told_what_changed_equals_a_cold_build(workspace, change):
    """As serve rebuilds after its watcher reports the paths that changed."""
    tmp_path, content, templates = workspace
    memory = BuildMemory(watched=True)
    options = dict(templates_dir=templates, cache_dir=tmp_path / "cache", search=False, memory=memory)
    build(content, tmp_path / "site", **options)
    before = _snapshot(content) | _snapshot(templates)
    EDITS[change](content, templates)
    after = _snapshot(content) | _snapshot(templates)
    memory.note_changes({str(p) for p in before.keys() | after.keys() if before.get(p) != after.get(p)})
    build(content, tmp_path / "site", **options)
    assert files(tmp_path / "site") == cold(tmp_path, content, templates)
    from quotetrail.speed.memory import prepare_next
    assert prepare_next(memory) is True  # the check while serve waits: nothing was missed


def test_a_change_the_watcher_did_not_report_is_found_while_serve_waits(workspace):
    from quotetrail.speed.memory import STALE, prepare_next

    tmp_path, content, templates = workspace
    memory = BuildMemory(watched=True)
    options = dict(templates_dir=templates, cache_dir=tmp_path / "cache", search=False, memory=memory)
    build(content, tmp_path / "site", **options)
    EDITS["retitle an article"](content, templates)
    memory.note_changes({str(content / "articles/cbc-blinken-meets-xi-in-beijing.md")})
    build(content, tmp_path / "site", **options)
    EDITS["edit a quotation"](content, templates)  # not reported
    (content / "articles/zz-new.md").write_text(article_text('"A new line," Blinken said.\n'))  # nor this
    memory.note_changes(set())
    assert build(content, tmp_path / "site", **options).content is None  # taken at the watcher's word
    assert prepare_next(memory) == STALE
    memory.note_changes(None)  # serve rebuilds, not knowing what changed
    build(content, tmp_path / "site", **options)
    assert files(tmp_path / "site") == cold(tmp_path, content, templates)
    assert prepare_next(memory) is not STALE


def test_after_a_failed_build_the_next_looks_at_every_file(workspace):
    tmp_path, content, templates = workspace
    memory = BuildMemory(watched=True)
    options = dict(templates_dir=templates, cache_dir=tmp_path / "cache", search=False, memory=memory)
    build(content, tmp_path / "site", **options)
    bad = content / "articles/zz-bad.md"
    bad.write_text("---\ntitle: [unclosed\n---\nText.\n")
    memory.note_changes({str(bad)})
    with pytest.raises(ContentError):
        build(content, tmp_path / "site", **options)
    assert memory.changes is None
    bad.unlink()
    EDITS["edit a quotation"](content, templates)  # the watcher's reports of these come after the failure
    memory.note_changes({str(bad), str(content / "articles/cbc-blinken-meets-xi-in-beijing.md")})
    build(content, tmp_path / "site", **options)
    assert files(tmp_path / "site") == cold(tmp_path, content, templates)


def test_the_watchers_paths_name_the_article_files_that_changed(tmp_path):
    from quotetrail.speed.memory import watched_files

    content = tmp_path / "content"
    (content / "articles/sub").mkdir(parents=True)
    for rel in ("articles/a.md", "articles/sub/b.md"):
        (content / rel).write_text("x")
    listing = (("articles/a.md", str(content / "articles/a.md")), ("articles/sub/b.md", str(content / "articles/sub/b.md")))
    scanned = (str(content), listing, ("d1", "d2"), {})
    (tmp_path / "templates").mkdir()
    assert watched_files(content, {str(content / "articles/a.md"), str(tmp_path / "templates/base.html"),
                                   str(content / "speakers.yaml")}, scanned) == (listing, {"articles/a.md"})
    (content / "articles/c.md").write_text("x")  # a new file: listed again
    assert watched_files(content, {str(content / "articles/c.md")}, scanned) == (None, {"articles/c.md"})
    (content / "articles/a.md").unlink()  # a file gone: listed again
    assert watched_files(content, {str(content / "articles/a.md")}, scanned) == (None, {"articles/a.md"})
    assert watched_files(content, {str(content / "articles/sub")}, scanned) == (None, {"articles/sub"})  # a folder
    assert watched_files(content, {str(content / "articles")}, scanned) == (None, None)  # the folder itself
    assert watched_files(content, {str(content)}, scanned) == (None, None)
    assert watched_files(content, None, scanned) == (None, None)  # not known
    assert watched_files(tmp_path / "other", set(), scanned) == (None, None)  # another content folder


def test_what_commits_left_is_deleted_at_once_when_serve_stops(workspace):
    tmp_path, content, templates = workspace
    memory = BuildMemory()
    options = dict(templates_dir=templates, cache_dir=tmp_path / "cache", search=False, memory=memory)
    build(content, tmp_path / "site", **options)
    for change in ("edit a quotation", "retitle an article"):
        EDITS[change](content, templates)
        build(content, tmp_path / "site", **options)
    assert len([p for p in tmp_path.iterdir() if p.name.startswith(".site-")]) == 2
    memory.delete_leftovers()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".") and not p.name.endswith(".lock")] and not memory.leftovers
    assert files(tmp_path / "site") == cold(tmp_path, content, templates)


def test_a_reading_order_change_after_an_edit_in_memory_equals_a_cold_build(workspace):
    """A quote made again from the same printings in another order (one article
    now has a time of day) is not last build's quote: its occurrences' order differs."""
    tmp_path, content, templates = workspace
    memory = BuildMemory()
    options = dict(templates_dir=templates, cache_dir=tmp_path / "cache", search=False, jobs=1, memory=memory)
    build(content, tmp_path / "site", **options)
    cbc = content / "articles/cbc-blinken-meets-xi-in-beijing.md"
    cbc.write_text(cbc.read_text().replace("no room for compromise or concessions", "no room for compromise and concessions"))
    build(content, tmp_path / "site", **options)
    aj = content / "articles/al-jazeera-china-welcomes-progress.md"
    aj.write_text(aj.read_text().replace("\n---\n", '\ntime: "12:00"\n---\n', 1))
    build(content, tmp_path / "site", **options)
    assert files(tmp_path / "site") == cold(tmp_path, content, templates)
    # and a new process given the cache serve left
    shutil.rmtree(tmp_path / "site")
    (tmp_path / "cache" / "manifest.pickle").unlink()
    incremental(tmp_path, content, templates)
    assert files(tmp_path / "site") == cold(tmp_path, content, templates)


def test_an_article_in_another_language_is_matched_again(tmp_path, make_content):
    """Its words are stemmed by its language's rules: inflections that join in
    English stay apart in Spanish, and the rebuild knows it."""
    printing = '---\ntitle: {t}\noutlet: Outlet {t}\ndate: 2023-06-19\n---\n\nOfficials spoke on Monday.\n\n"{q}," one official said.\n'
    content = make_content({"a-one": printing.format(t="One", q="Negotiations, discussions and consultations improved relations between nations"),
                            "b-two": printing.format(t="Two", q="Negotiation, discussion and consultation improved relation between nation")})
    options = dict(templates_dir=TEMPLATES, cache_dir=tmp_path / "cache", search=False, jobs=1)
    first = build(content, tmp_path / "site", **options)
    b = content / "articles/b-two.md"
    b.write_text(b.read_text().replace("date: 2023-06-19", "date: 2023-06-19\nlanguage: es"))
    again = build(content, tmp_path / "site", **options)
    out = tmp_path / "cold"
    cold_result = build(content, out, templates_dir=TEMPLATES, search=False, jobs=1)
    assert len(again.analysis.quotes) == len(cold_result.analysis.quotes) != len(first.analysis.quotes)
    assert files(tmp_path / "site") == files(out)


def test_a_damaged_compiled_template_is_compiled_again(workspace):
    tmp_path, content, templates = workspace
    incremental(tmp_path, content, templates)
    compiled = list((tmp_path / "cache" / "templates").rglob("*.cache"))
    assert compiled
    for path in compiled:  # as a crash while one was written would leave it
        path.write_bytes(path.read_bytes()[:20])
    EDITS["edit a quotation"](content, templates)
    incremental(tmp_path, content, templates)
    assert files(tmp_path / "site") == cold(tmp_path, content, templates)


def test_a_site_model_failing_halfway_leaves_serve_to_make_it_afresh(workspace, monkeypatch):
    from quotetrail import sitemodel

    tmp_path, content, templates = workspace
    memory = BuildMemory()
    options = dict(templates_dir=templates, cache_dir=tmp_path / "cache", search=False, jobs=1, memory=memory)
    build(content, tmp_path / "site", **options)
    (content / "articles/zz-new.md").write_text(article_text(
        '"It is absolutely vital that we have these kinds of communications," Blinken said.\n', outlet="New Outlet"))
    real = sitemodel.speaker_pages

    def failing(*args, **kwargs):  # an error after the rows are made, before the pages are
        raise RuntimeError("the site model fails halfway")

    monkeypatch.setattr(sitemodel, "speaker_pages", failing)
    with pytest.raises(RuntimeError):
        build(content, tmp_path / "site", **options)
    monkeypatch.setattr(sitemodel, "speaker_pages", real)
    build(content, tmp_path / "site", **options)
    assert files(tmp_path / "site") == cold(tmp_path, content, templates)
