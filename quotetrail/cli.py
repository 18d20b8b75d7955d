"""Command line: ``quotetrail [build|check|import] [options]`` (same as ``python build.py``)."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import __version__
from .analyse import analyse
from .errors import ContentError, Problem
from .importer import ImportError_, import_article
from .load import ARTICLES_DIR, load_content
from .pipeline import build
from .speed.memory import STALE, BuildMemory, prepare_next
from .render import TemplateProblem
from .search import SearchIndexError
from .guard import OutputBusy, UnsafeOutput
from .write import CommitIncomplete, UnsafePath

COMMANDS = ("build", "check", "import", "serve")


def _site_options(parser) -> None:
    parser.add_argument("--content", default="content", help="content folder (default: content)")
    parser.add_argument("--output", default="_site", help="output folder (default: _site); a build replaces it whole, so "
                        "it must not hold the content, templates or cache folder, a git repository or other files")
    parser.add_argument("--templates", default=None, help="templates folder (default: ./templates)")
    parser.add_argument("--no-search", action="store_true", help="skip the search index (faster; the search page then finds nothing)")
    parser.add_argument("--force", action="store_true", help="build into an output folder that holds files no build "
                        "wrote, moving them into a backup folder beside it first (nothing is deleted)")


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number") from None
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{port} is not a port number (0 to 65535; 0 picks a free one)")
    return port


def _cache_options(parser) -> None:
    parser.add_argument("--cache", default=".quotetrail-cache", help="cache folder, outside the output (default: .quotetrail-cache)")
    parser.add_argument("--ignore-cache", action="store_true", help="rebuild everything from scratch (and refresh the cache)")
    parser.add_argument("-j", "--jobs", type=int, default=None, help="worker processes (default: one per core, at most 8)")


def _output_options(parser) -> None:
    loudness = parser.add_mutually_exclusive_group()
    loudness.add_argument("-q", "--quiet", action="store_true", help="print only problems")
    loudness.add_argument("-v", "--verbose", action="store_true", help="also print how long each stage took")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="quotetrail",
        description="Build a static site that cross-references quotations across news outlets.",
    )
    parser.add_argument("--version", action="version", version=f"quotetrail {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="command")

    p_build = sub.add_parser("build", help="build the site from content/ (the default command)")
    _site_options(p_build)
    p_build.add_argument("--base-url", default=None, help="public address of the site, e.g. https://USER.github.io/REPO/")
    _cache_options(p_build)
    _output_options(p_build)

    p_serve = sub.add_parser("serve", help="build, serve on 127.0.0.1, rebuild and reload on every change")
    _site_options(p_serve)
    p_serve.add_argument("--port", type=_port, default=8000, help="port on 127.0.0.1 (default: 8000; 0 picks a free one)")
    _cache_options(p_serve)
    _output_options(p_serve)

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


def run() -> None:
    """The console entry point: ``main()``, then exit at once. Tearing down a
    big build's objects one by one takes most of a second at 10,000 articles;
    the operating system frees them all together. (Output is flushed first;
    files, caches and worker pools are already closed by then.)"""
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


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
        if args.command == "serve":
            return _serve(args)
        return _import(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


def _print_problems(problems: list[Problem]) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)


class _Reporter:
    """Terminal output: a progress bar on long builds, colour only on a terminal."""

    def __init__(self, quiet: bool, verbose: bool):
        from rich.console import Console

        self.quiet, self.verbose = quiet, verbose
        self.err = Console(stderr=True, highlight=False, soft_wrap=True)
        self.out = Console(highlight=False, soft_wrap=True)
        self._progress = None
        self._task = None

    def progress(self, stage: str, done: int, total: int) -> None:
        if self.quiet or not self.err.is_terminal or total < 500:
            return
        if self._progress is None:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self._progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                      TimeElapsedColumn(), console=self.err, transient=True)
            self._progress.start()
            self._task = self._progress.add_task(stage, total=total)
        self._progress.update(self._task, completed=done, total=total, description=stage)

    def close(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None

    def problems(self, problems) -> None:
        for problem in problems:
            style = "red" if problem.severity == "error" else "yellow"
            self.err.print(str(problem), style=style, markup=False)

    def result(self, result) -> None:
        if not self.quiet:
            self.out.print(result.summary(), markup=False)
        if self.verbose:
            for stage, seconds in result.timings.items():
                self.out.print(f"  {stage}: {seconds:.2f} s", markup=False)

    def note(self, message: str) -> None:
        if not self.quiet:
            self.err.print(message, markup=False)

    def fail(self, message: str) -> None:
        self.err.print(message, style="bold red", markup=False)


_LEFT_FOR_EXIT: list = []  # the last one-shot build's result (see _build)


def _run_build(args, reporter: _Reporter, keep: bool = False, memory: BuildMemory | None = None) -> str | None:
    """One build; returns None, or the problems as text (the site is left as it was)."""
    try:
        result = build(Path(args.content), Path(args.output), base_url=getattr(args, "base_url", None),
                       templates_dir=Path(args.templates) if args.templates else None, progress=reporter.progress,
                       search=not args.no_search, cache_dir=Path(args.cache), ignore_cache=args.ignore_cache,
                       jobs=args.jobs, memory=memory, force=args.force, announce=reporter.note)
    except ContentError as exc:
        reporter.close()
        reporter.problems(exc.problems)
        message = f"build failed: {len(exc.problems)} problem(s); {args.output} was left unchanged"
        reporter.fail(message)
        return "\n".join(str(p) for p in exc.problems) + "\n" + message
    except (UnsafeOutput, OutputBusy) as exc:
        reporter.close()
        message = f"build refused: {exc}; nothing was touched"
        reporter.fail(message)
        return message
    except CommitIncomplete as exc:
        reporter.close()
        message = f"build failed while replacing the site's files: {exc}"
        reporter.fail(message)
        return message
    except (UnsafePath, OSError, SearchIndexError, TemplateProblem) as exc:
        reporter.close()
        said = str(exc)
        message = f"build failed: {said}" + ("" if "left unchanged" in said else f"; {args.output} was left unchanged")
        reporter.fail(message)
        return message
    reporter.close()
    if result.content is not None:
        reporter.problems([p for p in result.content.problems if p.severity == "warning"] + list(result.analysis.problems))
    reporter.result(result)
    for note in result.notes:
        reporter.note(note)
    if keep:
        _LEFT_FOR_EXIT[:] = [result]
    return None


def _build(args) -> int:
    # One build, then the process ends: its result (millions of objects at
    # 10,000 articles) is left for the exit to free all at once (see run),
    # rather than freed object by object as this returns (0.3 s).
    return 1 if _run_build(args, _Reporter(args.quiet, args.verbose), keep=True) else 0


def _serve(args) -> int:
    from .serve import REBUILD, BuildState, serve

    reporter = _Reporter(args.quiet, args.verbose)
    watch = [Path(args.content), Path(args.templates or "templates")]
    watch = [w for w in watch if w.exists()]
    # what each rebuild leaves for the next; the site goes out first, and the
    # search index catches up in the idle steps
    memory = BuildMemory(watched=True, search_later=True)

    def rebuild(paths):
        memory.note_changes(paths)
        return _run_build(args, reporter, memory=memory)

    def idle():
        step = prepare_next(memory)
        while memory.messages:
            reporter.fail(memory.messages.pop(0))
        return REBUILD if step == STALE else step

    try:
        serve(rebuild, watch, Path(args.output), args.port, BuildState(),
              lambda text: reporter.out.print(text, markup=False), idle=idle)
    except OSError as exc:
        reporter.fail(f"serve: {exc}")
        return 1
    finally:
        memory.stop_search()  # an index left behind is brought up to date by the next build
        memory.delete_leftovers()  # no replaced files left next to the output
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
