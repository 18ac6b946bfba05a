"""Bytes to text: UTF-8 (with or without BOM; a few invalid bytes become U+FFFD and are
counted), UTF-16 with BOM, else Windows-1252 or the likeliest legacy encoding; binary content
is refused rather than misread."""

from __future__ import annotations

import codecs
import re

MAX_BYTES = 20 * 1024 * 1024  # a single news article is never this large
_CONTROL_SHARE = 0.05  # share of control characters past which a decoded file is binary
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}"
                            rb"|[\xf0-\xf4][\x80-\xbf]{3}")


class DecodeError(ValueError):
    """The bytes are not text newsweave can read; the message says why."""


def decode(data: bytes) -> str:
    """The text of a file's bytes, or DecodeError saying why it is not text."""
    return decode_counted(data)[0]


def decode_counted(data: bytes) -> tuple[str, int]:
    """The text of a file's bytes and how many invalid UTF-8 bytes became U+FFFD (a UTF-8
    file with a few bad bytes stays UTF-8: read as Windows-1252, every accent would turn to
    mojibake); DecodeError when it is not text."""
    if len(data) > MAX_BYTES:
        raise DecodeError(f"file is too large ({len(data) / 1e6:.0f} MB; the limit is "
                          f"{MAX_BYTES // (1024 * 1024)} MB)")
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                     (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(enc), 0
            except UnicodeDecodeError:
                text = data.decode(enc, "replace")
                return _checked(text), text.count("\ufffd")
    if b"\x00" in data[:4096]:
        raise DecodeError("binary file (contains NUL bytes), not text")
    bad = 0
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        replaced = data.decode("utf-8", "replace")
        bad = replaced.count("\ufffd") - data.count("\ufffd".encode())
        valid = len(_UTF8_SEQUENCE.findall(data))
        if valid and valid >= bad:
            text = replaced
        else:
            text, bad = _legacy(data), 0
    return _checked(text), bad


def _checked(text: str) -> str:
    controls = sum(1 for c in text[:4096] if ord(c) < 32 and c not in "\n\r\t\f")
    if controls > _CONTROL_SHARE * min(len(text), 4096):
        raise DecodeError("binary file (mostly control characters), not text")
    return text


def _legacy(data: bytes) -> str:
    """Windows-1252 first (what "Latin-1" English news files almost always are; guessers
    confuse it with Baltic and Central European code pages), else charset-normalizer."""
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise DecodeError("binary file or unknown text encoding")
    return str(best)
