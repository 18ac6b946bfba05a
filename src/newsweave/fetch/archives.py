"""Compressed files (.gz, .bz2, .xz) and archives (.zip, .tar and its compressed forms):
each member's bytes, read within a cap on decompressed size (so a compression bomb is
refused, not inflated), and a one-line reason for a member that fails."""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import tarfile
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import PurePosixPath
from typing import BinaryIO

from newsweave.fetch.http import megabytes

_OPEN = {"gzip": gzip.GzipFile, "bzip2": bz2.BZ2File, "xz": lzma.LZMAFile}
_SUFFIX = {"gzip": (".gz", ".tgz"), "bzip2": (".bz2", ".tbz2"), "xz": (".xz", ".txz")}
_ERRORS = (OSError, EOFError, lzma.LZMAError, zlib.error, zipfile.BadZipFile,
           tarfile.TarError, ValueError, NotImplementedError, RuntimeError)


class MemberError(Exception):
    """One member (or the whole file) could not be read; the message says why."""


def decompress(stream: BinaryIO, kind: str, cap: int) -> bytes:
    """The content of a .gz/.bz2/.xz stream, or MemberError past `cap` bytes."""
    try:
        with _OPEN[kind](fileobj=stream) if kind == "gzip" else _OPEN[kind](stream) as fh:
            data = fh.read(cap + 1)
    except _ERRORS as exc:
        raise MemberError(f"corrupt {kind} data ({exc})") from None
    if len(data) > cap:
        raise MemberError(f"decompresses to over the {megabytes(cap)} cap "
                          "(a compression bomb?); skipped")
    return data


def inner_name(name: str, kind: str) -> str:
    """The name a compressed file's content had: 'a.txt.gz' -> 'a.txt', 'a.tgz' -> 'a.tar'."""
    lower = name.lower()
    for suffix in _SUFFIX[kind]:
        if lower.endswith(suffix):
            stem = name[: -len(suffix)]
            return stem + ".tar" if suffix.startswith(".t") else stem
    return name


def members(stream: BinaryIO, kind: str, cap: int, total_cap: int
            ) -> Iterator[tuple[str, bytes] | tuple[str, MemberError]]:
    """(name, bytes) of each regular member of a zip or tar, or (name, MemberError) for
    one that cannot be read; stops with an error once `total_cap` bytes were read."""
    total = 0
    try:
        entries = _zip_members(stream) if kind == "zip" else _tar_members(stream)
        for name, size, opener in entries:
            if total > total_cap:
                yield name, MemberError(f"archive decompresses to over the "
                                        f"{megabytes(total_cap)} cap; the rest is skipped")
                return
            if size > cap:
                yield name, MemberError(f"member of {megabytes(size)} is over the "
                                        f"{megabytes(cap)} cap")
                continue
            try:
                with opener() as fh:
                    data = fh.read(cap + 1)
            except _ERRORS as exc:
                yield name, MemberError(f"cannot read this member ({exc})")
                continue
            if len(data) > cap:
                yield name, MemberError(f"member decompresses to over the "
                                        f"{megabytes(cap)} cap")
                continue
            total += len(data)
            yield name, data
    except _ERRORS as exc:
        yield "", MemberError(f"corrupt {kind} archive ({exc})")


def _zip_members(stream: BinaryIO):
    with zipfile.ZipFile(stream) as archive:
        for info in archive.infolist():
            if info.is_dir() or _hidden(info.filename):
                continue
            yield info.filename, info.file_size, (lambda info=info: archive.open(info))


def _tar_members(stream: BinaryIO):
    with tarfile.open(fileobj=stream, mode="r:*") as archive:
        for info in archive:
            if not info.isfile() or _hidden(info.name):
                continue
            yield info.name, info.size, (lambda info=info: archive.extractfile(info)
                                         or io.BytesIO(b""))


def _hidden(name: str) -> bool:
    return any(part.startswith((".", "__MACOSX")) for part in PurePosixPath(name).parts)
