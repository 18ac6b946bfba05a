"""Web archives (.warc, .warc.gz, .arc): the HTML pages of their response records, and
revisit records resolved to the capture they point at.

Two readers give the same records: FastWARC (faster, WARC only; `benchmarks/ingest_speed.py`)
and warcio (WARC and ARC). WARC goes through FastWARC when it is installed, ARC through warcio.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass
class Record:
    """What newsweave needs of one response or revisit record."""

    kind: str  # 'response' or 'revisit'
    uri: str
    status: int | None
    content_type: str
    charset: str | None
    payload: bytes
    digest: str | None
    refers_to: str | None


def records_warcio(stream: BinaryIO) -> Iterator[Record]:
    """Response and revisit records by warcio (reads WARC and ARC, gzipped or not)."""
    from warcio.archiveiterator import ArchiveIterator

    for rec in ArchiveIterator(stream, arc2warc=True):
        if rec.rec_type not in ("response", "revisit"):
            continue
        h = rec.rec_headers
        http = rec.http_headers
        ctype, charset = _content_type(http.get_header("Content-Type") if http else None)
        status = http.get_statuscode() if http else None
        payload = rec.content_stream().read() if rec.rec_type == "response" else b""
        yield Record(rec.rec_type, h.get_header("WARC-Target-URI") or "",
                     int(status) if status and status.isdigit()
                     else None, ctype, charset, payload, h.get_header("WARC-Payload-Digest"),
                     h.get_header("WARC-Refers-To-Target-URI"))


def records_fastwarc(stream: BinaryIO) -> Iterator[Record]:
    """Response and revisit records by FastWARC (WARC only, gzipped or not)."""
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    for rec in ArchiveIterator(stream, record_types=WarcRecordType.response
                               | WarcRecordType.revisit, parse_http=True, fsspec_args=False):
        h = rec.headers
        kind = "response" if rec.record_type == WarcRecordType.response else "revisit"
        http = rec.http_headers if rec.is_http else None
        ctype, charset = _content_type(http.get("Content-Type") if http else None)
        payload = rec.reader.read() if kind == "response" else b""
        yield Record(kind, h.get("WARC-Target-URI") or "",
                     http.status_code if http else None, ctype, charset, payload,
                     h.get("WARC-Payload-Digest"), h.get("WARC-Refers-To-Target-URI"))


def fastwarc_available() -> bool:
    """Whether FastWARC is installed (it is optional: warcio reads everything it does)."""
    try:
        import fastwarc.warc  # noqa: F401
    except ImportError:
        return False
    return True


def records(stream: BinaryIO, kind: str, reader: str | None = None) -> Iterator[Record]:
    """The records of a web archive of this kind ('warc' or 'arc'), by `reader` ('fastwarc'
    or 'warcio'; by default FastWARC for WARC when installed)."""
    if kind == "warc" and reader != "warcio" and (reader == "fastwarc" or fastwarc_available()):
        return records_fastwarc(stream)
    return records_warcio(stream)


def _content_type(value: str | None) -> tuple[str, str | None]:
    if not value:
        return "", None
    ctype, _, params = value.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, val = param.partition("=")
        if key.strip().lower() == "charset":
            charset = val.strip().strip("\"'") or None
    return ctype.strip().lower(), charset


def is_page(rec: Record) -> bool:
    """A successful HTML response (what an article can be read from)."""
    return (rec.status is None or 200 <= rec.status < 300) and rec.content_type.startswith(
        HTML_TYPES)
