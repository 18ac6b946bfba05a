"""What a reader found in one input before ids, outlets and dates are settled."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class RawArticle:
    """One article as a reader found it; `source` names the file (and line) it came from."""

    source: str
    text: str
    id: str | None = None
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    story: str | None = None
