"""The report as one self-contained HTML page (inline CSS, no external requests), rendered
by Jinja2 with autoescaping on: article text is untrusted input."""

from __future__ import annotations

import re
from functools import lru_cache

from jinja2 import Environment, PackageLoader, select_autoescape

from newsweave.model import Report, StoryReport
from newsweave.render.wording import NO_CONFLICTS, byline, heading

_UNSAFE_ID = re.compile(r"[^A-Za-z0-9_-]")


def anchor(value: str) -> str:
    """An HTML id made only of safe characters (article ids are untrusted)."""
    return "a-" + _UNSAFE_ID.sub(lambda m: f"_{ord(m[0]):x}", value)


def safe_url(url: str | None) -> str | None:
    """Only http(s) URLs become links; javascript:, data: and the rest never do."""
    return url if url and re.match(r"https?://", url, re.IGNORECASE) else None


def outlets_by_id(story: StoryReport) -> dict[str, str]:
    """Each article's outlet (its id where the outlet is unknown), by article id."""
    return {a.id: a.outlet or a.id for a in story.articles}


@lru_cache(maxsize=1)
def _env() -> Environment:
    env = Environment(loader=PackageLoader("newsweave", "render/templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True))
    env.filters["anchor"] = anchor
    env.filters["safe_url"] = safe_url
    env.globals["no_conflicts"] = NO_CONFLICTS
    env.filters["heading"] = heading
    env.filters["byline"] = byline
    env.globals["outlets_by_id"] = outlets_by_id
    return env


def render_html(report: Report) -> str:
    return _env().get_template("report.html.j2").render(report=report)
