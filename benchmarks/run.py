#!/usr/bin/env python3
"""Build benchmark: quotetrail against Pelican and Hugo on the same articles.

    pip install -e ".[bench]"
    python benchmarks/run.py                       # N = 1,000 and 10,000
    python benchmarks/run.py --sizes 1000 --skip-pelican

For each N it generates the corpus (benchmarks/corpus.py), converts the same
articles for Pelican (default theme) and Hugo (a minimal layout: title, outlet,
date, content, plus an index), then times, each in its own process:
quotetrail cold build (empty cache), rebuild with nothing changed, rebuild
after editing one article (a new process, as ``build`` is run; and in a
process that stays up, as ``serve`` rebuilds with its default options, and
how long after it the search index had caught up), quotetrail cold with the
search index and a rebuild after an edit (default options), the Pagefind CLI
over the built HTML (how the index was made before: the alternative to the
records), Pelican, Hugo.
Prints wall seconds, peak memory (all of a build's processes at once),
ms/article and the ratios. ``--repeat R``
runs the whole set R times in turn and reports the median (wall times on a
shared machine vary by 10–20 % from run to run); a ratio is taken within each
round, where both builds met the same spell of the machine, and its median
over the rounds is reported.

Nothing is deleted while builds are timed: every build writes into a folder
of its own, under a new folder in ``--work`` that is removed at the end. On a
file system that avoids reusing recently freed inodes (ext4 without a
journal, for 1–5 minutes) deleting a site just before timing the next one
makes every new file cost a scan past the freed ones, and the build that
happens to follow a large deletion would pay for it.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from corpus import generate  # noqa: E402

FRONT = re.compile(r"^---\n(.*?)\n---\n\n", re.S)


def timed(command: list[str], cwd: Path | None = None) -> tuple[float, float]:
    """(wall seconds, peak MB) of one command: its wall time via GNU time, and
    the most memory its processes held at once (see TreeMemory)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as out:
        process = subprocess.Popen(["/usr/bin/time", "-f", "%e %M", "-o", out.name, *command], cwd=cwd,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        with TreeMemory(process.pid) as memory:
            _, errors = process.communicate()
        if process.returncode != 0:
            raise SystemExit(f"failed: {' '.join(command)}\n{errors[-2000:]}")
        wall, kb = out.read().split()[-2:]
    return float(wall), max(memory.peak_mb, int(kb) / 1024)


class TreeMemory:
    """The peak of the memory a process and all its descendants hold at once
    (a build forks workers and runs Pagefind processes beside it): their
    proportional set sizes (shared pages split between the processes sharing
    them), summed, sampled every 50 ms. At least GNU time's figure, the
    largest single process (``timed``)."""

    def __init__(self, pid: int, every: float = 0.05):
        self.pid, self.every, self.peak_mb = pid, every, 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        while not self._stop.wait(self.every):
            self.peak_mb = max(self.peak_mb, sum(map(_pss_kb, _descendants(self.pid))) / 1024)


def _descendants(pid: int) -> list[int]:
    """``pid`` and every process below it."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/stat", "rb") as f:
                    ppid = int(f.read().rsplit(b")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        found.append(todo.pop())
        todo.extend(children.get(found[-1], ()))
    return found


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as f:
            for line in f:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def meta_of(path: Path) -> tuple[dict, str]:
    text = path.read_text(encoding="utf-8")
    m = FRONT.match(text)
    meta = {}
    for line in m.group(1).splitlines():
        key, _, value = line.partition(": ")
        meta[key] = value.strip().strip('"')
    return meta, text[m.end():]


def to_pelican(content: Path, site: Path) -> Path:
    (site / "content").mkdir(parents=True)
    for path in sorted((content / "articles").glob("*.md")):
        meta, body = meta_of(path)
        header = f"Title: {meta['title']}\nDate: {meta['date']}\nCategory: {meta['outlet']}\nSlug: {path.stem}\n\n"
        (site / "content" / path.name).write_text(header + body, encoding="utf-8")
    (site / "pelicanconf.py").write_text(
        'AUTHOR = "bench"\nSITENAME = "Benchmark corpus"\nSITEURL = ""\nTIMEZONE = "UTC"\n'
        'DEFAULT_LANG = "en"\nRELATIVE_URLS = True\nPATH = "content"\n', encoding="utf-8")
    return site


def to_hugo(content: Path, site: Path) -> Path:
    (site / "content" / "articles").mkdir(parents=True)
    (site / "layouts").mkdir()
    for path in sorted((content / "articles").glob("*.md")):
        meta, body = meta_of(path)
        header = f"---\ntitle: \"{meta['title']}\"\ndate: {meta['date']}\nparams:\n  outlet: \"{meta['outlet']}\"\n---\n\n"
        (site / "content" / "articles" / path.name).write_text(header + body, encoding="utf-8")
    (site / "hugo.toml").write_text(
        'baseURL = "https://example.org/"\ntitle = "Benchmark corpus"\n'
        'disableKinds = ["taxonomy", "term", "rss", "sitemap", "robotstxt"]\n', encoding="utf-8")
    page = ('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body>'
            '<main><article><h1>{{ .Title }}</h1><p>{{ .Params.outlet }} · {{ .Date.Format "2006-01-02" }}</p>'
            '{{ .Content }}</article></main></body></html>\n')
    index = ('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{{ .Site.Title }}</title></head><body>'
             '<main><h1>{{ .Site.Title }}</h1><ul>{{ range .Site.RegularPages }}<li><a href="{{ .RelPermalink }}">'
             '{{ .Title }}</a> {{ .Params.outlet }} {{ .Date.Format "2006-01-02" }}</li>{{ end }}</ul></main></body></html>\n')
    (site / "layouts" / "single.html").write_text(page, encoding="utf-8")
    (site / "layouts" / "list.html").write_text(index, encoding="utf-8")
    (site / "layouts" / "home.html").write_text(index, encoding="utf-8")
    return site


def edit_one(content: Path, n: int = 0) -> Path:
    """Adds a quotation to the middle article; returns its path."""
    paths = sorted((content / "articles").glob("*.md"))
    path = paths[len(paths) // 2]
    with path.open("a", encoding="utf-8") as f:
        f.write(f'\n"We will keep working on this for as long as it takes, round {n}," Blinken told reporters.\n')
    return path


def warm_rebuild(content: Path, out: Path, cache: Path, label: str) -> tuple[tuple[float, float], tuple[float, float]]:
    """serve's rebuild after an edit, with its default options (see
    warm_rebuild.py): (wall seconds, peak MB) of the rebuild, and (seconds
    after it until the search index had caught up, the same peak MB)."""
    command = [sys.executable, str(HERE / "warm_rebuild.py"), str(content), str(out), str(cache),
               str(ROOT / "templates"), label]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    with TreeMemory(process.pid) as memory:
        output, errors = process.communicate()
    if process.returncode != 0:
        raise SystemExit(f"failed: warm_rebuild.py\n{errors[-2000:]}")
    wall, caught_up, mb = output.split()[-3:]
    mb = max(float(mb), memory.peak_mb)
    return (float(wall), mb), (float(caught_up), mb)


def bench(n: int, work: Path, skip_pelican: bool, skip_hugo: bool, repeat: int = 1) -> dict:
    """name → [(wall, MB) per round]; the rounds run the whole set in turn, so a
    slow spell of the machine falls on every build alike. Each build writes
    into a folder no earlier build used (see the module docstring)."""
    base = work / str(n)
    content = generate(base / "content", n)
    py = sys.executable
    qt = [py, str(ROOT / "build.py"), "--content", str(content), "--templates", str(ROOT / "templates"), "-q"]
    pelican = None if skip_pelican else to_pelican(content, base / "pelican")
    hugo = None if skip_hugo else to_hugo(content, base / "hugo")
    results: dict[str, list] = {}
    for round_ in range(repeat):
        folder = base / f"round-{round_ + 1}"
        out, cache = folder / "qt-site", folder / "qt-cache"
        results.setdefault("quotetrail cold", []).append(
            timed(qt + ["--output", str(out), "--cache", str(cache), "--no-search", "--ignore-cache"]))
        results.setdefault("quotetrail rebuild, nothing changed", []).append(
            timed(qt + ["--output", str(out), "--cache", str(cache), "--no-search"]))
        edit_one(content, round_)
        results.setdefault("quotetrail rebuild, one article edited", []).append(
            timed(qt + ["--output", str(out), "--cache", str(cache), "--no-search"]))
        serve, caught_up = warm_rebuild(content, out, cache, f"{round_}, serve")
        results.setdefault("quotetrail serve, one article edited", []).append(serve)
        results.setdefault("  its search index caught up, s after", []).append(caught_up)
        searched, search_cache = folder / "qt-site-search", folder / "qt-cache-2"
        results.setdefault("quotetrail cold, with search index", []).append(
            timed(qt + ["--output", str(searched), "--cache", str(search_cache), "--ignore-cache"]))
        edit_one(content, f"{round_}, with search")
        results.setdefault("quotetrail rebuild, one edited, search index", []).append(
            timed(qt + ["--output", str(searched), "--cache", str(search_cache)]))
        results.setdefault("Pagefind CLI over the HTML (the index before)", []).append(
            timed([py, "-m", "pagefind", "--site", str(searched), "--output-path", str(folder / "cli-pagefind"), "--silent"]))
        if pelican is not None:
            results.setdefault("Pelican (default theme)", []).append(
                timed([str(Path(py).parent / "pelican"), "content", "-o", str(folder / "pelican-output"), "-s", "pelicanconf.py", "-q"],
                      cwd=pelican))
        if hugo is not None:
            results.setdefault("Hugo (minimal layout)", []).append(
                timed([str(Path(py).parent / "hugo"), "--source", str(hugo), "--destination", str(folder / "hugo-public"), "--quiet"]))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "quotetrail-bench",
                        help="where to make this run's folder (removed at the end; default: %(default)s)")
    parser.add_argument("--keep", action="store_true", help="keep this run's folder (the corpus and every site)")
    parser.add_argument("--skip-pelican", action="store_true")
    parser.add_argument("--skip-hugo", action="store_true")
    parser.add_argument("--repeat", type=int, default=1,
                        help="rounds of every build; the median wall time is reported (default: 1)")
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores; python {sys.version.split()[0]}; rounds: {args.repeat}")
    args.work.mkdir(parents=True, exist_ok=True)
    run = Path(tempfile.mkdtemp(prefix="run-", dir=args.work))
    try:
        for n in args.sizes:
            report(n, bench(n, run, args.skip_pelican, args.skip_hugo, max(1, args.repeat)), args.repeat > 1)
    finally:
        if args.keep:
            print(f"\nkept {run}")
        else:
            shutil.rmtree(run, ignore_errors=True)


def report(n: int, results: dict, spread: bool) -> None:
    """Medians of the rounds, with their range when there are several."""
    print(f"\nN = {n:,} articles")
    print(f"{'build':48} {'wall s':>8} {'peak MB':>8} {'ms/article':>11}" + ("  (min–max wall s)" if spread else ""))
    for name, runs in results.items():
        walls = sorted(wall for wall, _ in runs)
        wall = statistics.median(walls)
        mb = max(mb for _, mb in runs)
        print(f"{name:48} {wall:8.2f} {mb:8.0f} {1000 * wall / n:11.2f}" + (f"  ({walls[0]:.2f}–{walls[-1]:.2f})" if spread else ""))
    # Ratios per round, then their median: a round times every build within a
    # minute or two, so a slow spell of a shared machine touches both sides.
    for name, other in (("quotetrail cold", "Pelican (default theme)"), ("quotetrail cold", "Hugo (minimal layout)"),
                        ("quotetrail cold, with search index", "Pelican (default theme)"),
                        ("quotetrail rebuild, nothing changed", "quotetrail cold")):
        if other in results:
            ratios = sorted(a / b for (a, _), (b, _) in zip(results[name], results[other]))
            print(f"{name} / {other}: {statistics.median(ratios):.2f}×"
                  + (f"  (per round {ratios[0]:.2f}–{ratios[-1]:.2f}×)" if spread else ""))


if __name__ == "__main__":
    main()
