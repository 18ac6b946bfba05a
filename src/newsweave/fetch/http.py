"""A polite, SSRF-safe HTTP client (httpx): timeouts, size caps while streaming, bounded
redirects, robots.txt, a per-host concurrency and rate limit, retries on 429 and 5xx that
honour Retry-After, conditional requests, and the charset from the headers or the page.

Every connection is made to an address checked after DNS resolution (so a redirect, or a
name that resolves to 127.0.0.1, is checked too): loopback, private, link-local, cloud
metadata and other non-public addresses are refused unless `allow_private`.
"""

from __future__ import annotations

import ipaddress
import re
import socket
import threading
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from newsweave.fetch.encoding import decode
from newsweave.fetch.robots import Robots

USER_AGENT = "newsweave/0.1 (news reader; +robots.txt honoured)"
ACCEPT = ("text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, "
          "application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5")
_NOT_TEXT = ("image/", "audio/", "video/", "font/", "application/pdf", "application/msword",
             "application/vnd.ms-", "application/vnd.openxmlformats")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)"""
                      rb"""|<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)""", re.I)
_RETRY = {429, 500, 502, 503, 504}


class FetchError(Exception):
    """A URL could not be fetched; the message is one line saying why."""


@dataclass
class Policy:
    """The limits a fetch keeps to."""

    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    total_timeout: float = 60.0
    max_bytes: int = 20 * 1024 * 1024
    max_redirects: int = 5
    per_host: int = 2
    min_interval: float = 1.0
    retries: int = 3
    backoff: float = 1.0
    max_retry_wait: float = 120.0
    robots: bool = True
    allow_private: bool = False
    allow_networks: tuple[str, ...] = ()  # CIDR blocks allowed even when private


@dataclass
class Fetched:
    """A response read within the caps; `not_modified` for a 304 to a conditional GET."""

    url: str
    status: int
    content: bytes = b""
    content_type: str = ""
    charset: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False

    def text(self) -> str:
        """The body decoded by the charset of the headers, else of the page, else guessed."""
        for charset in (self.charset, _page_charset(self.content)):
            if charset:
                try:
                    return self.content.decode(charset)
                except (LookupError, UnicodeDecodeError):
                    continue
        return decode(self.content)


def check_address(ip: str) -> str | None:
    """Why a connection to this address is refused, or None when it is a public one."""
    addr = ipaddress.ip_address(ip.split("%", 1)[0])
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped:
        addr = addr.ipv4_mapped
    if addr.is_unspecified:
        return "an unspecified address"
    if addr.is_loopback:
        return "a loopback address"
    if addr.is_link_local:
        return "a link-local address (cloud metadata lives there)"
    if addr in ipaddress.ip_network("100.64.0.0/10"):
        return "a shared (carrier-grade NAT) address"
    if addr.is_private:
        return "a private address"
    if addr.is_multicast or addr.is_reserved or not addr.is_global:
        return "a non-public address"
    return None


class _GuardedBackend(httpcore.NetworkBackend):
    """Resolves the host itself, checks every address, and connects to a checked one."""

    def __init__(self, allow_private: bool, allow_networks: tuple[str, ...] = ()) -> None:
        self.allow_private = allow_private
        self.allowed = [ipaddress.ip_network(n) for n in allow_networks]
        self.inner = httpcore.SyncBackend()

    def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                    local_address: str | None = None,
                    socket_options=None) -> httpcore.NetworkStream:
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as exc:
            raise FetchError(f"cannot resolve the host name {host!r} "
                             f"({getattr(exc, 'strerror', None) or exc})") from None
        addresses = list(dict.fromkeys(info[4][0] for info in infos))
        if not self.allow_private:
            for ip in addresses:
                reason = check_address(ip)
                if reason and not any(ipaddress.ip_address(ip) in n for n in self.allowed):
                    where = f"{host} is" if host == ip else f"{host} resolves to {ip},"
                    raise FetchError(f"refused: {where} {reason} (--allow-private to permit)")
        last: Exception | None = None
        for ip in addresses:
            try:
                return self.inner.connect_tcp(ip, port, timeout, local_address, socket_options)
            except httpcore.ConnectError as exc:
                last = exc
        raise last or httpcore.ConnectError(f"no address for {host}")

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


class _Transport(httpx.HTTPTransport):
    """httpx's transport over the guarded backend; no proxies from the environment."""

    def __init__(self, policy: Policy) -> None:
        super().__init__(trust_env=False)
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            max_connections=max(4 * policy.per_host, 8), max_keepalive_connections=8,
            network_backend=_GuardedBackend(policy.allow_private, policy.allow_networks))


