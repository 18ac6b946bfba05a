"""Server-rendered SVG charts for the story page: the timeline and the coverage (who
reported when, which copies are syndicated). Readable without JavaScript: points are links
with native tooltips; every text is escaped (it comes from articles)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from urllib.parse import quote

from markupsafe import Markup, escape

WIDTH = 760
ROW = 24
_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:$|/|T)")


def chart_day(value: str | None) -> date | None:
    """The day a timeline date stands for on an axis (a month or a year at its start, an
    interval at its start); None for an undated or yearless one."""
    m = _ISO.match(value or "")
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2] or 1), int(m[3] or 1))
    except ValueError:
        return None


@dataclass
class Point:
    """One mark on a chart: its day, row label, caption and link."""

    day: date
    row: str
    caption: str
    href: str
    hollow: bool = False
    first: bool = False


def article_href(article_id: str, sentence: int | None = None) -> str:
    """The article page of an id (ids are untrusted: quoted whole), at a sentence if given."""
    return f"/articles/{quote(article_id, safe='')}" + (
        f"#s-{sentence}" if sentence is not None else "")


def _axis(days: Sequence[date]) -> tuple[date, date]:
    lo, hi = min(days), max(days)
    if lo == hi:
        lo, hi = lo - timedelta(days=1), hi + timedelta(days=1)
    return lo, hi


def _ticks(lo: date, hi: date, x, top: int, bottom: int) -> list[str]:
    span = (hi - lo).days
    step = max(1, round(span / 6))
    out = []
    for k in range(0, span + 1, step):
        day = lo + timedelta(days=k)
        label = day.strftime("%d %b %Y" if k == 0 or day.month == 1 and day.day <= step
                             else "%d %b")
        at = x(day)
        anchor = "start" if at < 60 else "end" if at > WIDTH - 60 else "middle"
        out.append(f'<line class="grid" x1="{at:.1f}" y1="{top}" x2="{at:.1f}" '
                   f'y2="{bottom}"/><text class="tick" x="{at:.1f}" y="{top - 6}" '
                   f'text-anchor="{anchor}">{escape(label)}</text>')
    return out


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def timeline_svg(points: Sequence[Point], limit: int = 40) -> Markup:
    """One row per dated event in date order, its dot placed on a shared time axis and its
    caption beside it."""
    points = sorted(points, key=lambda p: p.day)[:limit]
    if not points:
        return Markup("")
    lo, hi = _axis([p.day for p in points])
    left, right, top = 16, WIDTH - 16, 34
    scale = (right - left) / max(1, (hi - lo).days)

    def x(day: date) -> float:
        return left + (day - lo).days * scale

    height = top + ROW * len(points) + 12
    parts = [f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" role="img" '
             f'aria-label="Timeline of {len(points)} dated events" '
             f'xmlns="http://www.w3.org/2000/svg">']
    parts += _ticks(lo, hi, x, top, height - 6)
    for k, p in enumerate(points):
        y = top + ROW * k + ROW / 2
        cx = x(p.day)
        anchor, dx = ("start", 9) if cx < WIDTH * 0.55 else ("end", -9)
        label = f"{p.day:%d %b} · {_clip(p.caption, 70)}"
        parts.append(f'<a href="{escape(p.href)}"><title>{escape(p.caption)}</title>'
                     f'<circle class="dot" cx="{cx:.1f}" cy="{y:.1f}" r="5"/>'
                     f'<text class="label" x="{cx + dx:.1f}" y="{y + 4:.1f}" '
                     f'text-anchor="{anchor}">{escape(label)}</text></a>')
    parts.append("</svg>")
    return Markup("".join(parts))


def coverage_svg(points: Sequence[Point]) -> Markup:
    """One row per outlet, a dot per article on its publication day; syndicated copies
    hollow, the first report ringed."""
    if not points:
        return Markup("")
    rows = list(dict.fromkeys(p.row for p in sorted(points, key=lambda p: p.day)))
    lo, hi = _axis([p.day for p in points])
    label_w, right, top = 170, WIDTH - 24, 34
    scale = (right - label_w - 12) / max(1, (hi - lo).days)

    def x(day: date) -> float:
        return label_w + 12 + (day - lo).days * scale

    height = top + ROW * len(rows) + 12
    parts = [f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" role="img" '
             f'aria-label="Coverage by {len(rows)} outlets" xmlns="http://www.w3.org/2000/svg">']
    parts += _ticks(lo, hi, x, top, height - 6)
    stacked: dict[tuple[str, date], int] = {}
    for k, row in enumerate(rows):
        y = top + ROW * k + ROW / 2
        parts.append(f'<text class="row" x="{label_w}" y="{y + 4:.1f}" text-anchor="end">'
                     f'{escape(_clip(row, 24))}</text>'
                     f'<line class="lane" x1="{label_w + 6}" y1="{y:.1f}" x2="{right}" '
                     f'y2="{y:.1f}"/>')
        for p in (p for p in points if p.row == row):
            n = stacked[(row, p.day)] = stacked.get((row, p.day), -1) + 1
            cx = x(p.day) + 7 * n
            ring = (f'<circle class="first" cx="{cx:.1f}" cy="{y:.1f}" r="9"/>'
                    if p.first else "")
            parts.append(f'<a href="{escape(p.href)}"><title>{escape(p.caption)}</title>{ring}'
                         f'<circle class="{"copy" if p.hollow else "dot"}" cx="{cx:.1f}" '
                         f'cy="{y:.1f}" r="5"/></a>')
    parts.append("</svg>")
    return Markup("".join(parts))
