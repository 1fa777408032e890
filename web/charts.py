"""The geometry of the dashboard charts: scales, ticks, points and bars.

The numbers are laid out here in the units of an SVG viewBox; the templates in
templates/dashboard/ draw them, so every chart is plain SVG made on the server.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

WIDTH = 640
LEFT, RIGHT, TOP, BOTTOM = 72, 16, 64, 64  # the y axis is named above it
PLOT_HEIGHT = 220
ROW = 26  # one region of a ranking
NAME_WIDTH = 150  # the region names left of a ranking's bars
MOST_X_LABELS = 6


@dataclass
class Chart:
    """One chart: its size, y ticks, x labels and what is drawn inside."""

    height: int
    kind: str = ""
    words: dict[str, str] = field(default_factory=dict)
    ticks: list[tuple[float, str]] = field(default_factory=list)
    labels: list[tuple[float, str, bool]] = field(default_factory=list)
    marks: list[dict] = field(default_factory=list)
    lines: list[dict] = field(default_factory=list)
    left: int = LEFT
    width: int = WIDTH
    top: int = TOP
    bottom: float = TOP + PLOT_HEIGHT


def nice_top(largest: float) -> tuple[int, int]:
    """A round axis top at or above `largest`, and the step of its four ticks."""
    rough = max(largest, 1) / 4
    magnitude = 10 ** (len(str(int(rough))) - 1)
    steps = [n * magnitude for n in (1, 2, 2.5, 5, 10) if n * magnitude % 1 == 0]
    step = int(next(s for s in steps if s >= rough))
    return step * 4, step


def _y_scale(chart: Chart, largest: float, short: Callable[[int], str]):
    top_value, step = nice_top(largest)
    values = range(0, top_value + 1, step)
    chart.ticks = [(_y(chart, v, top_value), short(v)) for v in values]
    return lambda value: _y(chart, value, top_value)


def _y(chart: Chart, value: float, top_value: int) -> float:
    return round(chart.bottom - value * PLOT_HEIGHT / top_value, 1)


def _x_slots(chart: Chart, months: list[str]) -> list[float]:
    """The centre of each month's slot; every n-th month is labelled, and every
    other label is minor (a phone shows only the others)."""
    span = (chart.width - RIGHT - chart.left) / max(len(months), 1)
    centres = [round(chart.left + span * (i + 0.5), 1) for i in range(len(months))]
    every = -(-len(months) // MOST_X_LABELS)
    pairs = zip(centres, months, strict=True)
    chart.labels = [
        (x, m, bool(i // every % 2)) for i, (x, m) in enumerate(pairs) if i % every == 0
    ]
    return centres


def line_chart(
    months: list[str], series: dict[str, list[int]], short: Callable[[int], str] = str
) -> Chart:
    """Lines over months, one per named series (e.g. families and people);
    `short` writes a tick's number."""
    chart = Chart(height=TOP + PLOT_HEIGHT + BOTTOM)
    y = _y_scale(chart, max((v for s in series.values() for v in s), default=0), short)
    xs = _x_slots(chart, months)
    for number, (name, values) in enumerate(series.items()):
        points = [(x, y(v)) for x, v in zip(xs, values, strict=True)]
        chart.lines.append(
            {
                "name": name,
                "series": number,
                "points": " ".join(f"{x},{py}" for x, py in points),
                "dots": [(x, py, v) for (x, py), v in zip(points, values, strict=True)],
            }
        )
    return chart


def bar_chart(
    months: list[str], series: dict[str, list[int]], short: Callable[[int], str] = str
) -> Chart:
    """Bars side by side within each month, one bar per named series."""
    chart = Chart(height=TOP + PLOT_HEIGHT + BOTTOM)
    y = _y_scale(chart, max((v for s in series.values() for v in s), default=0), short)
    xs = _x_slots(chart, months)
    slot = (chart.width - RIGHT - chart.left) / max(len(months), 1)
    bar = slot * 0.8 / max(len(series), 1)
    for number, (name, values) in enumerate(series.items()):
        for x, value in zip(xs, values, strict=True):
            left = x - slot * 0.4 + number * bar
            chart.marks.append(
                {
                    "series": number,
                    "name": name,
                    "x": round(left, 1),
                    "y": y(value),
                    "width": round(bar, 1),
                    "height": round(chart.bottom - y(value), 1),
                    "value": value,
                }
            )
    return chart


def ranking_chart(rows: list[dict], most: int) -> Chart:
    """Horizontal bars, one per region in rank order, up to `most` months long."""
    left = LEFT + NAME_WIDTH
    chart = Chart(height=TOP + ROW * max(len(rows), 1) + BOTTOM, left=left)
    chart.bottom = TOP + ROW * max(len(rows), 1)
    span = WIDTH - RIGHT - left - 110  # room for the value and marker text
    step = max(1, -(-most // 4))
    chart.ticks = [
        (round(left + span * v / max(most, 1), 1), str(v))
        for v in range(0, most + 1, step)
    ]
    for i, row in enumerate(rows):
        length = span * row["value"] / max(most, 1)
        chart.marks.append(
            {
                **row,
                "y": TOP + ROW * i + 4,
                "width": round(length, 1),
                "height": ROW - 8,
                "text_x": round(left + length + 6, 1),
            }
        )
    return chart