class _Host:
    """One host's concurrency slots and the time of its last request."""

    def __init__(self, slots: int) -> None:
        self.slots = threading.Semaphore(slots)
        self.lock = threading.Lock()
        self.last = 0.0


class Fetcher:
    """Fetches URLs within a Policy; one per run, shared by threads. Close it when done."""

    def __init__(self, policy: Policy | None = None) -> None:
        self.policy = policy or Policy()
        p = self.policy
        self.client = httpx.Client(
            transport=_Transport(p), follow_redirects=False,
            timeout=httpx.Timeout(p.read_timeout, connect=p.connect_timeout),
            headers={"User-Agent": USER_AGENT, "Accept": ACCEPT,
                     "Accept-Encoding": "gzip, deflate"}, trust_env=False)
        self.robots = Robots(self._robots_txt, USER_AGENT)
        self._hosts: dict[str, _Host] = {}
        self._hosts_lock = threading.Lock()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.client.close()

    def get(self, url: str, etag: str | None = None, last_modified: str | None = None
            ) -> Fetched:
        """The response to a GET of `url` (redirects followed, each hop checked), or
        FetchError with the reason; a 304 gives `not_modified`."""
        _check_scheme(url)
        if self.policy.robots and not self.robots.allowed(url):
            raise FetchError("disallowed by the site's robots.txt")
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return self._get(url, headers, check_robots=self.policy.robots)

    def _robots_txt(self, url: str) -> tuple[int, str]:
        """(status, text) of a robots.txt; FetchError when the site cannot be reached."""
        try:
            got = self._get(url, {}, retries=0)
        except FetchError as exc:
            status = re.match(r"HTTP (\d+)", str(exc))
            if status is None:
                raise
            return int(status[1]), ""
        return got.status, got.text()

    def _get(self, url: str, headers: dict[str, str], retries: int | None = None,
             check_robots: bool = False) -> Fetched:
        p = self.policy
        retries = p.retries if retries is None else retries
        for attempt in range(retries + 1):
            try:
                return self._follow(url, headers, check_robots)
            except _Retry as retry:
                wait = retry.after if retry.after is not None else p.backoff * 2 ** attempt
                if attempt == retries or wait > p.max_retry_wait:
                    raise FetchError(f"HTTP {retry.status} {retry.reason} after "
                                     f"{attempt + 1} tries") from None
                time.sleep(wait)
        raise AssertionError("unreachable")

    def _follow(self, url: str, headers: dict[str, str], check_robots: bool) -> Fetched:
        """One GET with its redirects, each hop's scheme, address (and robots.txt, but for
        robots.txt itself) checked."""
        for _ in range(self.policy.max_redirects + 1):
            with self._slot(url), self._send(url, headers) as resp:
                if resp.status_code in (301, 302, 303, 307, 308) and "location" in resp.headers:
                    url = urljoin(str(resp.url), resp.headers["location"])
                    _check_scheme(url)
                    if check_robots and not self.robots.allowed(url):
                        raise FetchError(f"redirected to {url}, disallowed by its robots.txt")
                    continue
                if resp.status_code == 304:
                    return Fetched(str(resp.url), 304, not_modified=True,
                                   etag=resp.headers.get("etag"),
                                   last_modified=resp.headers.get("last-modified"))
                if resp.status_code in _RETRY:
                    raise _Retry(resp.status_code, resp.reason_phrase,
                                 _retry_after(resp.headers.get("retry-after")))
                if resp.status_code >= 400:
                    raise FetchError(f"HTTP {resp.status_code} {resp.reason_phrase}".strip())
                return self._read(resp)
        raise FetchError(f"too many redirects (more than {self.policy.max_redirects})")

    def _send(self, url: str, headers: dict[str, str]):
        try:
            request = self.client.build_request("GET", url, headers=headers)
            return _Closing(self.client.send(request, stream=True))
        except httpx.TimeoutException:
            raise FetchError("timed out waiting for the server") from None
        except httpx.HTTPError as exc:
            raise FetchError(_network_reason(exc)) from None

    def _read(self, resp: httpx.Response) -> Fetched:
        p = self.policy
        ctype = resp.headers.get("content-type", "").split(";")[0].strip().lower()
        if ctype.startswith(_NOT_TEXT):
            raise FetchError(f"content type {ctype} is not text")
        length = resp.headers.get("content-length", "")
        if length.isdigit() and int(length) > p.max_bytes:
            raise FetchError(f"response of {megabytes(int(length))} is over the "
                             f"{megabytes(p.max_bytes)} cap")
        encoding = resp.headers.get("content-encoding", "identity").lower().strip()
        body = b"".join(self._body(resp, encoding))
        return Fetched(str(resp.url), resp.status_code, body, ctype, resp.charset_encoding,
                       resp.headers.get("etag"), resp.headers.get("last-modified"))

    def _body(self, resp: httpx.Response, encoding: str) -> Iterator[bytes]:
        """The body decoded as it streams, cut at the cap (counted after decompression, so
        that a compression bomb stops at the cap too) and at the total timeout."""
        p = self.policy
        if encoding not in ("identity", "gzip", "x-gzip", "deflate", ""):
            raise FetchError(f"unsupported content encoding {encoding!r}")
        inflate = (zlib.decompressobj(16 + zlib.MAX_WBITS) if "gzip" in encoding
                   else zlib.decompressobj() if encoding == "deflate" else None)
        size, started = 0, time.monotonic()
        try:
            for raw in resp.iter_raw():
                if time.monotonic() - started > p.total_timeout:
                    raise FetchError(f"timed out: the response took over {p.total_timeout:g} s")
                chunks = _inflate(inflate, raw, p.max_bytes - size + 1) if inflate else [raw]
                for chunk in chunks:
                    size += len(chunk)
                    if size > p.max_bytes:
                        what = "decompressed size" if inflate else "response"
                        raise FetchError(f"{what} over the {megabytes(p.max_bytes)} cap; "
                                         "cut off")
                    yield chunk
        except httpx.TimeoutException:
            raise FetchError("timed out reading the response") from None
        except httpx.HTTPError as exc:
            raise FetchError(_network_reason(exc)) from None
        except zlib.error:
            raise FetchError("corrupt compressed response") from None

    def _slot(self, url: str) -> _HostSlot:
        host = urlsplit(url).netloc.lower()
        with self._hosts_lock:
            state = self._hosts.setdefault(host, _Host(self.policy.per_host))
        return _HostSlot(state, max(self.policy.min_interval, self.robots.delay(url)))


