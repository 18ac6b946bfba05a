"""The report as plain JSON-ready data, in the shape the JSON Schema describes."""

from __future__ import annotations

from dataclasses import asdict

from newsweave.model import Report, StoryReport


def story_dict(story: StoryReport) -> dict:
    """One story: the keys DESIGN.md lists, nothing else."""
    d = asdict(story)
    d["framing"]["distinctive_terms"] = [
        {"outlet": t.outlet, "terms": [{"term": w, "score": s} for w, s in t.terms]}
        for t in story.framing.distinctive_terms]
    return d


def to_dict(report: Report) -> dict:
    """The whole report: stories and the inputs that were skipped."""
    return {"stories": [story_dict(s) for s in report.stories],
            "problems": [{"source": p.source, "message": p.message, "skipped": p.skipped}
                         for p in report.problems]}
