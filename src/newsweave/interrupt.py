"""How newsweave stops on Ctrl-C or SIGTERM: in the main process, as an exception, so that
every `finally` runs (an open store batch rolled back, a progress bar cleared) and the child
processes it started are stopped; forked workers leave both signals to their parent."""

from __future__ import annotations

import multiprocessing
import multiprocessing.util
import signal
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

STOP_WAIT = 5.0  # seconds a terminated child process is given to exit


class Terminated(BaseException):
    """SIGTERM, raised in the main thread as Ctrl-C raises KeyboardInterrupt (not an
    Exception, so that no `except Exception` swallows it)."""


def exit_code(exc: BaseException) -> int:
    """The shell's code for a command stopped by a signal: 128 + its number."""
    return 128 + (signal.SIGTERM if isinstance(exc, Terminated) else signal.SIGINT)


def _raise_terminated(_signum: int, _frame: FrameType | None) -> None:
    raise Terminated


@contextmanager
def terminable() -> Iterator[None]:
    """Within: SIGTERM raises `Terminated` in the main thread (elsewhere, nothing changes)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _raise_terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous if previous is not None else signal.SIG_DFL)


def stop_children() -> None:
    """Terminate the child processes this process started (the parser's workers) and wait
    for them: left alone, they block on a pipe nobody reads and the exit waits forever."""
    # spaCy's pipe, on finding its workers gone, warns that they did not complete: expected
    warnings.filterwarnings("ignore", message=r"\[W127\]", category=UserWarning)
    children = multiprocessing.active_children()
    for child in children:
        child.terminate()
    for child in children:
        child.join(STOP_WAIT)


def _leave_signals_to_parent(_registry_key: object) -> None:
    """In a forked worker: Ctrl-C (sent to the whole terminal's process group) is ignored,
    and SIGTERM ends the process quietly, as the parent's `stop_children` expects; neither
    prints a worker's traceback."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


class _AfterFork:
    """The key multiprocessing keeps (by weak reference) for the after-fork hook."""


_AFTER_FORK = _AfterFork()
_registered = threading.Lock()


def quiet_workers() -> None:
    """From now on, processes forked by multiprocessing leave Ctrl-C and SIGTERM to this one
    (idempotent)."""
    if _registered.acquire(blocking=False):
        multiprocessing.util.register_after_fork(_AFTER_FORK, _leave_signals_to_parent)
