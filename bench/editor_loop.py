"""The editor's loop: from saving claims.yml to the rebuilt page in the browser, under mkdocs serve.

Usage: python bench/editor_loop.py [--sizes 1000] [--edits 5] [--no-shipped] [--no-serve]
                                   [--results bench/RESULTS.md]

For the shipped investigation (a copy of content/romania-2024 with the project's own mkdocs.yml
settings, both languages) and for synthetic ones of the given sizes (English only), it starts
``mkdocs serve --dirty`` (as ``./dev serve`` runs it) on 127.0.0.1 with a free port, waits
until the claims page is served, then
``--edits`` times: puts a new marker word into the first claim's statement in claims.yml, saves,
and polls the claims page that lists that claim (every 0.1 s; for a long list, the part that
holds it) until the marker appears. It reports the median and the
range of the save-to-page times, and the median of save-to-"Reloading browsers" (the whole
rebuild, other languages included, as MkDocs logs it). The content is copied under bench/out/;
the project's content/ is never touched. Between edits it waits for the rebuild to end.

The same edits are also timed in-process, from the save to the end of the rebuild (no server, no
browser poll: the figure a loaded machine disturbs least), each in a fresh Python process: the
preview's rebuild (``mkdocs serve``'s builder as generator/preview.py wraps it: only the pages
whose Markdown changed) and a full rebuild (the plain builder, with nothing kept between saves:
what every save cost before the preview rebuilt only what changed).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from argparse import SUPPRESS
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.build_benchmark import SITE_CONFIG, explainer_config  # noqa: E402
from bench.measure import OUT, PYTHON, child_env, free_port  # noqa: E402
from bench.results import update_section  # noqa: E402
from tests.support.synthetic import generate  # noqa: E402

POLL = 0.1
# What `./dev serve` sets: the preview builds the first language only (see generator/preview.py)
PREVIEW_ENV = {"EXPLAINER_PREVIEW_LANGUAGE": ""}
STARTUP_TIMEOUT = 1800
EDIT_TIMEOUT = 900
SHIPPED = ROOT / "content" / "romania-2024"


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return None


_FIRST_STATEMENT = re.compile(r'statement:\s*(?:\n\s+\w\w:\s*|\{\s*\w\w:\s*)?"')


def with_marker(text: str, marker: str, previous: str | None) -> str:
    """claims.yml with ``marker`` at the start of the first statement's (first-language) text."""
    if previous:
        return text.replace(previous + " ", marker + " ", 1)
    match = _FIRST_STATEMENT.search(text)
    if match is None:
        raise SystemExit("no double-quoted claim statement found in claims.yml")
    return text[: match.end()] + marker + " " + text[match.end() :]


_FIRST_ID = re.compile(r"^\s*-\s+id:\s*['\"]?([a-z0-9-]+)", re.MULTILINE)
_PART_LINK = re.compile(r'href="([^"/#.]+/)"')


def first_claim_id(text: str) -> str:
    match = _FIRST_ID.search(text)
    if match is None:
        raise SystemExit("no claim id found in claims.yml")
    return match.group(1)


def page_listing(index: str, claim_id: str) -> str | None:
    """The claims page that lists the claim: the section page, or the part of a long list
    (its index links each part) that holds the claim's entry."""
    anchor = f'id="claim-{claim_id}"'
    page = fetch(index) or ""
    if anchor in page:
        return index
    for part in dict.fromkeys(_PART_LINK.findall(page)):
        if anchor in (fetch(index + part) or ""):
            return index + part
    return None


@dataclass
class Server:
    process: subprocess.Popen
    url: str
    lines: list[tuple[float, str]] = field(default_factory=list)

    def count(self, needle: str) -> int:
        return sum(needle in line for _, line in self.lines)


