"""A build never loses the user's files: where the output may go, unreadable
content, two builds at once, honest failure reports, and input that must not
hang or crash the build. Each case runs the real command line, as a user would.

Cases that depend on file permissions run the command without the
capabilities that let root ignore them (CI runs as root), so they hold there too.
"""
from __future__ import annotations

import ctypes
import http.client
import json
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import ROOT, SPEAKERS, TEMPLATES, article_text

BUILD = [sys.executable, str(ROOT / "build.py")]
GOOD = article_text('"We will keep talking," Blinken said.\n', title="Good article", outlet="Good Outlet")
OTHER = article_text('"We want stability," Mr Xi said.\n', title="Other article", outlet="Other Outlet")

_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH, _PR_CAPBSET_DROP = 1, 2, 24


def _drop_root_overrides():  # in the child, before exec: root then obeys file modes like anyone
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH):
        if libc.prctl(_PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def run(*args, cwd: Path, obey_modes: bool = False, timeout: float = 120) -> subprocess.CompletedProcess:
    """The command line, as a user runs it; ``obey_modes``: without root's
    power to read and write what file modes forbid."""
    preexec = _drop_root_overrides if obey_modes and os.geteuid() == 0 else None
    return subprocess.run([*BUILD, *map(str, args)], cwd=cwd, capture_output=True, text=True, timeout=timeout,
                          preexec_fn=preexec, stdin=subprocess.DEVNULL)


def project(tmp_path: Path, articles: dict[str, str] | None = None) -> Path:
    """A user's project folder: content, templates, a git repository, notes."""
    root = tmp_path / "project"
    (root / "content" / "articles").mkdir(parents=True)
    (root / "content" / "speakers.yaml").write_text(SPEAKERS, encoding="utf-8")
    for name, text in (articles or {"good": GOOD}).items():
        (root / "content" / "articles" / f"{name}.md").write_text(text, encoding="utf-8")
    subprocess.run(["cp", "-r", str(TEMPLATES), str(root / "templates")], check=True)
    (root / ".git").mkdir()
    (root / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (root / "notes.txt").write_text("my notes\n")
    return root


def tree(folder: Path) -> dict:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def ours(site: Path) -> dict:
    """A site's files but the search index (Pagefind names its files differently each run)."""
    return {rel: data for rel, data in tree(site).items() if not rel.startswith("pagefind/")}


# ----------------------------------------------------------------------------- where the output may go

@pytest.mark.parametrize("output", [".", "content", "content/articles", "templates", "templates/assets", "..",
                                    ".quotetrail-cache", ".git"])
def test_an_output_that_overlaps_the_users_folders_is_refused_and_nothing_is_touched(tmp_path, output):
    root = project(tmp_path)
    run("build", "--no-search", cwd=root)  # a cache folder and a site exist
    before = tree(tmp_path)
    result = run("build", "--no-search", "--output", output, cwd=root)
    assert result.returncode == 1
    assert "build refused" in result.stderr and "nothing was touched" in result.stderr
    assert tree(tmp_path) == before
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("force", [False, True])
def test_an_output_holding_a_git_repository_is_refused_even_with_force(tmp_path, force):
    root = project(tmp_path)
    site = root / "published"
    (site / ".git").mkdir(parents=True)
    (site / ".git" / "config").write_text("[core]\n")
    before = tree(tmp_path)
    result = run("build", "--no-search", "--output", "published", *(["--force"] if force else []), cwd=root)
    assert result.returncode == 1 and "git repository" in result.stderr
    assert tree(tmp_path) == before


def test_an_output_with_files_no_build_wrote_is_refused_and_force_moves_them_aside(tmp_path):
    root = project(tmp_path)
    assert run("build", "--no-search", cwd=root).returncode == 0
    (root / "_site" / "CNAME").write_text("quotes.example.org\n")
    (root / "_site" / "drafts").mkdir()
    (root / "_site" / "drafts" / "idea.md").write_text("an idea\n")
    (root / "content" / "articles" / "other.md").write_text(OTHER)  # something to build
    before = tree(root / "_site")

    refused = run("build", "--no-search", cwd=root)
    assert refused.returncode == 1
    assert "CNAME" in refused.stderr and "drafts/idea.md" in refused.stderr and "--force" in refused.stderr
    assert tree(root / "_site") == before

    forced = run("build", "--no-search", "--force", cwd=root)
    assert forced.returncode == 0, forced.stderr
    backup = root / "_site.backup-1"
    assert (backup / "CNAME").read_text() == "quotes.example.org\n"
    assert (backup / "drafts" / "idea.md").read_text() == "an idea\n"
    assert not (root / "_site" / "CNAME").exists() and (root / "_site" / "articles" / "other.html").is_file()
    assert str(backup) in forced.stderr or "_site.backup-1" in forced.stderr


def test_the_marker_lists_every_file_a_build_wrote(tmp_path):
    root = project(tmp_path)
    assert run("build", cwd=root).returncode == 0
    marker = json.loads((root / "_site" / ".quotetrail-site.json").read_text())
    files = {rel for rel in tree(root / "_site") if rel != ".quotetrail-site.json"}
    listed = set(marker["files"])
    assert {rel for rel in files if not rel.startswith("pagefind/")} == listed - {"pagefind/"}
    assert "pagefind/" in listed  # the search index's folder stands for its files
    again = run("build", cwd=root)  # nothing changed: still the build's own folder
    assert again.returncode == 0 and "nothing changed" in again.stdout


# ----------------------------------------------------------------------------- unreadable content

@pytest.mark.parametrize("unreadable", ["content/articles", "content/articles/2023"])
def test_an_unreadable_folder_is_an_error_naming_it_and_the_last_site_stays(tmp_path, unreadable):
    root = project(tmp_path, {"good": GOOD})
    (root / "content" / "articles" / "2023").mkdir()
    (root / "content" / "articles" / "2023" / "other.md").write_text(OTHER)
    assert run("build", "--no-search", cwd=root).returncode == 0
    before = tree(root / "_site")
    (root / unreadable).chmod(0)
    try:
        result = run("build", "--no-search", cwd=root, obey_modes=True)
    finally:
        (root / unreadable).chmod(0o755)
    assert result.returncode == 1
    assert f"{unreadable.removeprefix('content/')}: error: folder cannot be read" in result.stderr
    assert "left unchanged" in result.stderr
    assert tree(root / "_site") == before


def test_an_unreadable_article_is_an_error_naming_it(tmp_path):
    root = project(tmp_path)
    assert run("build", "--no-search", cwd=root).returncode == 0
    before = tree(root / "_site")
    (root / "content" / "articles" / "good.md").chmod(0)
    check = run("check", cwd=root, obey_modes=True)
    build = run("build", "--no-search", cwd=root, obey_modes=True)
    assert check.returncode == build.returncode == 1
    for result in (check, build):
        assert "articles/good.md: error: cannot be read" in result.stderr
    assert tree(root / "_site") == before


@pytest.mark.parametrize("kind", ["fifo", "device", "huge"])
def test_a_file_that_is_not_an_article_is_refused_at_once(tmp_path, kind):
    root = project(tmp_path)
    path = root / "content" / "articles" / "x.md"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "device":
        path.symlink_to("/dev/zero")
    else:
        path.write_bytes(b"---\ntitle: t\noutlet: o\ndate: 2023-01-01\n---\n" + b"word " * (3 * 1024 * 1024))
    for command in ("check", "build"):
        result = run(command, "--no-search", cwd=root, timeout=60) if command == "build" else run(command, cwd=root, timeout=60)
        assert result.returncode == 1, result.stderr
        assert "articles/x.md: error: cannot be read" in result.stderr
        assert {"fifo": "FIFO", "device": "a device", "huge": "larger than 10 MB"}[kind] in result.stderr


# ----------------------------------------------------------------------------- two builds at once

def test_a_second_build_waits_for_the_first_and_says_so(tmp_path):
    from quotetrail.guard import build_lock

    root = project(tmp_path)
    with build_lock(root / "_site", root / ".quotetrail-cache"):
        waiting = subprocess.Popen([*BUILD, "build", "--no-search"], cwd=root, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True, stdin=subprocess.DEVNULL)
        time.sleep(3)
        assert waiting.poll() is None and not (root / "_site").exists()  # it waits, touching nothing
    out, err = waiting.communicate(timeout=120)
    assert waiting.returncode == 0 and "waiting for another quotetrail build" in err
    assert (root / "_site" / "index.html").is_file()


def test_two_builds_at_once_leave_the_site_of_the_last_one(tmp_path):
    many = {f"b{n:03d}": article_text(f'"Point number {n} stands," Blinken said.\n', title=f"B {n}", outlet=f"Outlet {n % 7}")
            for n in range(150)}
    root = project(tmp_path, many)
    other = root / "content-a"
    (other / "articles").mkdir(parents=True)
    (other / "speakers.yaml").write_text(SPEAKERS)
    (other / "articles" / "a.md").write_text(OTHER)
    first = subprocess.Popen([*BUILD, "build", "--no-search", "--jobs", "1"], cwd=root, stdin=subprocess.DEVNULL,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    time.sleep(0.5)
    second = run("build", "--no-search", "--content", "content-a", cwd=root, timeout=300)
    first.communicate(timeout=300)
    assert first.returncode == 0 and second.returncode == 0, second.stderr
    cold = run("build", "--no-search", "--content", "content-a", "--output", "cold", "--cache", "cold-cache", cwd=root)
    assert cold.returncode == 0
    assert ours(root / "_site") == ours(root / "cold")
    again = run("build", "--no-search", "--content", "content-a", cwd=root)
    assert again.returncode == 0 and "nothing changed" in again.stdout


def test_what_killed_builds_left_beside_the_output_is_deleted_and_only_that(tmp_path):
    root = project(tmp_path)
    assert run("build", "--no-search", cwd=root).returncode == 0
    left = {"._site-new-abc12345": ".quotetrail-staging", "._site-old-def45678": ".quotetrail-site.json"}
    mine = ["._site-new-photos12", "._site-old-2020", "._site-old-notes123"]  # the user's, however named
    for name in [*left, *mine]:
        (root / name / "articles").mkdir(parents=True)
        (root / name / "articles" / "page.html").write_text("<p>half</p>")
    for name, proof in left.items():
        (root / name / proof).write_text("")
    (root / "content" / "articles" / "other.md").write_text(OTHER)
    assert run("build", "--no-search", cwd=root).returncode == 0
    assert sorted(p.name for p in root.iterdir() if p.name.startswith("._site-")) == sorted(mine)


def test_force_never_deletes_what_it_moves_aside_even_for_the_current_folder(tmp_path):
    root = project(tmp_path)
    published = tmp_path / "published"
    published.mkdir()
    (published / "thesis.txt").write_text("my thesis\n")
    for output in (".", str(tmp_path)):
        result = subprocess.run([*BUILD, "build", "--content", str(root / "content"), "--templates", str(root / "templates"),
                                 "--cache", str(root / ".quotetrail-cache"), "--output", output, "--force"],
                                cwd=published, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
        assert result.returncode == 1 and "build refused" in result.stderr
    assert (published / "thesis.txt").read_text() == "my thesis\n"


# ----------------------------------------------------------------------------- honest failure reports

def test_a_read_only_folder_of_the_output_fails_before_any_file_moves(tmp_path):
    root = project(tmp_path, {"good": GOOD, "other": OTHER})
    assert run("build", "--no-search", cwd=root).returncode == 0
    for name in ("good", "other"):  # every page changes
        path = root / "content" / "articles" / f"{name}.md"
        path.write_text(path.read_text().replace("article", "story"))
    before = tree(root / "_site")
    (root / "_site" / "articles").chmod(0o555)
    try:
        result = run("build", "--no-search", cwd=root, obey_modes=True)
    finally:
        (root / "_site" / "articles").chmod(0o755)
    assert result.returncode == 1
    assert "cannot write to" in result.stderr and "_site/articles" in result.stderr
    assert "left unchanged" in result.stderr
    assert tree(root / "_site") == before
    assert run("build", "--no-search", cwd=root).returncode == 0  # once writable, the build goes through


# ----------------------------------------------------------------------------- settings and fields

@pytest.mark.parametrize("base_url", ["javascript:alert(1)//", "data:text/html,x", "//evil.example/", "https://a b/"])
def test_a_base_url_must_be_an_absolute_http_address(tmp_path, base_url):
    root = project(tmp_path)
    (root / "content" / "site.yaml").write_text(f"base_url: '{base_url}'\n")
    result = run("build", "--no-search", cwd=root)
    assert result.returncode == 1 and "site.yaml: error: base_url: must be an absolute http(s) address" in result.stderr
    (root / "content" / "site.yaml").unlink()
    option = run("build", "--no-search", f"--base-url={base_url}", cwd=root)
    assert option.returncode == 1 and "--base-url: error: must be an absolute http(s) address" in option.stderr
    assert not (root / "_site").exists()


@pytest.mark.parametrize("front, message", [
    ("title: " + "9" * 5000, "front matter is not valid YAML: a value cannot be read: a number with too many digits"),
    ("slug: " + "s" * 300, "slug: is 300 characters long; at most 150"),
    ("slug: CON", "slug: 'CON' is a name Windows reserves"),
    ("slug: aux", "slug: 'aux' is a name Windows reserves"),
    ("date: 2023-W25-1", "date: '2023-W25-1' is not a date in the form YYYY-MM-DD"),
])
def test_bad_fields_are_errors_naming_the_file_and_field_in_check_and_build(tmp_path, front, message):
    text = "---\ntitle: T\noutlet: O\ndate: 2023-06-19\n" + front + "\n---\n\nBody text.\n"
    text = text.replace("title: T\n", "") if front.startswith("title") else text
    text = text.replace("date: 2023-06-19\n", "") if front.startswith("date") else text
    root = project(tmp_path, {"bad": text})
    for command in (["check"], ["build", "--no-search"]):
        result = run(*command, cwd=root)
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert f"articles/bad.md" in result.stderr and message in result.stderr, result.stderr


def test_duplicate_keys_and_outlet_spellings_are_warned_about(tmp_path):
    dup = "---\ntitle: First\ntitle: Second\noutlet: CBC News\ndate: 2023-06-19\n---\n\n\"A b c,\" Xi said.\n"
    root = project(tmp_path, {"dup": dup, "b": article_text(outlet="CBC-News"), "c": article_text(outlet="cbc news")})
    result = run("build", "--no-search", cwd=root)
    assert result.returncode == 0, result.stderr
    assert "articles/dup.md:3: warning: title: is given twice; the last value is used" in result.stderr
    assert result.stderr.count("is taken as the same outlet as") == 2
    for name in ("'CBC News'", "'CBC-News'", "'cbc news'"):
        assert name in result.stderr
    assert "Second" in (root / "_site" / "articles" / "dup.html").read_text()


@pytest.mark.parametrize("outlet", ["新华社", "Первый канал", "📰🗞", "The " + "Very Long Name " * 30])
def test_any_outlet_name_gets_a_page_and_keeps_its_name(tmp_path, outlet):
    root = project(tmp_path, {"a": article_text(outlet=f"'{outlet}'")})
    result = run("build", "--no-search", cwd=root)
    assert result.returncode == 0, result.stderr
    pages = sorted((root / "_site" / "outlets").glob("*.html"))
    page = [p for p in pages if p.name != "index.html"]
    assert len(page) == 1 and len(page[0].name) <= 100 and page[0].name.isascii()
    assert outlet.strip() in page[0].read_text()


# ----------------------------------------------------------------------------- serve

def test_serve_refuses_a_port_out_of_range_before_building(tmp_path):
    root = project(tmp_path)
    result = run("serve", "--port", "70000", cwd=root, timeout=30)
    assert result.returncode == 2 and "not a port number" in result.stderr
    assert not (root / "_site").exists()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_answers_odd_requests_and_never_serves_outside_the_output(tmp_path):
    root = project(tmp_path)
    secret = tmp_path / "secret.txt"
    secret.write_text("outside the site\n")
    port = _free_port()
    server = subprocess.Popen([*BUILD, "serve", "--no-search", "--port", str(port)], cwd=root,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, stdin=subprocess.DEVNULL)
    try:
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    pass
                if (root / "_site" / "index.html").exists():
                    break
            except OSError:
                time.sleep(0.2)
        (root / "_site" / "leak.txt").symlink_to(secret)

        def ask(method: str, path: str) -> tuple[int, bytes, dict]:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            conn.request(method, path)
            response = conn.getresponse()
            body = response.read()
            conn.close()
            return response.status, body, dict(response.getheaders())

        assert ask("GET", "/%00")[0] == 400
        assert ask("GET", "/" + "a" * 8000)[0] == 414
        for method in ("GET", "HEAD"):
            status, body, headers = ask(method, "/leak.txt")
            assert status == 404 and b"outside the site" not in body
            assert headers.get("Content-Length") != str(secret.stat().st_size) or status == 404
        assert ask("HEAD", "/index.html")[0] == 200
        assert ask("GET", "/index.html")[0] == 200
    finally:
        server.terminate()
        server.communicate(timeout=30)
