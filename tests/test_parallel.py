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

from bench.synthetic import generate
from generator import parallel
from generator.loader import forget_positions
from generator.pipeline import load_and_check
from generator.render.locale import load_locale
from generator.render.site import render_site
from tests.sitetools import ROOT

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


def check_first_runs_once() -> None:
    assert parallel.can_fork()
    ran: list[int] = []
    results = parallel.run_all(_tasks(20), [1] * 20, first=lambda: ran.append(os.getpid()))
    assert ran == [os.getpid()]
    assert [index for index, _ in results] == list(range(20))
    assert len({pid for _, pid in results}) == 2


def test_first_runs_once_in_this_process_while_the_child_works():
    _alone("check_first_runs_once")


def test_nothing_is_forked_while_another_thread_runs():
    stop = threading.Event()
    server = threading.Thread(target=stop.wait)  # as mkdocs serve's server thread
    server.start()
    try:
        ran: list[int] = []
        results = parallel.run_all(_tasks(20), [1] * 20, first=lambda: ran.append(os.getpid()))
    finally:
        stop.set()
        server.join()
    assert {pid for _, pid in results} == {os.getpid()}
    assert ran == [os.getpid()]


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

    def files() -> list[tuple[str, str | bytes]]:
        output = render_site(result.investigations, templates, locale)
        return [(file.path, file.content) for file in output.files]

    on_two = files()
    parallel.can_fork = lambda: False
    assert files() == on_two
    assert len(on_two) > 20


def test_the_pages_are_the_same_rendered_on_one_core_or_two(tmp_path):
    _alone("check_pages_alike", str(tmp_path))
