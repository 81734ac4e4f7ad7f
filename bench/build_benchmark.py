"""Build time and peak memory at several sizes: the whole build, and MkDocs alone on the same pages.

Usage: python bench/build_benchmark.py [--sizes 100,1000,10000] [--timeout 1200] [--seed 0]
                                       [--results bench/RESULTS.md]

For each size (events) it writes a synthetic investigation (tests/support/synthetic.py) under
bench/out/build-<size>/ and measures, one after the other, once each:

(a) ``python -m generator build`` with a configuration that inherits the project's mkdocs.yml
    (same theme, overrides, hooks, Markdown extensions, search) but reads the synthetic content,
    in one language (``languages: [en]``);
(b) plain ``mkdocs build`` (no explainer plugin) of the same pages written out beforehand as
    Markdown files (generator.render.site.render_site output, chart JSON/CSV, data downloads,
    plotly.js and the site_config assets), with the same nav, theme, hooks and extensions.

(a) − (b) is then what the generator adds: loading and checking content, rendering the pages,
building the charts, and its Markdown extension (citations, mentions, embedded claims and chart
figures, which (b) gets written out as plain Markdown and HTML blocks by bench/plain_markdown.py,
so that both build the same pages). Wall time and the child process's own peak RSS.

A build that runs past ``--timeout`` is stopped; the table says so and where it was (its Python
stack), and the build is measured again with the network chart's force-directed layout replaced
by a circle (bench/child.py ``--circle-layout``), so that everything else is still measured.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import statistics
import sys
import time
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.measure import (  # noqa: E402
    CHILD,
    OUT,
    PYTHON,
    Run,
    gzip_size,
    innermost_frames,
    run_measured,
)
from bench.plain_markdown import PlainMarkdown  # noqa: E402
from bench.results import update_section  # noqa: E402
from bench.stages import GENERATOR_OWN, STAGES  # noqa: E402
from tests.support.synthetic import generate  # noqa: E402

SITE_CONFIG = ROOT / "site_config"
SLUG_PREFIX = "synthetic-"
PAGE_KINDS = (
    ("home", ""),
    ("overview", "{slug}/"),
    ("narrative page", None),  # the first chapter
    ("timeline", "{slug}/timeline/"),
    ("claims", "{slug}/claims/"),
    ("who's who", "{slug}/actors/"),
    ("sources", "{slug}/sources/"),
    ("methodology", "{slug}/methodology/"),
    ("data", "{slug}/data/"),
)
LARGE_PAGE = 500 * 1024


def mkdocs_config(workdir: Path, plugins: list, docs_dir: Path, nav: list | None = None) -> Path:
    """A config inheriting the project's mkdocs.yml; paths made absolute, plugins replaced."""
    config = {
        "INHERIT": os.path.relpath(ROOT / "mkdocs.yml", workdir),
        "docs_dir": str(docs_dir),
        "site_url": "http://127.0.0.1:8000/",
        "theme": {"custom_dir": str(SITE_CONFIG / "overrides")},
        "hooks": [str(SITE_CONFIG / "overrides" / "hooks.py")],
        "plugins": plugins,
    }
    if nav is not None:
        config["nav"] = nav
    name = "mkdocs-explainer.yml" if nav is None else "mkdocs-plain.yml"
    path = workdir / name
    # JSON is YAML; the inherited file keeps its own tags (!ENV, !!python/name)
    path.write_text(json.dumps(config, indent=1, ensure_ascii=False) + "\n", "utf-8")
    return path


def explainer_config(workdir: Path, content: Path, languages: list[str]) -> Path:
    plugin = {
        "explainer": {
            "content_dir": str(content),
            "site_config_dir": str(SITE_CONFIG),
            "languages": languages,
        }
    }
    return mkdocs_config(workdir, [plugin], SITE_CONFIG / "docs")


