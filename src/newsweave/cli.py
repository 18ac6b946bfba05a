"""The `newsweave` command line: `newsweave report ARTICLES...` and friends.

Exit codes: 0 success, 1 some input was skipped (each reported on stderr in one line),
2 usage error.
"""

from __future__ import annotations

import os
import sys
from contextlib import nullcontext
from datetime import date
from pathlib import Path

import click
from rich.console import Console
from rich.progress import Progress

from newsweave.model import Article, Problem, Report

os.environ.setdefault("HF_HUB_OFFLINE", "1")

FORMATS = {".json": "json", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}
_err = Console(stderr=True, highlight=False)


def _assignments(values: tuple[str, ...], option: str) -> dict[str, str]:
    from newsweave.ingest import parse_assignments

    try:
        return parse_assignments(values, option)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint=option) from exc


def _dates(values: dict[str, str]) -> dict[str, date]:
    try:
        return {k: date.fromisoformat(v) for k, v in values.items()}
    except ValueError as exc:
        raise click.BadParameter(f"{exc} (expected YYYY-MM-DD)", param_hint="--published") from exc


def _targets(outputs: tuple[str, ...], fmt: str | None) -> list[tuple[str, str]]:
    """(path or '-', format) for each -o; the format comes from the suffix, else --format."""
    if not outputs:
        return [("-", fmt or "md")]
    targets = []
    for out in outputs:
        suffix_fmt = FORMATS.get(Path(out).suffix.lower()) if out != "-" else None
        chosen = suffix_fmt or fmt or ("md" if out == "-" else None)
        if chosen is None:
            raise click.BadParameter(f"cannot tell the format of {out!r}: give it a suffix "
                                     f"({', '.join(FORMATS)}) or --format", param_hint="-o")
        targets.append((out, chosen))
    return targets


def _report_problems(problems: list[Problem]) -> None:
    for p in problems:
        _err.print(f"newsweave: {p}", markup=False, soft_wrap=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newsweave")
def main() -> None:
    """Read news articles from many outlets and report what they say, side by side."""


@main.command()
@click.argument("inputs", nargs=-1, required=True, metavar="ARTICLES...")
@click.option("-o", "--output", "outputs", multiple=True, metavar="FILE",
              help="Write the report here ('-' for stdout); repeatable; the format "
                   "follows the suffix (.json, .md, .html).")
@click.option("--format", "fmt", type=click.Choice(["json", "md", "html"]),
              help="Format for stdout or for outputs without a known suffix (default md).")
@click.option("--words", default=100, show_default=True, type=click.IntRange(min=1),
              help="Word budget of each story summary.")
@click.option("--outlet", "outlets", multiple=True, metavar="ID=NAME",
              help="Outlet of an article whose metadata does not say; repeatable.")
@click.option("--published", "published", multiple=True, metavar="ID=DATE",
              help="Publication date (YYYY-MM-DD) of an article whose metadata does not "
                   "say; repeatable.")
@click.option("-q", "--quiet", is_flag=True, help="No progress display.")
def report(inputs: tuple[str, ...], outputs: tuple[str, ...], fmt: str | None, words: int,
           outlets: tuple[str, ...], published: tuple[str, ...], quiet: bool) -> None:
    """Report on ARTICLES (files, folders, globs, '-' for stdin): one report per story.

    Articles from files form one story; JSON records with a `story` field are grouped by it.
    """
    from newsweave.ingest import read_inputs
    from newsweave.render import render

    targets = _targets(outputs, fmt)
    outlet_map = _assignments(outlets, "--outlet")
    date_map = _dates(_assignments(published, "--published"))
    articles, problems = read_inputs(inputs, outlet_map, date_map, stdin=sys.stdin.buffer)
    _report_problems(problems)
    if not articles:
        _err.print("newsweave: no readable articles in the input; nothing to report")
        sys.exit(1)
    result = _run_report(articles, problems, words, show=not quiet and _err.is_terminal)
    for out, out_fmt in targets:
        text = render(result, out_fmt)
        if out == "-":
            click.echo(text)
        else:
            Path(out).write_text(text, encoding="utf-8")
    sys.exit(1 if problems else 0)


def _run_report(articles: list[Article], problems: list[Problem], words: int,
                show: bool) -> Report:
    """Run the pipeline with a progress bar per story on a terminal."""
    from newsweave.pipeline import report as run
    from newsweave.stories import group_by_story

    n_stories = len(group_by_story(articles))
    progress = Progress(console=_err, transient=True) if show else nullcontext()
    with progress:
        task = progress.add_task("analysing stories", total=n_stories) if show else None
        advance = (lambda _: progress.advance(task)) if show else None
        return run(articles, words, problems=problems, on_story=advance)


@main.group("eval")
def eval_group() -> None:
    """Benchmarks on the public data sets (read in place from a data folder)."""


@eval_group.command("summarization")
@click.argument("sets", nargs=-1, type=click.Choice(["duc2004", "duc2003", "multinews"]))
@click.option("--data", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=Path("../shared/data"), show_default=True,
              help="Folder holding mds/duc2004, mds/duc2003, mds/multinews-val-sample.")
@click.option("--limit", type=click.IntRange(min=1), help="Only the first N clusters of each set.")
def eval_summarization(sets: tuple[str, ...], data: Path, limit: int | None) -> None:
    """ROUGE of newsweave's summaries beside sumy's LexRank and TextRank and published systems."""
    from newsweave.eval.summarization import run

    run(data, sets or ("duc2004", "duc2003", "multinews"), limit=limit, echo=click.echo)


@eval_group.command("conflicts")
@click.option("--data", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=Path("../shared/data"), show_default=True, help="The data folder.")
@click.option("--clusters", type=click.IntRange(min=1), default=10, show_default=True,
              help="How many DUC 2004 and Multi-News clusters.")
def eval_conflicts(data: Path, clusters: int) -> None:
    """Recall of injected contradictions per kind, and false alarms on unaltered clusters."""
    from newsweave.eval.conflicts import run

    run(data, clusters, echo=click.echo)
