"""`newsweave watch`: poll feeds and OPML lists, file their new entries into stories.

Each feed's validators (ETag, Last-Modified) and seen entries are kept in the store, so an
unchanged feed costs one conditional request and no entry is fetched twice. A feed that is
down is reported and tried again after a backoff that doubles with each failure. A stop
request (Ctrl-C) is honoured between feeds, never inside a transaction.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from newsweave.fetch import Sources
from newsweave.fetch.feeds import FeedError, read_opml
from newsweave.fetch.http import FetchError
from newsweave.fetch.sniff import is_url, sniff
from newsweave.ingest.settle import settle
from newsweave.model import Article, Problem, RawArticle
from newsweave.store import Store

if TYPE_CHECKING:
    from newsweave.store import FeedState

BACKOFF_START = 60.0
BACKOFF_MAX = 6 * 3600.0
MAX_EVERY = 366 * 86400  # seconds between passes at most
_EVERY = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")


def story_adder(store: Store, window_days: int = 14) -> Callable[[Sequence[Article]], object]:
    """The stories stage's way of adding articles to this store (`StoryStream.add`)."""
    from newsweave.stories.clustering import StoryClusterer
    from newsweave.stories.stream import StoryStream

    return StoryStream(store, StoryClusterer(window_days=window_days)).add


def parse_every(value: str) -> float:
    """Seconds in '90', '30s', '15m', '2h' or '1d'; ValueError otherwise."""
    m = _EVERY.match(value)
    if not m or float(m[1]) <= 0:
        raise ValueError(f"cannot read the interval {value!r} (use e.g. 30s, 15m, 2h)")
    seconds = float(m[1]) * {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}[m[2]]
    if seconds > MAX_EVERY:  # past what a wait can be given (a crash after the first pass)
        raise ValueError(f"the interval {value!r} is over a year; use cron with --once")
    return seconds


@dataclass
class Pass:
    """What one pass over the sources did."""

    feeds: int = 0
    unchanged: int = 0
    waiting: int = 0
    new_entries: int = 0
    filed: int = 0
    problems: list[Problem] = field(default_factory=list)


class Watcher:
    """Polls the given feeds and OPML lists into a store through a StoryStream."""

    def __init__(self, sources: Sequence[str], store: Store, add: Callable,
                 reader: Sources, clock: Callable[[], float] = time.time) -> None:
        self.sources = list(sources)
        self.store = store
        self.add = add
        self.reader = reader
        self.clock = clock
        self.stop = threading.Event()

    def run(self, every: float, on_pass: Callable[[Pass], None]) -> None:
        """Pass after pass, `every` seconds apart, until `stop` is set."""
        while not self.stop.is_set():
            on_pass(self.run_once())
            self.stop.wait(every)

    def run_once(self) -> Pass:
        """One pass over every source; a stop request ends it after the current feed."""
        done = Pass()
        polled: set[str] = set()
        for source in self.sources:
            if self.stop.is_set():
                break
            self._poll(source, done, polled)
        return done

    def _get(self, url: str, state: FeedState):
        return self.reader.fetcher.get(url, state.etag, state.last_modified)

    def _poll(self, url: str, done: Pass, polled: set[str], listed: bool = False) -> None:
        """Poll one source: a feed's new entries filed, or an OPML list's feeds polled."""
        if url in polled:
            return
        polled.add(url)
        state = self.store.feed_state(url)
        now = self.clock()
        if state.next_try > now:
            done.waiting += 1
            return
        try:
            if is_url(url):
                got = self._get(url, state)
                if got.not_modified:
                    done.feeds += 1
                    done.unchanged += 1
                    state.failures, state.next_try, state.last_error = 0, 0.0, None
                    self.store.save_feed(state)
                    return
                data, etag, modified = got.content, got.etag, got.last_modified
            else:
                got, etag, modified = None, None, None
                data = Path(url).read_bytes()
            if sniff(data[:65536]) == "opml":
                if listed:
                    raise FeedError("an OPML list inside an OPML list is not followed")
                feeds = read_opml(data)
            else:
                feeds = None
                _, entries = self.reader.feed_entries(data, url, got)
        except (FetchError, FeedError, OSError) as exc:
            done.feeds += 1
            self._failed(state, _reason(exc), now, done)
            return
        if feeds is not None:  # a list is read anew each pass: no validators kept
            if state.failures:
                state.failures, state.next_try, state.last_error = 0, 0.0, None
                self.store.save_feed(state)
            for feed in feeds:
                if self.stop.is_set():
                    break
                self._poll(feed, done, polled, listed=True)
            return
        done.feeds += 1
        seen = self.store.seen_entries(url, [e.key for e in entries])
        fresh = [e for e in entries if e.key not in seen]
        done.new_entries += len(fresh)
        raws, keys, lost = [], [], False
        for entry, found in zip(fresh, self.reader.entry_articles(fresh), strict=True):
            if isinstance(found, Problem):
                done.problems.append(found)
                lost = True
                continue
            raws.append(found)
            keys.append(entry.key)
        articles, problems = settle(raws, {}, {}, keep_non_articles=True)
        done.problems.extend(problems)
        added = self.add(articles)
        done.problems.extend(added.problems)
        done.filed += added.articles + added.copies
        ids = {raw.source: a.id for raw, a in _pairs(raws, articles)}
        if not lost:
            state.etag, state.last_modified = etag, modified
        state.failures, state.next_try, state.last_error = 0, 0.0, None
        self.store.save_feed(state, [(k, ids.get(r.source)) for k, r in zip(keys, raws,
                                                                            strict=True)])

    def _failed(self, state: FeedState, reason: str, now: float, done: Pass) -> None:
        state.failures += 1
        wait = min(BACKOFF_START * 2 ** (state.failures - 1), BACKOFF_MAX)
        state.next_try, state.last_error = now + wait, reason
        self.store.save_feed(state)
        done.problems.append(Problem(state.url, f"{reason}; failed {state.failures} time(s) "
                                                f"in a row, tried again in {wait:.0f} s"))


def _pairs(raws: list[RawArticle], articles: list) -> list[tuple[RawArticle, object]]:
    by_source = {a.source: a for a in articles}
    return [(r, by_source[r.source]) for r in raws if r.source in by_source]


def _reason(exc: Exception) -> str:
    if isinstance(exc, OSError) and not isinstance(exc, FetchError):
        return f"cannot read: {exc.strerror or exc}"
    return str(exc)
