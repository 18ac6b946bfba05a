"""The report as Markdown. Article text is untrusted: it is escaped so that it can neither
inject HTML into a Markdown viewer nor break a table (no library escapes Markdown inline)."""

from __future__ import annotations

import re

from newsweave.model import Evidence, Report, StoryReport
from newsweave.render.html import anchor
from newsweave.render.wording import NO_CONFLICTS, byline, heading

_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~])")


def esc(text: object) -> str:
    """Text safe inside Markdown (and inside a table cell): specials escaped, one line."""
    s = " ".join(str(text).split())
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _SPECIAL.sub(r"\\\1", s)


def _cite(sources: list[str]) -> str:
    return "[" + ", ".join(esc(s) for s in sources) + "]"


def _evidence(items: list[Evidence], outlet_of: dict[str, str]) -> list[str]:
    """One nested line per cited source: its outlet, its sentence and where it stands."""
    return [f"  - {esc(outlet_of.get(e.source, e.source))} ({esc(e.source)}"
            + (f", characters {e.start}–{e.end}" if e.start is not None else "")
            + f"): “{esc(e.text)}”" for e in items]


def _conflict_id(story: StoryReport, k: int) -> str:
    return anchor(f"{story.id}/conflict-{k + 1}")


def _claims(s: StoryReport, outlet_of: dict[str, str]) -> list[str]:
    """The table of the claims worth reading (shared or checkable), their evidence, and a
    count of the single-source sentences left to the JSON."""
    shown = [c for c in s.claims if c.support != "single_source" or c.checkable]
    folded = len(s.claims) - len(shown)
    outlets = list(dict.fromkeys(o for c in shown for o in c.outlets))
    out = ["", "### Claims", ""]
    if shown:
        out += ["| # | claim | " + " | ".join(esc(o) for o in outlets) + " | support |",
                "|---|---|" + "---|" * len(outlets) + "---|"]
    for n, c in enumerate(shown, 1):
        marks = " | ".join("✓" if o in c.outlets else "" for o in outlets)
        support = c.support.replace("_", " ")
        if c.conflicts:
            support += ": " + ", ".join(f"[conflict {k + 1}](#{_conflict_id(s, k)})"
                                        for k in c.conflicts)
        out.append(f"| {n} | {esc(c.text)} | {marks} | {support} |")
    if folded:
        out += ["", f"{folded} more single-source sentence{'' if folded == 1 else 's'} "
                    "in the JSON."]
    cited = [(n, c) for n, c in enumerate(shown, 1) if len(c.evidence) > 1]
    if cited:
        out += ["", "Evidence, by claim:", ""]
        for n, c in cited:
            out.append(f"- claim {n}:")
            out += _evidence(c.evidence, outlet_of)
    return out


def _story(s: StoryReport) -> list[str]:
    outlet_of = {a.id: a.outlet or a.id for a in s.articles}
    out = [f"## {esc(heading(s))}", "", esc(byline(s)), "", "### Summary", ""]
    for x in s.summary:
        out.append(f"- {esc(x.text)} {_cite(x.sources)}")
        if len(x.evidence) > 1:  # a sentence of one source is its own evidence
            out += _evidence(x.evidence, outlet_of)
    if not s.summary:
        out.append("(no summary)")
    out += ["", "### Sources", "", "| id | outlet | title | published | note |",
            "|---|---|---|---|---|"]
    for a in s.articles:
        note = f"copy of {esc(a.duplicate_of)}" if a.duplicate_of else ""
        out.append(f"| {esc(a.id)} | {esc(a.outlet or '')} | {esc(a.title or '')} "
                   f"| {a.published or 'unknown'} | {note} |")
    if s.claims:
        out += _claims(s, outlet_of)
    if s.conflicts or s.no_conflicts_found():
        out += ["", "### Conflicts", ""]
        if not s.conflicts:
            out.append(NO_CONFLICTS)
        for k, c in enumerate(s.conflicts):
            flag = " (unverifiable)" if c.status == "unverifiable" else ""
            out.append(f'- <a id="{_conflict_id(s, k)}"></a>conflict {k + 1}, '
                       f"**{esc(c.kind)}**{flag}: {' vs '.join(esc(v) for v in c.values)}")
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
