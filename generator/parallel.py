"""Independent pieces of work on two cores: this process and a forked copy of it share them.

A forked child shares the parent's memory (the checked content) without copying or pickling it;
only its results travel back, through a pipe. Two ways to share:

- ``run_all``: both processes take pieces from one queue, heaviest first, until none is left,
  and the caller waits for all of them (reading the content files). The queue is a pipe holding
  the pieces' numbers, four bytes each, which the kernel hands out whole to one reader or the
  other. (Splitting by weight beforehand left one side with nearly three times the other's
  work: a source's entry costs more than an event's.)
- ``InBackground``: the child runs every piece in order while this process goes on with other
  work, and each result is waited for only when it is asked for (the pages, which MkDocs then
  converts to HTML one at a time, about eight times slower than they render: the rendering
  hides behind that work instead of coming before it).

Fork is used only where it is known to be safe: Linux (macOS forbids a forked child much of
what its system libraries do; Windows has no fork), and no other thread in the process, since a
child inherits locks that other threads may hold (``mkdocs serve`` runs a server thread while it
rebuilds). Elsewhere the pieces run in this process. A child that fails for any reason leaves
its pieces to the parent, which then runs them itself, so an error surfaces once, in the
parent, with its traceback.
"""

from __future__ import annotations

import os
import pickle
import struct
import sys
import threading
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

T = TypeVar("T")
_NUMBER = struct.Struct("<I")


def can_fork() -> bool:
    return sys.platform.startswith("linux") and threading.active_count() == 1


def run_all(tasks: Sequence[Callable[[], T]], weights: Sequence[int]) -> list[T]:
    """Every task's result, in the tasks' order, computed by this process and a forked child."""
    order = sorted(range(len(tasks)), key=lambda i: (-weights[i], i))
    queue = _queue(order) if len(tasks) > 1 else None
    if queue is None:
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
    def send() -> None:
        payload = pickle.dumps(_take(tasks, queue), pickle.HIGHEST_PROTOCOL)
        with os.fdopen(results, "wb") as pipe:
            pipe.write(payload)

    _exit_after(send)


def _exit_after(work: Callable[[], None]) -> None:
    """End a forked child once ``work`` is done, with status 0 only if it succeeded."""
    code = 1
    try:
        work()
        code = 0
    except BaseException:  # any failure: the parent runs what is missing itself
        pass
    finally:
        os._exit(code)  # no atexit handlers, no flushing of the parent's buffers


_FRAME = struct.Struct("<II")  # a result's task number and its pickled length


class InBackground(Generic[T]):
    """Tasks a forked child runs one after the other, in order, while this process goes on.

    ``result(i)`` waits for the i-th result, or runs the task here when there is no child or
    the child stopped before it. A thread of this process reads the child's results as they
    come, so that the child never waits on a full pipe; ``finish()`` waits for it, after which
    this process may fork again.
    """

    def __init__(self, tasks: Sequence[Callable[[], T]]) -> None:
        self._tasks = tasks
        self._results: dict[int, T] = {}
        self._arrived = threading.Condition()
        self._reader: threading.Thread | None = None
        self.child: int | None = None  # the forked child's process id, once there is one
        if len(tasks) > 1 and can_fork():
            self._start()

    def _start(self) -> None:
        read_end, write_end = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            os.close(read_end)
            os.close(write_end)
            return
        if pid == 0:  # the child: never returns
            os.close(read_end)
            _stream(self._tasks, write_end)
        os.close(write_end)
        self.child = pid
        self._reader = threading.Thread(
            target=self._receive, args=(read_end, pid), name="explainer-results", daemon=True
        )
        self._reader.start()

    def _receive(self, read_end: int, pid: int) -> None:
        try:
            with os.fdopen(read_end, "rb") as pipe:
                while len(header := pipe.read(_FRAME.size)) == _FRAME.size:
                    index, size = _FRAME.unpack(header)
                    payload = pipe.read(size)
                    if len(payload) != size:
                        break
                    result = pickle.loads(payload)
                    with self._arrived:
                        self._results[index] = result
                        self._arrived.notify_all()
        finally:
            os.waitpid(pid, 0)
            with self._arrived:
                self._reader = None
                self._arrived.notify_all()

    def result(self, index: int) -> T:
        with self._arrived:
            self._arrived.wait_for(lambda: index in self._results or self._reader is None)
            if index in self._results:
                return self._results[index]
        result = self._tasks[index]()
        with self._arrived:
            return self._results.setdefault(index, result)

    def finish(self) -> None:
        """Wait until the child has ended and its results are read."""
        reader = self._reader
        if reader is not None:
            reader.join()


def _stream(tasks: Sequence[Callable[[], T]], results: int) -> None:
    def send() -> None:
        with os.fdopen(results, "wb") as pipe:
            for index, task in enumerate(tasks):
                payload = pickle.dumps(task(), pickle.HIGHEST_PROTOCOL)
                pipe.write(_FRAME.pack(index, len(payload)))
                pipe.write(payload)
                pipe.flush()  # the parent may be waiting for this very page

    _exit_after(send)
