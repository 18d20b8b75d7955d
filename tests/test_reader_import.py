"""`import` as an editor meets it: a headline made from the text, and a
``source:`` that names the file without the importer's local paths."""
import frontmatter
import pytest

from quotetrail.cli import main
from quotetrail.importer import default_title, recorded_source, strip_dateline

from conftest import ROOT

SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


@pytest.mark.parametrize("text, expected", [
    ("BEIJING -- U.S. Secretary of State Antony Blinken met Xi Jinping.", "U.S. Secretary of State Antony Blinken met Xi Jinping."),
    ("BEIJING, June 19 (Reuters) - China and the US agreed to talk.", "China and the US agreed to talk."),
    ("WASHINGTON (AP) — The talks went well.", "The talks went well."),
    ("Beijing (CNN) — Blinken met Xi.", "Blinken met Xi."),
    ("LONDON: Talks resumed.", "Talks resumed."),
    # not a dateline: left as it is
    ("US Secretary of State Antony Blinken met Xi.", "US Secretary of State Antony Blinken met Xi."),
    ("China - the host - welcomed him.", "China - the host - welcomed him."),
])
def test_a_dateline_is_not_part_of_the_headline(text, expected):
    assert strip_dateline(text) == expected


def test_the_default_title_is_the_first_sentence_without_its_dateline():
    assert default_title("BEIJING -- Blinken met Xi on Monday. Then he left.\n\nMore.") == "Blinken met Xi on Monday"
    assert default_title("The two sides ‘made progress’, Xi says.\n") == "The two sides ‘made progress’, Xi says"


def test_a_long_first_sentence_is_cut_at_a_clause_or_word_never_inside_a_quotation():
    long = ("U.S. Secretary of State Antony Blinken met Monday with Chinese President Xi Jinping and said they agreed to "
            '"stabilize" badly deteriorated ties, but the top diplomat left Beijing with his biggest ask rebuffed.')
    title = default_title(long)
    assert len(title) <= 81 and title.endswith("…") and not title.endswith(" …")
    cut = "A spokesman said on Monday the two men had agreed that “we will not let this relationship fall apart, whatever it takes”."
    title = default_title(cut)
    assert title.count("“") == title.count("”"), title  # never a quotation opened and not closed
    assert title == "A spokesman said on Monday the two men had agreed…"
    # no headline ends on a dangling word
    assert not default_title("word " * 40 + "end.").rstrip("…").endswith((" and", " the", " to"))


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
def test_each_seed_gets_a_headline_without_a_dateline_or_an_open_quotation(seed):
    text = seed.read_text(encoding="utf-8")
    title = default_title(text.split("2023-06-19 ", 1)[1] if text.startswith(" date ") else text)
    assert 20 <= len(title) <= 81, title
    assert not title.startswith(("BEIJING", "WASHINGTON"))
    for opening, closing in ("“”", "‘’"):
        assert title.count(opening) <= title.count(closing), title
    assert title.count('"') % 2 == 0, title


def test_source_names_the_file_from_the_project_folder_or_by_its_name(tmp_path):
    project = tmp_path / "project"
    articles = project / "content" / "articles"
    articles.mkdir(parents=True)
    (project / "seeds").mkdir()
    inside = project / "seeds" / "a.txt"
    outside = tmp_path / "Downloads" / "report.txt"
    assert recorded_source(inside, articles) == "seeds/a.txt"
    assert recorded_source(outside, articles) == "report.txt"


def test_import_records_no_absolute_local_path(tmp_path, monkeypatch):
    downloads = tmp_path / "home" / "someone" / "Downloads"
    downloads.mkdir(parents=True)
    report = downloads / "report.txt"
    report.write_text("BEIJING (Reuters) - Blinken met Xi on Monday.\n\nMore text.\n", encoding="utf-8")
    project = tmp_path / "project"
    project.mkdir()
    monkeypatch.chdir(project)
    assert main(["import", str(report), "--outlet", "Wire", "--date", "2023-06-19"]) == 0
    (path,) = (project / "content" / "articles").glob("*.md")
    post = frontmatter.load(path)
    assert post["source"] == "report.txt"
    assert post["title"] == "Blinken met Xi on Monday"
    assert str(tmp_path) not in path.read_text(encoding="utf-8")
    # a file inside the project is named from the project folder
    (project / "seeds").mkdir()
    seed = project / "seeds" / "one.txt"
    seed.write_text("Talks went well.\n", encoding="utf-8")
    assert main(["import", str(seed), "--outlet", "Wire", "--date", "2023-06-19", "--slug", "one"]) == 0
    assert frontmatter.load(project / "content" / "articles" / "one.md")["source"] == "seeds/one.txt"
