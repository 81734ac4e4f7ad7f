"""The static picture each chart shows before plotly.js loads: the same marks as the figure."""

from __future__ import annotations

import xml.etree.ElementTree as etree
from pathlib import Path

import pytest

from generator.charts.layout import force_layout
from generator.charts.network_labels import LABEL_FONT, label_box, place_labels, to_pixels
from generator.charts.network_picture import HEIGHT, SIZES, network_svg
from generator.charts.picture import MAX_MARKS, WIDTHS, picture_svg
from generator.charts.types.network import node_radius
from generator.render.locale import load_locale
from tests.test_charts import LOCALE, built, loaded  # noqa: F401  (loaded is a fixture)

ROMANIAN = load_locale(Path(__file__).resolve().parent.parent / "site_config" / "locales", "ro")


def pictures(figure, months=LOCALE["months"]) -> dict[str, etree.Element]:
    """Each width's <svg>, parsed, by its variant name."""
    markup = picture_svg(
        figure.to_plotly_json() if hasattr(figure, "to_plotly_json") else figure, months
    )
    assert markup is not None, "the figure has no picture"
    svgs = etree.fromstring(f"<pictures>{markup}</pictures>")
    return {svg.get("class").rsplit("--", 1)[1]: svg for svg in svgs}


def texts(svg: etree.Element) -> list[str]:
    return [element.text for element in svg.iter("text")]


def test_a_bar_picture_draws_each_bar_to_scale_and_in_the_highlight_colour(loaded):  # noqa: F811
    chart = built(loaded, "amounts")
    drawn = pictures(chart.figure)
    assert set(drawn) == set(WIDTHS)
    for svg in drawn.values():
        bars = [rect for rect in svg.iter("rect") if rect.get("fill", "").startswith("#")]
        heights = [float(rect.get("height")) for rect in bars]
        assert len(heights) == 3
        values = [200, 300.25, 500.25]
        for height, value in zip(heights, values, strict=True):
            assert height / heights[2] == pytest.approx(value / values[2], abs=0.01)
        assert bars[2].get("fill") != bars[0].get("fill"), "the highlighted bar looks the same"
        assert bars[0].get("fill-opacity"), "the other bars are not muted"
        assert {"Apr 2024", "May 2024", "Jun 2024"} <= set(texts(svg))
        assert {"200", "300.25", "500.25"} <= set(texts(svg)), "the bars carry no values"
        assert svg.get("aria-hidden") == "true", "a screen reader would read the picture twice"


def test_grouped_bars_sit_side_by_side_with_a_legend(loaded):  # noqa: F811
    chart = built(loaded, "amounts-across")
    svg = pictures(chart.figure)["wide"]
    names = [trace.name for trace in chart.figure.data]
    assert set(names) <= set(texts(svg)), "the legend does not name both series"
    marks = svg.findall("g/g")  # one group of bars per trace, in the traces' order
    first, second = ([float(r.get("y")), float(r.get("height"))] for r in (g[0] for g in marks))
    assert second[0] == pytest.approx(first[0] + first[1], abs=0.2), (
        "the second series' bar is not beside the first's, in the same category"
    )


def test_a_timeline_picture_has_a_mark_per_event_and_local_month_names(loaded):  # noqa: F811
    investigation, charts = loaded
    from generator.charts.figures import build_chart

    chart = build_chart(charts["events-lanes"], investigation, ROMANIAN)
    svg = pictures(chart.figure, ROMANIAN["months"])["wide"]
    marks, legend = svg.find("g[@class='marks']"), svg.find("g[@class='legend']")
    drawn = [e for e in marks.iter() if e.tag in ("circle", "path", "rect")]
    points = sum(1 for t in chart.figure.data for y in t.y if y is not None)
    assert len(drawn) == points, "not one mark per event"
    named = [t for t in chart.figure.data if t.showlegend is not False]
    assert len(legend.findall("text")) == len(named)
    lanes = {note.text for note in chart.figure.layout.annotations}
    assert lanes and lanes <= set(texts(svg))
    months = {month[:3] for month in ROMANIAN["months"]}
    ticks = [text.split()[0] for text in texts(svg) if text and text.split()[0] in months]
    assert ticks, f"no Romanian month on the date axis: {texts(svg)}"


def network_pictures(figure) -> dict[str, etree.Element]:
    markup = network_svg(figure.to_plotly_json(), LOCALE["months"])
    assert markup is not None, "the network has no picture"
    svgs = etree.fromstring(f"<pictures>{markup}</pictures>")
    return {svg.get("class").split()[1].rsplit("--", 1)[1]: svg for svg in svgs}


def test_a_network_picture_draws_every_actor_and_dashes_alleged_links(loaded):  # noqa: F811
    """Each actor a node a keyboard can reach and a screen reader names; its links and its
    neighbours lit up inside it (the stylesheet shows them on hover and focus)."""
    chart = built(loaded, "who-paid")
    names = {"Example Agency", "Sample Network"}
    for svg in network_pictures(chart.figure).values():
        nodes = svg.findall(".//g[@class='network__node']")
        assert {node.get("aria-label") for node in nodes} == names
        assert all(node.get("tabindex") == "0" for node in nodes)
        for node in nodes:
            lit = node.findall("*[@class='network__focus']")
            assert lit and lit[0].get("d", "").count("L") == 1, "the node's one link is not lit"
        dashed = [g for g in svg.iter("g") if g.get("stroke-dasharray")]
        assert dashed and any(g.find("polyline") is not None for g in dashed)
        assert svg.get("aria-hidden") is None, "focusable nodes inside a hidden picture"


