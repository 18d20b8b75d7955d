"""Command line: ``quotetrail [build|check|import] [options]`` (same as ``python build.py``)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__
from .analyse import analyse
from .errors import ContentError, Problem
from .importer import ImportError_, import_article
from .load import ARTICLES_DIR, load_content
from .pipeline import build
from .write import UnsafePath

COMMANDS = ("build", "check", "import")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="quotetrail",
        description="Build a static site that cross-references quotations across news outlets.",
    )
    parser.add_argument("--version", action="version", version=f"quotetrail {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="command")

    p_build = sub.add_parser("build", help="build the site from content/ (the default command)")
    p_build.add_argument("--content", default="content", help="content folder (default: content)")
    p_build.add_argument("--output", default="_site", help="output folder (default: _site)")
    p_build.add_argument("--base-url", default=None, help="public address of the site, e.g. https://USER.github.io/REPO/")

    p_check = sub.add_parser("check", help="validate all content and report every problem")
    p_check.add_argument("--content", default="content", help="content folder (default: content)")

    p_import = sub.add_parser("import", help="turn plain-text articles into content files")
    p_import.add_argument("files", nargs="+", type=Path, metavar="FILE")
    p_import.add_argument("--outlet", required=True, help="the outlet that published the article")
    p_import.add_argument("--date", help="publication date YYYY-MM-DD (default: the text's ' date ...' marker)")
    p_import.add_argument("--url", help="address of the original article")
    p_import.add_argument("--title", help="headline (default: the first sentence)")
    p_import.add_argument("--wire", help="wire service the copy came from, e.g. AP")
    p_import.add_argument("--byline", help="author(s)")
    p_import.add_argument("--slug", help="file name for the article (default: from outlet and title)")
    p_import.add_argument("--content", default="content", help="content folder (default: content)")
    p_import.add_argument("--force", action="store_true", help="overwrite an existing article")
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0] not in COMMANDS and argv[0] not in ("-h", "--help", "--version")):
        argv.insert(0, "build")
    args = _parser().parse_args(argv)
    try:
        if args.command == "build":
            return _build(args)
        if args.command == "check":
            return _check(args)
        return _import(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


def _print_problems(problems: list[Problem]) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)


def _build(args) -> int:
    try:
        result = build(Path(args.content), Path(args.output), base_url=args.base_url)
    except ContentError as exc:
        _print_problems(exc.problems)
        print(f"build failed: {len(exc.problems)} problem(s); {args.output} was left unchanged", file=sys.stderr)
        return 1
    except (UnsafePath, OSError) as exc:
        print(f"build failed: {exc}; {args.output} was left unchanged", file=sys.stderr)
        return 1
    _print_problems([p for p in result.content.problems if p.severity == "warning"] + list(result.analysis.problems))
    print(
        f"built {len(result.content.articles)} articles, {len(result.analysis.quotes)} quotes, "
        f"{result.files} files into {args.output} in {result.seconds:.2f} s"
    )
    return 0


def _check(args) -> int:
    content = load_content(Path(args.content))
    problems = list(content.problems)
    if not content.errors:
        problems += list(analyse(content).problems)
    _print_problems(problems)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        print(f"check failed: {len(errors)} error(s), {len(problems) - len(errors)} warning(s)", file=sys.stderr)
        return 1
    print(f"ok: {len(content.articles)} articles, {len(content.speakers)} speakers, {len(problems)} warning(s)")
    return 0


def _import(args) -> int:
    articles_dir = Path(args.content) / ARTICLES_DIR
    if len(args.files) > 1 and (args.slug or args.title or args.url):
        print("import: --slug, --title and --url apply to one file; import files one at a time", file=sys.stderr)
        return 2
    failed = 0
    for source in args.files:
        try:
            target = import_article(
                source, articles_dir, outlet=args.outlet, date=args.date, url=args.url,
                title=args.title, wire=args.wire, byline=args.byline, slug=args.slug, force=args.force,
            )
        except ImportError_ as exc:
            print(f"import: {exc}", file=sys.stderr)
            failed += 1
            continue
        print(f"wrote {target}")
    return 1 if failed else 0
