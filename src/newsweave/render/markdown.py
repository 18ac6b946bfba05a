"""The report as Markdown. Article text is untrusted: it is escaped so that it can neither
inject HTML into a Markdown viewer nor break a table (no library escapes Markdown inline)."""

from __future__ import annotations

import re

from newsweave.model import Report, StoryReport
from newsweave.render.wording import NO_CONFLICTS, byline, heading

_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~])")


def esc(text: object) -> str:
    """Text safe inside Markdown (and inside a table cell): specials escaped, one line."""
    s = " ".join(str(text).split())
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _SPECIAL.sub(r"\\\1", s)


def _cite(sources: list[str]) -> str:
    return "[" + ", ".join(esc(s) for s in sources) + "]"


def _story(s: StoryReport) -> list[str]:
    out = [f"## {esc(heading(s))}", "", esc(byline(s)), "", "### Summary", ""]
    out += [f"{esc(x.text)} {_cite(x.sources)}" for x in s.summary] or ["(no summary)"]
    out += ["", "### Sources", "", "| id | outlet | title | published | note |",
            "|---|---|---|---|---|"]
    for a in s.articles:
        note = f"copy of {esc(a.duplicate_of)}" if a.duplicate_of else ""
        out.append(f"| {esc(a.id)} | {esc(a.outlet or '')} | {esc(a.title or '')} "
                   f"| {a.published or 'unknown'} | {note} |")
    outlets = list(dict.fromkeys(o for c in s.claims for o in c.outlets))
    if s.claims:
        out += ["", "### Claims", "", "| claim | " + " | ".join(esc(o) for o in outlets)
                + " | support |", "|---|" + "---|" * len(outlets) + "---|"]
        for c in s.claims:
            marks = " | ".join("✓" if o in c.outlets else "" for o in outlets)
            out.append(f"| {esc(c.text)} | {marks} | {c.support.replace('_', ' ')} |")
    if s.conflicts or s.no_conflicts_found():
        out += ["", "### Conflicts", ""]
        if not s.conflicts:
            out.append(NO_CONFLICTS)
        for c in s.conflicts:
            flag = " (unverifiable)" if c.status == "unverifiable" else ""
            out.append(f"- **{esc(c.kind)}**{flag}: {' vs '.join(esc(v) for v in c.values)}")
            out += [f"  - {esc(st.outlet or st.source)}: “{esc(st.text)}”" for st in c.statements]
    if s.framing.contrasts or s.framing.distinctive_terms:
        out += ["", "### Framing", ""]
        for f in s.framing.contrasts:
            out.append(f"- **{esc(f.anchor)}**: " + " / ".join(
                f"“{esc(p)}” ({esc(w.outlet or w.source)})"
                for p, w in zip(f.phrases, f.wordings, strict=True)))
        for t in s.framing.distinctive_terms:
            if t.terms:
                out.append(f"- distinctive terms of {esc(t.outlet)}: "
                           + ", ".join(esc(w) for w, _ in t.terms))
    if s.quotes:
        out += ["", "### Quotes", ""]
        out += [f"- {esc(q.speaker or 'unknown speaker')} ({q.kind}): “{esc(q.text)}” "
                f"— {esc(q.outlet or q.source)}" for q in s.quotes]
    if s.timeline:
        out += ["", "### Timeline", ""]
        out += [f"- {e.date or 'undated'} — {esc(e.expression)}: {esc(e.text)} "
                f"{_cite(e.sources)}" for e in s.timeline]
    if s.entities:
        out += ["", "### Entities", ""]
        for e in s.entities:
            others = [*e.aliases, *e.descriptions]
            aka = f" (also: {', '.join(esc(a) for a in others)})" if others else ""
            out.append(f"- {esc(e.name)} — {e.label}{aka}")
    return out


def render_markdown(report: Report) -> str:
    """All stories, then the skipped inputs."""
    lines = ["# newsweave report", ""]
    for s in report.stories:
        lines += _story(s) + [""]
    if report.problems:
        lines += ["## Problems", ""] + [f"- {esc(p)}" for p in report.problems]
    return "\n".join(lines).rstrip() + "\n"