def test_network_labels_are_short_names_placed_where_plotly_puts_them(loaded):  # noqa: F811
    """The picture's labels are the figure's annotations, at the same side of the same node;
    none overlaps another or leaves the picture, at either width; nodes grow with links."""
    figure = built(loaded, "who-paid").figure
    annotations = figure.layout.annotations
    assert {a.text for a in annotations} == {"Example Agency", "Sample Network"}
    for name, svg in network_pictures(figure).items():
        labels = svg.find("g[@class='network__labels']").findall("text")
        assert [label.text for label in labels] == [a.text for a in annotations]
        width = WIDTHS[name]
        for label, annotation in zip(labels, annotations, strict=True):
            x, y = to_pixels(annotation.x, annotation.y, width, HEIGHT)
            assert float(label.get("x")) == pytest.approx(x + annotation.xshift, abs=0.1)
            assert float(label.get("y")) == pytest.approx(
                y - annotation.yshift + LABEL_FONT * 0.35, abs=0.1
            )


def test_label_placement_keeps_labels_apart_and_inside_at_both_widths():
    """A crowd of long names around a hub: every label placed is clear of the others and of
    the edge at both sizes; those that fit nowhere are left out (the chart's note names them)."""
    nodes = [f"n{i}" for i in range(30)]
    positions = force_layout(nodes, [("n0", n) for n in nodes[1:]])
    radii = {n: node_radius(29 if n == "n0" else 1) for n in nodes}
    labels = {n: f"Example Organisation Number {i}" for i, n in enumerate(nodes)}
    placed = place_labels(nodes, positions, radii, labels, SIZES)
    assert "n0" in placed and 0 < len(placed) < len(nodes)
    for size in SIZES:
        boxes = [label_box(to_pixels(*positions[n], *size), placed[n], labels[n]) for n in placed]
        assert all(box.inside(*size) for box in boxes)
        for index, box in enumerate(boxes):
            assert not any(box.overlaps(other) for other in boxes[index + 1 :])
    assert node_radius(9) > node_radius(4) > node_radius(1)


def test_a_flow_picture_puts_nodes_where_the_chart_fixes_them(loaded):  # noqa: F811
    """Plotly draws the flow with the node positions the figure fixes; the picture draws the
    same nodes there, each as thick as its larger side's total, and one band per flow."""
    figure = built(loaded, "money-flow").figure
    (trace,) = figure.data
    assert len(trace.node.x) == len(trace.node.label) == len(trace.node.y)
    svg = pictures(figure)["wide"]
    bands, nodes, labels = svg.findall("g")
    assert len(bands.findall("path")) == len(trace.link.value)
    heights = [float(rect.get("height")) for rect in nodes.findall("rect")]
    totals = [1000.5, 1000.5, 400]  # agency → network → influencers
    for height, total in zip(heights, totals, strict=True):
        assert height / heights[0] == pytest.approx(total / totals[0], abs=0.01)
    centres = [float(r.get("y")) + float(r.get("height")) / 2 for r in nodes.findall("rect")]
    plot_height = figure.layout.height - 16
    for centre, share in zip(centres, trace.node.y, strict=True):
        assert centre == pytest.approx(8 + share * plot_height, abs=0.5)
    assert [t.text for t in labels.findall("text")] == list(trace.node.label)


def test_circular_flows_and_heavy_figures_have_no_picture():
    circular = {
        "data": [
            {
                "type": "sankey",
                "node": {"label": ["a", "b"], "x": [0.1, 0.9], "y": [0.5, 0.5]},
                "link": {"source": [0, 1], "target": [1, 0], "value": [1, 1]},
            }
        ],
        "layout": {"height": 300},
    }
    assert picture_svg(circular, LOCALE["months"]) is None
    crowded = {
        "data": [
            {"type": "scatter", "x": list(range(MAX_MARKS + 1)), "y": list(range(MAX_MARKS + 1))}
        ],
        "layout": {},
    }
    assert picture_svg(crowded, LOCALE["months"]) is None
    long_labels = {  # few marks, but labels that would make a picture of hundreds of kilobytes
        "data": [
            {
                "type": "bar",
                "orientation": "h",
                "x": [1] * 200,
                "y": [f"{n} {'x' * 400}" for n in range(200)],
            }
        ],
        "layout": {"yaxis": {"type": "category"}},
    }
    assert picture_svg(long_labels, LOCALE["months"]) is None


def test_labels_are_text_whatever_they_contain():
    label = '<script>alert("x")</script> & <b>bold</b>'
    figure = {
        "data": [{"type": "bar", "x": [label, "other"], "y": [1, 2], "name": label}],
        "layout": {"xaxis": {"type": "category"}},
    }
    svg = pictures(figure)["wide"]
    assert label in texts(svg)
    assert not [e for e in svg.iter() if e.tag in ("script", "b", "foreignObject")]
