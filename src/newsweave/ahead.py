"""Reading an iterator ahead in a thread, so that what produces the items (work that lets
go of the GIL, or other processes) runs while the caller uses the ones before."""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from typing import TypeVar

T = TypeVar("T")


def read_ahead(items: Iterator[T], size: int) -> Iterator[T]:
    """The items, while a thread takes up to `size` next ones (what makes them runs beside
    what the caller does with them: spaCy's worker processes, the headline encoder)."""
    buffer: queue.Queue = queue.Queue(size)
    stop = threading.Event()

    def fill() -> None:
        try:
            for item in items:
                if not _put(buffer, (True, item), stop):
                    return
            _put(buffer, (False, None), stop)
        except Exception as exc:  # re-raised in the reader's thread
            _put(buffer, (False, exc), stop)

    threading.Thread(target=fill, name="newsweave-read-ahead", daemon=True).start()
    try:
        while True:
            more, item = buffer.get()
            if not more:
                if item is not None:
                    raise item
                return
            yield item
    finally:
        stop.set()


def _put(buffer: queue.Queue, entry: tuple, stop: threading.Event) -> bool:
    """Put an entry, waiting for room; False if the reader stopped first."""
    while not stop.is_set():
        try:
            buffer.put(entry, timeout=0.1)
            return True
        except queue.Full:
            continue
    return False
