"""Charts drawn at build time: plain geometry the templates turn into inline
SVG (``templates/_charts.html``). No script, no external file; colours come
from the site's stylesheet (so they follow the dark theme), and every chart
carries its numbers as a table, for screen readers and for anyone who would
rather read them.

Coordinates are in a viewBox 400 units wide, about the width of a phone
column, so the text stays legible when the drawing is scaled down to one.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

WIDTH = 400


@dataclass(frozen=True)
class Shape:
    kind: str  # "rect" or "circle"
    x: float
    y: float
    w: float  # width, or the radius of a circle
    h: float
    css: str
    title: str  # what it stands for, shown on hover


@dataclass(frozen=True)
class Label:
    x: float
    y: float
    text: str
    anchor: str = "middle"  # text-anchor
    css: str = ""


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    css: str


@dataclass(frozen=True)
class Chart:
    id: str  # unique on its page: the ids of its title and description
    title: str
    summary: str  # the text alternative: what the chart shows, in a sentence or two
    width: int
    height: int
    shapes: tuple[Shape, ...]
    labels: tuple[Label, ...]
    lines: tuple[Line, ...]
    legend: tuple[tuple[str, str], ...]  # (css class, series name)
    columns: tuple[str, ...]  # the table's header
    table: tuple[tuple[str, ...], ...]  # the numbers, one row per bar


def _r(value: float) -> float:
    return round(value, 1)


def nice_ticks(top: float, most: int = 5) -> list[int]:
    """Round axis values from 0 to at least ``top`` (whole numbers), at most ``most`` + 1 of them."""
    top = max(1, math.ceil(top))
    raw = top / most
    magnitude = 10 ** math.floor(math.log10(raw)) if raw >= 1 else 1
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    step = max(1, int(step))
    return list(range(0, top + step, step)) if top % step else list(range(0, top + 1, step))


def _number(n: int) -> str:
    return f"{n:,}"


def shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def columns(chart_id: str, title: str, summary: str, data: list[tuple[str, tuple[int, ...]]],
            series: tuple[tuple[str, str], ...], x_title: str, label_count: int = 8) -> Chart:
    """Vertical columns, one per item of ``data`` ((label, a value per series),
    stacked from the first series up). At most ``label_count`` labels on the
    horizontal axis (the first, the last and some between)."""
    height, left, right, top, bottom = 200, 34, 6, 10, 38
    plot_w, plot_h = WIDTH - left - right, height - top - bottom
    n = max(1, len(data))
    ticks = nice_ticks(max((sum(v) for _, v in data), default=1))
    scale = plot_h / ticks[-1]
    slot = plot_w / n
    bar = max(slot * (0.78 if n < 60 else 0.9), 0.6)
    base = top + plot_h
    shapes, labels, lines = [], [], []
    for value in ticks:
        y = _r(base - value * scale)
        lines.append(Line(left, y, WIDTH - right, y, "grid" if value else "axis"))
        labels.append(Label(left - 4, _r(y + 4), _number(value), "end", "tick"))
    every = max(1, math.ceil(n / label_count))
    for i, (label, values) in enumerate(data):
        x = left + i * slot + (slot - bar) / 2
        y = base
        for (css, name), value in zip(series, values):
            if value:
                h = value * scale
                y -= h
                shapes.append(Shape("rect", _r(x), _r(y), _r(bar), _r(h), css, f"{label}: {_number(value)} {name}"))
        if i % every == 0 or i == n - 1 and n <= label_count * 2:
            labels.append(Label(_r(x + bar / 2), base + 14, label, "middle", "tick"))
    labels.append(Label(_r(left + plot_w / 2), height - 6, x_title, "middle", "axis-title"))
    table = tuple((label, *(_number(v) for v in values)) for label, values in data)
    return Chart(chart_id, title, summary, WIDTH, height, tuple(shapes), tuple(labels), tuple(lines), series,
                 (x_title, *(name for _, name in series)), table)


def bars(chart_id: str, title: str, summary: str, data: list[tuple[str, tuple[int, ...]]],
         series: tuple[tuple[str, str], ...], label_title: str) -> Chart:
    """Horizontal bars, one per item of ``data`` ((label, a value per series),
    stacked left to right), the label at the left and the total at the end."""
    row, left, right, top = 20, 132, 40, 6
    plot_w = WIDTH - left - right
    height = top + row * max(1, len(data)) + 6
    most = max((sum(v) for _, v in data), default=1) or 1
    shapes, labels, lines = [], [], [Line(left, top, left, height - 6, "axis")]
    for i, (label, values) in enumerate(data):
        y = top + i * row
        x = left
        for (css, name), value in zip(series, values):
            if value:
                w = value / most * plot_w
                shapes.append(Shape("rect", _r(x), _r(y + 3), _r(w), row - 6, css, f"{label}: {_number(value)} {name}"))
                x += w
        labels.append(Label(left - 4, _r(y + row / 2 + 4), shorten(label, 22), "end", "tick"))
        labels.append(Label(_r(x + 4), _r(y + row / 2 + 4), _number(sum(values)), "start", "value"))
    table = tuple((label, *(_number(v) for v in values)) for label, values in data)
    return Chart(chart_id, title, summary, WIDTH, height, tuple(shapes), tuple(labels), tuple(lines), series,
                 (label_title, *(name for _, name in series)), table)
