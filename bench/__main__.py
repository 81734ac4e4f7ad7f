"""``python -m bench``: every benchmark, one after the other, rewriting bench/RESULTS.md.

Usage: python -m bench [--sizes 100,1000,10000] [--editor-sizes 1000] [--profile-sizes 1000]
                       [--edits 5] [--timeout 1200] [--repeats 5] [--skip editor,lighthouse,...]

Sections, in order (each rewritten by bench/results.py's update_section, others left alone):
machine and versions; build time and memory (bench/build_benchmark.py); where the build's time
goes (bench/profile_build.py); the editor's loop (bench/editor_loop.py); page weight
(bench/page_weight.py) and Lighthouse (bench/lighthouse.py) on the shipped site, built into
bench/out/site. A quick check: ``python -m bench --sizes 100,1000 --skip lighthouse``.
Everything generated goes under bench/out/ (gitignored); the project's site/ is not touched.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import (  # noqa: E402
    build_benchmark,
    editor_loop,
    lighthouse,
    page_weight,
    profile_build,
)
from bench.measure import (  # noqa: E402
    CHILD,
    OUT,
    PYTHON,
    child_env,
    environment_section,
    free_port,
    run_measured,
)
from bench.results import TITLE, order_sections, update_section  # noqa: E402

STEPS = ("build", "profile", "editor", "weight", "lighthouse")
SECTIONS = [
    "Machine and versions",
    "Build time and memory",
    "Where the build's time goes",
    "Editor's loop",
    "Page weight",
    "Lighthouse",
]


def sizes(text: str) -> list[int]:
    return [int(s) for s in text.split(",") if s.strip()]


def build_shipped_site(log, port: int) -> Path:
    """The shipped content, as `./dev site` builds it (both languages), into bench/out/site.

    Its SITE_URL is the address it will be served at: the theme fetches sitemap.xml from there
    (instant navigation), and a site built for another address logs errors in the console.
    """
    site = OUT / "site"
    run = run_measured(
        [PYTHON, CHILD, "generator", "build", "--site-dir", str(site)],
        OUT / "site-build.log",
        cwd=ROOT,
        env=child_env(SITE_URL=f"http://127.0.0.1:{port}/"),
    )
    if not run.ok:
        raise SystemExit(f"building the shipped site failed, see {run.log}")
    log(f"[site] shipped site built in {run.seconds:.1f} s into {site}")
    return site


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,10000", help="build benchmark sizes (events)")
    parser.add_argument(
        "--editor-sizes", default="1000", help="synthetic sizes for the editor loop"
    )
    parser.add_argument("--profile-sizes", default="1000", help="sizes to profile ('' for none)")
    parser.add_argument("--edits", type=int, default=5, help="edits per editor-loop row")
    parser.add_argument("--timeout", type=float, default=1200, help="seconds per build")
    parser.add_argument("--repeats", type=int, default=5, help="pairs of builds per size")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--skip", default="", help=f"steps to skip: {', '.join(STEPS)}")
    parser.add_argument("--results", default=str(ROOT / "bench" / "RESULTS.md"))
    args = parser.parse_args(argv)
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    if skip - set(STEPS):
        parser.error(f"unknown steps: {', '.join(sorted(skip - set(STEPS)))}")
    results = Path(args.results)
    if not results.exists():
        results.write_text(TITLE, "utf-8")
    started = time.perf_counter()

    def log(message: str) -> None:
        print(f"[{time.perf_counter() - started:7.0f} s] {message}", flush=True)

    timed_out: set[int] = set()
    if "build" not in skip:
        outcome, _ = build_benchmark.run(
            sizes(args.sizes), args.seed, args.timeout, results, log, args.repeats
        )
        timed_out = {r.events for r in outcome if r.full and r.full.timed_out}
    if "profile" not in skip and sizes(args.profile_sizes):
        body = profile_build.report(sizes(args.profile_sizes), timed_out, args.seed, log)
        update_section(results, "Where the build's time goes", body)
    if "editor" not in skip:
        editor_loop.run(sizes(args.editor_sizes), args.edits, True, args.seed, results, log)
    if not {"weight", "lighthouse"} <= skip:
        port = free_port()
        site = build_shipped_site(log, port)
        if "weight" not in skip:
            log("[weight] page weight in Chromium")
            page_weight.main(["--site", str(site), "--results", str(results), "--port", str(port)])
        if "lighthouse" not in skip:
            lighthouse.run(site, results, log, port)
    # last: the steps install what they measure with (Lighthouse), and the table names it
    update_section(results, "Machine and versions", environment_section())
    order_sections(results, SECTIONS)
    log(f"done: {results}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
