"""Where a build's time goes: the full build under cProfile, summed by stage, and the top functions.

Usage: python bench/profile_build.py [--sizes 1000] [--circle-layout] [--results bench/RESULTS.md]

Builds the synthetic investigation of each size (bench/synthetic.py, English only, the same
configuration as bench/build_benchmark.py's (a)) with ``python -m cProfile`` and reports the
cumulative time of each stage: loading and checking content, rendering the pages, building the
charts (the network layout apart), writing chart JSON, Markdown to HTML (and the explainer's
Markdown extension within it), the theme's templates, navigation, the search index, copying
files and checking links. Stages nest (the extension runs inside Markdown to HTML), so shares do
not add up to 100 %. cProfile roughly doubles the time of Python-heavy code; shares matter here,
not seconds. ``--circle-layout`` replaces the network's force-directed layout (see
bench/child.py). Profiles are kept in bench/out/profile-<size>.prof for ``python -m pstats``.
"""

from __future__ import annotations

import argparse
import io
import pstats
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.build_benchmark import explainer_config  # noqa: E402
from bench.measure import CHILD, OUT, PYTHON, run_measured  # noqa: E402
from bench.results import update_section  # noqa: E402
from bench.stages import STAGES, SUMMED  # noqa: E402
from tests.support.synthetic import generate  # noqa: E402


def stage_times(stats: pstats.Stats) -> list[tuple[str, float]]:
    entries = stats.stats  # (file, line, function) -> (cc, nc, tt, ct, callers)
    out = []
    for label, functions in STAGES:
        times = [
            ct
            for (path, _, name), (_, _, _, ct, _) in entries.items()
            for suffix, wanted in functions
            if name == wanted and path.endswith(suffix)
        ]
        if not times:
            out.append((label, 0.0))
        elif label in SUMMED:
            out.append((label, sum(times)))
        else:
            out.append((label, max(times)))
    return out


def top_functions(stats: pstats.Stats, key: str, count: int) -> str:
    buffer = io.StringIO()
    stats.stream = buffer
    stats.sort_stats(key).print_stats(count)
    text = buffer.getvalue()
    start = text.find("   ncalls")
    lines = text[start:].splitlines() if start != -1 else []
    return "\n".join(
        line.replace(str(ROOT) + "/", "").replace(".venv/lib/python3.11/site-packages/", "")
        for line in lines
        if line.strip()
    )


def profile(events: int, circle: bool, seed: int = 0, log=print) -> tuple[Path, float]:
    workdir = OUT / f"profile-{events}"
    if workdir.exists():
        shutil.rmtree(workdir)
    workdir.mkdir(parents=True)
    content = generate(events, workdir / "content", seed)
    config = explainer_config(workdir, content.parent, ["en"])
    output = OUT / f"profile-{events}.prof"
    command = [PYTHON, "-m", "cProfile", "-o", str(output), CHILD]
    if circle:
        command.append("--circle-layout")
    command += ["generator", "build", "--config", str(config), "--site-dir", str(workdir / "site")]
    log(f"[profile] {events} events{' (circle layout)' if circle else ''}")
    run = run_measured(command, workdir / "build.log", cwd=ROOT)
    if not run.ok:
        raise SystemExit(f"profiled build failed, see {run.log}")
    log(f"[profile] {events} events: {run.seconds:.0f} s under cProfile")
    return output, run.seconds


def report(sizes: list[int], circle_sizes: set[int], seed: int, log=print) -> str:
    parts = []
    tables = []
    for events in sizes:
        path, _ = profile(events, events in circle_sizes, seed, log)
        stats = pstats.Stats(str(path))
        times = stage_times(stats)
        total = times[0][1] or 1.0
        tables.append((events, events in circle_sizes, {label: t for label, t in times}, total))
        circled = ", network drawn on a circle" if events in circle_sizes else ""
        top = top_functions(stats, "tottime", 15)
        parts.append(
            f"#### {events:,} events{circled}: top functions by own time\n\n```\n{top}\n```"
        )
    header = "| stage | " + " | ".join(
        f"{e:,} events{' (circle)' if c else ''}" for e, c, _, _ in tables
    )
    lines = [header + " |", "| --- |" + " ---: |" * len(tables)]
    for label, _ in STAGES:
        cells = []
        for _, _, times, total in tables:
            value = times.get(label, 0.0)
            cells.append(f"{value:,.1f} s ({value / total:.0%})" if value else "-")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return (
        "Measured by `python bench/profile_build.py` (part of `python -m bench`): the full "
        "build of a synthetic investigation under cProfile, English only. Each stage is the "
        "cumulative time of the function named, as a share of the whole build; indented stages "
        "are inside the one above, and cProfile's overhead inflates Python-heavy stages, so "
        "read the shares, not the seconds.\n\n" + "\n".join(lines) + "\n\n" + "\n\n".join(parts)
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--circle-layout",
        default="",
        help="sizes (comma-separated) whose network layout is drawn on a circle",
    )
    parser.add_argument("--results", default=str(ROOT / "bench" / "RESULTS.md"))
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    circle = {int(s) for s in args.circle_layout.split(",") if s.strip()}
    body = report(sizes, circle, args.seed)
    update_section(Path(args.results), "Where the build's time goes", body)
    print(body)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
