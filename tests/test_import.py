"""`import`: plain text → content file, on each seed."""
import frontmatter
import pytest

from quotetrail.cli import main
from quotetrail.load import load_content

from conftest import ROOT, SPEAKERS

SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
def test_import_each_seed_keeps_text_and_strips_marker(tmp_path, seed):
    content = tmp_path / "content"
    rc = main(["import", str(seed), "--outlet", "Test Outlet", "--date", "2023-06-19", "--url", "https://example.com/x",
               "--wire", "AP", "--content", str(content), "--slug", "seed"])
    assert rc == 0
    post = frontmatter.load(content / "articles" / "seed.md")
    assert post["outlet"] == "Test Outlet" and post["url"] == "https://example.com/x" and post["wire"] == "AP"
    raw = seed.read_text(encoding="utf-8")
    expected = raw.split("2023-06-19 ", 1)[1] if raw.startswith(" date ") else raw
    assert post.content.strip() == expected.strip()
    assert not post.content.startswith(" date")
    (content / "speakers.yaml").write_text(SPEAKERS)
    assert load_content(content).errors == []


def test_import_takes_date_from_marker_and_refuses_overwrite(tmp_path, capsys):
    seed = next(s for s in SEEDS if s.read_text().startswith(" date "))
    content = tmp_path / "content"
    args = ["import", str(seed), "--outlet", "CBC News", "--content", str(content), "--title", "A headline"]
    assert main(args) == 0
    (path,) = (content / "articles").glob("*.md")
    assert path.name == "cbc-news-a-headline.md"
    assert frontmatter.load(path)["date"].isoformat() == "2023-06-19"
    assert main(args) == 1
    assert "already exists; use --force" in capsys.readouterr().err
    assert main(args + ["--force"]) == 0


def test_import_without_date_or_marker_fails_clearly(tmp_path, capsys):
    src = tmp_path / "a.txt"
    src.write_text("Some text.\n\nMore text.\n")
    assert main(["import", str(src), "--outlet", "X", "--content", str(tmp_path / "c")]) == 1
    assert "no --date given" in capsys.readouterr().err
