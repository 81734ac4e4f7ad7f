"""Chart labels in the built site, in each language: bars carry their values in the page's number
format and date categories as dates; a network names, below its drawing, every node it leaves
without a label, and its legend sits outside the drawing so both drawings share it."""

from __future__ import annotations

import json
from pathlib import Path

from tests.sitetools import soup


def _figure(site: Path, page: str, chart_id: str):
    figure = soup(site / page / "index.html").select_one(f"figure#chart-{chart_id}")
    assert figure is not None, f"{page}: no chart {chart_id}"
    return figure


def _values(figure) -> list[str]:
    """The value labels of the figure's picture, at either width."""
    return [text.get_text() for text in figure.select("svg.chart__picture g.values text")]


def test_bars_carry_their_values_in_each_language_number_format(stories_site):
    english = _values(_figure(stories_site, "romania-2024/data", "first-round-2024"))
    romanian = _values(_figure(stories_site, "ro/romania-2024/data", "first-round-2024"))
    assert "22.94" in english and "19.18" in english
    assert "22,94" in romanian and "19,18" in romanian
    assert not any("." in value for value in romanian)
    quarters = _figure(stories_site, "lakeford-water/data", "payments-by-quarter")
    assert {"40,000", "80,000"} <= set(_values(quarters))


def test_a_date_category_is_shown_as_a_date(stories_site):
    quarters = _figure(stories_site, "lakeford-water/data", "payments-by-quarter")
    axis = {text.get_text() for text in quarters.select("svg.chart__picture g.axes text")}
    assert {"Mar 2024", "Dec 2024"} <= axis and "2024-03" not in axis
    table = [cell.get_text() for cell in quarters.select(".chart__table td")]
    assert "2024-03" in table, "the data table keeps the value as written"


def test_a_network_names_the_nodes_it_leaves_unlabelled(stories_site):
    """Every node without a label on the picture is named in the note below it; a node with a
    label is not."""
    for page in ("romania-2024/actors", "ro/romania-2024/actors", "lakeford-water/actors"):
        figure = _figure(stories_site, page, "who-is-linked")
        spec = json.loads((stories_site / page / figure["data-chart-src"]).resolve().read_text())
        meta = spec["layout"]["meta"]["network"]
        unlabelled = [name for key, name in meta["short"].items() if key not in meta["labels"]]
        note = figure.select_one(".chart__note")
        if not unlabelled:
            assert note is None, f"{page}: a note though every node has a label"
            continue
        assert note is not None, f"{page}: {len(unlabelled)} nodes unlabelled, and no note"
        assert all(name in note.get_text() for name in unlabelled)
        shown = {text.get_text() for text in figure.select("g.network__labels text")}
        assert shown == {meta["short"][key] for key in meta["labels"]}
        legend = [item.get_text() for item in figure.select("ul.chart__legend li")]
        assert legend, f"{page}: no legend beside the network"
