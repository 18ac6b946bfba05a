"""Fetch stage: URLs, feeds, OPML lists, compressed files, archives and web archives ->
RawArticles (`newsweave.model`), and a one-line Problem for each bad item.

Entry point: `Sources`, used by `newsweave.ingest.read_inputs` (for the files and URLs of the
command line) and by `newsweave.watch`. The type of every input is found from its content
(`sniff`), so a feed named .txt or a gzip without a suffix is read for what it is. Text and
HTML pages are parsed by the callables the caller hands to `Sources` (ingest's readers):
fetch never imports ingest.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path, PurePosixPath

from newsweave.fetch.archives import MemberError, decompress, inner_name, members
from newsweave.fetch.encoding import DecodeError, decode
from newsweave.fetch.feeds import Entry, FeedError, read_feed, read_opml, url_slug
from newsweave.fetch.http import Fetched, Fetcher, FetchError, Policy
from newsweave.fetch.sniff import inner_kind, is_readable, is_url, sniff
from newsweave.fetch.warc import is_page, records
from newsweave.model import Problem, RawArticle

__all__ = ["Sources", "Policy", "FetchError", "Fetcher", "is_url"]

Found = RawArticle | Problem
TextParser = Callable[[str, str, str], Iterator[Found]]
PageParser = Callable[[str, str], Found]
MAX_DEPTH = 3
WORKERS = 4  # threads fetching teaser pages; each host also has its own limit
TOTAL_CAP = 1024 * 1024 * 1024


class Sources:
    """Reads paths, bytes and URLs of any supported type; owns one polite Fetcher (made on
    first use). `parse_text(text, source, suffix)` reads plain text, HTML and JSON;
    `parse_html(html, source)` reads a web page (a URL served as HTML, a web archive's
    response, a feed entry's page)."""

    def __init__(self, parse_text: TextParser, parse_html: PageParser,
                 policy: Policy | None = None, fetch_teasers: bool = True,
                 warc_reader: str | None = None) -> None:
        self.parse_text = parse_text
        self.parse_html = parse_html
        self.policy = policy or Policy()
        self.fetch_teasers = fetch_teasers
        self.warc_reader = warc_reader  # 'fastwarc', 'warcio', or None for the default
        self._fetcher: Fetcher | None = None

    @property
    def fetcher(self) -> Fetcher:
        if self._fetcher is None:
            self._fetcher = Fetcher(self.policy)
        return self._fetcher

    def close(self) -> None:
        if self._fetcher is not None:
            self._fetcher.close()

    def __enter__(self) -> Sources:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- entry points ----------------------------------------------------------------------

    def read_url(self, url: str, depth: int = 0) -> Iterator[Found]:
        """The articles at a URL: a page, a feed's entries, an OPML list's feeds' entries,
        or an archive's members."""
        try:
            got = self.fetcher.get(url)
        except FetchError as exc:
            yield Problem(url, str(exc))
            return
        yield from self.read_bytes(got.content, got.url, _url_suffix(got.url), depth,
                                   fetched=got)

    def read_path(self, path: Path) -> Iterator[Found]:
        """The articles in a file of any supported type; web archives are streamed."""
        source = str(path)
        try:
            with open(path, "rb") as fh:
                head = fh.read(65536)
                kind = sniff(head)
                if kind in {"gzip", "bzip2", "xz"}:
                    kind = inner_kind(head, kind)
                if kind in {"warc", "arc", "tar"}:
                    fh.seek(0)
                    yield from self._container(fh, kind, source, 0)
                    return
        except OSError as exc:
            yield Problem(source, f"cannot read: {exc.strerror or exc}")
            return
        try:
            data = path.read_bytes()
        except OSError as exc:
            yield Problem(source, f"cannot read: {exc.strerror or exc}")
            return
        yield from self.read_bytes(data, source, path.suffix.lower())

    def read_bytes(self, data: bytes, source: str, suffix: str, depth: int = 0,
                   fetched: Fetched | None = None) -> Iterator[Found]:
        """The articles in a blob, by the type its content shows."""
        if not data.strip():
            yield Problem(source, "empty file" if fetched is None else "empty response")
            return
        kind = sniff(data[:65536])
        if kind in {"gzip", "bzip2", "xz", "zip", "tar", "warc", "arc"}:
            yield from self._container(io.BytesIO(data), kind, source, depth)
        elif kind in {"feed", "jsonfeed"}:
            yield from self._feed(data, source, kind, fetched)
        elif kind == "opml":
            yield from self._opml(data, source, depth)
        elif not is_readable(kind):
            yield Problem(source, f"{kind}, not an article; skipped")
        else:
            try:
                text = fetched.text() if fetched is not None else decode(data)
            except DecodeError as exc:
                yield Problem(source, str(exc))
                return
            if fetched is not None and "html" in fetched.content_type:
                yield _with_url(self.parse_html(text, source), fetched.url)
            else:
                yield from self.parse_text(text, source, suffix)

    def feed_entries(self, data: bytes, source: str, fetched: Fetched | None = None
                     ) -> tuple[str | None, list[Entry]]:
        """A feed's title and entries (for `watch`, which files only the unseen ones)."""
        return read_feed(data, source, sniff(data[:65536]), _content_type(fetched))

    def entry_articles(self, entries: list[Entry]) -> list[Found]:
        """Each entry's article, in order; teaser pages are fetched side by side, within the
        fetcher's per-host limit."""
        if sum(e.teaser for e in entries) < 2 or not self.fetch_teasers:
            return [self.entry_article(e) for e in entries]
        with ThreadPoolExecutor(max_workers=WORKERS) as pool:
            return list(pool.map(self.entry_article, entries))

    def entry_article(self, entry: Entry) -> Found:
        """An entry's article: its own text, or its page's when it carries only a teaser."""
        if not (entry.teaser and self.fetch_teasers and entry.raw.url):
            return entry.raw
        url = entry.raw.url
        try:
            got = self.fetcher.get(url)
            page = self.parse_html(got.text(), url)
        except (FetchError, DecodeError) as exc:
            return Problem(url, f"teaser's page: {exc}")
        if isinstance(page, Problem):
            return page
        return replace(entry.raw, text=page.text, title=entry.raw.title or page.title,
                       published=entry.raw.published or page.published,
                       outlet=entry.raw.outlet or page.outlet)

    # --- readers ---------------------------------------------------------------------------

    def _feed(self, data: bytes, source: str, kind: str, fetched: Fetched | None
              ) -> Iterator[Found]:
        try:
            _, entries = read_feed(data, source, kind, _content_type(fetched))
        except FeedError as exc:
            yield Problem(source, str(exc))
            return
        if not entries:
            yield Problem(source, "the feed has no entries")
        yield from self.entry_articles(entries)

    def _opml(self, data: bytes, source: str, depth: int) -> Iterator[Found]:
        if depth >= MAX_DEPTH:
            yield Problem(source, f"OPML lists nested more than {MAX_DEPTH} deep; skipped")
            return
        try:
            urls = read_opml(data)
        except FeedError as exc:
            yield Problem(source, str(exc))
            return
        for url in urls:
            yield from self.read_url(url, depth + 1)

    def _container(self, stream, kind: str, source: str, depth: int) -> Iterator[Found]:
        if depth >= MAX_DEPTH:
            yield Problem(source, f"archives nested more than {MAX_DEPTH} deep; skipped")
            return
        cap = self.policy.max_bytes
        if kind in {"warc", "arc"}:
            yield from self._web_archive(stream, kind, source)
        elif kind in {"gzip", "bzip2", "xz"}:
            try:
                data = decompress(stream, kind, cap)
            except MemberError as exc:
                yield Problem(source, str(exc))
                return
            name = inner_name(source, kind)
            yield from self.read_bytes(data, name, PurePosixPath(name).suffix.lower(),
                                       depth + 1)
        else:
            for name, got in members(stream, kind, cap, TOTAL_CAP):
                where = f"{source}!{name}" if name else source
                if isinstance(got, MemberError):
                    yield Problem(where, str(got))
                else:
                    yield from self.read_bytes(got, where, PurePosixPath(name).suffix.lower(),
                                               depth + 1)

    def _web_archive(self, stream, kind: str, source: str) -> Iterator[Found]:
        """HTML pages of response records; a revisit gives its original's article under
        its own URL; an unresolvable revisit is reported."""
        by_digest: dict[str, RawArticle] = {}
        by_uri: dict[str, RawArticle] = {}
        pages = 0
        try:
            for rec in records(stream, kind, self.warc_reader):
                where = f"{source}!{rec.uri}"
                if rec.kind == "revisit":
                    original = by_digest.get(rec.digest or "") or by_uri.get(rec.refers_to or "")
                    if original is None:
                        yield Problem(where, "revisit of a capture not in this archive")
                    elif original.url != rec.uri:
                        pages += 1
                        yield replace(original, source=where, url=rec.uri,
                                      id=url_slug(rec.uri) or None)
                    continue
                if not is_page(rec):
                    continue
                pages += 1
                try:
                    text = _decode_page(rec.payload, rec.charset)
                except DecodeError as exc:
                    yield Problem(where, str(exc))
                    continue
                found = _with_url(self.parse_html(text, where), rec.uri)
                if isinstance(found, RawArticle):
                    found.id = url_slug(rec.uri) or None
                    if rec.digest:
                        by_digest[rec.digest] = found
                    by_uri[rec.uri] = found
                yield found
        except Exception as exc:  # noqa: BLE001 - a corrupt archive is one line, not a trace
            yield Problem(source, f"corrupt web archive ({type(exc).__name__}: {exc})")
            return
        if not pages:
            yield Problem(source, "the web archive holds no HTML page responses")


def _content_type(fetched: Fetched | None) -> str | None:
    """The Content-Type header of a fetched feed, with its charset."""
    if fetched is None or not fetched.content_type:
        return None
    return fetched.content_type + (f"; charset={fetched.charset}" if fetched.charset else "")


def _url_suffix(url: str) -> str:
    return PurePosixPath(url.split("?", 1)[0].split("#", 1)[0]).suffix.lower()


def _with_url(found: Found, url: str) -> Found:
    if isinstance(found, RawArticle) and not found.url:
        found.url = url
    return found


def _decode_page(payload: bytes, charset: str | None) -> str:
    if charset:
        try:
            return payload.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    return Fetched("", 200, payload).text()
