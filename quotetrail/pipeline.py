"""The build: load → (quote stages) → site model → render → write."""
from __future__ import annotations

import csv
import io
import time
from dataclasses import dataclass, replace
from pathlib import Path

from .analyse import Analysis, analyse
from .errors import ContentError
from .load import Content, load_content
from .render import Renderer, render_body
from .search import index_search
from .text import safe_json
from .sitemodel import ArticleView, SiteModel, build_site_model
from .write import write_site

PACKAGE_DIR = Path(__file__).resolve().parent


def default_templates() -> Path:
    """``./templates`` when the project has one, else the templates beside the package."""
    local = Path("templates")
    if (local / "base.html").is_file():
        return local
    return PACKAGE_DIR.parent / "templates"


@dataclass(frozen=True)
class BuildResult:
    content: Content
    analysis: Analysis
    model: SiteModel
    files: int
    seconds: float
    timings: dict  # stage → seconds

    def summary(self) -> str:
        speakers = {q.speaker for q in self.analysis.quotes if q.speaker}
        outlets = {a.outlet.id for a in self.content.articles}
        return (f"built {len(self.content.articles)} articles, {len(self.analysis.quotes)} quotes, {len(outlets)} outlets, "
                f"{len(speakers)} speakers; {self.files} files written in {self.seconds:.2f} s")


def load_valid_content(content_dir: Path) -> Content:
    content = load_content(content_dir)
    if content.errors:
        raise ContentError(list(content.problems))
    return content


def csv_bytes(rows) -> bytes:
    """UTF-8 with a BOM (spreadsheets then read it as UTF-8); cells that a
    spreadsheet would run as a formula are prefixed with an apostrophe."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in rows:
        writer.writerow(["'" + c if isinstance(c, str) and c[:1] in ("=", "+", "-", "@", "\t", "\r") else c for c in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def render_site(model: SiteModel, templates_dir: Path, progress=None) -> dict[str, bytes]:
    renderer = Renderer(templates_dir)
    files: dict[str, bytes] = {}
    total = len(model.pages)
    for n, page in enumerate(model.pages, start=1):
        if progress is not None and (n % 50 == 0 or n == total):
            progress("rendering pages", n, total)
        context = dict(page.context)
        view = context.get("view")
        if isinstance(view, ArticleView):
            context["body_html"] = render_body(view.body_source, list(view.marks))
        files[page.path] = renderer.render(page.template, context).encode("utf-8")
    for path, data in model.data_files.items():
        if path.endswith(".csv"):
            files[path] = csv_bytes(data)
        else:
            files[path] = (safe_json(data) + "\n").encode("utf-8")
    files[".nojekyll"] = b""
    return files


def build(content_dir: Path, output_dir: Path, *, base_url: str | None = None, templates_dir: Path | None = None,
          search: bool = True, progress=None) -> BuildResult:
    """Run every stage; ``progress(stage, done, total)`` hears about long ones."""
    started = time.perf_counter()
    timings: dict[str, float] = {}

    def lap(stage: str, since: float) -> float:
        now = time.perf_counter()
        timings[stage] = now - since
        return now

    templates_dir = Path(templates_dir or default_templates())
    content = load_valid_content(Path(content_dir))
    if base_url is not None:
        content = replace(content, config=replace(content.config, base_url=base_url))
    if content.config.base_url and not content.config.base_url.endswith("/"):
        content = replace(content, config=replace(content.config, base_url=content.config.base_url + "/"))
    t = lap("load", started)
    analysis = analyse(content)
    t = lap("quotes (extract, attribute, match)", t)
    model = build_site_model(content, analysis)
    t = lap("site model", t)
    files = render_site(model, templates_dir, progress)
    t = lap("render", t)
    write_site(Path(output_dir), files, {"assets": templates_dir / "assets"}, finish=index_search if search else None)
    lap("write and index search", t)
    return BuildResult(content, analysis, model, len(files), time.perf_counter() - started, timings)
