"""What every benchmark shares: timing a child process with its own peak memory, and the machine.

``run_measured`` starts a command under ``/usr/bin/time`` and reads the command's peak resident
memory from it. Not ``ru_maxrss`` from ``wait4`` in this process: Linux starts a child's
``ru_maxrss`` at its parent's peak (the memory it was forked from, until it calls exec), so a
benchmark that has itself grown to 1 GB would see every later child at 1 GB at least; GNU time
is a small parent. On a timeout it asks the command for its Python stack (SIGUSR1, see
bench/child.py), reads its peak so far from /proc, then kills it.
"""

from __future__ import annotations

import gzip
import os
import platform
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from tests.support.chromium import CHROMIUM

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
CHILD = str(ROOT / "bench" / "child.py")
OUT = ROOT / "bench" / "out"
LIGHTHOUSE_DIR = ROOT / ".cache" / "lighthouse"
TIME = "/usr/bin/time"


@dataclass
class Run:
    seconds: float
    max_rss_kb: int
    returncode: int
    timed_out: bool = False
    stack: str = ""  # the Python stack when it was stopped for taking too long
    log: Path | None = None

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and not self.timed_out

    @property
    def rss_mb(self) -> float:
        return self.max_rss_kb / 1024


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def child_env(**extra: str) -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1", **extra}


def run_measured(
    command: list[str],
    log: Path,
    timeout: float | None = None,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
) -> Run:
    """Run ``command`` (output to ``log``); wall time and the child's own peak RSS."""
    log.parent.mkdir(parents=True, exist_ok=True)
    timed_out = threading.Event()
    rss_file = log.with_name(log.name + ".maxrss")
    rss_file.unlink(missing_ok=True)
    wrapped = [TIME, "-f", "%M", "-o", str(rss_file), *command] if os.path.exists(TIME) else command
    stopped_rss = [0]
    with open(log, "wb") as output:
        start = time.perf_counter()
        process = subprocess.Popen(
            wrapped,
            cwd=cwd,
            env=env or child_env(),
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # a process group: signals reach the command under time
        )

        def stop() -> None:
            timed_out.set()
            stopped_rss[0] = _peak_of_children(process.pid)
            try:
                os.killpg(process.pid, signal.SIGUSR1)  # bench/child.py prints its stack
                time.sleep(3)
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

        timer = threading.Timer(timeout, stop) if timeout else None
        if timer:
            timer.daemon = True
            timer.start()
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        if timer:
            timer.cancel()
            if timed_out.is_set():
                timer.join()  # until the command has printed its stack and been killed
        process.returncode = os.waitstatus_to_exitcode(status)
    max_rss = usage.ru_maxrss if wrapped is command else 0
    try:
        max_rss = int(rss_file.read_text().split()[-1])
    except (OSError, ValueError, IndexError):
        max_rss = max(max_rss, stopped_rss[0])
    stack = ""
    if timed_out.is_set():
        text = log.read_text("utf-8", errors="replace")
        found = text.rfind("Current thread")
        if found == -1:
            found = text.rfind("Thread 0x")
        stack = text[found:] if found != -1 else ""
    return Run(seconds, max_rss, process.returncode, timed_out.is_set(), stack, log)


def _peak_of_children(pid: int) -> int:
    """The largest VmHWM (peak RSS, kB) among the children of ``pid`` (the command under time)."""
    peak = 0
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        children = []
    for child in [str(pid), *children]:
        try:
            for line in Path(f"/proc/{child}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peak = max(peak, int(line.split()[1]))
        except OSError:
            pass
    return peak


def innermost_frames(stack: str, count: int = 6) -> list[str]:
    """The innermost frames of the main thread's stack, as 'file:line in function'."""
    frames = []
    for line in stack.splitlines():
        match = re.match(r'\s+File "(.+)", line (\d+) in (\S+)', line)
        if match:
            path, number, function = match.groups()
            short = re.sub(r"^.*/(site-packages|main)/", "", path)
            frames.append(f"{short}:{number} in {function}")
        elif frames and not line.strip():
            break  # the first thread printed is the current (main) one
    return frames[:count]


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def _package_version(name: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "not installed"


def plotly_js_version() -> str:
    import plotly

    bundle = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    head = bundle.read_bytes()[:200].decode("utf-8", "replace")
    match = re.search(r"plotly\.js v(\S+)", head)
    size = bundle.stat().st_size
    version = match.group(1) if match else "?"
    return f"{version} ({size / 1e6:.1f} MB plotly.min.js, as the plotly package ships it)"


def plotly_basic_version() -> str:
    """The official partial bundle the site serves to pages whose charts need no more."""
    package = ROOT / ".cache" / "plotly-bundles" / "node_modules" / "plotly.js-basic-dist-min"
    try:
        import json

        version = json.loads((package / "package.json").read_text("utf-8"))["version"]
        size = (package / "plotly-basic.min.js").stat().st_size
    except (OSError, ValueError, KeyError):
        return "not installed (./dev installs it)"
    return f"{version} ({size / 1e6:.1f} MB plotly-basic.min.js, npm plotly.js-basic-dist-min)"


def lighthouse_version() -> str:
    package = LIGHTHOUSE_DIR / "node_modules" / "lighthouse" / "package.json"
    if not package.exists():
        return "not installed (python bench/lighthouse.py installs it)"
    import json

    return json.loads(package.read_text("utf-8"))["version"]


def chromium_version() -> str:
    try:
        out = subprocess.run(
            [CHROMIUM, "--version"], capture_output=True, text=True, timeout=30
        ).stdout
    except (OSError, subprocess.TimeoutExpired):
        return "not found"
    return out.strip() or "unknown"


def node_version() -> str:
    try:
        return subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
    except OSError:
        return "not found"


def machine() -> dict[str, str]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = "?"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass
    return {
        "CPU": cpu,
        "cores": str(os.cpu_count()),
        "memory": memory,
        "system": f"{platform.system()} {platform.release()} ({platform.machine()})",
    }


def versions() -> dict[str, str]:
    return {
        "Python": platform.python_version(),
        "MkDocs": _package_version("mkdocs"),
        "mkdocs-material": _package_version("mkdocs-material"),
        "Python-Markdown": _package_version("markdown"),
        "Plotly (Python)": _package_version("plotly"),
        "plotly.js bundle": plotly_js_version(),
        "plotly.js partial bundle": plotly_basic_version(),
        "Lighthouse": lighthouse_version(),
        "Node": node_version(),
        "Chromium": chromium_version(),
    }


def environment_section() -> str:
    rows = ["| | |", "| --- | --- |"]
    rows += [f"| {key} | {value} |" for key, value in machine().items()]
    rows += [f"| {key} | {value} |" for key, value in versions().items()]
    return "The machine and the versions of the last full run (`python -m bench`).\n\n" + "\n".join(
        rows
    )
