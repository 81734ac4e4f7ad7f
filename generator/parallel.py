"""Independent pieces of work on two cores: this process and a forked copy of it share them.

Reading the content files, and later rendering the pages once every renderer knows where each
item is listed, are pieces that do not depend on one another (at 10,000 events rendering alone
took about five seconds on one core). A forked child shares the parent's memory (the checked
content) without copying or pickling it; only its results travel back, through a pipe.

The two take pieces from one queue, heaviest first, until none is left: a pipe holding the
pieces' numbers, four bytes each, which the kernel hands out whole to one reader or the other.
(Splitting by weight beforehand left one side with nearly three times the other's work: a
source's entry costs more than an event's.)

Fork is used only where it is known to be safe: Linux (macOS forbids a forked child much of
what its system libraries do; Windows has no fork), and no other thread in the process, since a
child inherits locks that other threads may hold (``mkdocs serve`` runs a server thread while it
rebuilds). Elsewhere the pieces run one after the other. A child that fails for any reason
leaves its pieces to the parent, which then runs them itself, so an error surfaces once, in the
parent, with its traceback.
"""

from __future__ import annotations

import os
import pickle
import struct
import sys
import threading
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")
_NUMBER = struct.Struct("<I")


def can_fork() -> bool:
    return sys.platform.startswith("linux") and threading.active_count() == 1


def run_all(
    tasks: Sequence[Callable[[], T]],
    weights: Sequence[int],
    first: Callable[[], object] | None = None,
) -> list[T]:
    """Every task's result, in the tasks' order, computed by this process and a forked child.

    ``first`` is work only this process does (its results stay here), before it takes pieces
    from the queue: meanwhile the child has started on them.
    """
    order = sorted(range(len(tasks)), key=lambda i: (-weights[i], i))
    queue = _queue(order) if len(tasks) > 1 else None
    if queue is None:
        if first is not None:
            first()
        return [task() for task in tasks]
    results_read, results_write = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        pid = None
    if pid == 0:  # the child: never returns
        os.close(results_read)
        _child(tasks, queue, results_write)
    os.close(results_write)
    results: dict[int, T] = {}
    try:
        if first is not None:
            first()
        if pid is not None:
            results.update(_take(tasks, queue))
            with os.fdopen(results_read, "rb") as pipe:
                results_read = -1
                payload = pipe.read()
    finally:
        os.close(queue)
        if results_read != -1:
            os.close(results_read)
        status = os.waitpid(pid, 0)[1] if pid is not None else 1
    if pid is not None and os.waitstatus_to_exitcode(status) == 0 and payload:
        results.update(pickle.loads(payload))
    for index in range(len(tasks)):  # what the child left undone, or everything without one
        if index not in results:
            results[index] = tasks[index]()
    return [results[index] for index in range(len(tasks))]


def _queue(order: list[int]) -> int | None:
    """A pipe's read end holding ``order``; None when fork is unsafe or the pipe too small."""
    if not can_fork():
        return None
    read_end, write_end = os.pipe()
    data = b"".join(_NUMBER.pack(index) for index in order)
    try:
        os.set_blocking(write_end, False)
        written = os.write(write_end, data) if data else 0
    except BlockingIOError:
        written = -1
    finally:
        os.close(write_end)
    if written != len(data):
        os.close(read_end)
        return None
    return read_end


def _take(tasks: Sequence[Callable[[], T]], queue: int) -> dict[int, T]:
    """Run pieces from the queue until it is empty."""
    done: dict[int, T] = {}
    while number := os.read(queue, _NUMBER.size):
        (index,) = _NUMBER.unpack(number)
        done[index] = tasks[index]()
    return done


def _child(tasks: Sequence[Callable[[], T]], queue: int, results: int) -> None:
    code = 1
    try:
        payload = pickle.dumps(_take(tasks, queue), pickle.HIGHEST_PROTOCOL)
        with os.fdopen(results, "wb") as pipe:
            pipe.write(payload)
        code = 0
    except BaseException:  # any failure: the parent runs what is missing itself
        pass
    finally:
        os._exit(code)  # no atexit handlers, no flushing of the parent's buffers