def write_plain_docs(config_file: Path, docs: Path) -> list:
    """Every file the explainer plugin gives MkDocs, written out as a docs folder; the nav.

    The plugin itself does the work (its on_config and on_files, as in a build), so (b) gets
    exactly the pages, charts, downloads, bundles and assets of (a); the explainer's syntax in
    the pages is written out as plain Markdown (bench/plain_markdown.py).
    """
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    config = load_config(str(config_file))
    config.plugins.on_startup(command="build", dirty=False)
    config = config.plugins.on_config(config)
    files = config.plugins.on_files(get_files(config), config=config)
    plugin = config.plugins["explainer"]
    plain = PlainMarkdown(plugin, config)
    if docs.exists():
        shutil.rmtree(docs)
    for file in files:
        target = docs / file.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        if file.src_uri in plugin.tree.pages:  # the page's text is made when MkDocs reads it
            target.write_text(plain.page(file.src_uri, plugin.tree.page(file.src_uri)), "utf-8")
        elif file.is_documentation_page():
            target.write_text(plain.page(file.src_uri, file.content_string), "utf-8")
        elif file.src_uri in plugin.tree.downloads:  # rendered after the pages, in a build
            content = plugin.tree.content(file.src_uri)
            target.write_bytes(content if isinstance(content, bytes) else content.encode())
        else:
            target.write_bytes(file.content_bytes)
    return config.nav


def layout_estimate(content: Path, iterations: int = 2) -> tuple[int, float]:
    """Nodes of the network chart, and seconds its 300-iteration layout would take here."""
    from generator.charts.layout import force_layout
    from generator.loader import load_investigation

    investigation, _ = load_investigation(content)
    relations = investigation.relations
    nodes = sorted({n for r in relations for n in (r.from_, r.to)})
    start = time.perf_counter()
    force_layout(nodes, [(r.from_, r.to) for r in relations], iterations=iterations)
    return len(nodes), (time.perf_counter() - start) * 300 / iterations


@dataclass
class SizeResult:
    events: int
    pages: int = 0
    full: Run | None = None
    circle: Run | None = None  # (a) again with the circle layout, when (a) ran out of time
    plain: Run | None = None
    layout_nodes: int = 0
    layout_seconds: float = 0.0
    page_sizes: dict[str, tuple[int, int]] = field(default_factory=dict)
    chart_json: tuple[int, int] = (0, 0)
    search_index: tuple[int, int] = (0, 0)
    samples: dict = field(default_factory=dict)  # of the run whose numbers stand, see child.py
    samples_of: str = ""
    plain_samples: dict = field(default_factory=dict)  # (b)'s, for the same stages
    largest: tuple[str, int] = ("", 0)
    site_from: str = ""
    runs: list[tuple[Run, Run]] = field(default_factory=list)  # every pair's (a) and (b), as run
    own_shares: list[float] = field(default_factory=list)  # each (a) run's sampled share

    @property
    def pairs(self) -> list[tuple[float, float]]:
        """The seconds of (a) and (b) in the pairs where both finished."""
        return [(a.seconds, b.seconds) for a, b in self.runs if a.ok and b.ok]

    @property
    def median_share(self) -> float | None:
        return statistics.median((a - b) / a for a, b in self.pairs) if self.pairs else None

    @property
    def measured_full(self) -> Run | None:
        """The full build whose numbers stand: (a), or (a) with the circle layout."""
        if self.full and self.full.ok:
            return self.full
        if self.circle and self.circle.ok:
            return self.circle
        return None


def measure_pages(site: Path, slug: str, result: SizeResult) -> None:
    chapters = sorted((site / slug).glob("chapter-*/index.html"))
    for kind, pattern in PAGE_KINDS:
        if pattern is None:
            if not chapters:
                continue
            html = chapters[0]
        else:
            html = site / pattern.format(slug=slug) / "index.html"
        if html.exists():
            data = html.read_bytes()
            result.page_sizes[kind] = (len(data), gzip_size(data))
    pages = sorted(site.rglob("*.html"))
    result.pages = sum(1 for p in pages if p.name == "index.html")
    biggest = max(pages, key=lambda p: p.stat().st_size)
    result.largest = (biggest.parent.relative_to(site).as_posix() + "/", biggest.stat().st_size)
    charts = sorted((site / slug / "charts").glob("*.json"))
    raw = b"".join(p.read_bytes() for p in charts)
    result.chart_json = (len(raw), sum(gzip_size(p.read_bytes()) for p in charts))
    bundle = [p for p in (site / "pagefind").rglob("*") if p.is_file()]
    if bundle:
        result.search_index = (
            sum(p.stat().st_size for p in bundle),
            sum(gzip_size(p.read_bytes()) for p in bundle),
        )


