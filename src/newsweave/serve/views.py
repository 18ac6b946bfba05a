"""What the story page shows, built from a stored report (the `report` JSON) and its
evidence: citations that land on sentences, the outlet x claim matrix, conflicts, framing,
quotes by speaker, and the points of the timeline and coverage charts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from newsweave.model import known_outlet
from newsweave.serve.charts import Point, article_href, chart_day, coverage_svg, timeline_svg


@dataclass
class Cite:
    """A link to the sentence of one article that backs a statement."""

    source: str
    label: str
    href: str


@dataclass
class ClaimRow:
    text: str
    status: str  # consensus, disputed or single_source
    cells: dict[str, Cite] = field(default_factory=dict)


def _cite(story: dict, source: str, sentence: int | None) -> Cite:
    return Cite(source, story["outlet_of"].get(source) or source, article_href(source, sentence))


def story_view(report: dict, evidence: dict) -> dict:
    """The template's data for one story report."""
    outlet_of = {a["id"]: _outlet_of(a) for a in report["articles"]}
    ctx = {"outlet_of": outlet_of}
    summary = [(s["text"], [_cite(ctx, src, found.get(src)) for src in s["sources"]])
               for s, found in zip(report["summary"],
                                   evidence.get("summary") or [{}] * len(report["summary"]),
                                   strict=True)]
    disputed = {(st["source"], st["sentence"]) for c in report["conflicts"]
                if c["status"] == "conflict" for st in c["statements"]}
    outlets: list[str] = []
    claims = []
    folded = 0
    for c in report["claims"]:
        if c["support"] == "single_source" and not c.get("checkable", True):
            folded += 1  # no named who, number, date or place: left to the JSON
            continue
        row = ClaimRow(c["text"], "disputed" if any(
            (st["source"], st["sentence"]) in disputed for st in c["statements"])
            else c["support"])
        for st in c["statements"]:
            name = st["outlet"] or st["source"]
            row.cells.setdefault(name, _cite(ctx, st["source"], st["sentence"]))
            if name not in outlets:
                outlets.append(name)
        claims.append(row)
    conflicts = [{**c, "cites": [(st, _cite(ctx, st["source"], st["sentence"]))
                                 for st in c["statements"]]} for c in report["conflicts"]]
    contrasts = [{"anchor": f["anchor"],
                  "wordings": [(phrase, w, _cite(ctx, w["source"], w["sentence"]))
                               for phrase, w in zip(f["phrases"], f["wordings"], strict=True)]}
                 for f in report["framing"]["contrasts"]]
    speakers: dict[str, list] = {}
    quote_places = evidence.get("quotes") or [None] * len(report["quotes"])
    for q, where in zip(report["quotes"], quote_places, strict=True):
        speakers.setdefault(q["speaker"] or "unknown speaker", []).append(
            (q, _cite(ctx, q["source"], where)))
    timeline_places = evidence.get("timeline") or [{}] * len(report["timeline"])
    timeline = [(e, [_cite(ctx, src, found.get(src)) for src in e["sources"]])
                for e, found in zip(report["timeline"], timeline_places, strict=True)]
    points = [Point(day, "", e["text"], cites[0].href if cites else "#timeline")
              for e, cites in timeline if (day := chart_day(e["date"]))]
    return {
        "summary": summary, "outlets": outlets, "claims": claims, "folded": folded,
        "conflicts": conflicts,
        "contrasts": contrasts, "terms": [t for t in report["framing"]["distinctive_terms"]
                                          if t["terms"]],
        "speakers": sorted(speakers.items(), key=lambda kv: (-len(kv[1]), kv[0])),
        "timeline": timeline, "timeline_chart": timeline_svg(points),
        **coverage(report["articles"]),
    }


def _outlet_of(article: dict) -> str:
    """An article's outlet, or its id when the outlet is unknown (two unknown outlets are two
    sources, not one)."""
    return known_outlet(article["outlet"]) or article["id"]


def coverage(articles: list[dict]) -> dict:
    """Outlets in order of their first report, the first report(s), the syndicated copies,
    and the coverage chart."""
    dated = [(date.fromisoformat(a["published"]), a) for a in articles if a["published"]]
    originals = [d for d, a in dated if not a["duplicate_of"]]
    first_day = min(originals) if originals else None
    first = [a for d, a in dated if d == first_day and not a["duplicate_of"]]
    first_ids = {a["id"] for a in first}
    points = [Point(d, _outlet_of(a),
                    f"{_outlet_of(a)}, {d:%d %b %Y}: {a['title'] or a['id']}"
                    + (f" (copy of {a['duplicate_of']})" if a["duplicate_of"] else ""),
                    article_href(a["id"]), hollow=bool(a["duplicate_of"]),
                    first=a["id"] in first_ids) for d, a in dated]
    order = sorted(dated, key=lambda da: da[0])
    outlets = list(dict.fromkeys([*(_outlet_of(a) for _, a in order),
                                  *(_outlet_of(a) for a in articles)]))
    return {"coverage_outlets": outlets, "first": first, "first_day": first_day,
            "copies": [a for a in articles if a["duplicate_of"]],
            "undated": [_outlet_of(a) for a in articles if not a["published"]],
            "coverage_chart": coverage_svg(points)}
