"""tests/gold/check.py: a new gold folder's problems are named, file by file, without figures."""
import importlib.util
import sys
import textwrap
from pathlib import Path

_GOLD = Path(__file__).resolve().parent / "gold"
sys.path.insert(0, str(_GOLD))
_SPEC = importlib.util.spec_from_file_location("gold_check", _GOLD / "check.py")
check = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(check)


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")


def gold_folder(tmp_path: Path, gold: str, families: str = "[]\n", url: str = "https://example.org/a") -> Path:
    folder = tmp_path / "event"
    write(folder / "content" / "speakers.yaml", "- id: novak\n  name: Pavel Novak\n  pronoun: he\n")
    write(folder / "content" / "articles" / "a.md", f"""
        ---
        title: A
        outlet: Example
        date: 2025-01-01
        url: {url}
        ---

        Pavel Novak said: "We will win." Novak added that "no one" would stop them.
        """)
    write(folder / "gold.yaml", gold)
    write(folder / "families.yaml", families)
    write(folder / "SOURCES.md", "# Sources\n")
    return folder


def test_a_well_formed_folder_has_no_problems(tmp_path):
    folder = gold_folder(tmp_path, """
        a:
          - {text: "We will win.", speaker: novak, statements: [win]}
          - {text: "no one", speaker: novak, statements: [win]}
        _statements:
          win: "We will win."
        """)
    assert check.check_folder(folder) == []


def test_each_problem_is_named_with_its_file(tmp_path):
    folder = gold_folder(tmp_path, """
        a:
          - {text: "We will lose.", speaker: novak, statements: [win]}
          - {text: "Nova", speaker: nobody, statements: [lose]}
          - {text: "no one", speaker: novak, statements: win}
        _statements:
          win: "We will win."
        """, families="- {name: x, article: [a]}\n")
    problems = "\n".join(check.check_folder(folder))
    assert "a #1: text not found in the article body: 'We will lose.'" in problems
    assert "a #2: text not found" in problems  # "Nova" is no word of "Novak"
    assert "a #2: speaker 'nobody' is not a speakers.yaml id" in problems
    assert "a #2: statement key 'lose' is not defined under _statements" in problems
    assert "a #3: `statements` must be a list of keys" in problems
    assert "families.yaml: family #1 needs `articles`" in problems


def test_an_article_another_gold_folder_holds_is_a_problem(tmp_path):
    # a url of an existing dev event, without its scheme
    taken = next((_GOLD / "dev").glob("*/content/articles/*.md"))
    url = check._url(taken)
    folder = gold_folder(tmp_path, "a: []\n", url="http://www." + url)
    assert any(f"its url is already in {taken.parents[2].name}" in p for p in check.check_folder(folder))
