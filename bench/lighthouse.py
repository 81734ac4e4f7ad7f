"""Lighthouse scores of the overview and two chart pages, with its mobile and desktop presets.

Usage: python bench/lighthouse.py [--site bench/out/site] [--results bench/RESULTS.md]

Lighthouse 12.2.3 (the last that runs on Node 20) is installed with npm into .cache/lighthouse/
on first use. It drives Debian's Chromium (CHROME_PATH) against the built site served on
127.0.0.1 by bench/serve.py with gzip, as a static host serves it. Each page is audited once
per preset: mobile (Lighthouse's default: a mid-range phone on a throttled 4G connection,
simulated) and desktop (``--preset=desktop``). The pages: the overview (text only), the
narrative page with the most charts (a typical chart page) and the page with the most charts
(the data page). JSON reports go to bench/out/lighthouse/.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.measure import CHROMIUM, LIGHTHOUSE_DIR, OUT  # noqa: E402
from bench.page_weight import chart_count, chart_page_of, page_kinds  # noqa: E402
from bench.results import update_section  # noqa: E402
from tests.support.serve import serve  # noqa: E402

VERSION = "12.2.3"
BINARY = LIGHTHOUSE_DIR / "node_modules" / ".bin" / "lighthouse"
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = (
    ("first-contentful-paint", "FCP"),
    ("largest-contentful-paint", "LCP"),
    ("total-blocking-time", "TBT"),
    ("cumulative-layout-shift", "CLS"),
    ("speed-index", "SI"),
    ("total-byte-weight", "transfer"),
)


def install() -> Path:
    """lighthouse@12.2.3 under .cache/lighthouse (gitignored), once."""
    package = LIGHTHOUSE_DIR / "node_modules" / "lighthouse" / "package.json"
    if package.exists() and json.loads(package.read_text("utf-8"))["version"] == VERSION:
        return BINARY
    LIGHTHOUSE_DIR.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            "npm",
            "install",
            "--prefix",
            str(LIGHTHOUSE_DIR),
            "--no-audit",
            "--no-fund",
            "--loglevel=error",
            f"lighthouse@{VERSION}",
        ],
        check=True,
    )
    return BINARY


def audit(url: str, preset: str, report: Path) -> dict:
    report.parent.mkdir(parents=True, exist_ok=True)
    command = [
        str(BINARY),
        url,
        "--output=json",
        f"--output-path={report}",
        f"--chrome-flags={CHROME_FLAGS}",
        "--quiet",
        "--only-categories=" + ",".join(CATEGORIES),
    ]
    if preset == "desktop":
        command.append("--preset=desktop")
    subprocess.run(command, check=True, env={**os.environ, "CHROME_PATH": CHROMIUM}, timeout=600)
    return json.loads(report.read_text("utf-8"))


def row(label: str, preset: str, data: dict) -> str:
    scores = []
    for category in CATEGORIES:
        score = data["categories"][category]["score"]
        scores.append("-" if score is None else f"{score * 100:.0f}")
    metrics = []
    for key, _ in METRICS:
        audit_result = data["audits"].get(key, {})
        value = audit_result.get("numericValue")
        if value is None:
            metrics.append("-")
        elif key == "cumulative-layout-shift":
            metrics.append(f"{value:.3f}")
        elif key == "total-byte-weight":
            metrics.append(f"{value / 1024:,.0f} KB")
        else:
            metrics.append(f"{value / 1000:.1f} s" if value >= 1000 else f"{value:.0f} ms")
    return f"| {label} | {preset} | " + " | ".join(scores + metrics) + " |"


def run(site: Path, results_path: Path | None, log=print, port: int = 0) -> str:
    install()
    slug = next(p.parent.parent.name for p in sorted(site.glob("*/timeline/index.html")))
    chart_page = chart_page_of(site)
    charts = chart_count(site / chart_page / "index.html")
    pages = [(f"overview (`{slug}/`)", f"{slug}/")]
    narrative = next(
        (path for label, path in page_kinds(site, slug) if label.startswith("narrative page")),
        None,
    )
    if narrative and narrative != chart_page:
        count = chart_count(site / narrative / "index.html")
        if count:
            plural = "s" * (count != 1)
            pages.append((f"narrative page (`{narrative}`, {count} chart{plural})", narrative))
    pages.append((f"chart page (`{chart_page}`, {charts} charts)", chart_page))
    rows = []
    with serve(site, port, compress=True) as base:
        for label, path in pages:
            for preset in ("mobile", "desktop"):
                name = (path.strip("/").replace("/", "-") or "home") + f"-{preset}"
                log(f"[lighthouse] {path} {preset}")
                data = audit(base + path, preset, OUT / "lighthouse" / f"{name}.json")
                rows.append(row(label, preset, data))
    header = (
        "| page | preset | performance | accessibility | best practices | SEO | "
        + " | ".join(name for _, name in METRICS)
        + " |"
    )
    body = (
        "Measured by `python bench/lighthouse.py` (part of `python -m bench`): Lighthouse "
        f"{VERSION} in Debian's Chromium against the shipped site built into bench/out/site and "
        "served on 127.0.0.1 with gzip. Mobile is Lighthouse's default (simulated mid-range "
        "phone, slow 4G); desktop is `--preset=desktop`. One run each; Lighthouse's performance "
        "score varies by a few points between runs, more on a busy machine. FCP/LCP/SI are "
        "simulated load times, TBT the main thread's blocking time, transfer the bytes loaded "
        "(gzip). Reports: bench/out/lighthouse/*.json.\n\n"
        + header
        + "\n"
        + "| --- | --- |"
        + " ---: |" * (len(CATEGORIES) + len(METRICS))
        + "\n"
        + "\n".join(rows)
    )
    if results_path:
        update_section(results_path, "Lighthouse", body)
    return body


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", default=str(OUT / "site"))
    parser.add_argument("--results", default=str(ROOT / "bench" / "RESULTS.md"))
    parser.add_argument(
        "--port", type=int, default=0, help="serve here: the port of the site's SITE_URL"
    )
    args = parser.parse_args(argv)
    print(run(Path(args.site), Path(args.results), port=args.port))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
