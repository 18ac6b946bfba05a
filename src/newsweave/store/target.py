"""What `--db` names: a SQLite file, or a PostgreSQL server by URL, shown without its
password."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

SCHEMES = ("postgresql://", "postgres://")


@dataclass(frozen=True)
class ServerUrl:
    """A PostgreSQL database's URL; `str()` hides the password, so messages can show it."""

    url: str

    def __str__(self) -> str:
        return redact(self.url)


def is_server_url(target: object) -> bool:
    """Whether `--db` names a PostgreSQL server rather than a SQLite file."""
    return isinstance(target, ServerUrl) or (isinstance(target, str)
                                             and target.startswith(SCHEMES))


def locate(text: str) -> Path | ServerUrl:
    """`--db` as given: a server URL, else a file path."""
    return ServerUrl(text) if is_server_url(text) else Path(text)


def redact(url: str) -> str:
    """The URL with its password hidden, fit for messages."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.netloc.rsplit("@", 1)[1]
    return urlunsplit(parts._replace(netloc=f"{parts.username}:***@{host}"))
