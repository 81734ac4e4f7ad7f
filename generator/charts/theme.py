"""The one house Plotly template every chart uses, served once instead of inside each figure.

Colours that depend on light or dark mode (background, text) are not fixed here: the loader reads
them from the page's own CSS when it draws and when the reader flips the palette.
"""

from __future__ import annotations

import json

import plotly.graph_objects as go

# Okabe–Ito: distinguishable with the common colour-vision deficiencies.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999"]
HIGHLIGHT = "#D55E00"
MUTED_OPACITY = 0.45
FONT_STACK = '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, Helvetica, Arial, sans-serif'
GRID = "rgba(128, 128, 128, 0.28)"
MARGIN = 8  # around the plotting area, in pixels (flow layouts and static pictures rely on it)


def house_template() -> go.layout.Template:
    axis = {
        "gridcolor": GRID,
        "zerolinecolor": GRID,
        "linecolor": GRID,
        "automargin": True,
        "ticks": "",
        # the page's size, not plotly.js's 1.2 times it: the picture draws titles at 13 px, and
        # a larger one, centred under a phone's narrow plotting area, ran past the screen's edge
        "title": {"standoff": 8, "font": {"size": 13}},
    }
    return go.layout.Template(
        layout={
            "font": {"family": FONT_STACK, "size": 13},
            "colorway": PALETTE,
            "paper_bgcolor": "rgba(0,0,0,0)",
            "plot_bgcolor": "rgba(0,0,0,0)",
            "margin": {"l": MARGIN, "r": MARGIN, "t": MARGIN, "b": MARGIN, "pad": 2},
            "hoverlabel": {"font": {"family": FONT_STACK}},
            "legend": {
                "orientation": "h",
                "yanchor": "bottom",
                "y": 1.01,
                "xanchor": "left",
                "x": 0,
                "title": {"text": ""},
            },
            "xaxis": axis,
            "yaxis": axis,
        }
    )


def house_template_json() -> str:
    return (
        json.dumps(house_template().to_plotly_json(), sort_keys=True, separators=(",", ":")) + "\n"
    )
