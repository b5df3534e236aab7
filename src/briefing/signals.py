"""SIGTERM and SIGINT: a command stops promptly, tidies up, and says so in one line.

While a command runs, the first of these signals raises `Stopped` in the main thread. It
unwinds like any error: temporary files are removed on the way out, a pack ends its
workers, and earlier outputs stay as they were. The one step a signal waits for is moving
a build's finished outputs into place (`deferred`), so that they are replaced all together
or not at all. Further signals are ignored while the command winds down, which takes at
most a few seconds: a second Ctrl-C must not kill the process before its workers are ended.
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from .errors import Stopped

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)
_deferring = 0  # how many `deferred` sections are open
_pending: list[int] = []  # signals that arrived within one
_in_worker = False  # whether this process is a pack's worker
_building = False  # in a pack worker: whether it is building a brief


def _stop(signum: int, frame: FrameType | None) -> None:
    if _deferring:
        _pending.append(signum)
        return
    if _in_worker and not _building:
        raise SystemExit(Stopped(signum).exit_code)  # idle: nothing to tidy up
    for stop in STOP_SIGNALS:
        signal.signal(stop, signal.SIG_IGN)
    raise Stopped(signum)


@contextmanager
def stop_on_signals() -> Iterator[None]:
    """Within: SIGTERM or SIGINT raise `Stopped`; the previous handlers come back after."""
    if threading.current_thread() is not threading.main_thread():  # only it may set them
        yield
        return
    previous = {stop: signal.getsignal(stop) for stop in STOP_SIGNALS}
    _pending.clear()
    for stop in STOP_SIGNALS:
        signal.signal(stop, _stop)
    try:
        yield
    finally:
        for stop, handler in previous.items():
            signal.signal(stop, handler)


@contextmanager
def deferred() -> Iterator[None]:
    """Within: a stop signal waits for the end of the section, then stops the command."""
    global _deferring
    _deferring += 1
    try:
        yield
    finally:
        _deferring -= 1
    if not _deferring and _pending:
        signum = _pending[0]
        _pending.clear()
        if signal.getsignal(signum) is _stop:  # still ours: not a library caller's handler
            _stop(signum, None)


def in_worker() -> None:
    """A pack worker's handlers: it stops when its pack says so, not at a terminal's Ctrl-C.

    SIGINT reaches every process of a terminal's foreground group, and the pack's own
    process ends its workers in order, with SIGTERM: a worker idle stops at once, and one
    `building` unwinds first, so that its temporaries are removed.
    """
    global _in_worker
    _in_worker = True
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _stop)


@contextmanager
def building() -> Iterator[None]:
    """Within, in a pack worker: a stop signal unwinds the build, then ends the worker."""
    global _building
    _building = True
    try:
        yield
    except Stopped as stop:
        # Not raised on: the pool would send it back and wait for more work. The pack is
        # stopping and its temporaries are gone, so there is nothing left to report.
        os._exit(stop.exit_code)
    finally:
        _building = False
