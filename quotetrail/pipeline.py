"""The build: load → (quote stages) → site model → render → write."""
from __future__ import annotations

import json
import time
from dataclasses import dataclass, replace
from pathlib import Path

from .analyse import Analysis, analyse
from .errors import ContentError
from .load import Content, load_content
from .render import Renderer, render_body
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


def load_valid_content(content_dir: Path) -> Content:
    content = load_content(content_dir)
    if content.errors:
        raise ContentError(list(content.problems))
    return content


def safe_json(data) -> str:
    """JSON that stays inert even if someone pastes it into a <script> block."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render_site(model: SiteModel, templates_dir: Path) -> dict[str, bytes]:
    renderer = Renderer(templates_dir)
    files: dict[str, bytes] = {}
    for page in model.pages:
        context = dict(page.context)
        view = context.get("view")
        if isinstance(view, ArticleView):
            context["body_html"] = render_body(view.body_source, list(view.marks))
        files[page.path] = renderer.render(page.template, context).encode("utf-8")
    for path, data in model.data_files.items():
        files[path] = (safe_json(data) + "\n").encode("utf-8")
    files[".nojekyll"] = b""
    return files


def build(content_dir: Path, output_dir: Path, *, base_url: str | None = None, templates_dir: Path | None = None) -> BuildResult:
    started = time.perf_counter()
    templates_dir = Path(templates_dir or default_templates())
    content = load_valid_content(Path(content_dir))
    if base_url is not None:
        content = replace(content, config=replace(content.config, base_url=base_url))
    if content.config.base_url and not content.config.base_url.endswith("/"):
        content = replace(content, config=replace(content.config, base_url=content.config.base_url + "/"))
    analysis = analyse(content)
    model = build_site_model(content, analysis)
    files = render_site(model, templates_dir)
    write_site(Path(output_dir), files, {"assets": templates_dir / "assets"})
    return BuildResult(content, analysis, model, len(files), time.perf_counter() - started)
