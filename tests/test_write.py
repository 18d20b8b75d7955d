"""Stage 7: writing files into a staging folder (write.write_file, link_previous)."""
import errno
import os

import pytest

from quotetrail import write
from quotetrail.write import link_previous, write_file


def test_write_file_makes_missing_folders_and_writes_pieces(tmp_path):
    assert write_file(tmp_path, "a/b/page.html", [b"<p>", b"x", b"</p>"]) is True
    assert write_file(tmp_path, "a/b/other.html", b"y") is True  # the folder is there now
    assert (tmp_path / "a/b/page.html").read_bytes() == b"<p>x</p>"
    assert (tmp_path / "a/b/other.html").read_bytes() == b"y"


def test_write_file_writes_every_byte_when_the_system_writes_a_few_at_a_time(tmp_path, monkeypatch):
    real_write = os.write
    monkeypatch.setattr(write.os, "write", lambda fd, data: real_write(fd, bytes(data[:3])))
    (tmp_path / "page.html").write_bytes(b"an older, longer page")
    assert write_file(tmp_path, "page.html", b"<p>new</p>") is True
    assert (tmp_path / "page.html").read_bytes() == b"<p>new</p>"  # all of it, and nothing of the old


def test_same_bytes_as_the_previous_output_are_hard_linked_into_new_folders(tmp_path):
    previous, root = tmp_path / "old", tmp_path / "new"
    (previous / "quotes").mkdir(parents=True)
    (previous / "quotes/q.html").write_bytes(b"same")
    root.mkdir()
    assert write_file(root, "quotes/q.html", b"same", previous) is False
    assert os.path.samefile(root / "quotes/q.html", previous / "quotes/q.html")
    # different bytes, or no previous file: written
    assert write_file(root, "quotes/r.html", b"new", previous) is True
    assert write_file(root, "deep/er/q.html", b"same", previous / "missing") is True
    assert (root / "deep/er/q.html").read_bytes() == b"same"


def test_link_previous_makes_the_folder_and_copies_where_hard_links_fail(tmp_path, monkeypatch):
    previous, root = tmp_path / "old", tmp_path / "new"
    (previous / "articles").mkdir(parents=True)
    (previous / "articles/a.html").write_bytes(b"kept")
    root.mkdir()
    assert link_previous(root, "articles/a.html", previous) is True
    assert os.path.samefile(root / "articles/a.html", previous / "articles/a.html")
    assert link_previous(root, "articles/gone.html", previous) is False

    def no_links(src, dst):
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(write.os, "link", no_links)
    other = tmp_path / "other"
    other.mkdir()
    assert link_previous(other, "articles/a.html", previous) is True
    assert (other / "articles/a.html").read_bytes() == b"kept"
    assert not os.path.samefile(other / "articles/a.html", previous / "articles/a.html")


def test_a_missing_source_is_not_mistaken_for_a_missing_folder(tmp_path):
    (tmp_path / "new").mkdir()
    with pytest.raises(FileNotFoundError):
        write._hard_link(str(tmp_path / "old/none.html"), str(tmp_path / "new/x/none.html"))
    assert not (tmp_path / "new/x").exists()  # no folder made for a file that cannot come


def _patch_commit(tmp_path, monkeypatch, files: dict, new: dict, gone: set):
    """An output of ``files``, a staging folder with ``new`` (and without
    ``gone``), committed as a patch: (the Staging, every os.replace's
    destination and whether something was there)."""
    from quotetrail.write import Staging

    out = tmp_path / "site"
    for rel, data in files.items():
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_bytes(data)
    staging = Staging(out)
    for rel in files.keys() - new.keys() - gone:
        staging.keep(rel)
    for rel, data in new.items():
        staging.record(rel, write_file(staging.root, rel, data, staging.previous, staging.link))
    replaced = []
    real_replace = os.replace

    def replace(source, dest):
        replaced.append((os.fspath(dest), os.path.exists(dest)))
        real_replace(source, dest)

    monkeypatch.setattr(write.os, "replace", replace)
    staging.commit()
    return staging, replaced


def test_a_commit_moves_the_files_it_replaces_aside_and_leaves_them_to_be_deleted(tmp_path, monkeypatch):
    """A file renamed over another makes ext4 write the new one out at once
    and free the old one's blocks there and then: the old one is moved aside."""
    old = {"quotes.json": b"old data", "a/page.html": b"old page", "a/same.html": b"same", "gone.html": b"gone"}
    staging, replaced = _patch_commit(tmp_path, monkeypatch, old, {"quotes.json": b"new data", "a/page.html": b"new page"},
                                      {"gone.html"})
    out = tmp_path / "site"
    assert {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()} == {
        "quotes.json": b"new data", "a/page.html": b"new page", "a/same.html": b"same"}
    assert not [dest for dest, existed in replaced if existed]  # nothing renamed over
    assert sorted(p.read_bytes() for p in staging.leftover.rglob("*") if p.is_file()) == [b"old data", b"old page"]
    assert not (staging.leftover / write.JOURNAL).exists()  # done: no later build applies it again
    staging.discard_leftover()
    assert [p.name for p in tmp_path.iterdir()] == ["site"]


def test_removal_deletes_a_folder_a_batch_at_a_time(tmp_path):
    folder = tmp_path / "old"
    for rel in ("a.html", "b/c.html", "b/d/e.html", "b/d/f.html", "g.html"):
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(rel)
    (folder / "link").symlink_to(tmp_path)  # a link is deleted, not followed
    steps = write.removal(folder, batch=2)
    next(steps)
    assert folder.is_dir() and len([p for p in folder.rglob("*") if p.is_file()]) == 3
    assert list(steps) == [None, None]  # two more batches of two
    assert not folder.exists() and tmp_path.is_dir()


def test_a_patch_commit_leaves_the_replaced_files_to_be_deleted(tmp_path):
    from quotetrail.write import Staging

    out = tmp_path / "site"
    (out / "a").mkdir(parents=True)
    (out / "a/old.html").write_bytes(b"old")
    (out / "a/new.html").write_bytes(b"older")
    (out / "same.html").write_bytes(b"same")
    staging = Staging(out)
    staging.keep("same.html")
    staging.record("a/new.html", write_file(staging.root, "a/new.html", b"new", staging.previous, staging.link))
    staging.commit()  # a/old.html, no longer in the site, is deleted; a/new.html's old bytes are set aside
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == ["a/new.html", "same.html"]
    assert (out / "a/new.html").read_bytes() == b"new"
    assert any(p.read_bytes() == b"older" for p in staging.leftover.rglob("*") if p.is_file())  # until deleted
    list(write.removal(staging.leftover, batch=1))
    assert not staging.leftover.exists() and [p.name for p in tmp_path.iterdir()] == ["site"]