class _HostSlot:
    """Holds one of a host's slots and spaces requests to it by the minimum interval."""

    def __init__(self, host: _Host, interval: float) -> None:
        self.host, self.interval = host, interval

    def __enter__(self) -> None:
        self.host.slots.acquire()
        with self.host.lock:
            wait = self.host.last + self.interval - time.monotonic()
            self.host.last = time.monotonic() + max(wait, 0)
        if wait > 0:
            time.sleep(wait)

    def __exit__(self, *exc: object) -> None:
        self.host.slots.release()


class _Closing:
    """A streamed response as a context manager that closes it."""

    def __init__(self, resp: httpx.Response) -> None:
        self.resp = resp

    def __enter__(self) -> httpx.Response:
        return self.resp

    def __exit__(self, *exc: object) -> None:
        self.resp.close()


class _Retry(Exception):
    def __init__(self, status: int, reason: str, after: float | None) -> None:
        self.status, self.reason, self.after = status, reason, after


def _inflate(inflate, raw: bytes, room: int) -> Iterator[bytes]:
    """Decompress `raw` in pieces, never more than `room` bytes past what was allowed."""
    data = raw
    while data:
        out = inflate.decompress(data, 65536)
        yield out
        if len(out) >= room:
            return
        room -= len(out)
        data = inflate.unconsumed_tail


def megabytes(n: int) -> str:
    """A byte count for a message: '20 MB'."""
    return f"{n / 2 ** 20:.3g} MB"


def _retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return None


def _check_scheme(url: str) -> None:
    scheme = urlsplit(url).scheme.lower()
    if scheme not in ("http", "https"):
        raise FetchError(f"only http and https URLs are fetched, not {scheme or 'no'} scheme")


def _page_charset(content: bytes) -> str | None:
    m = _CHARSET.search(content[:4096])
    return (m[1] or m[2]).decode("ascii") if m else None


def _network_reason(exc: Exception) -> str:
    cause = exc
    while cause.__cause__ is not None or cause.__context__ is not None:
        cause = cause.__cause__ or cause.__context__
    text = str(cause) or str(exc) or type(exc).__name__
    if isinstance(cause, FetchError):
        return text
    if "refused" in text.lower():
        return "connection refused"
    return f"cannot connect ({text})"
