"""Names and messages made safe to print: a file name may hold bytes that are not UTF-8 and
control characters (a newline would forge a second message line, an escape sequence would
drive the terminal)."""

from __future__ import annotations

import os
import re
from pathlib import Path

_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def safe_name(path: Path | str) -> str:
    """A path as text: undecodable bytes as \\xNN, control characters escaped."""
    raw = os.fsencode(path) if isinstance(path, Path) else str(path).encode(
        "utf-8", "surrogateescape")
    return printable(raw.decode("utf-8", "backslashreplace"))


def printable(text: str) -> str:
    """The text with control characters and lone surrogates escaped (\\n, \\x1b, \\udcff)."""
    return _UNPRINTABLE.sub(lambda m: m[0].encode("unicode_escape", "backslashreplace")
                            .decode("ascii"), text)
