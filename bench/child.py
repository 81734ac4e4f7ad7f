"""Runs ``python -m MODULE ARGS`` for a benchmark, able to say where it is when it takes too long.

Usage: python bench/child.py [--circle-layout] [--sample FILE] MODULE [ARGS...]

- On SIGUSR1 it prints every thread's Python stack to stderr (faulthandler) and goes on: the
  benchmark sends it before killing a build that ran out of time, to report what it reached.
- ``--circle-layout`` replaces the network chart's force-directed layout (generator.charts.layout,
  O(nodes² × 300) in pure Python) with nodes on a circle, to measure everything else in a build
  whose layout alone would not finish. The figure has the same nodes and edges, so the same size.
- ``--sample FILE`` looks at the main thread's stack 20 times a second and keeps, in FILE (JSON,
  rewritten every few seconds and at exit), how many looks found each build stage of
  bench/stages.py on the stack and which functions were innermost: a profile at no noticeable
  cost, so it can ride along with timed builds and still tell where a stopped one spent its time.
  The looks are taken by a timer signal's handler, not by a thread: the build forks to use both
  cores only while it is the process's one thread (generator/parallel.py), so a sampling thread
  would measure a one-core build that no editor runs. A forked child inherits no timer, so
  only the main process is sampled; a look that falls while it waits for its child shows as
  the wait. A look never runs inside another look or inside the writing of FILE: a signal
  handler can interrupt Python code anywhere, and a look that added an entry while the write
  walked the same counter would raise an error into the build itself.
"""

from __future__ import annotations

import atexit
import faulthandler
import json
import math
import os
import runpy
import signal
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.stages import stages_on

SAMPLE_EVERY = 0.05
# the generator's frames that only start MkDocs: time under them is MkDocs', not ours
FRONT_ENDS = ("generator/build.py", "generator/cli.py", "generator/__main__.py")


def circle_layout(nodes, edges, iterations=300):
    count = max(1, len(nodes))
    return {
        node: (
            round(math.cos(2 * math.pi * i / count), 4),
            round(math.sin(2 * math.pi * i / count), 4),
        )
        for i, node in enumerate(nodes)
    }


def use_circle_layout() -> None:
    import generator.charts.types.network

    generator.charts.types.network.force_layout = circle_layout


def _short(path: str) -> str:
    for marker in ("/site-packages/", "/work/main/", "/lib/python3"):
        if marker in path:
            return path.split(marker, 1)[1]
    return os.path.basename(path)


def start_sampler(
    output: Path, every: float = SAMPLE_EVERY, write_every: float = 5.0
) -> Callable[[], None]:
    """Start looking at the stack; the function returned stops looking and writes ``output``."""
    stages: Counter[str] = Counter()
    innermost: Counter[str] = Counter()
    ours: Counter[str] = Counter()  # the innermost frame of the generator's own code
    state = {"samples": 0, "written": time.monotonic(), "busy": False}

    def alone(work: Callable[[], None]) -> None:
        """Run ``work`` unless a look or a write is already under way (it was interrupted)."""
        if state["busy"]:
            return
        state["busy"] = True
        try:
            work()
        finally:
            state["busy"] = False

    def write() -> None:
        data = {
            "interval": every,
            "samples": state["samples"],
            "stages": dict(stages),
            "innermost": dict(innermost.most_common(40)),
            "generator_innermost": dict(ours.most_common(40)),
        }
        output.write_text(json.dumps(data, indent=1), "utf-8")

    def look(signum, frame) -> None:
        if os.getpid() == sampled:  # not a forked child that kept the handler
            alone(lambda: count(frame))

    def count(frame) -> None:
        stack = []
        while frame is not None:
            code = frame.f_code
            stack.append((code.co_filename, code.co_name, frame.f_lineno))
            frame = frame.f_back
        if not stack:
            return
        state["samples"] += 1
        stages.update(stages_on([(path, name) for path, name, _ in stack]))
        path, name, line = stack[0]
        innermost[f"{_short(path)}:{name}"] += 1
        for path, name, line in stack:
            if "/generator/" in path and not path.endswith(FRONT_ENDS):
                ours[f"{_short(path)}:{line} in {name}"] += 1
                break
        if time.monotonic() - state["written"] >= write_every:
            state["written"] = time.monotonic()
            write()

    def stop_and_write() -> None:
        signal.setitimer(signal.ITIMER_REAL, 0)  # a timer signal after its handler kills
        alone(write)

    sampled = os.getpid()
    signal.signal(signal.SIGALRM, look)
    signal.setitimer(signal.ITIMER_REAL, every, every)
    # asked to stop: keep the samples so far (faulthandler prints the stack, chained after)
    signal.signal(signal.SIGUSR1, lambda signum, frame: alone(write))
    return stop_and_write


def main() -> None:
    args = sys.argv[1:]
    sampling = False
    if args and args[0] == "--circle-layout":
        args = args[1:]
        use_circle_layout()
    if args and args[0] == "--sample":
        atexit.register(start_sampler(Path(args[1])))
        sampling = True
        args = args[2:]
    faulthandler.register(signal.SIGUSR1, all_threads=True, chain=sampling)
    module, *rest = args
    sys.argv = [module, *rest]
    runpy.run_module(module, run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main()