# Pairs of builds per size: one run on a shared machine is noisy (two single runs of the same
# 10,000-event build took 110 and 124 s; three pairs at 10,000 events gave shares of 14.5 %,
# 16.3 % and 5.8 %), so the table gives the fastest runs and the median of the pairs.
REPEATS = 5


def better(run: Run, kept: Run) -> bool:
    return run.ok and (not kept.ok or run.seconds < kept.seconds)


def bench_size(events: int, seed: int, timeout: float, log, repeats: int = REPEATS) -> SizeResult:
    workdir = OUT / f"build-{events}"
    if workdir.exists():
        shutil.rmtree(workdir)
    workdir.mkdir(parents=True)
    content = generate(events, workdir / "content", seed)
    slug = content.name
    result = SizeResult(events)
    config = explainer_config(workdir, content.parent, ["en"])

    log(f"[{events}] (b) writing the pages as Markdown")
    docs = workdir / "docs"
    nav = write_plain_docs(config, docs)
    plain = mkdocs_config(workdir, [], docs, nav)
    site_a, site_b = workdir / "site-a", workdir / "site-b"
    command = ["generator", "build", "--config", str(config)]
    # (a) and (b) take turns, so that a slower spell of the shared machine falls on both; each
    # run keeps its own log, so that one that failed can still be read after the others
    for pair in range(1, repeats + 1):
        samples_a = workdir / f"a-{pair}.samples.json"
        samples_b = workdir / f"b-{pair}.samples.json"
        build_a = [PYTHON, CHILD, "--sample", str(samples_a), *command, "--site-dir", str(site_a)]
        build_b = [PYTHON, CHILD, "--sample", str(samples_b), "mkdocs", "build"]
        build_b += ["-f", str(plain), "-d", str(site_b)]
        run_a = run_measured(build_a, workdir / f"a-{pair}.log", timeout, cwd=ROOT)
        samples = read_samples(samples_a)
        if run_a.ok and samples.get("samples"):
            result.own_shares.append(own_share(samples))
        if result.full is None or better(run_a, result.full):
            result.full = run_a
            result.samples, result.samples_of = samples, "(a)"
        log(f"[{events}] (a) {describe(run_a)}")
        run_b = run_measured(build_b, workdir / f"b-{pair}.log", timeout, cwd=ROOT)
        if result.plain is None or better(run_b, result.plain):
            result.plain, result.plain_samples = run_b, read_samples(samples_b)
        log(f"[{events}] (b) {describe(run_b)}")
        result.runs.append((run_a, run_b))
    site_for_pages = site_a
    result.site_from = "(a)"
    if result.full.timed_out:
        result.layout_nodes, result.layout_seconds = layout_estimate(content)
    if result.full.timed_out and "force_layout" in result.full.stack:
        log(f"[{events}] network layout alone: ~{result.layout_seconds:.0f} s")
        site_c = workdir / "site-a-circle"
        samples = workdir / "a-circle.samples.json"
        circle = [PYTHON, CHILD, "--circle-layout", "--sample", str(samples)]
        circle += [*command, "--site-dir", str(site_c)]
        result.circle = run_measured(circle, workdir / "a-circle.log", timeout, cwd=ROOT)
        if result.circle.ok or not result.samples:
            result.samples, result.samples_of = read_samples(samples), "(a), circle layout"
        log(f"[{events}] (a, circle layout) {describe(result.circle)}")
        site_for_pages = site_c
        result.site_from = "(a) with the circle layout"
    if site_for_pages.exists():
        measure_pages(site_for_pages, slug, result)
    elif site_b.exists():
        measure_pages(site_b, slug, result)
        result.site_from = "(b) only: without chart figures"
    return result


