"""A story store for the serve tests, built as users build one (the stories stage, then the
analyse step): the invented Kessmark strike of examples/, invented stories of tests/corpus.py,
and a story whose articles carry hostile HTML. One story is then grown (its report goes
stale) and one is added after the analysis (never analysed)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from corpus import story_articles

from newsweave.model import Article

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
SCRIPT = '<script>window.__pwned = 1; document.title = "pwned"</script>'
HOSTILE_TEXT = [
    "Engineers closed the Glimmerton footbridge on Monday after inspectors found deep cracks "
    "in two of its steel girders.",
    f"Residents posted a warning {SCRIPT} on the town noticeboard, the council said.",
    "The council said the footbridge would stay closed for at least six weeks while repairs "
    "to the girders are carried out.",
    'Mayor Edda Lunn said: "Nobody will cross the Glimmerton footbridge until it is safe."',
]


def hostile_articles() -> list[Article]:
    """Two outlets on one invented event, with script and markup inside text and metadata."""
    other = [
        "Inspectors found deep cracks in two steel girders of the Glimmerton footbridge, which "
        "engineers closed on Monday.",
        '<img src="x" onerror="window.__pwned = 2"> Repairs to the girders will keep the '
        "footbridge closed for at least six weeks, the council said.",
        "Mayor Edda Lunn said nobody would cross the footbridge until it was safe.",
    ]
    return [
        Article(id="glim-1", text="\n".join(HOSTILE_TEXT), paragraphs=HOSTILE_TEXT,
                title="Glimmerton footbridge closed <b>after</b> cracks found",
                outlet="Valley Post", url="javascript:alert(1)", published=date(2026, 3, 20)),
        Article(id="glim/2 <x>", text="\n".join(other), paragraphs=other,
                title="Cracks close Glimmerton footbridge for six weeks",
                outlet='Ridge "Courier" <i>', url="https://ridge.example/glimmerton?a=1&b=2",
                published=date(2026, 3, 21)),
    ]


def example_articles() -> list[Article]:
    arts = []
    for p in sorted(EXAMPLES.glob("*.json")):
        rec = json.loads(p.read_text(encoding="utf-8"))
        arts.append(Article(id=rec["id"], text=rec["text"], outlet=rec["outlet"],
                            url=rec.get("url"), paragraphs=rec["text"].split("\n"),
                            title=rec["title"], published=date.fromisoformat(rec["published"])))
    return arts


def write_jsonl(path: Path, articles: list[Article]) -> Path:
    """The articles as the JSONL records `newsweave stories` reads."""
    path.write_text("".join(json.dumps({
        "id": a.id, "text": a.text, "title": a.title, "outlet": a.outlet, "url": a.url,
        "published": a.published.isoformat()}) + "\n" for a in articles), encoding="utf-8")
    return path


def newsweave(*args: str) -> None:
    """Run a newsweave command in this process (the models load once per test session)."""
    from click.testing import CliRunner

    from newsweave.cli import main

    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, (args, result.output, result.exception)


def build_store(path: Path, db: Path | str | None = None) -> dict[str, str]:
    """Build the store (at `path`, or at `db`: a file or a postgresql:// URL; the inputs are
    written beside `path`) with `newsweave stories` and `newsweave analyse`; returns the story
    id of each invented event ('kessmark', 'glimmerton', 'e0', 'e1', 'e2')."""
    db = path if db is None else db
    from newsweave.store import Store

    invented = story_articles(3, 5, seed=7)
    late = [a for a in invented if a.story == "e2" or a.id == "e0-a4"]
    early = [a for a in invented if a not in late]
    first = write_jsonl(path.with_suffix(".early.jsonl"),
                        [*example_articles(), *hostile_articles(), *early])
    newsweave("stories", str(first), "--db", str(db), "--quiet")
    newsweave("analyse", "--db", str(db), "--quiet")
    newsweave("stories", str(write_jsonl(path.with_suffix(".late.jsonl"), late)), "--db",
              str(db), "--quiet")
    with Store(db) as store:
        story_of = {a: s.id for s in store.stories() for a in s.articles}
    return {"kessmark": story_of["herald-strike"], "glimmerton": story_of["glim-1"],
            "e0": story_of["e0-a0"], "e1": story_of["e1-a0"], "e2": story_of["e2-a0"]}
