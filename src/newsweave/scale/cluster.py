"""A Dask client on a `LocalCluster` it starts (`local`) or on a running scheduler
(`tcp://host:port`), checked before any work starts, and an ordered map over its workers
that keeps a bounded number of tasks in flight."""

from __future__ import annotations

import os
import resource
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from importlib.metadata import version
from typing import Any
from urllib.parse import urlsplit

CONNECT_SECONDS = 5.0  # a scheduler that does not answer by then is reported unreachable
WORKERS_SECONDS = 10.0  # a scheduler with no worker by then is reported as such
AHEAD_PER_THREAD = 2  # tasks in flight per worker thread: one running, one waiting
_END = object()


class ScaleError(Exception):
    """The cluster cannot be used (unreachable, no workers, a worker lost); one line."""


def check_address(address: str) -> str:
    """`local` or a scheduler's tcp://HOST:PORT, else ValueError saying what is expected."""
    if address == "local":
        return address
    parts = urlsplit(address)
    try:
        port = parts.port
    except ValueError:
        port = None
    if (parts.scheme != "tcp" or not parts.hostname or port is None or parts.username
            or parts.path not in ("", "/") or parts.query or parts.fragment):
        raise ValueError(f"{address!r} is not a scheduler address: give `local` or "
                         "tcp://HOST:PORT (`dask scheduler` listens on port 8786)")
    return address


class Cluster:
    """A Dask client for newsweave's tasks; closes the local cluster it started."""

    def __init__(self, address: str, workers: int | None = None) -> None:
        """Start a LocalCluster of `workers` processes of one thread (all cores by default)
        for `local`, or connect to the scheduler at `address`; ScaleError if it does not
        answer, has no worker, or its workers cannot run this newsweave."""
        from distributed import Client, LocalCluster

        self.address = check_address(address)
        self._local = None
        if address == "local":
            self._local = LocalCluster(n_workers=workers or os.cpu_count() or 1,
                                       threads_per_worker=1, processes=True,
                                       dashboard_address=None)
            self.client = Client(self._local)
        else:
            try:
                self.client = Client(address, timeout=CONNECT_SECONDS)
            except (OSError, TimeoutError) as exc:
                raise ScaleError(f"{address}: no Dask scheduler answers there "
                                 f"({_first_line(exc)})") from None
        try:
            self._check_workers()
        except BaseException:
            self.close()
            raise

    def _check_workers(self) -> None:
        try:
            self.client.wait_for_workers(1, timeout=WORKERS_SECONDS)
        except TimeoutError:
            raise ScaleError(f"{self.address}: the scheduler has no workers after "
                             f"{WORKERS_SECONDS:g} s (start some with `dask worker "
                             f"{self.address}`)") from None
        ours = version("newsweave")
        try:
            theirs = self.client.run(_newsweave_version)
        except Exception as exc:  # a worker that cannot import newsweave, or gone
            raise ScaleError(f"{self.address}: a worker cannot run newsweave "
                             f"({_first_line(exc)}); install it where the workers run"
                             ) from None
        odd = sorted(w for w, v in theirs.items() if v != ours)
        if odd:
            raise ScaleError(f"{self.address}: worker {odd[0]} runs newsweave "
                             f"{theirs[odd[0]]}, this is {ours}; install the same version")

    @property
    def threads(self) -> int:
        """Worker threads in the cluster now (the tasks that can run at once)."""
        workers = self.client.scheduler_info(n_workers=-1)["workers"].values()
        return sum(w.get("nthreads", 1) for w in workers) or 1

    def map(self, function: Callable[[Any], Any], items: Iterable[Any]) -> Iterator[Any]:
        """function(item) for each item as a task, results in the items' order; the next
        items are submitted while the caller works on a result, at most AHEAD_PER_THREAD
        per worker thread in flight, so memory stays bounded whatever the input's length."""
        from distributed.client import FutureCancelledError
        from distributed.comm import CommClosedError
        from distributed.scheduler import KilledWorker

        ahead = max(2, AHEAD_PER_THREAD * self.threads)
        todo = iter(items)
        pending: deque = deque()
        try:
            for item in todo:
                pending.append(self.client.submit(function, item, pure=False))
                if len(pending) >= ahead:
                    break
            while pending:
                future = pending.popleft()
                item = next(todo, _END)
                if item is not _END:
                    pending.append(self.client.submit(function, item, pure=False))
                try:
                    result = future.result()
                except (KilledWorker, FutureCancelledError, CommClosedError, OSError) as exc:
                    raise ScaleError(f"{self.address}: a task was lost ({type(exc).__name__}: "
                                     f"{_first_line(exc)}); what was stored before stays"
                                     ) from None
                future.release()
                yield result
        finally:
            if pending:
                self.client.cancel(list(pending))

    def peak_memory(self) -> dict[str, int]:
        """Each worker process's peak resident memory so far, in bytes."""
        return self.client.run(_peak_rss)

    def close(self) -> None:
        """Disconnect, and stop the local cluster if this started one."""
        self.client.close()
        if self._local is not None:
            self._local.close()

    def __enter__(self) -> Cluster:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _newsweave_version() -> str:
    return version("newsweave")


def _peak_rss() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux counts KiB


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0]
