"""The `newsweave` command line: `newsweave report ARTICLES...` and friends.

Exit codes: 0 success, 1 some input was skipped (each reported on stderr in one line),
2 usage error.
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Callable
from contextlib import nullcontext
from datetime import date
from pathlib import Path
from typing import NoReturn

import click
from rich.console import Console
from rich.progress import Progress

from newsweave.model import Article, Problem, Report
from newsweave.store.target import ServerUrl, locate

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
        if out != "-":
            _check_writable(Path(out))
        targets.append((out, chosen))
    return targets


def _check_writable(path: Path) -> None:
    """Refuse an output path that cannot be written before any work is done."""
    from newsweave.ingest.names import safe_name

    parent = path.parent if str(path.parent) else Path(".")
    problem = ("is a folder" if path.is_dir() else
               f"its folder {safe_name(parent)} does not exist" if not parent.is_dir() else
               "cannot be written here (permission denied)"
               if not os.access(parent, os.W_OK) or (path.exists()
                                                    and not os.access(path, os.W_OK)) else None)
    if problem:
        raise click.BadParameter(f"{safe_name(path)}: {problem}", param_hint="-o")


def _report_problems(problems: list[Problem]) -> None:
    for p in problems:
        _say(str(p))


def _say(message: str) -> None:
    """One line on stderr, control characters and undecodable bytes escaped."""
    from newsweave.ingest.names import printable

    _err.print(f"newsweave: {printable(message)}", markup=False, soft_wrap=True)


class _Main(click.Group):
    """The command group; a store that gives out mid-command (a database server gone), an
    output that cannot take more (a full disk), a cache folder that cannot hold the encoder
    and Ctrl-C or SIGTERM each end it with one line, never a traceback: exit code 1, or 130
    and 143 for the signals."""

    def invoke(self, ctx: click.Context) -> object:
        from newsweave.interrupt import Terminated, exit_code, stop_children, terminable

        try:
            with terminable():
                return super().invoke(ctx)
        except (KeyboardInterrupt, Terminated) as exc:
            stop_children()
            # Not through the rich console: the signal may have cut one of its prints short,
            # leaving the line in its buffer to be printed again with the next.
            click.echo("newsweave: interrupted; what was stored before stays (run the command "
                       "again to carry on)" if _stores(ctx) else "newsweave: interrupted",
                       err=True)
            sys.exit(exit_code(exc))
        except OSError as exc:
            if exc.errno not in _NO_ROOM:
                raise
            _fail(f"{exc.filename or 'the output'}: cannot be written: {exc.strerror}", 1)
        except Exception as exc:
            from newsweave.embed.encoder import CacheError
            from newsweave.store import StoreError

            if isinstance(exc, StoreError | CacheError):
                _fail(str(exc), 1)
            raise


# Errors of an output that cannot take what is written (a pipe's EPIPE is click's: exit 1).
_NO_ROOM = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EROFS}


def _stores(ctx: click.Context) -> bool:
    """Whether the command being run writes into a story database."""
    return ctx.invoked_subcommand in ("stories", "watch", "analyse")


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newsweave")
def main() -> None:
    """Read news articles from many outlets and report what they say, side by side."""


def _metadata_options(command: Callable) -> Callable:
    """--outlet (wins over the article's own) and --published (for articles whose own
    metadata does not say)."""
    command = click.option(
        "--published", "published", multiple=True, metavar="ID=DATE",
        help="Publication date (YYYY-MM-DD) of an article whose metadata does not say; "
             "repeatable.")(command)
    return click.option(
        "--outlet", "outlets", multiple=True, metavar="ID=NAME",
        help="Outlet of an article, over what its page or record says; repeatable.")(command)


Database = Path | ServerUrl


class DatabaseType(click.ParamType):
    """`--db`: a SQLite file, or a PostgreSQL database by `postgresql://` URL."""

    name = "FILE|URL"

    def convert(self, value: object, param: click.Parameter | None,
                ctx: click.Context | None) -> Database:
        if isinstance(value, Path | ServerUrl):
            return value
        if Path(str(value)).is_dir():
            self.fail(f"{value}: is a folder, not a story database", param, ctx)
        return locate(str(value))


DB = DatabaseType()


def _missing(db: Database) -> bool:
    """A SQLite file that does not exist (a server database's absence shows on connecting)."""
    return isinstance(db, Path) and not db.is_file()


_allow_private = click.option(
    "--allow-private", is_flag=True,
    help="Let URLs reach loopback, private and link-local addresses (refused by default).")


def _scheduler_address(_ctx: click.Context, _param: click.Parameter, value: str | None
                       ) -> str | None:
    from newsweave.scale import check_address

    try:
        return None if value is None else check_address(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from exc


def _scale_options(command: Callable) -> Callable:
    """--scheduler and --workers: run the per-batch work as Dask tasks."""
    command = click.option(
        "--workers", type=click.IntRange(min=1), metavar="N",
        help="Worker processes (one thread each) of the local cluster; implies "
             "--scheduler local (all cores by default).")(command)
    return click.option(
        "--scheduler", metavar="ADDRESS", callback=_scheduler_address,
        help="Run the work as Dask tasks: `local` starts a cluster on this machine, "
             "tcp://HOST:PORT uses a running scheduler's workers.")(command)


def _check_scale(scheduler: str | None, workers: int | None) -> None:
    """--workers goes with a local cluster only."""
    if workers is not None and scheduler not in (None, "local"):
        raise click.UsageError("--workers starts a local cluster; a scheduler at an address "
                               "has its own workers (start them with `dask worker`)")


def _cluster(scheduler: str | None, workers: int | None):
    """The Dask cluster asked for (connected, with workers), if any: checked
    before any work starts, one line and exit code 1 if it cannot be used."""
    _check_scale(scheduler, workers)
    if scheduler is None and workers is None:
        return None
    from newsweave.scale import Cluster, ScaleError

    try:
        return Cluster(scheduler or "local", workers)
    except ScaleError as exc:
        _fail(str(exc), 1)


@main.command()
@click.argument("inputs", nargs=-1, metavar="ARTICLES...")
@click.option("-o", "--output", "outputs", multiple=True, metavar="FILE",
              help="Write the report here ('-' for stdout); repeatable; the format "
                   "follows the suffix (.json, .md, .html).")
@click.option("--format", "fmt", type=click.Choice(["json", "md", "html"]),
              help="Format for stdout or for outputs without a known suffix (default md).")
@click.option("--words", default=100, show_default=True, type=click.IntRange(min=1),
              help="Word budget of each story summary.")
@_metadata_options
@click.option("--db", type=DB, help="Report on a stored story instead (with --story): a "
                                    "SQLite file or a postgresql:// URL.")
@click.option("--story", "story_id", metavar="ID", help="The stored story to report on.")
@click.option("--one-story", is_flag=True,
              help="Report on all the articles as one story, however they group.")
@_allow_private
@click.option("-q", "--quiet", is_flag=True, help="No progress display.")
def report(inputs: tuple[str, ...], outputs: tuple[str, ...], fmt: str | None, words: int,
           outlets: tuple[str, ...], published: tuple[str, ...], db: Database | None,
           story_id: str | None, one_story: bool, allow_private: bool, quiet: bool) -> None:
    """Report on ARTICLES (files, folders, globs, URLs, feeds, archives, '-' for stdin): one
    report per story.

    The articles are grouped into stories as `newsweave stories` groups them (JSON records
    with a `story` field keep theirs); --one-story takes them all as one. With --db and
    --story, the report is on a story of the store `newsweave stories` made.
    """
    from newsweave.ingest import read_inputs
    from newsweave.render import render

    targets = _targets(outputs, fmt)
    if (db is None) != (story_id is None):
        raise click.UsageError("--db and --story go together")
    if db is not None:
        if inputs:
            raise click.UsageError("give either ARTICLES or --db/--story, not both")
        articles, problems = _stored_story(db, story_id)
    elif not inputs:
        raise click.UsageError("give ARTICLES to report on (or --db FILE --story ID)")
    else:
        outlet_map = _assignments(outlets, "--outlet")
        date_map = _dates(_assignments(published, "--published"))
        # a report written into a folder it reads is not read back as an article next time
        articles, problems = read_inputs(inputs, outlet_map, date_map, stdin=sys.stdin.buffer,
                                         allow_private=allow_private,
                                         skip=[Path(out) for out, _ in targets if out != "-"])
    _report_problems(problems)
    if not articles:
        _err.print("newsweave: no readable articles in the input; nothing to report")
        sys.exit(1)
    if db is None and not one_story:
        from newsweave.stories.grouping import split_into_stories

        articles = split_into_stories(articles)
    result = _run_report(articles, problems, words, show=not quiet and _err.is_terminal)
    for out, out_fmt in targets:
        text = render(result, out_fmt)
        if out == "-":
            click.echo(text)
        else:
            _write(Path(out), text)
    sys.exit(1 if any(p.skipped for p in problems) else 0)


def _write(path: Path, text: str) -> None:
    """Write a report file; one that cannot be written (a full disk) is one line, exit 1."""
    from newsweave.ingest.names import safe_name

    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        _fail(f"{safe_name(path)}: cannot be written: {exc.strerror}", 1)


def _run_report(articles: list[Article], problems: list[Problem], words: int,
                show: bool) -> Report:
    """Run the pipeline with a progress bar per story on a terminal."""
    from newsweave.pipeline import report as run
    from newsweave.stories.grouping import group_by_story

    n_stories = len(group_by_story(articles))
    progress = Progress(console=_err, transient=True) if show else nullcontext()
    with progress:
        task = progress.add_task("analysing stories", total=n_stories) if show else None
        advance = (lambda _: progress.advance(task)) if show else None
        return run(articles, words, problems=problems, on_story=advance)


def _n(count: int, one: str, many: str | None = None) -> str:
    """`count` with the noun in the number it takes: 1 copy, 2 copies."""
    return f"{count} {one if count == 1 else many or one + 's'}"


def _fail(message: str, code: int = 2) -> NoReturn:
    """One line on stderr, then exit."""
    _say(message)
    sys.exit(code)


def _open_store(db: Database, readonly: bool = True, wait: float | None = None,
                on_wait: Callable[[float], None] | None = None):
    """The store at `db`: read-only (never blocked by a writer, nothing written) or for
    writing, waiting up to `wait` seconds for another writer."""
    from newsweave.store import Store, StoreError
    from newsweave.store.sqlite import WAIT_SECONDS

    if readonly and _missing(db):
        _fail(f"{db}: no such story database (make one with "
              "`newsweave stories ARTICLES... --db FILE`)")
    if isinstance(db, Path) and not db.parent.is_dir():
        _fail(f"{db}: its folder {db.parent} does not exist", 1)
    try:
        return Store(db, readonly=readonly, on_wait=on_wait,
                     wait=WAIT_SECONDS if wait is None else wait)
    except StoreError as exc:
        _fail(str(exc), 2 if readonly else 1)


def _stored_story(db: Database, story_id: str) -> tuple[list[Article], list[Problem]]:
    """A stored story's articles; one stored before the length cap is cut to it, as
    `report` cuts what it reads."""
    from newsweave.ingest.settle import MAX_ARTICLE_CHARS

    with _open_store(db) as store:
        live = store.resolve(story_id)
        if live is None:
            _fail(f"{db}: no story {story_id!r} (see `newsweave stories --db {db} --list`)")
        articles = store.story_articles(live)
    problems = []
    for a in articles:
        if len(a.text) > MAX_ARTICLE_CHARS:
            problems.append(Problem(a.id, f"article is {len(a.text):,} characters long; only "
                                          f"its first {MAX_ARTICLE_CHARS:,} are read"))
            a.text = a.text[:MAX_ARTICLE_CHARS]
            a.paragraphs = a.text.split("\n")
    return articles, problems


@main.command()
@click.argument("inputs", nargs=-1, metavar="ARTICLES...")
@click.option("--db", type=DB, default="newsweave.db", show_default=True,
              help="The story database: a SQLite file or a postgresql:// URL.")
@click.option("--list", "list_", is_flag=True, help="List the stored stories, largest first.")
@click.option("--batch-size", default=256, show_default=True, type=click.IntRange(min=1),
              help="Articles per committed transaction.")
@click.option("--window", default=14, show_default=True, type=click.IntRange(min=0),
              help="Days between an article and a story's dates for it to join that story.")
@click.option("--wait", default=600.0, show_default=True, type=click.FloatRange(min=0),
              help="Seconds to wait for another run writing to the database before stopping.")
@_metadata_options
@_allow_private
@_scale_options
@click.option("-q", "--quiet", is_flag=True, help="No progress display.")
def stories(inputs: tuple[str, ...], db: Database, list_: bool, batch_size: int, window: int,
            wait: float, outlets: tuple[str, ...], published: tuple[str, ...],
            allow_private: bool, scheduler: str | None, workers: int | None,
            quiet: bool) -> None:
    """Group ARTICLES into stories kept in a database (a SQLite file or PostgreSQL), adding
    to what it holds.

    Syndicated copies join their origin's story; pages that are not news (cookie walls,
    error pages, widgets) are stored aside. Story ids stay stable across runs.
    """
    if list_:
        if inputs:
            raise click.UsageError("--list takes no ARTICLES")
        _list_stories(db)
        return
    if not inputs:
        raise click.UsageError("give ARTICLES to add (or --list)")
    import itertools

    from newsweave.ingest import iter_inputs
    from newsweave.store import StoreError
    from newsweave.stories.clustering import StoryClusterer
    from newsweave.stories.stream import CHUNK, Added, StoryStream

    outlet_map = _assignments(outlets, "--outlet")
    date_map = _dates(_assignments(published, "--published"))
    cluster = _cluster(scheduler, workers)
    found = iter_inputs(inputs, outlet_map, date_map, stdin=sys.stdin.buffer,
                        keep_non_articles=True, allow_private=allow_private)
    problems: list[Problem] = []
    aside: list[str] = []
    added = Added()
    show = not quiet and _err.is_terminal
    progress = Progress(console=_err, transient=True) if show else nullcontext()
    stopped = None
    with cluster or nullcontext(), progress:
        task = progress.add_task("clustering", total=None) if show else None
        with _open_store(db, readonly=False, wait=wait,
                         on_wait=_waiting(db, progress if show else None, task, quiet)) as store:
            try:
                stream = StoryStream(store, StoryClusterer(window_days=window))
                # Input is read and filed a chunk at a time: memory holds one chunk's texts.
                while chunk := list(itertools.islice(found, CHUNK)):
                    articles = [a for a in chunk if isinstance(a, Article)]
                    problems += [p for p in chunk if isinstance(p, Problem)]
                    aside += [f"{a.source or a.id}: set aside, not a news article: "
                              f"{a.non_article}" for a in articles if a.non_article]
                    added.merge(stream.add(articles, batch_size, on_batch=(
                        (lambda n: progress.update(task, advance=n, description="clustering"))
                        if show else None), runner=cluster.map if cluster else None))
            except (StoreError, *_scale_errors(cluster)) as exc:
                stopped = str(exc)
                added.merge(getattr(exc, "added", None) or Added())
            counts = store.counts()
        where = _where(cluster)
    problems += added.problems
    _report_problems(problems)
    for line in aside:
        _say(line)
    if stopped:
        _say(stopped)
    if not quiet or stopped:
        _say(f"{db}: added {_n(added.articles, 'article')}, {_n(added.copies, 'copy', 'copies')}"
             f", {_n(added.non_articles, 'non-article')} ({added.already_stored} already "
             f"stored); {_n(added.new_stories, 'new story', 'new stories')}, "
             f"{added.merged_stories} merged; now {_n(counts['stories'], 'story', 'stories')}"
             f"{where}")
    sys.exit(1 if stopped or any(p.skipped for p in problems) else 0)


def _where(cluster) -> str:
    """Where the work ran, for the closing line: nothing for this process."""
    if not cluster:
        return ""
    n = cluster.threads
    return f" (on {_n(n, 'Dask worker thread')})"


def _scale_errors(cluster) -> tuple[type[Exception], ...]:
    """The error a cluster in use reports (a lost worker), none without one (so that
    `except` needs no Dask import)."""
    if not cluster:
        return ()
    from newsweave.scale import ScaleError

    return (ScaleError,)


def _waiting(db: Database, progress: Progress | None, task, quiet: bool) -> Callable[[float], None]:
    """What a writer shows while another one holds the database: the progress line says so,
    or without one a single line on stderr."""
    told = []

    def on_wait(seconds: float) -> None:
        if progress is not None:
            progress.update(task, description=f"waiting for another writer ({seconds:.0f} s)")
        elif not quiet and not told:
            told.append(True)
            _say(f"{db}: another newsweave run is writing; waiting for it")
    return on_wait


@main.command()
@click.argument("sources", nargs=-1, required=True, metavar="SOURCES...")
@click.option("--db", type=DB, default="newsweave.db", show_default=True,
              help="The story database: a SQLite file or a postgresql:// URL.")
@click.option("--every", default="15m", show_default=True, metavar="INTERVAL",
              help="Time between passes (30s, 15m, 2h).")
@click.option("--once", is_flag=True, help="One pass, then exit (what cron runs).")
@click.option("--window", default=14, show_default=True, type=click.IntRange(min=0),
              help="Days between an article and a story's dates for it to join that story.")
@_allow_private
@click.option("-q", "--quiet", is_flag=True, help="No summary line per pass.")
def watch(sources: tuple[str, ...], db: Database, every: str, once: bool, window: int,
          allow_private: bool, quiet: bool) -> None:
    """Poll feeds and OPML lists (URLs or files) and file new entries into stories.

    Each feed's seen entries and validators are kept in the database, so nothing is
    fetched twice; a feed that is down is tried again later. Ctrl-C stops between feeds.
    """
    import signal

    from newsweave.fetch import Policy
    from newsweave.ingest import open_sources
    from newsweave.watch import Watcher, parse_every, story_adder

    try:
        interval = parse_every(every)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--every") from exc
    with _open_store(db, readonly=False) as store, \
            open_sources(Policy(allow_private=allow_private)) as reader:
        watcher = Watcher(sources, store, story_adder(store, window), reader)
        failed = False

        def on_pass(done) -> None:
            nonlocal failed
            failed = failed or bool(done.problems)
            _report_problems(done.problems)
            if not quiet:
                _err.print(f"newsweave: watch: {_n(done.feeds, 'feed')} polled "
                           f"({done.unchanged} unchanged, {done.waiting} waiting after "
                           f"failures), {_n(done.new_entries, 'new entry', 'new entries')}, "
                           f"{done.filed} filed", markup=False, soft_wrap=True)

        def stop(*_: object) -> None:
            watcher.stop.set()
            signal.signal(signal.SIGINT, signal.default_int_handler)

        previous = signal.signal(signal.SIGINT, stop)
        try:
            if once:
                on_pass(watcher.run_once())
            else:
                watcher.run(interval, on_pass)
        finally:
            signal.signal(signal.SIGINT, previous)
    if watcher.stop.is_set() and not quiet:
        _err.print("newsweave: watch: stopped", markup=False)
    sys.exit(1 if once and failed else 0)


def _list_stories(db: Database) -> None:
    with _open_store(db) as store:
        found = sorted(store.stories(), key=lambda s: (-s.size, s.id))
    click.echo("id\tsize\toutlets\tfirst\tlast\theadline")
    for s in found:
        click.echo("\t".join([s.id, str(s.size), "; ".join(s.outlets),
                              str(s.first or "-"), str(s.last or "-"), s.headline]))


@main.command()
@click.option("--db", type=DB, default="newsweave.db", show_default=True,
              help="The story database: a SQLite file or a postgresql:// URL.")
def export(db: Database) -> None:
    """Write the stored stories to stdout as JSONL: one line per story, then one line
    `{"non_articles": [...]}` with the pages set aside."""
    import json

    with _open_store(db) as store:
        found = store.stories()
        aside = store.non_articles()
    for s in found:
        click.echo(json.dumps({
            "id": s.id, "articles": s.articles, "size": s.size, "outlets": s.outlets,
            "first": s.first.isoformat() if s.first else None,
            "last": s.last.isoformat() if s.last else None,
            "headline": s.headline, "copies": s.copies}, ensure_ascii=False))
    click.echo(json.dumps({"non_articles": [{"id": i, "reason": r} for i, r in aside]},
                          ensure_ascii=False))


@main.command()
@click.argument("pairs_file", metavar="PAIRS", type=click.Path(dir_okay=False, path_type=Path))
def match(pairs_file: Path) -> None:
    """Judge whether each pair of sentences states the same fact: one JSON line per pair,
    {"id", "verdict": same | conflict | different, "score"} (PAIRS: TSV with a header naming
    id, sentence1, sentence2, or JSONL with id, a, b, outlet_a/b, published_a/b)."""
    import json

    from newsweave.analyse.match import featurize, load, sides
    from newsweave.analyse.pairs_file import read_pair_file
    from newsweave.embed import default_embedder

    pairs, problems = read_pair_file(pairs_file)
    _report_problems(problems)
    if pairs:
        side_a = sides([p.a for p in pairs], [f"{p.id}/a" for p in pairs],
                       [p.outlet_a for p in pairs], [p.published_a for p in pairs])
        side_b = sides([p.b for p in pairs], [f"{p.id}/b" for p in pairs],
                       [p.outlet_b for p in pairs], [p.published_b for p in pairs])
        embedder = default_embedder()
        judged = load().judge(featurize(zip(side_a, side_b, strict=True), embedder.encode,
                                        embedder.cosines))
        for pair, j in zip(pairs, judged, strict=True):
            line = {"id": pair.id, "verdict": j.verdict, "score": round(j.score, 3)}
            if j.verdict == "conflict" and j.conflict is not None:
                line["conflict"] = {"kind": j.conflict.kind, "values": j.conflict.values,
                                    "explanation": j.conflict.explanation}
            click.echo(json.dumps(line, ensure_ascii=False))
    if problems:
        sys.exit(1)


_data_option = click.option(
    "--data", type=click.Path(exists=True, file_okay=False, path_type=Path), required=True,
    envvar="NEWSWEAVE_DATA", show_envvar=True,
    help="The folder holding the data sets (mds/, clustering/, corpora/, msrp/).")


@main.group("eval")
def eval_group() -> None:
    """Benchmarks on the public data sets (read in place from a data folder)."""


def _benchmark(run: Callable[[], object]) -> None:
    """Run a benchmark; a data set missing from the data folder is one line, not a trace."""
    try:
        run()
    except FileNotFoundError as exc:
        _fail(f"{exc.filename}: not found; is --data the folder holding the data sets?")
    except ModuleNotFoundError as exc:
        _fail(f"this benchmark needs {exc.name}, which newsweave's 'eval' extra installs: "
              "pip install 'newsweave[eval]'")
    except RuntimeError as exc:
        _fail(str(exc))


@eval_group.command("summarization")
@click.argument("sets", nargs=-1, type=click.Choice(["duc2004", "duc2003", "multinews"]))
@_data_option
@click.option("--limit", type=click.IntRange(min=1), help="Only the first N clusters of each set.")
def eval_summarization(sets: tuple[str, ...], data: Path, limit: int | None) -> None:
    """ROUGE of newsweave's summaries beside sumy's LexRank and TextRank and published systems."""
    from newsweave.eval.summarization import run

    _benchmark(lambda: run(data, sets or ("duc2004", "duc2003", "multinews"), limit=limit,
                           echo=click.echo))


@eval_group.command("salience-cv")
@click.option("--seed", "seeds", type=int, multiple=True, help="Fold seed (repeatable; 0 and 1).")
@_data_option
def eval_salience_cv(seeds: tuple[int, ...], data: Path) -> None:
    """Summary ROUGE on the development sets, each cluster by a model that never saw it."""
    from newsweave.eval.salience_cv import run

    _benchmark(lambda: run(data, seeds or (0, 1), echo=click.echo))


@eval_group.command("clustering")
@click.argument("sets", nargs=-1, type=click.Choice(
    ["mds", "uci", "wikiref", "ecbplus", "uci-dev", "uci-held-out"]))
@_data_option
def eval_clustering(sets: tuple[str, ...], data: Path) -> None:
    """BCubed and pairwise F1 of newsweave's stories beside BERTopic and TF-IDF single pass."""
    from newsweave.eval.clustering import SETS, run

    _benchmark(lambda: run(data, sets or SETS, echo=click.echo))


@eval_group.command("clustering-ceiling")
@click.argument("sets", nargs=-1, type=click.Choice(["mds", "uci", "wikiref"]))
@_data_option
def eval_clustering_ceiling(sets: tuple[str, ...], data: Path) -> None:
    """The best BCubed F1 any threshold gives offline agglomerative clustering (an oracle)."""
    from newsweave.eval.clustering_ceiling import run

    _benchmark(lambda: run(data, sets or ("mds", "uci", "wikiref"), echo=click.echo))


def _annotation_benchmark(name: str, summary: str) -> None:
    """`newsweave eval NAME`: newsweave.eval.NAME against its hand annotations."""

    @eval_group.command(name, help=summary)
    @_data_option
    def command(data: Path) -> None:
        import importlib

        _benchmark(lambda: importlib.import_module(f"newsweave.eval.{name}").run(
            data, echo=click.echo))


for _name, _summary in (
        ("quotes", "Speaker accuracy on hand-annotated quotes of DUC 2004 and Multi-News."),
        ("dates", "Normalisation accuracy on the hand-annotated dates of DUC 2004 articles."),
        ("entities", "Entity merge precision and recall on hand-annotated DUC 2004 clusters."),
        ("framing", "Precision of framing contrasts, judged by hand, on news clusters.")):
    _annotation_benchmark(_name, _summary)


@eval_group.command("conflicts")
@_data_option
@click.option("--clusters", type=click.IntRange(min=1), default=10, show_default=True,
              help="How many DUC 2004 and Multi-News clusters.")
@click.option("--skip", type=click.IntRange(min=0), default=0, show_default=True,
              help="Start after this many clusters of each set (a held-out slice).")
def eval_conflicts(data: Path, clusters: int, skip: int) -> None:
    """Recall of injected contradictions per kind, and false alarms on unaltered clusters;
    precision and recall per kind on hand-written pairs in natural wording."""
    from newsweave.eval.conflicts import run

    _benchmark(lambda: run(data, clusters, echo=click.echo, skip=skip))


@main.command()
@click.option("--db", type=DB, default="newsweave.db", show_default=True,
              help="The story database: a SQLite file or a postgresql:// URL.")
@click.option("--all", "all_", is_flag=True, help="Recompute every story's report.")
@click.option("--story", "story_id", metavar="ID", help="Recompute this story's report only.")
@click.option("--words", default=100, show_default=True, type=click.IntRange(min=1),
              help="Word budget of each story summary.")
@_scale_options
@click.option("-q", "--quiet", is_flag=True, help="No progress display.")
def analyse(db: Database, all_: bool, story_id: str | None, words: int, scheduler: str | None,
            workers: int | None, quiet: bool) -> None:
    """Compute and store the reports of the stories that changed (for `newsweave serve`)."""
    from newsweave.serve.analysis import CHUNK, analyse_stories

    if all_ and story_id:
        raise click.UsageError("give --all or --story, not both")
    _check_scale(scheduler, workers)
    if _missing(db):
        _fail(f"{db}: no such story database (make one with "
              "`newsweave stories ARTICLES... --db FILE`)")
    cluster = _cluster(scheduler, workers)
    with cluster or nullcontext(), _open_store(db, readonly=False) as store:
        if story_id:
            live = store.resolve(story_id)
            if live is None:
                _fail(f"{db}: no story {story_id!r} (see `newsweave stories --db {db} --list`)")
            todo = [live]
        else:
            todo = store.live_story_ids() if all_ else store.unanalysed()
        show = not quiet and _err.is_terminal
        progress = Progress(console=_err, transient=True) if show else nullcontext()
        with progress:
            task = progress.add_task("analysing stories", total=len(todo)) if show else None
            # on a cluster, chunks small enough that every worker thread gets one
            chunk = (max(1, min(CHUNK, -(-len(todo) // cluster.threads))) if cluster
                     else CHUNK)
            try:
                done = analyse_stories(
                    store, todo, words,
                    on_story=(lambda _: progress.advance(task)) if show else None,
                    runner=cluster.map if cluster else None, chunk=chunk)
            except _scale_errors(cluster) as exc:
                _fail(str(exc), 1)
            where = _where(cluster)
    if not quiet:
        _err.print(f"newsweave: {db}: stored {_n(done, 'story report')}{where}", markup=False,
                   soft_wrap=True)


@main.command()
@click.option("--db", type=DB, default="newsweave.db", show_default=True,
              help="The story database: a SQLite file or a postgresql:// URL.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on.")
def serve(db: Database, host: str, port: int) -> None:
    """Serve the stories of a store on web pages and a JSON API (read-only)."""
    import uvicorn

    from newsweave.serve import create_app
    from newsweave.serve.listen import listen
    from newsweave.store import Store, StoreError

    try:
        Store(db, readonly=True).close()
    except StoreError as exc:
        _fail(str(exc))
    try:
        sock = listen(host, port)
    except OSError as exc:
        _fail(f"cannot listen on {host}:{port}: {exc.strerror}", 1)
    _err.print(f"newsweave: serving {db} on http://{host}:{sock.getsockname()[1]}/ (API docs "
               "at /docs)", markup=False, soft_wrap=True)
    # Ctrl-C and SIGTERM stop it gracefully, then end the command as they end the others.
    uvicorn.Server(uvicorn.Config(create_app(db), log_level="warning")).run(sockets=[sock])
