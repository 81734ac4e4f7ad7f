"""A chart's Plotly figure, built by its type (generator/charts/types/), and its JSON.

The JSON is what the page's loader script hands to plotly.js: deterministic, and with every
editor text escaped for plotly.js's little HTML.
"""

from __future__ import annotations

import functools
import json

import plotly.graph_objects as go
from plotly.utils import PlotlyJSONEncoder

from generator.charts.plotting import BuiltChart, Link
from generator.charts.types import CHART_TYPES
from generator.model import Chart, Investigation
from generator.render.links import Resolver
from generator.render.locale import Locale


def build_chart(
    chart: Chart, investigation: Investigation, locale: Locale, link: Link | None = None
) -> BuiltChart:
    """``link`` gives the address a click on an item's mark opens (by default the item's entry
    on its section page; the site passes its resolver's, which knows long sections' parts)."""
    if link is None:
        resolver = Resolver({investigation.slug: investigation}, locale.language)
        link = functools.partial(resolver.site_url, investigation.slug)
    built = CHART_TYPES[chart.type].figure(chart, investigation, locale, link)
    number = locale["number"]
    built.figure.update_layout(separators=number["decimal"] + number["thousands"])
    return built


def plain_text(text: str) -> str:
    """Text as plotly.js shows it literally: it reads every label, name, title and hover text
    as a little HTML (``<a href>``, ``<b>``, ``<span style>``, ``<br>``) and decodes ``&lt;``,
    ``&gt;`` and ``&amp;``, so escaping these three shows editor text as typed."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# the keys of texts only hover labels show (a flow's band and node labels: its picture's names
# and amounts are annotations), broken into lines by ``plotting.hover_lines``
HOVER_KEYS = ("hovertext", "label")


def plain_texts(value, key: str = ""):
    """Every string of a figure's JSON through ``plain_text``, wherever Plotly may show it.

    Only the templates (``hovertemplate``, ``texttemplate``) keep their markup: the code writes
    them, and editor text reaches them only by reference (``%{customdata}``, ``%{label}``),
    which plotly.js substitutes already escaped. A hover text's line breaks (see
    ``plotting.hover_lines``) become ``<br>``. Figures are made of editor text at many places
    (categories, lanes, legend names, axis titles, node labels, hover text): escaping at this
    one door, on the way to plotly.js, leaves none out. Other strings (colours, dates, link
    addresses) hold no ``<``, ``>`` or ``&``.
    """
    if isinstance(value, str):
        if key.endswith("template"):
            return value
        if key in HOVER_KEYS:  # plotly.js draws a line break as a space; <br> breaks the line
            return "<br>".join(plain_text(line) for line in value.split("\n"))
        return plain_text(value)
    if isinstance(value, dict):
        return {name: plain_texts(item, name) for name, item in value.items()}
    if isinstance(value, list | tuple):
        return [plain_texts(item, key) for item in value]
    return value


def figure_json(figure: go.Figure) -> str:
    """Figure JSON without Plotly's default template, keys sorted: byte-identical every build.

    Its text is plain text for plotly.js (see ``plain_texts``); the figure itself, and the
    static picture drawn from it, keep the text as written.
    """
    data = figure.to_plotly_json()
    data.get("layout", {}).pop("template", None)
    data = plain_texts(data)
    return (
        json.dumps(
            data, cls=PlotlyJSONEncoder, sort_keys=True, separators=(",", ":"), ensure_ascii=False
        )
        + "\n"
    )
