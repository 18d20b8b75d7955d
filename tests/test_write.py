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