def language_runs(timeout: float, log) -> list[tuple[list[str], Run]]:
    """The shipped content built in its first language only, then in all of the project's."""
    import re

    text = (ROOT / "mkdocs.yml").read_text("utf-8")
    match = re.search(r"^\s+languages:\s*\[([^\]]*)\]", text, re.MULTILINE)
    languages = [x.strip() for x in match.group(1).split(",")] if match else ["en"]
    runs = []
    for chosen in ([languages[0]], languages) if len(languages) > 1 else ([languages[0]],):
        workdir = OUT / f"languages-{'-'.join(chosen)}"
        if workdir.exists():
            shutil.rmtree(workdir)
        workdir.mkdir(parents=True)
        config = explainer_config(workdir, ROOT / "content", chosen)
        command = [PYTHON, CHILD, "generator", "build", "--config", str(config)]
        best = None
        for _ in range(3):  # small and noisy: the best of three
            run = run_measured(
                [*command, "--site-dir", str(workdir / "site")],
                workdir / "build.log",
                timeout,
                cwd=ROOT,
            )
            if best is None or (run.ok and run.seconds < best.seconds):
                best = run
        log(f"[languages {', '.join(chosen)}] {describe(best)}")
        runs.append((chosen, best))
    return runs


def languages_table(runs: list[tuple[list[str], Run]]) -> str:
    lines = [
        "| shipped content (content/) built in | pages | time, s | peak RSS, MB |",
        "| --- | ---: | ---: | ---: |",
    ]
    for chosen, run in runs:
        site = run.log.parent / "site"
        pages = sum(1 for _ in site.rglob("index.html")) if site.exists() else 0
        lines.append(f"| {', '.join(chosen)} | {pages} | {_time(run)} | {_mb(run)} |")
    return "\n".join(lines)


def own_share(samples: dict) -> float:
    """The share of a build's stack samples that found the generator's own code running."""
    return samples["stages"].get(GENERATOR_OWN, 0) / samples["samples"]


def read_samples(path: Path) -> dict:
    try:
        return json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}


def samples_table(results: list[SizeResult]) -> str:
    """Share of the sampled time each stage was on the stack, per size, for (a) and (b)."""
    columns = []  # (heading, samples, run)
    for r in results:
        if r.samples.get("samples"):
            stop = " (stopped)" if stopped(r) else ""
            columns.append((f"{r.events:,} events {r.samples_of}{stop}", r.samples, sampled_run(r)))
        if r.plain_samples.get("samples") and r.plain:
            columns.append((f"{r.events:,} events (b)", r.plain_samples, r.plain))
    if not columns:
        return "(no samples)"
    lines = [
        "| stage | " + " | ".join(heading for heading, _, _ in columns) + " |",
        "| --- |" + " ---: |" * len(columns),
    ]
    for label, _ in STAGES:
        cells = []
        for _, samples, run in columns:
            count = samples["stages"].get(label, 0)
            share = count / samples["samples"]
            cells.append(f"{share:.0%} ({share * run.seconds:,.1f} s)" if count else "-")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def sampled_run(r: SizeResult) -> Run:
    return r.circle if r.samples_of.endswith("circle layout") else r.full


def stopped(r: SizeResult) -> bool:
    run = sampled_run(r)
    return bool(run and run.timed_out)


def hot_spots(results: list[SizeResult], count: int = 6) -> str:
    lines = []
    for r in results:
        spots = r.samples.get("generator_innermost") or {}
        total = r.samples.get("samples") or 0
        if not spots or not total:
            continue
        top = sorted(spots.items(), key=lambda item: -item[1])[:count]
        listed = "; ".join(f"`{where}` {n / total:.0%}" for where, n in top)
        lines.append(f"- {r.events:,} events {r.samples_of}: {listed}")
    return "\n".join(lines)


def outcome(run: Run) -> str:
    return "ok" if run.ok else ("timed out" if run.timed_out else f"exit {run.returncode}")


def describe(run: Run) -> str:
    return f"{run.seconds:.1f} s, {run.rss_mb:.0f} MB, {outcome(run)} (log: {run.log})"


