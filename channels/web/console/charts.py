"""Charts as SVG, drawn on the server. Pure.

Why not a charting library: pygal (the obvious maintained choice) installs an import hook
that warns on every later import and embeds a script in each chart; matplotlib brings numpy
and a rendering backend for what are two kinds of chart. These are plain `<svg>` documents:
no script, no inline style (so the console's Content-Security-Policy stays strict), text
labels a screen reader can read, a `<title>`/`<desc>`, and the same figures in a table next
to each chart (and as CSV).
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from markupsafe import Markup

# GOV.UK Design System colours, dark enough for white text and 3:1 against white.
PALETTE = ("#1d70b8", "#d4351c", "#00703c", "#f47738", "#4c2c92", "#5694ca", "#912b88",
           "#28a197", "#b58840", "#505a5f")
FONT = 'font-family="Arial, sans-serif"'


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def bar_chart(title: str, items: Sequence[tuple[str, float]], unit: str = "") -> Markup:
    """Horizontal bars, one per (label, value), the value written at each bar's end."""
    width, label_width, row = 720, 260, 26
    height = 40 + row * max(len(items), 1)
    top = max((v for _, v in items), default=0) or 1
    span = width - label_width - 90
    parts = [_open(width, height, title, ", ".join(f"{k}: {_number(v)}{unit}"
                                                    for k, v in items) or "no data")]
    for i, (label, value) in enumerate(items):
        y = 30 + i * row
        length = max(span * value / top, 1 if value else 0)
        parts.append(
            f'<text x="{label_width - 8}" y="{y + 15}" text-anchor="end" font-size="13" '
            f'{FONT} fill="#0b0c0c">{escape(label[:40])}</text>'
            f'<rect x="{label_width}" y="{y + 2}" width="{length:.1f}" height="{row - 8}" '
            f'fill="{PALETTE[0]}"/>'
            f'<text x="{label_width + length + 6:.1f}" y="{y + 15}" font-size="13" {FONT} '
            f'fill="#0b0c0c">{_number(value)}{escape(unit)}</text>')
    if not items:
        parts.append(f'<text x="10" y="50" font-size="14" {FONT}>No data for this period'
                     '</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def column_chart(title: str, columns: Sequence[str],
                 series: Sequence[tuple[str, Sequence[float]]]) -> Markup:
    """Stacked columns (one per month, say), a colour per series, with a legend."""
    width, height, left, bottom = 720, 300, 50, 60
    totals = [sum(values[i] for _, values in series) for i in range(len(columns))]
    top = max(totals, default=0) or 1
    slot = (width - left - 20) / max(len(columns), 1)
    plot = height - bottom - 30
    description = "; ".join(f"{c}: " + ", ".join(f"{name} {_number(v[i])}" for name, v in series
                                                 if v[i]) for i, c in enumerate(columns))
    parts = [_open(width, height + 22 * ((len(series) + 2) // 3), title,
                   description or "no data"),
             f'<line x1="{left}" y1="{30 + plot}" x2="{width - 10}" y2="{30 + plot}" '
             'stroke="#0b0c0c"/>',
             f'<text x="{left - 6}" y="34" text-anchor="end" font-size="12" {FONT}>'
             f'{_number(top)}</text>']
    for i, column in enumerate(columns):
        x, base = left + i * slot + slot * 0.15, float(30 + plot)
        for s, (_name, values) in enumerate(series):
            bar = plot * values[i] / top
            if bar:
                base -= bar
                parts.append(f'<rect x="{x:.1f}" y="{base:.1f}" width="{slot * 0.7:.1f}" '
                             f'height="{bar:.1f}" fill="{PALETTE[s % len(PALETTE)]}"/>')
        parts.append(f'<text x="{x + slot * 0.35:.1f}" y="{height - bottom + 48}" '
                     f'text-anchor="middle" font-size="12" {FONT}>{escape(column)}</text>')
        if totals[i]:
            parts.append(f'<text x="{x + slot * 0.35:.1f}" y="{base - 4:.1f}" '
                         f'text-anchor="middle" font-size="12" {FONT}>'
                         f'{_number(totals[i])}</text>')
    parts += _legend([name for name, _ in series], height)
    parts.append("</svg>")
    return Markup("".join(parts))


def _legend(names: list[str], top: int) -> list[str]:
    shown = []
    for i, name in enumerate(names):
        x, y = 50 + (i % 3) * 220, top + (i // 3) * 22
        shown.append(f'<rect x="{x}" y="{y}" width="14" height="14" '
                     f'fill="{PALETTE[i % len(PALETTE)]}"/><text x="{x + 20}" y="{y + 12}" '
                     f'font-size="13" {FONT}>{escape(name[:28])}</text>')
    return shown


def _open(width: int, height: int, title: str, description: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
            f'width="100%" role="img" class="console-chart" '
            f'aria-label="{escape(title)}"><title>{escape(title)}</title>'
            f'<desc>{escape(description[:2000])}</desc>')
