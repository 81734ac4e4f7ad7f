"""The build benchmark must never break a build it times, nor hide one that broke."""

from __future__ import annotations

import json
import signal
import time
from pathlib import Path

from bench.build_benchmark import SizeResult, notes, pairs_line
from bench.child import start_sampler
from bench.measure import Run


def _functions(count: int) -> list:
    """Functions with distinct names, so that nearly every look finds a new innermost one."""
    space: dict = {}
    for i in range(count):
        exec(
            f"def busy_{i}(until):\n    while __import__('time').perf_counter() < until:\n"
            "        pass\n",
            space,
        )
    return [space[f"busy_{i}"] for i in range(count)]


def test_a_look_arriving_while_the_samples_are_written_does_not_raise_into_the_program(
    tmp_path: Path,
):
    # Looks every millisecond, and the file written at every look: most of the time a look
    # falls while the previous one is still writing, the race that could end a build.
    output = tmp_path / "samples.json"
    functions = _functions(6000)
    previous = signal.getsignal(signal.SIGALRM), signal.getsignal(signal.SIGUSR1)
    stop = start_sampler(output, every=0.001, write_every=0)
    try:
        for function in functions:
            function(time.perf_counter() + 0.0005)
    finally:
        stop()
        signal.signal(signal.SIGALRM, previous[0])
        signal.signal(signal.SIGUSR1, previous[1])
    samples = json.loads(output.read_text("utf-8"))
    assert samples["samples"] > 100
    assert any(name.startswith("<string>:busy_") for name in samples["innermost"])


def test_a_run_that_failed_is_reported_with_its_last_words_not_silently_dropped(tmp_path: Path):
    log = tmp_path / "a-2.log"
    log.write_text("Traceback (most recent call last):\n  ...\nRuntimeError: it broke\n\n")
    ok_a, ok_b = Run(10.0, 1024, 0), Run(9.0, 1024, 0)
    failed = Run(7.5, 1024, 1, log=log)
    result = SizeResult(1000, runs=[(ok_a, ok_b), (failed, Run(9.5, 1024, 0))])
    assert result.pairs == [(10.0, 9.0)]
    assert "1,000 events 10.0%, (a) exit 1 " in pairs_line([result])
    (note,) = notes([result]).splitlines()
    assert note.startswith("- 1,000 events, pair 2: (a) exit 1 after 8 s; its log (")
    assert note.endswith("a-2.log) ends: `RuntimeError: it broke`")
