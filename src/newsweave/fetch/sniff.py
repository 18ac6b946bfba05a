"""What a blob of bytes is, found from its content (magic bytes, XML root, JSON Feed
version) and only then from its name: containers, web archives, feeds, OPML, or other."""

from __future__ import annotations

import bz2
import lzma
import re
import zlib
from pathlib import Path

# Kinds the fetch readers open; everything else goes to the plain text/HTML/JSON readers.
CONTAINERS = {"gzip", "bzip2", "xz", "zip", "tar"}
ARCHIVES = {"warc", "arc"}
FEEDS = {"feed", "jsonfeed", "opml"}

# Suffixes a folder's files are read by; other files are read only if their content says so.
SUFFIXES = {".xml", ".rss", ".atom", ".rdf", ".opml", ".gz", ".tgz", ".bz2", ".tbz2", ".xz",
            ".txz", ".zip", ".tar", ".warc", ".arc"}

_MAGIC = [(b"\x1f\x8b", "gzip"), (b"BZh", "bzip2"), (b"\xfd7zXZ\x00", "xz"),
          (b"PK\x03\x04", "zip"), (b"PK\x05\x06", "zip"), (b"WARC/", "warc"),
          (b"filedesc://", "arc")]

# Types newsweave cannot read, named so that a skipped file says what it was.
_UNREADABLE = [(b"\x89PNG\r\n\x1a\n", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"),
               (b"GIF87a", "a GIF image"), (b"GIF89a", "a GIF image"),
               (b"%PDF-", "a PDF document"), (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
               (b"\x28\xb5\x2f\xfd", "a Zstandard file"), (b"Rar!\x1a\x07", "a RAR archive"),
               (b"\x7fELF", "an executable"), (b"MZ", "an executable"),
               (b"ID3", "an MP3 file"), (b"OggS", "an Ogg file"), (b"fLaC", "a FLAC file"),
               (b"\x1a\x45\xdf\xa3", "a Matroska/WebM video"), (b"SQLite format 3\x00",
                                                                "an SQLite database"),
               (b"\xd0\xcf\x11\xe0", "an old Microsoft Office file")]

_ROOT = re.compile(rb"<([A-Za-z_][\w:.-]*)")
_SKIP = re.compile(rb"\s*(<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^[>]*(\[.*?\])?\s*>)", re.S | re.I)
_FEED_ROOTS = {b"rss": "feed", b"feed": "feed", b"rdf:rdf": "feed", b"rdf": "feed",
               b"opml": "opml"}
_SNIFF = 64 * 1024


def sniff(head: bytes) -> str:
    """The kind of content that starts with `head`: a container or web archive kind, 'feed',
    'jsonfeed', 'opml', an unreadable type's name ('a PNG image'), or 'text'."""
    for magic, kind in _MAGIC:
        if head.startswith(magic) and (kind != "bzip2" or head[4:10] == b"1AY&SY"):
            return kind
    if len(head) > 262 and head[257:262] == b"ustar":
        return "tar"
    if head[4:8] == b"ftyp":
        return "an MP4/QuickTime video"
    if head.startswith(b"RIFF") and head[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return {b"WEBP": "a WebP image", b"WAVE": "a WAV file", b"AVI ": "an AVI video"}[
            head[8:12]]
    for magic, name in _UNREADABLE:
        # two- and three-letter magics also open text ("MZ", "ID3"): binary bytes must follow
        if head.startswith(magic) and (len(magic) > 3 or b"\x00" in head[:64]):
            return name
    if b"\x00" in head[:4096] and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "a binary file"
    text = _text_head(head)
    if text.startswith(b"<"):
        return _xml_kind(text)
    if text.startswith(b"{") and re.search(rb'"version"\s*:\s*"https?://jsonfeed\.org/',
                                           text[:_SNIFF]):
        return "jsonfeed"
    return "text"


def _text_head(head: bytes) -> bytes:
    """The start of the content as ASCII-compatible bytes (UTF-16 recoded), stripped."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            head = head[:_SNIFF].decode("utf-16", errors="ignore").encode("utf-8")
        except UnicodeError:
            return b""
    return head.removeprefix(b"\xef\xbb\xbf").lstrip()


def _xml_kind(text: bytes) -> str:
    pos = 0
    while True:
        m = _SKIP.match(text, pos)
        if not m or m.end() == pos:
            break
        pos = m.end()
    m = _ROOT.match(text, pos + len(text[pos:]) - len(text[pos:].lstrip()))
    if not m:
        return "text"
    root = m.group(1).lower()
    if root in _FEED_ROOTS:
        return _FEED_ROOTS[root]
    if text.startswith(b"<?xml") and root.rsplit(b":", 1)[-1] != b"html":
        return f"an XML document <{root.decode('ascii', 'replace')}> (not a feed or a page)"
    return "text"


def sniff_file(path: Path) -> str:
    """The kind of a file from its first bytes; a compressed file by what it holds."""
    with open(path, "rb") as fh:
        head = fh.read(_SNIFF)
    kind = sniff(head)
    return inner_kind(head, kind) if kind in {"gzip", "bzip2", "xz"} else kind


def inner_kind(head: bytes, kind: str) -> str:
    """The kind of what a compressed stream holds, from its first decompressed bytes
    (.warc.gz and .tar.gz are read as the web archive and the tar they are)."""
    try:
        if kind == "gzip":
            inner = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 4096)
        elif kind == "bzip2":
            inner = bz2.BZ2Decompressor().decompress(head, 4096)
        else:
            inner = lzma.LZMADecompressor().decompress(head, 4096)
    except (OSError, EOFError, lzma.LZMAError, zlib.error, ValueError):
        return kind
    found = sniff(inner)
    return found if found in {"warc", "arc", "tar"} else kind


def is_readable(kind: str) -> bool:
    """Whether newsweave has a reader for this kind."""
    return kind in CONTAINERS | ARCHIVES | FEEDS | {"text"}




def is_url(item: str) -> bool:
    """Whether a command-line input names a URL (any scheme) rather than a path."""
    scheme, sep, _ = item.partition("://")
    return bool(sep) and scheme.isascii() and scheme.replace("+", "").isalpha()