def start_server(config: Path, log: Path) -> Server:
    port = free_port()
    process = subprocess.Popen(
        [PYTHON, "-m", "mkdocs", "serve", "--dirty", "-f", str(config), "-a", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env={**child_env(), **PREVIEW_ENV},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    server = Server(process, f"http://127.0.0.1:{port}/")

    def read() -> None:
        with open(log, "w", encoding="utf-8") as out:
            for line in process.stderr:
                server.lines.append((time.perf_counter(), line))
                out.write(line)
                out.flush()

    threading.Thread(target=read, daemon=True).start()
    return server


def wait_for(url: str, predicate, seconds: float, server: Server) -> float | None:
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        if server.process.poll() is not None:
            return None
        page = fetch(url)
        if page is not None and predicate(page):
            return time.perf_counter()
        time.sleep(POLL)
    return None


@dataclass
class LoopResult:
    label: str
    startup: float | None = None
    to_page: list[float] = field(default_factory=list)
    to_rebuilt: list[float] = field(default_factory=list)
    problem: str = ""


def measure(label: str, config: Path, claims: Path, slug: str, edits: int, log: Path) -> LoopResult:
    result = LoopResult(label)
    start = time.perf_counter()
    server = start_server(config, log)
    index = f"{server.url}{slug}/claims/"
    try:
        up = wait_for(index, lambda page: "</article>" in page, STARTUP_TIMEOUT, server)
        if up is None:
            result.problem = f"mkdocs serve did not come up (log: {log})"
            return result
        # `serve` serves only after its first build (every language) has ended
        result.startup = up - start
        url = page_listing(index, first_claim_id(claims.read_text("utf-8")))
        if url is None:
            result.problem = "the edited claim is on no claims page"
            return result
        previous = None
        for number in range(1, edits + 1):
            marker = f"Benchedit{number}x{os.getpid()}"
            reloads = server.count("Reloading browsers")
            text = with_marker(claims.read_text("utf-8"), marker, previous)
            saved = time.perf_counter()
            claims.write_text(text, "utf-8")
            seen = wait_for(url, lambda page, m=marker: m in page, EDIT_TIMEOUT, server)
            if seen is None:
                result.problem = f"edit {number} never showed (log: {log})"
                break
            result.to_page.append(seen - saved)
            rebuilt = settle(server, reloads + 1, EDIT_TIMEOUT)
            if rebuilt is not None:
                result.to_rebuilt.append(rebuilt - saved)
            previous = marker
            time.sleep(1)
    finally:
        server.process.terminate()
        try:
            server.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.process.kill()
            server.process.wait()
    return result


def settle(server: Server, reloads: int, seconds: float) -> float | None:
    """When MkDocs logged its ``reloads``-th 'Reloading browsers' (the build is complete)."""
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline and server.process.poll() is None:
        found = [t for t, line in server.lines if "Reloading browsers" in line]
        if len(found) >= reloads:
            return found[reloads - 1]
        time.sleep(POLL)
    return None


def shipped_setup(workdir: Path) -> tuple[Path, Path, str]:
    """A copy of the shipped investigation and a config with the project's languages."""
    content = workdir / "content"
    shutil.copytree(SHIPPED, content / SHIPPED.name)
    languages = project_languages()
    return explainer_config(workdir, content, languages), content / SHIPPED.name, SHIPPED.name


def project_languages() -> list[str]:
    text = (ROOT / "mkdocs.yml").read_text("utf-8")
    match = re.search(r"^\s+languages:\s*\[([^\]]*)\]", text, re.MULTILINE)
    return [x.strip() for x in match.group(1).split(",")] if match else ["en"]


def synthetic_setup(workdir: Path, events: int, seed: int) -> tuple[Path, Path, str]:
    folder = generate(events, workdir / "content", seed)
    return explainer_config(workdir, folder.parent, ["en"]), folder, folder.name


REBUILD_MODES = ("full", "preview")


def rebuild_times(config: Path, claims: Path, edits: int, mode: str) -> list[float]:
    """Save → rebuild done, in this process, for ``edits`` saves of the first claim (see the
    module); the served folder is beside the config."""
    from mkdocs.commands import serve
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from generator import preview
    from generator.charts import layout

    site_dir = config.parent / f"served-{mode}"

    class Server:
        mount_path = "/"
        dirty = False  # the preview's builds are dirty ones, as ./dev serve's (--dirty)

        def builder(self) -> None:
            loaded = load_config(str(config), site_dir=str(site_dir))
            serve.build(loaded, serve_url="http://127.0.0.1:8000/", dirty=self.dirty)

    server = Server()
    server.builder()  # serve's first build
    if mode == "preview":
        locales = Path(SITE_CONFIG) / "locales"
        server.dirty = True
        preview.start(server, site_dir, locales, ["en"], (MkDocsException,))
        server.builder()  # counts as serve's first build (see generator/mkdocs_preview.watch)
    times, previous = [], None
    for number in range(1, edits + 1):
        marker = f"Benchrebuild{number}x{os.getpid()}"
        text = with_marker(claims.read_text("utf-8"), marker, previous)
        if mode == "full":
            layout._layout.cache_clear()
        saved = time.perf_counter()
        claims.write_text(text, "utf-8")
        server.builder()
        times.append(time.perf_counter() - saved)
        previous = marker
    return times


@dataclass
class RebuildResult:
    label: str
    mode: str
    times: list[float]
    load: tuple[float, float]  # the 1-minute load average before and after
    problem: str = ""


def measure_rebuilds(label: str, config: Path, claims: Path, edits: int, mode: str):
    """``rebuild_times`` in a fresh process (nothing cached from another measurement)."""
    before = os.getloadavg()[0]
    done = subprocess.run(
        [PYTHON, __file__, "--rebuilds", mode, str(config), str(claims), "--edits", str(edits)],
        cwd=ROOT,
        env={**child_env(), **PREVIEW_ENV},
        capture_output=True,
        text=True,
    )
    load = (before, os.getloadavg()[0])
    if done.returncode != 0:
        return RebuildResult(label, mode, [], load, (done.stderr.strip().splitlines() or [""])[-1])
    times = json.loads(done.stdout.strip().splitlines()[-1])
    return RebuildResult(label, mode, times, load)


def rebuild_table(results: list[RebuildResult]) -> str:
    lines = [
        "| content | rebuild | save → rebuild done, s (median) | range, s | edits "
        "| load average (1 min) before–after |",
        "| --- | --- | ---: | ---: | ---: | --- |",
    ]
    for r in results:
        load = f"{r.load[0]:.1f}–{r.load[1]:.1f}"
        if not r.times:
            lines.append(f"| {r.label} | {r.mode} | - | - | 0: {r.problem} | {load} |")
            continue
        lines.append(
            f"| {r.label} | {r.mode} | {statistics.median(r.times):.2f} "
            f"| {min(r.times):.2f}–{max(r.times):.2f} | {len(r.times)} | {load} |"
        )
    return "\n".join(lines)


def table(results: list[LoopResult]) -> str:
    lines = [
        "| content | first build of `serve`, s | save → page shows the edit, s (median) "
        "| range, s | save → rebuild complete, s (median) | edits |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        if not r.to_page:
            lines.append(f"| {r.label} | - | - | - | - | 0: {r.problem} |")
            continue
        lines.append(
            f"| {r.label} | {r.startup:.1f} | {statistics.median(r.to_page):.1f} "
            f"| {min(r.to_page):.1f}–{max(r.to_page):.1f} "
            f"| {statistics.median(r.to_rebuilt):.1f} | {len(r.to_page)} |"
            if r.to_rebuilt
            else f"| {r.label} | {r.startup:.1f} | {statistics.median(r.to_page):.1f} "
            f"| {min(r.to_page):.1f}–{max(r.to_page):.1f} | - | {len(r.to_page)} |"
        )
    return "\n".join(lines)


def run(
    sizes: list[int],
    edits: int,
    shipped: bool,
    seed: int,
    results_path: Path | None,
    log=print,
    serve: bool = True,
) -> tuple[list[LoopResult], str]:
    results, rebuilds = [], []
    cases = []
    if shipped:
        languages = ", ".join(project_languages())
        first = project_languages()[0]
        label = f"shipped ({SHIPPED.name}, languages {languages}; the preview builds {first})"
        cases.append((label, "shipped", None))
    for size in sizes:
        cases.append((f"synthetic, {size:,} events (en)", f"{size}", size))
    for label, name, size in cases:
        workdir = OUT / f"editor-{name}"
        if workdir.exists():
            shutil.rmtree(workdir)
        workdir.mkdir(parents=True)
        if size is None:
            config, folder, slug = shipped_setup(workdir)
        else:
            config, folder, slug = synthetic_setup(workdir, size, seed)
        for mode in REBUILD_MODES:
            pristine = (folder / "claims.yml").read_text("utf-8")
            rebuilt = measure_rebuilds(label, config, folder / "claims.yml", edits, mode)
            (folder / "claims.yml").write_text(pristine, "utf-8")
            log(f"[editor] {label}: in-process {mode} {rebuilt.times} {rebuilt.problem}")
            rebuilds.append(rebuilt)
        if not serve:
            continue
        log(f"[editor] {label}: mkdocs serve")
        result = measure(label, config, folder / "claims.yml", slug, edits, workdir / "serve.log")
        times = json.dumps([round(x, 2) for x in result.to_page])
        log(f"[editor] {label}: {times} {result.problem}")
        results.append(result)
    body = (
        "Measured by `python bench/editor_loop.py` (part of `python -m bench`): `mkdocs serve` "
        "on 127.0.0.1, one claim's statement changed in claims.yml and saved, the claims page "
        f"polled every {POLL} s until it shows the change; {edits} edits per row, one after the "
        "other. 'Rebuild complete' is when MkDocs logs 'Reloading browsers' (with two languages, "
        "after the second language's build too). The server runs as `./dev serve` starts it: "
        "the preview builds the first language only (`--lang ro` adds another). Every save "
        "still loads, checks and renders all content again (`serve` reloads the configuration), "
        "but MkDocs converts and writes only the pages whose Markdown changed "
        "(generator/preview.py)."
        "\n\n" + (table(results) if serve else "(not measured in this run)") + "\n\n"
        "In-process, from the save to the end of the rebuild, each row in a fresh process "
        "(no server, no browser): `preview` is the preview's rebuild, `full` a rebuild of "
        "everything with nothing kept between saves, as every save was before. "
        f"Command: `python bench/editor_loop.py --edits {edits}`.\n\n"
        + rebuild_table(rebuilds)
        + "\n\n"
        + PREVIOUS
    )
    if results_path:
        update_section(results_path, "Editor's loop", body)
    return results, body


PREVIOUS = (
    "Before the preview built one language (both languages rebuilt on every save): shipped "
    "(romania-2024, en, ro): first build 2.9 s, save → page 2.9 s (2.8–3.1), 5 edits; "
    "synthetic, 1,000 events (en): first build 9.6 s, save → page 10.0 s (9.6–10.5), 5 edits."
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000", help="synthetic sizes (events), or ''")
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-shipped", action="store_true", help="skip the shipped content")
    parser.add_argument("--no-serve", action="store_true", help="in-process rebuilds only")
    parser.add_argument("--results", default=str(ROOT / "bench" / "RESULTS.md"))
    parser.add_argument("--rebuilds", nargs=3, metavar=("MODE", "CONFIG", "CLAIMS"), help=SUPPRESS)
    args = parser.parse_args(argv)
    if args.rebuilds:
        mode, config, claims = args.rebuilds
        print(json.dumps(rebuild_times(Path(config), Path(claims), args.edits, mode)))
        return 0
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    _, body = run(
        sizes,
        args.edits,
        not args.no_shipped,
        args.seed,
        Path(args.results),
        serve=not args.no_serve,
    )
    print(body)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())


__all__ = ["SITE_CONFIG", "run"]
