"""Which plotly.js a chart needs: the smallest official bundle that draws all its traces.

plotly.js is most of a chart page's weight (4.8 MB for the full bundle, 1.2 MB for the official
"basic" partial bundle of scatter, bar and pie). The basic bundle is installed from the npm
registry by ``./dev`` (never committed); without it every chart uses the full bundle that ships
inside the plotly Python package.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import plotly.graph_objects as go

BASIC_TRACES = frozenset({"scatter", "bar", "pie"})
FULL = "assets/javascripts/plotly.min.js"
BASIC = "assets/javascripts/plotly-basic.min.js"
NPM_FOLDER = Path(".cache") / "plotly-bundles"
BASIC_PACKAGE_FILE = Path("node_modules/plotly.js-basic-dist-min/plotly-basic.min.js")


@dataclass(frozen=True)
class Bundle:
    name: str  # "basic" or "full": the loader picks the largest any chart of a page needs
    site_path: str  # where the site serves it
    source: Path  # the file it is copied from


def full_bundle() -> Bundle:
    import plotly

    return Bundle("full", FULL, Path(plotly.__file__).parent / "package_data" / "plotly.min.js")


def basic_bundle(project_root: Path) -> Bundle | None:
    """The basic partial bundle, if ``./dev`` installed it for this plotly.js version."""
    source = project_root / NPM_FOLDER / BASIC_PACKAGE_FILE
    return Bundle("basic", BASIC, source) if source.is_file() else None


def bundle_for(figure: go.Figure, basic: Bundle | None) -> Bundle:
    """The basic bundle when it draws every trace of ``figure``, else the full one."""
    if basic is not None and all(trace.type in BASIC_TRACES for trace in figure.data):
        return basic
    return full_bundle()