def _failed(run_a: Run, run_b: Run) -> list[tuple[str, Run]]:
    return [(name, run) for name, run in (("(a)", run_a), ("(b)", run_b)) if not run.ok]


def last_line(log: Path | None) -> str:
    """A failed run's last words, usually the error: enough to tell a flake from a bug."""
    try:
        lines = log.read_text("utf-8", errors="replace").splitlines() if log else []
    except OSError:
        return ""
    words = next((line.strip() for line in reversed(lines) if line.strip()), "")
    return words[:200]


# --- tables ----------------------------------------------------------------------------------
def _time(run: Run | None) -> str:
    if run is None:
        return "-"
    if run.timed_out:
        return f"> {run.seconds:.0f} s (stopped)"
    if run.returncode:
        return f"failed (exit {run.returncode})"
    return f"{run.seconds:.1f}"


def _mb(run: Run | None) -> str:
    return f"{run.rss_mb:,.0f}" if run else "-"


def exponent(points: list[tuple[float, float]]) -> float | None:
    """Least-squares slope of log(y) against log(x): y grows like x^slope."""
    points = [(x, y) for x, y in points if x > 0 and y > 0]
    if len(points) < 2:
        return None
    xs = [math.log(x) for x, _ in points]
    ys = [math.log(y) for _, y in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    sxx = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sxx if sxx else None


def build_table(results: list[SizeResult]) -> str:
    lines = [
        "| events | pages | (a) full build, s | (a) peak RSS, MB | (b) MkDocs alone, s "
        "| (b) peak RSS, MB | generator's share ((a)−(b))/(a), fastest runs "
        "| the same, median of the pairs | generator's own work in (a), sampled, median |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        share = "-"
        if r.full and r.full.ok and r.plain and r.plain.ok:
            share = f"{(r.full.seconds - r.plain.seconds) / r.full.seconds:.1%}"
        median = f"{r.median_share:.1%}" if r.median_share is not None else "-"
        own = f"{statistics.median(r.own_shares):.1%}" if r.own_shares else "-"
        lines.append(
            f"| {r.events:,} | {r.pages or '-'} | {_time(r.full)} | {_mb(r.full)} "
            f"| {_time(r.plain)} | {_mb(r.plain)} | {share} | {median} | {own} |"
        )
        if r.circle:
            share = "-"
            if r.circle.ok and r.plain and r.plain.ok:
                share = f"{(r.circle.seconds - r.plain.seconds) / r.circle.seconds:.1%}"
            lines.append(
                f"| {r.events:,}, network drawn on a circle | {r.pages or '-'} "
                f"| {_time(r.circle)} | {_mb(r.circle)} | {_time(r.plain)} | {_mb(r.plain)} "
                f"| {share} | - | - |"
            )
    return "\n".join(lines)


def pairs_line(results: list[SizeResult]) -> str:
    """Each pair's shares, in the order run: how far one pair can mislead."""
    parts = []
    for r in results:
        if r.runs:
            each = ", ".join(
                f"{(a.seconds - b.seconds) / a.seconds:.1%}"
                if a.ok and b.ok
                else " and ".join(f"{name} {outcome(run)}" for name, run in _failed(a, b))
                for a, b in r.runs
            )
            sampled = ", ".join(f"{share:.1%}" for share in r.own_shares)
            parts.append(f"{r.events:,} events {each} (sampled in (a): {sampled})")
    if not parts:
        return ""
    return "Each pair's ((a)−(b))/(a), in the order run: " + "; ".join(parts) + "."


def growth_table(results: list[SizeResult]) -> str:
    def series(pick) -> list[tuple[float, float]]:
        return [(r.events, pick(r)) for r in results if pick(r) is not None]

    metrics = (
        ("(a) time", lambda r: r.measured_full.seconds if r.measured_full else None),
        ("(a) peak RSS", lambda r: r.measured_full.rss_mb if r.measured_full else None),
        ("(b) time", lambda r: r.plain.seconds if r.plain and r.plain.ok else None),
        ("(b) peak RSS", lambda r: r.plain.rss_mb if r.plain and r.plain.ok else None),
        (
            "(a) − (b) time",
            lambda r: (
                r.measured_full.seconds - r.plain.seconds
                if r.measured_full and r.plain and r.plain.ok
                else None
            ),
        ),
    )
    pairs = list(pairwise(results))
    if not pairs:
        return "(growth needs at least two sizes)"
    header = "| | " + " | ".join(f"{a.events:,} → {b.events:,}" for a, b in pairs)
    header += " | fitted exponent k (∝ events^k) |"
    lines = [header, "| --- |" + " ---: |" * (len(pairs) + 1)]
    for name, pick in metrics:
        cells = []
        for a, b in pairs:
            va, vb = pick(a), pick(b)
            cells.append(f"×{vb / va:.1f}" if va and vb else "-")
        k = exponent(series(pick))
        fitted = f"{k:.2f}" if k is not None else "-"
        lines.append(f"| {name} | " + " | ".join(cells) + f" | {fitted} |")
    lines.append(
        "| events | "
        + " | ".join(f"×{b.events / a.events:.0f}" for a, b in pairs)
        + " | 1 (linear) |"
    )
    return "\n".join(lines)


def pages_table(results: list[SizeResult]) -> str:
    header = "| page | " + " | ".join(f"{r.events:,} events" for r in results) + " |"
    lines = [header, "| --- |" + " ---: |" * len(results)]

    def cell(size: tuple[int, int] | None) -> str:
        if not size:
            return "-"
        raw, packed = size
        flag = " **> 500 KB**" if raw > LARGE_PAGE else ""
        return f"{raw / 1024:,.0f} KB ({packed / 1024:,.0f} KB gzip){flag}"

    for kind, _ in PAGE_KINDS:
        lines.append(f"| {kind} | " + " | ".join(cell(r.page_sizes.get(kind)) for r in results))
        lines[-1] += " |"
    lines.append(
        "| chart JSON, all charts | " + " | ".join(cell(r.chart_json) for r in results) + " |"
    )
    lines.append(
        "| search index, every Pagefind file (a query fetches a few of them) | "
        + " | ".join(cell(r.search_index) for r in results)
        + " |"
    )
    lines.append(
        "| largest page | "
        + " | ".join(
            f"{r.largest[0]} {r.largest[1] / 1024:,.0f} KB" if r.largest[0] else "-"
            for r in results
        )
        + " |"
    )
    lines.append("| measured on | " + " | ".join(r.site_from or "-" for r in results) + " |")
    return "\n".join(lines)


def notes(results: list[SizeResult]) -> str:
    out = []
    for r in results:
        if r.full and r.full.timed_out:
            frames = innermost_frames(r.full.stack)
            where = "; ".join(frames[:4]) if frames else "(no stack captured)"
            layout = (
                f"The network chart has {r.layout_nodes:,} nodes; its force-directed layout "
                f"(300 iterations over every pair of nodes, pure Python) alone would take about "
                f"{r.layout_seconds / 60:,.0f} min here (timed over 2 iterations)."
            )
            if r.circle:
                layout += (
                    " The row 'network drawn on a circle' is the same build with that layout "
                    "replaced."
                )
            else:
                layout += (
                    " The build was stopped before it reached the charts, so replacing the "
                    "layout would not have let it finish: it was not measured again."
                )
            out.append(
                f"- {r.events:,} events: (a) was stopped after {r.full.seconds:.0f} s, inside "
                f"{where}. {layout}"
            )
        for pair, (run_a, run_b) in enumerate(r.runs, 1):
            for name, run in _failed(run_a, run_b):
                if run is r.full and run.timed_out:
                    continue  # told above
                ending = last_line(run.log)
                out.append(
                    f"- {r.events:,} events, pair {pair}: {name} {outcome(run)} after "
                    f"{run.seconds:.0f} s; its log ({os.path.relpath(run.log, ROOT)}) ends: "
                    f"`{ending or '(empty)'}`"
                )
    return "\n".join(out)


def section(
    results: list[SizeResult], seed: int, languages: list | None = None, repeats: int = REPEATS
) -> str:
    text = (
        "Measured by `python bench/build_benchmark.py` (part of `python -m bench`) on synthetic"
        f" investigations (`tests/support/synthetic.py`, seed {seed}, English only), {repeats}"
        " pairs of runs at each size, one build at a time, (a) and (b) taking turns; times and"
        " memory are the fastest run's. (a) is the "
        "full build, `python -m generator build`, in one language; (b) is plain `mkdocs build` "
        "(same theme, overrides, hooks and Markdown extensions, no explainer plugin and no "
        "search index) of the same pages pre-rendered as Markdown, so that (a) − (b) includes "
        "(a)'s Pagefind index, which the generator builds after the pages. Time is wall-clock "
        "seconds; peak RSS is the "
        "build process's own maximum resident memory (GNU time's `%M`; for (a), the larger of "
        "it and the child it forks to read on two cores and to render the pages in the "
        "background, see generator/parallel.py)."
        " Other work on the machine makes single runs noisy by perhaps ±20 %, so (a) − (b), a "
        "difference of two runs, is noisier still: the share is given for the fastest runs and"
        " as the median of the pairs' shares, and the last column measures the same thing "
        "within (a) alone: the share of (a)'s stack samples that found the generator's own code"
        " running (its MkDocs events, its Markdown "
        "extension's processors, and waiting for a page the child has not rendered yet; see the"
        " stage table below), the median of the runs. The child's own work, alongside, is not "
        "sampled.\n\n" + build_table(results) + "\n\n" + pairs_line(results) + "\n\n"
        "### Growth\n\n"
        "How each quantity grows from one size to the next, and the exponent k of a "
        "least-squares fit of log(value) on log(events): k = 1 is linear, k = 2 quadratic.\n\n"
        + growth_table(results)
        + "\n\n### Page sizes\n\n"
        "HTML of each page kind as built (and gzipped at level 6, as a static host serves it); "
        "pages over 500 KB are marked. The chart JSON row is every figure file of the "
        "investigation together (the data page loads all of them; each other chart page a "
        "part), before plotly.js itself (a constant, see the page weight section).\n\n"
        + pages_table(results)
    )
    extra = notes(results)
    text += "\n\n" + extra if extra else ""
    text += (
        "\n\n### Where the time goes, sampled\n\n"
        "While (a) and (b) ran, each one's main thread's stack was looked at 20 times a second "
        "(bench/child.py `--sample`, no measurable overhead); each cell is the share of looks "
        "that found the stage's function on the stack, and the seconds that share stands for, "
        "so that (a) and (b) side by side show where the generator's share goes. "
        "Indented stages lie inside the one above; 'across stages' rows cut through the "
        "others. A stopped build's samples cover the time until it was stopped.\n\n"
        + samples_table(results)
    )
    spots = hot_spots(results)
    if spots:
        text += (
            "\n\nThe generator's own lines most often innermost on the stack (where its code "
            "was, or what it had called):\n\n" + spots
        )
    if languages:
        text += (
            "\n\n### Languages\n\n"
            "Every language after the first is a second MkDocs build of the whole site, which "
            "renders the content again (it reuses the first build's loaded and checked "
            "content): the shipped investigation built in one language and in all of the "
            "project's; the best of three builds each.\n\n" + languages_table(languages)
        )
    return text


def run(
    sizes: list[int],
    seed: int,
    timeout: float,
    results_path: Path | None,
    log=print,
    repeats: int = REPEATS,
):
    results = [bench_size(size, seed, timeout, log, repeats) for size in sizes]
    body = section(results, seed, language_runs(timeout, log), repeats)
    if results_path:
        update_section(results_path, "Build time and memory", body)
    return results, body


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,10000", help="events, comma-separated")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--timeout", type=float, default=1200, help="seconds per build")
    parser.add_argument("--repeats", type=int, default=REPEATS, help="pairs of runs per size")
    parser.add_argument("--results", default=str(ROOT / "bench" / "RESULTS.md"))
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    _, body = run(sizes, args.seed, args.timeout, Path(args.results), repeats=args.repeats)
    print(body)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
