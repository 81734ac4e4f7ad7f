"""Which plotly.js a chart draws with: the site's own bundle of exactly the traces it uses.

plotly.js is most of a chart page's weight once a reader makes its charts interactive: 4.8 MB
for the full bundle, 1.2 MB for the official "basic" one (scatter, bar, pie), which cannot draw
a flow (sankey). So ``./dev`` builds one bundle at install time from plotly.js's own modules on
npm (plotly.js's core, with only the components the figures use, plus one module per trace
type) with esbuild (tools/plotly-bundle/build.mjs): the trace types are those the registered
chart types declare (``ChartType.traces``), so every chart of the site draws with it and a page
loads it once. The bundle is cached under .cache/ in a file named after what it is built from
(plotly.js and esbuild versions, the traces, the build script), so a change to any of them
builds a new one.

Fallbacks, where npm or node is missing or the build fails: the official basic bundle if npm
installed it, else the full bundle that ships inside the plotly Python package.

``python -m generator.charts.bundles`` prints what ``./dev`` needs to build the bundle: the
plotly.js version, the esbuild version, the file to write and the trace types, on one line.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import plotly.graph_objects as go

ESBUILD_VERSION = "0.28.2"
BASIC_TRACES = frozenset({"scatter", "bar", "pie"})
FULL = "assets/javascripts/plotly.min.js"
BASIC = "assets/javascripts/plotly-basic.min.js"
SITE = "assets/javascripts/plotly-site.min.js"
NPM_FOLDER = Path(".cache") / "plotly-bundles"
BASIC_PACKAGE_FILE = Path("node_modules/plotly.js-basic-dist-min/plotly-basic.min.js")
# beside the generator: ./dev builds the bundle from its own checkout, whichever project it serves
BUILD_SCRIPT = Path(__file__).resolve().parents[2] / "tools" / "plotly-bundle" / "build.mjs"


@dataclass(frozen=True)
class Bundle:
    name: str  # "site", "basic" or "full": the loader loads one per page where it can
    site_path: str  # where the site serves it
    source: Path  # the file it is copied from
    traces: frozenset[str] | None = None  # the trace types it draws; None: every one


def plotly_version() -> str:
    from plotly.offline import get_plotlyjs_version

    return get_plotlyjs_version()


def site_traces() -> tuple[str, ...]:
    """Every trace type some registered chart type draws, sorted."""
    from generator.charts.types import CHART_TYPES

    return tuple(sorted({trace for kind in CHART_TYPES.values() for trace in kind.traces}))


def site_bundle_file(project_root: Path, traces: tuple[str, ...] | None = None) -> Path:
    """Where ``./dev`` writes the site's bundle: named after everything its bytes depend on."""
    traces = traces if traces is not None else site_traces()
    key = hashlib.sha256(
        "\n".join(
            [
                plotly_version(),
                ESBUILD_VERSION,
                ",".join(traces),
                BUILD_SCRIPT.read_text("utf-8") if BUILD_SCRIPT.is_file() else "",
            ]
        ).encode("utf-8")
    ).hexdigest()[:16]
    return project_root / NPM_FOLDER / "site" / f"plotly-{plotly_version()}-{key}.min.js"


def full_bundle() -> Bundle:
    import plotly

    return Bundle("full", FULL, Path(plotly.__file__).parent / "package_data" / "plotly.min.js")


def site_bundle(project_root: Path) -> Bundle | None:
    """The bundle of the site's own traces, if ``./dev`` built it for these versions."""
    traces = site_traces()
    source = site_bundle_file(project_root, traces)
    return Bundle("site", SITE, source, frozenset(traces)) if source.is_file() else None


def basic_bundle(project_root: Path) -> Bundle | None:
    """The smallest bundle installed that is not the full one: the site's own when it was
    built, else the official basic bundle if npm installed it for this plotly.js version."""
    built = site_bundle(project_root)
    if built is not None:
        return built
    source = project_root / NPM_FOLDER / BASIC_PACKAGE_FILE
    return Bundle("basic", BASIC, source, BASIC_TRACES) if source.is_file() else None


def bundle_for(figure: go.Figure, partial: Bundle | None) -> Bundle:
    """``partial`` when it draws every trace of ``figure``, else the full bundle."""
    traces = partial.traces if partial is not None else None
    if partial is not None and traces is not None and all(t.type in traces for t in figure.data):
        return partial
    return full_bundle()


def main() -> None:
    """One line for ``./dev``: plotly.js version, esbuild version, bundle file, trace types."""
    root = Path.cwd()
    target = site_bundle_file(root).relative_to(root)
    print(plotly_version(), ESBUILD_VERSION, target, *site_traces())


if __name__ == "__main__":
    main()
