"""Content is read and pages render on two cores where forking is safe, with the same results.

Nothing forks while another thread runs, and the browser tests leave threads in the test
process; so each check that needs a child runs in a new Python process of its own.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from generator import parallel
from generator.loader import forget_positions
from generator.pipeline import load_and_check
from generator.render.locale import load_locale
from generator.render.site import render_site
from tests.sitetools import ROOT
from tests.support.synthetic import generate

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forks on Linux only")


def _whose(index: int) -> tuple[int, int]:
    time.sleep(0.005)  # long enough for the child to start and take its share
    return index, os.getpid()


def _tasks(count: int) -> list:
    return [lambda index=index: _whose(index) for index in range(count)]


def _alone(check: str, *args: str) -> None:
    """Run ``check`` (a function of this module) in a new process, where it can fork."""
    code = f"import sys; from tests.test_parallel import {check}; {check}(*sys.argv[1:])"
    done = subprocess.run(
        [sys.executable, "-c", code, *args], cwd=ROOT, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stdout + done.stderr


def check_both_processes_work() -> None:
    assert parallel.can_fork()
    results = parallel.run_all(_tasks(100), [1] * 100)
    assert [index for index, _ in results] == list(range(100))
    assert os.getpid() in {pid for _, pid in results}
    assert len({pid for _, pid in results}) == 2  # the child did part of the work


def test_results_come_back_in_order_from_both_processes():
    _alone("check_both_processes_work")


def check_a_failed_piece_is_done_again() -> None:
    assert parallel.can_fork()
    parent = os.getpid()

    def only_here(index: int):
        if os.getpid() != parent:
            raise RuntimeError("fails in the child")
        time.sleep(0.005)
        return index

    tasks = [lambda index=index: only_here(index) for index in range(50)]
    assert parallel.run_all(tasks, list(range(50))) == list(range(50))


def test_a_piece_that_fails_in_the_child_is_done_again_by_the_parent():
    _alone("check_a_failed_piece_is_done_again")


def check_an_error_surfaces_here() -> None:
    assert parallel.can_fork()

    def broken():
        raise ValueError("a template error")

    with pytest.raises(ValueError, match="a template error"):
        parallel.run_all([*_tasks(10), broken, *_tasks(10)], [1] * 21)


def test_an_error_surfaces_in_the_parent():
    _alone("check_an_error_surfaces_here")


def check_the_child_renders_in_the_background() -> None:
    assert parallel.can_fork()
    background = parallel.InBackground(_tasks(30))
    first, child = background.result(0)
    assert first == 0 and child != os.getpid()
    assert not parallel.can_fork()  # this process reads the child's results meanwhile
    assert [background.result(index) for index in range(30)] == [(i, child) for i in range(30)]
    background.finish()
    assert parallel.can_fork()


def test_files_render_in_a_child_while_this_process_goes_on():
    _alone("check_the_child_renders_in_the_background")


def check_the_parent_takes_over_from_a_failed_child() -> None:
    parent = os.getpid()

    def fails_in_the_child_from_ten(index: int):
        if index >= 10 and os.getpid() != parent:
            raise RuntimeError("fails in the child")
        return index, os.getpid()

    background = parallel.InBackground(
        [lambda index=index: fails_in_the_child_from_ten(index) for index in range(20)]
    )
    results = [background.result(index) for index in range(20)]
    assert [index for index, _ in results] == list(range(20))
    assert {pid for _, pid in results[:10]} != {parent}
    assert {pid for _, pid in results[10:]} == {parent}

    def broken():
        raise ValueError("a template error")

    tasks = _tasks(7)
    tasks[3] = broken
    background = parallel.InBackground(tasks)
    assert background.result(2)[0] == 2
    with pytest.raises(ValueError, match="a template error"):
        background.result(3)
    assert background.result(6)[0] == 6


def test_the_parent_takes_over_what_the_child_left_and_errors_surface_here():
    _alone("check_the_parent_takes_over_from_a_failed_child")


def test_nothing_is_forked_while_another_thread_runs():
    stop = threading.Event()
    server = threading.Thread(target=stop.wait)  # as mkdocs serve's server thread
    server.start()
    try:
        results = parallel.run_all(_tasks(20), [1] * 20)
        background = parallel.InBackground(_tasks(5))
        later = [background.result(index) for index in range(5)]
    finally:
        stop.set()
        server.join()
    assert {pid for _, pid in results + later} == {os.getpid()}


def check_pages_alike(folder: str) -> None:
    """A synthetic investigation with long, paged sections: every file byte for byte."""
    assert parallel.can_fork()
    content = generate(400, Path(folder) / "content", seed=3).parent
    result = load_and_check(content)
    assert not result.errors
    for investigation in result.investigations:
        forget_positions(investigation)
    locale = load_locale(ROOT / "site_config" / "locales", "en")
    templates = ROOT / "site_config" / "templates"

    def files(forked: bool) -> list[tuple[str, str | bytes]]:
        output = render_site(result.investigations, templates, locale)
        assert (output.rendering.child is not None) == forked
        made = [(file.path, file.content) for file in output.files]
        output.finish()
        return made

    on_two = files(forked=True)
    parallel.can_fork = lambda: False
    assert files(forked=False) == on_two
    assert len(on_two) > 20


def test_the_pages_are_the_same_rendered_on_one_core_or_two(tmp_path):
    _alone("check_pages_alike", str(tmp_path))
