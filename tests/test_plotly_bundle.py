"""The site's own plotly.js bundle: exactly the trace types the chart types draw, one per page.

The bundle itself is built by ``./dev`` (npm, esbuild); the tests that need it skip where it was
not built, and the fallback is tested by running ``./dev bundle`` with an npm that is missing.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.charts.bundles import (
    BASIC_PACKAGE_FILE,
    NPM_FOLDER,
    basic_bundle,
    bundle_for,
    site_bundle,
    site_bundle_file,
    site_traces,
)
from generator.charts.figures import build_chart
from generator.charts.types import CHART_TYPES
from generator.pipeline import load_and_check
from generator.render.locale import load_locale
from tests.sitetools import FIXTURE_STORIES, ROOT, SHIPPED, story_folders

LOCALE = load_locale(ROOT / "site_config" / "locales", "en")


@functools.cache
def every_chart() -> list[tuple[str, str, str, set[str]]]:
    """(story, chart, type, trace types of its figure) of every shipped and test chart."""
    found = []
    for story in story_folders(FIXTURE_STORIES, SHIPPED):
        result = load_and_check(story.parent)
        for investigation in result.investigations:
            if investigation.slug != story.name:
                continue
            for chart in investigation.charts:
                figure = build_chart(chart, investigation, LOCALE).figure
                found.append((story.name, chart.id, chart.type, {t.type for t in figure.data}))
    return found


def test_every_chart_draws_only_the_traces_its_type_declares():
    """A chart type that starts drawing a new trace must name it, or the bundle lacks it."""
    charts = every_chart()
    assert {kind for _, _, kind, _ in charts} == set(CHART_TYPES)  # every type is exercised
    for story, chart_id, kind, traces in charts:
        assert traces <= set(CHART_TYPES[kind].traces), (story, chart_id, traces)


def test_the_site_bundle_holds_every_declared_trace_and_no_other():
    declared = {trace for kind in CHART_TYPES.values() for trace in kind.traces}
    assert set(site_traces()) == declared
    assert "sankey" in declared and "pie" not in declared  # a flow draws; nothing draws a pie


def test_the_cached_bundle_is_named_after_what_it_is_built_from(tmp_path):
    one = site_bundle_file(tmp_path, ("bar", "scatter"))
    assert one == site_bundle_file(tmp_path, ("bar", "scatter"))
    assert one != site_bundle_file(tmp_path, ("bar", "sankey", "scatter"))
    assert one.parent == tmp_path / NPM_FOLDER / "site"


def test_every_chart_draws_with_the_one_site_bundle_when_it_is_built(tmp_path):
    target = site_bundle_file(tmp_path)
    target.parent.mkdir(parents=True)
    target.write_text("/* plotly.js */")
    bundle = basic_bundle(tmp_path)
    assert bundle == site_bundle(tmp_path) and bundle.name == "site"
    story = SHIPPED / "romania-2024"
    investigation = load_and_check(story.parent).investigations[0]
    chosen = {
        bundle_for(build_chart(chart, investigation, LOCALE).figure, bundle).site_path
        for chart in investigation.charts
    }
    assert chosen == {bundle.site_path}


def test_the_official_bundles_stand_in_where_the_site_bundle_was_not_built(tmp_path):
    investigation = load_and_check(SHIPPED).investigations[0]
    flow = next(c for c in investigation.charts if c.type == "flow")
    bar = next(c for c in investigation.charts if c.type == "bar")
    assert basic_bundle(tmp_path) is None
    installed = tmp_path / NPM_FOLDER / BASIC_PACKAGE_FILE
    installed.parent.mkdir(parents=True)
    installed.write_text("/* plotly.js basic */")
    basic = basic_bundle(tmp_path)
    assert basic.name == "basic"
    assert bundle_for(build_chart(bar, investigation, LOCALE).figure, basic).name == "basic"
    assert bundle_for(build_chart(flow, investigation, LOCALE).figure, basic).name == "full"


def _dev_copy(tmp_path: Path) -> Path:
    """A project folder running this checkout's ``dev`` and code, with an empty cache."""
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(ROOT / "dev", project / "dev")
    for name in (".venv", "generator", "tools", "pyproject.toml"):
        (project / name).symlink_to(ROOT / name)
    return project


def test_without_npm_dev_says_the_official_bundle_is_used_and_builds_none(tmp_path):
    project = _dev_copy(tmp_path)
    env = {**os.environ, "NPM": str(tmp_path / "no-such-npm")}
    run = subprocess.run(
        [str(project / "dev"), "bundle"], cwd=project, env=env, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    assert "npm or node not found: charts use plotly.js's official full bundle" in run.stderr
    assert not (project / NPM_FOLDER).exists()
    assert basic_bundle(project) is None  # the build then serves the full bundle


def test_the_build_script_refuses_a_trace_plotly_does_not_have(tmp_path):
    from plotly.offline import get_plotlyjs_version

    modules = ROOT / NPM_FOLDER / f"build-{get_plotlyjs_version()}" / "node_modules"
    if shutil.which("node") is None or not modules.is_dir():
        pytest.skip("./dev has not installed plotly.js and esbuild (npm or node missing?)")
    script = ROOT / "tools" / "plotly-bundle" / "build.mjs"
    out = tmp_path / "plotly.js"
    run = subprocess.run(
        ["node", str(script), str(modules), str(out), "bar", "pies"],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 2
    assert "plotly.js has no trace type 'pies'" in run.stderr
    assert not out.exists()


def test_the_built_bundle_is_minified_and_names_its_version_and_traces():
    bundle = site_bundle(ROOT)
    if bundle is None:
        pytest.skip("./dev has not built the site's plotly.js bundle (npm missing?)")
    text = bundle.source.read_text("utf-8")
    from plotly.offline import get_plotlyjs_version

    first = text.splitlines()[0]
    assert f"plotly.js v{get_plotlyjs_version()}" in first
    assert f"traces: {' '.join(site_traces())}" in first
    assert len(text.splitlines()) < 50  # minified: one long line and the licence notes
