"""robots.txt, fetched once per site (again after an hour) and honoured (RFC 9309): a
missing or forbidden file allows everything, a failing one (5xx) allows nothing for now; a
site that cannot be reached raises the fetch's own error."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

EXPIRES = 3600.0


class Robots:
    """Answers whether a URL may be fetched, from each site's robots.txt (cached)."""

    def __init__(self, fetch: Callable[[str], tuple[int, str]], agent: str) -> None:
        self.fetch = fetch
        self.agent = agent.split("/", 1)[0]
        self._parsers: dict[str, tuple[float, RobotFileParser | bool]] = {}
        self._lock = threading.Lock()

    def _site(self, url: str) -> RobotFileParser | bool:
        parts = urlsplit(url)
        site = f"{parts.scheme}://{parts.netloc}"
        with self._lock:
            known = self._parsers.get(site)
        if known is not None and time.monotonic() - known[0] < EXPIRES:
            return known[1]
        status, text = self.fetch(f"{site}/robots.txt")
        if 200 <= status < 300:
            parser: RobotFileParser | bool = RobotFileParser()
            parser.parse(text.splitlines())
        else:
            parser = 400 <= status < 500
        with self._lock:
            self._parsers[site] = (time.monotonic(), parser)
        return parser

    def allowed(self, url: str) -> bool:
        """Whether newsweave may fetch this URL."""
        site = self._site(url)
        return site if isinstance(site, bool) else site.can_fetch(self.agent, url)

    def delay(self, url: str) -> float:
        """The site's Crawl-delay for newsweave in seconds (0 when none or not known yet)."""
        parts = urlsplit(url)
        with self._lock:
            site = self._parsers.get(f"{parts.scheme}://{parts.netloc}", (0, None))[1]
        if isinstance(site, RobotFileParser):
            return float(site.crawl_delay(self.agent) or 0)
        return 0.0
