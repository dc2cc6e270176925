"""Small inline SVG charts: no script, no network, scaled to the screen by their viewBox.

Every chart is one `<svg>` with a `<title>` and an `aria-label`, and every number it draws is also
written as text, so the page reads the same in a screen reader, in print and on a phone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from okrlint.safe_text import inert_html as escape

WIDTH = 640
FONT = 15
# Bar charts are drawn narrow, so that on a phone they shrink little and their labels stay legible.
BAR_WIDTH = 420
# Colour-blind-safe palette (Okabe-Ito), plus the three grade bands.
PALETTE = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
    "#000000",
    "#882255",
    "#44AA99",
    "#999933",
    "#661100",
)
BAND_COLOURS = {"red": "#d73027", "yellow": "#fdb42f", "green": "#1a9850"}


def colour(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def ink_on(fill: str) -> str:
    """Black or white, whichever reads better on the fill (WCAG relative luminance)."""
    red, green, blue = (int(fill[i : i + 2], 16) / 255 for i in (1, 3, 5))

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.03928 else ((channel + 0.055) / 1.055) ** 2.4

    luminance = 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
    return "#000" if luminance > 0.179 else "#fff"


def _svg(
    height: float, label: str, body: list[str], css_class: str, width: int = WIDTH, font: int = FONT
) -> str:
    return (
        f'<svg class="chart {css_class}" viewBox="0 0 {width} {height:.0f}" role="img" '
        f'aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg" '
        f'font-family="system-ui, sans-serif" font-size="{font}">'
        f"<title>{escape(label)}</title>" + "".join(body) + "</svg>"
    )


def _text(x: float, y: float, content: str, **attributes: str) -> str:
    extra = "".join(f' {k.replace("_", "-")}="{escape(v)}"' for k, v in attributes.items())
    return f'<text x="{x:.1f}" y="{y:.1f}"{extra}>{escape(content)}</text>'


@dataclass(frozen=True, slots=True)
class Segment:
    name: str
    value: float
    fill: str


def stacked_bars(
    rows: Sequence[tuple[str, Sequence[Segment]]],
    label: str,
    *,
    percent: bool = False,
    unit: str = "",
    css_class: str = "stacked",
) -> str:
    """One horizontal bar per row, its label above it (room for long team names on a phone)."""
    bar, gap, label_height = 26, 14, 20
    left, right = 4, BAR_WIDTH - 76
    total_max = max((sum(s.value for s in segments) for _, segments in rows), default=0) or 1
    body: list[str] = []
    y = 4.0
    for name, segments in rows:
        total = sum(s.value for s in segments)
        body.append(_text(left, y + FONT, name, font_weight="600"))
        y += label_height
        scale = (right - left) / (total if percent and total else total_max)
        x = float(left)
        for segment in segments:
            if segment.value <= 0:
                continue
            width = segment.value * scale
            shown = f"{segment.value / total:.0%}" if percent and total else f"{segment.value:g}"
            body.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="{bar}" '
                f'fill="{segment.fill}"><title>{escape(f"{name}: {segment.name} {shown}")}'
                "</title></rect>"
            )
            if width > 34:
                body.append(
                    _text(
                        x + width / 2,
                        y + bar / 2 + 5,
                        shown,
                        text_anchor="middle",
                        fill=ink_on(segment.fill),
                        font_weight="600",
                    )
                )
            x += width
        if total <= 0:
            body.append(_text(left, y + bar / 2 + 5, "none", fill="#666"))
        else:
            summary = f"{total:g}{unit}"
            body.append(_text(right + 8, y + bar / 2 + 5, summary, fill="#333"))
        y += bar + gap
    return _svg(y, label, body, css_class, width=BAR_WIDTH)


def legend(items: Sequence[tuple[str, str]]) -> str:
    """A legend as HTML (it wraps on narrow screens, unlike SVG text)."""
    return (
        '<ul class="legend">'
        + "".join(
            f'<li><span class="swatch" style="background:{fill}"></span>{escape(name)}</li>'
            for name, fill in items
        )
        + "</ul>"
    )


def line_chart(
    x_labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None], str]],
    label: str,
    *,
    y_max: float = 100,
    y_suffix: str = "",
) -> str:
    """Lines over periods (x), values 0..y_max; a gap where a team has no OKRs that period."""
    font = 22
    height, top, bottom, left, right = 320, 16, 50, 56, WIDTH - 48
    plot_height = height - top - bottom
    count = max(len(x_labels), 1)
    step = (right - left) / max(count - 1, 1)

    def x_of(index: int) -> float:
        return left + (index * step if count > 1 else (right - left) / 2)

    def y_of(value: float) -> float:
        return top + plot_height * (1 - value / y_max)

    body: list[str] = []
    for tick in range(0, 5):
        level = y_max * tick / 4
        y = y_of(level)
        body.append(f'<line x1="{left}" y1="{y:.1f}" x2="{right}" y2="{y:.1f}" stroke="#ddd"/>')
        body.append(_text(left - 6, y + 5, f"{level:g}{y_suffix}", text_anchor="end", fill="#555"))
    for index, name in enumerate(x_labels):
        anchor = "middle"
        if count > 1 and index == 0:
            anchor = "start"
        elif count > 1 and index == count - 1:
            anchor = "end"
        x = x_of(index) + (-8 if anchor == "start" else 8 if anchor == "end" else 0)
        body.append(_text(x, height - 16, name, text_anchor=anchor, fill="#333"))
    for name, values, fill in series:
        runs: list[list[tuple[float, float]]] = [[]]
        for index, value in enumerate(values):
            if value is None:
                runs.append([])
                continue
            runs[-1].append((x_of(index), y_of(value)))
            body.append(
                f'<circle cx="{x_of(index):.1f}" cy="{y_of(value):.1f}" r="5" fill="{fill}">'
                f"<title>{escape(f'{name}, {x_labels[index]}: {value:g}{y_suffix}')}</title>"
                "</circle>"
            )
        for run in runs:
            if len(run) > 1:
                points = " ".join(f"{x:.1f},{y:.1f}" for x, y in run)
                body.append(
                    f'<polyline points="{points}" fill="none" stroke="{fill}" stroke-width="3"/>'
                )
    return _svg(height, label, body, "line", font=font)
