"""Render stage: Report -> JSON, Markdown or one self-contained HTML page."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

from newsweave.model import Report
from newsweave.render.data import to_dict
from newsweave.render.html import render_html
from newsweave.render.markdown import render_markdown

SCHEMA_PATH = Path(str(resources.files("newsweave") / "schema" / "report.schema.json"))
FORMATS = ("json", "md", "html")

__all__ = ["FORMATS", "SCHEMA_PATH", "render", "render_html", "render_json", "render_markdown",
           "to_dict"]


def render_json(report: Report) -> str:
    return json.dumps(to_dict(report), indent=2, ensure_ascii=False)


def render(report: Report, fmt: str) -> str:
    """The report in one of FORMATS."""
    renderers = {"json": render_json, "md": render_markdown, "html": render_html}
    if fmt not in renderers:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return renderers[fmt](report)
