"""Flows (Sankey diagrams): money between actors, derived from the relations with an amount in
one currency, or the rows of a dataset from a source column to a target column."""

from __future__ import annotations

import plotly.graph_objects as go

from generator import attribution
from generator.charts.flow_layout import FlowLayout, flow_layout
from generator.charts.items import drawn_items
from generator.charts.picture import FONT, WIDTHS, flow_svg, text_width
from generator.charts.plotting import (
    BuiltChart,
    Link,
    PlottedData,
    column_label,
    dataset_of,
    full_name,
    hover_lines,
    relation_words,
    said_by,
    short_name,
)
from generator.charts.theme import MARGIN, PALETTE
from generator.charts.types import NUMERIC, ChartType, blank_cells
from generator.csv_data import cell_at
from generator.diagnostics import Diagnostic, Severity
from generator.model import Chart, Dataset, Investigation
from generator.money import (
    beneficiary,
    flow_currency,
    moved,
    moved_relations,
    payer,
)
from generator.render.locale import Locale
from generator.text import pick

FLOW_PAD = 14
FLOW_THICKNESS = 14
_NARROW = WIDTHS["narrow"] - 2 * MARGIN  # the plotting area's width in the narrow picture


def _written(value: float) -> str:
    """An amount as an editor wrote it, for a message: 50,000 rather than 50,000.0."""
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,}"


def check_left_out(chart: Chart, investigation: Investigation) -> list[Diagnostic]:
    """A flow of relations without a currency draws one (see ``money.flow_currency``): each
    amount of money that moved in another currency, drawn by no flow that names it, is left
    out of the picture, and the editor hears which (a warning, so that nothing goes missing
    without a word)."""
    if chart.derived_from != "relations" or chart.currency is not None:
        return []
    drawn = flow_currency(investigation, None)
    named = {
        c.currency
        for c in investigation.charts
        if c.type == "flow" and c.derived_from == "relations" and c.currency
    }
    return [
        Diagnostic(
            r.amount.at("currency"),
            f"chart '{chart.id}' draws the amounts in {drawn} only: relation '{r.id}' "
            f"({r.amount.currency} {_written(r.amount.value)}) is left out of it",
            f"add a flow chart with 'derived_from: relations' and 'currency: "
            f"{r.amount.currency}' to draw it, or give this chart 'currency:' to choose",
            Severity.WARNING,
        )
        for r in moved_relations(investigation)
        if r.amount and r.amount.currency != drawn and r.amount.currency not in named
    ]


def check_rows(chart: Chart, dataset: Dataset, columns: dict) -> list[Diagnostic]:
    """Every flow of a dataset needs where it comes from, where it goes and how much."""
    roles = {"source_column": "sources", "target_column": "targets", "value_column": "values"}
    return blank_cells(chart, dataset, roles) or negative_flows(chart, dataset)


def negative_flows(chart: Chart, dataset: Dataset) -> list[Diagnostic]:
    """A band of negative width cannot be drawn: the direction of a flow is its source and
    target, never the sign of its size."""
    name = chart.value_column
    if name not in {column.name for column in dataset.columns}:
        return []
    return [
        Diagnostic(
            cell_at(row, dataset, name),
            f"negative value in column '{name}', which chart '{chart.id}' draws as the size of "
            "a flow",
            f"write it without the sign and swap the row's {chart.source_column} and "
            f"{chart.target_column}: a flow runs from its source to its target",
        )
        for row in dataset.rows
        if isinstance(row.get(name), int | float) and row[name] < 0
    ]


def _flow_nodes(count: int, sources, targets, values, height: int) -> dict:
    """A flow's node attributes, with fixed positions when the flows have a column order, so
    that the chart and its static picture put each node in the same place."""
    nodes = {
        "pad": FLOW_PAD,
        "thickness": FLOW_THICKNESS,
        "color": [PALETTE[i % len(PALETTE)] for i in range(count)],
    }
    layout = flow_layout(count, sources, targets, values, height - 2 * MARGIN, FLOW_PAD)
    if layout is not None:
        nodes["x"] = [round(x, 4) for x in layout.x]
        nodes["y"] = [round(y, 4) for y in layout.y]
    return nodes


def _on_band(start: tuple[float, float], end: tuple[float, float], t: float):
    """The point at ``t`` (0 at the source, 1 at the target) along the middle of a band as
    Plotly draws it: a cubic curve whose control points sit halfway across."""
    (x0, y0), (x1, y1) = start, end
    middle = (x0 + x1) / 2
    a, b, c, d = (1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t**2, t**3
    return a * x0 + (b + c) * middle + d * x1, (a + b) * y0 + (c + d) * y1


def _overlaps(box, boxes) -> bool:
    left, top, right, bottom = box
    return any(
        left < other_right + 2
        and other_left - 2 < right
        and top < other_bottom + 1
        and other_top - 1 < bottom
        for other_left, other_top, other_right, other_bottom in boxes
    )


def _places(band: float) -> list[tuple[float, float]]:
    """Where an amount may sit, in order of preference: (share of the way along the band,
    pixels above or below its middle). Inside a band thick enough to hold it (off its middle
    if wide) anywhere along it, else just above or below it; at the middle first, then nearer
    either end."""
    beside = band / 2 + AMOUNT_FONT / 2 + 2
    line = AMOUNT_FONT + 6
    inside = [0.0] if band >= line else []
    if band >= 3 * line:  # a wide band: a line above or below the node labels at its middle
        inside += [line, -line]
    along = (0.5, 0.35, 0.65, 0.2, 0.8)
    return [(t, shift) for shift in inside for t in along] + [
        (t, shift) for t in along for shift in (-beside, beside)
    ]


def _note(x: float, y: float, text: str, size: int, **place) -> dict:
    """A layout annotation at a share of the plotting area's width and height (from its
    bottom, as Plotly counts), moved by ``xshift``/``yshift`` pixels: Plotly draws it, and the
    static picture draws it at the same place (generator/charts/picture.py)."""
    return {
        "x": round(x, 4),
        "y": round(1 - y, 4),
        "xref": "paper",
        "yref": "paper",
        "text": text,
        "showarrow": False,
        "font": {"size": size},
        "xanchor": "center",
        "yanchor": "middle",
        **place,
    }


def _label_places(
    layout: FlowLayout, node: int, label_width: float, height: float, lines: int = 1
) -> list[tuple[dict, tuple]]:
    """Where a node's name may go, in order of preference, as (annotation placement, box at
    the narrow width): beside the node, away from the edge it is nearest; else above or below
    it; else beside it a line higher or lower (a tall node has room there); else on its other
    side."""
    x, y = layout.x[node] * _NARROW, layout.y[node] * height
    half, size = FLOW_THICKNESS / 2, max(layout.node_size[node], 0.5)
    gap, line = half + 6, lines * (FONT / 2 + 1)
    vertical = size / 2 + line + 2

    def beside(side: int, lift: float) -> tuple[dict, tuple]:
        left = x + gap if side > 0 else x - gap - label_width
        middle = y - lift
        place = {"xshift": side * gap, "xanchor": "left" if side > 0 else "right"}
        if lift:
            place["yshift"] = lift
        return place, (left, middle - line, left + label_width, middle + line)

    def over(lift: float) -> tuple[dict, tuple]:
        middle = y - lift
        box = (x - label_width / 2, middle - line, x + label_width / 2, middle + line)
        return {"yshift": lift}, box

    side = -1 if layout.last_column[node] else 1
    shifted = [beside(side, lift) for lift in (FONT + 6, -(FONT + 6)) if size > 2 * FONT + 12]
    return [beside(side, 0), over(vertical), over(-vertical), *shifted, beside(-side, 0)]


def _width(text: str, size: float) -> float:
    """A text's width with a tenth to spare: the reader's font is unknown here, and a wider
    one must not make two texts meet."""
    return text_width(text, size) * 1.1


def _rows(label: str) -> list[str]:
    """A name as one line, or as two (split at the space nearest its middle) when it would
    take more than two fifths of the narrow picture's width."""
    if text_width(label) <= 0.4 * _NARROW or " " not in label:
        return [label]
    middle = len(label) / 2
    cut = min((i for i, c in enumerate(label) if c == " "), key=lambda i: abs(i - middle))
    return [label[:cut], label[cut + 1 :]]


def _inside(box, width: float, height: float) -> bool:
    return box[0] >= 0 and box[2] <= width and box[1] >= 0 and box[3] <= height


def flow_labels(
    nodes: dict, labels, sources, targets, values, texts: list[str], height: int
) -> tuple[list[dict], list[int]]:
    """The nodes' names and each band's amount, as layout annotations that Plotly draws and
    the static picture draws in the same place (Plotly's own node labels are hidden: it can
    put them only left or right of a node, where two columns' labels may meet).

    Places are chosen at the narrow picture's width, the tightest a reader sees. Names first,
    beside their node or above or below it, where they cover no node and no other name (or,
    where columns stand too close for that, no other name).
    Then amounts along each band (in it or beside it; its middle first, then nearer either
    end), largest first, never over a node, a name or another amount. An amount with no free
    place is left to the band's hover text and the chart's table, which list every one; the
    bands whose amounts are left out are returned beside the annotations, for the note that
    says so under the picture.
    """
    if "x" not in nodes:
        return [], []
    layout = flow_layout(len(labels), sources, targets, values, height - 2 * MARGIN, FLOW_PAD)
    if layout is None:
        return [], []
    width, plot_height = _NARROW, height - 2 * MARGIN
    half = FLOW_THICKNESS / 2
    blocks = []  # the nodes
    for index in range(len(labels)):
        x, y = layout.x[index] * width, layout.y[index] * plot_height
        size = max(layout.node_size[index], 0.5)
        blocks.append((x - half, y - size / 2, x + half, y + size / 2))
    words: list[tuple] = []  # the names placed so far
    annotations = []
    for index, label in enumerate(labels):
        rows = _rows(str(label))
        widest = max(_width(row, FONT) for row in rows)
        places = _label_places(layout, index, widest, plot_height, len(rows))
        # a name too long for every place inside keeps its first place, clipped at the edge
        fitting = [p for p in places if _inside(p[1], width, plot_height)] or places[:1]
        # clear of nodes and names; where the columns are too close for that, clear of names
        # at least (a name over a node is still read; two names over each other are not)
        place, box = next(
            (p for p in fitting if not _overlaps(p[1], blocks + words)),
            next((p for p in fitting if not _overlaps(p[1], words)), fitting[0]),
        )
        words.append(box)
        for number, row in enumerate(rows):  # one annotation a line, the first on top
            lift = place.get("yshift", 0) + ((len(rows) - 1) / 2 - number) * (FONT + 2)
            row_place = {**place, "yshift": lift} if lift else place
            annotations.append(
                _note(layout.x[index], layout.y[index], row, FONT, name="node", **row_place)
            )
    texts_placed = list(words)  # names and amounts: no text may cover another
    left_out = []
    for link in sorted(range(len(values)), key=lambda k: -values[k]):
        start = (layout.x[sources[link]] * width + half, layout.link_start[link])
        end = (layout.x[targets[link]] * width - half, layout.link_end[link])
        text_half = _width(texts[link], AMOUNT_FONT) / 2
        candidates = []
        for t, shift in _places(layout.link_size[link]):
            x, y = _on_band(start, end, t)
            y += shift
            box = (x - text_half, y - AMOUNT_FONT / 2, x + text_half, y + AMOUNT_FONT / 2)
            if _inside(box, width, plot_height) and not _overlaps(box, texts_placed):
                candidates.append((x, y, box))
        # clear of the nodes too where it can be; a long amount between close columns may
        # reach over a node, still outlined and read
        chosen = next((c for c in candidates if not _overlaps(c[2], blocks)), None)
        chosen = chosen or (candidates[0] if candidates else None)
        if chosen is None:
            left_out.append(link)
            continue
        x, y, box = chosen
        texts_placed.append(box)
        annotations.append(
            _note(x / width, y / plot_height, texts[link], AMOUNT_FONT, name="amount")
        )
    return annotations, sorted(left_out)


# Band colours: money the sources confirm moved, and money only alleged, reported or disputed.
CONFIRMED_BAND = "rgba(128,128,128,0.45)"
UNCONFIRMED_BAND = "rgba(230,159,0,0.5)"
AMOUNT_FONT = 12
HIDDEN = "rgba(0,0,0,0)"


class _Money:
    """The relations a flow of relations draws, and how it names their actors and sources."""

    def __init__(self, chart: Chart, investigation: Investigation, locale: Locale):
        self.locale = locale
        self.actors = investigation.by_id("actors")
        self.cited = investigation.by_id("sources")
        self.relations = drawn_items(chart, investigation)
        currency = flow_currency(investigation, chart.currency)
        # what did not move is no flow, but the chart's table lists it as what it is
        self.unmoved = [
            r
            for r in investigation.relations
            if r.amount and not moved(r.amount) and r.amount.currency == currency
        ]

    def name(self, actor_id: str) -> str:
        return full_name(self.actors[actor_id], self.locale.language)

    def names(self, relation) -> str:
        template = self.locale["according_to"]
        return ", ".join(said_by(relation, self.actors, self.cited, self.locale.language, template))

    def status_said_by(self, relation) -> str:
        """'alleged (by X)'; a reported relation names its publishers as its entry does:
        'reported by Associated Press'."""
        locale, names = self.locale, self.names(relation)
        status = locale["statuses"][relation.status].lower()
        if relation.status == "reported":
            return f"{status} {locale['status_by']['reported']} {names}"
        found = attribution.speakers(relation.attributed_to, self.actors, self.cited)
        actors = [self.name(s.id) for s in found if s.kind == attribution.ACTOR]
        parts = [f"{locale['words']['by'].lower()} {', '.join(actors)}"] if actors else []
        parts += [
            attribution.according_to(self.cited[s.id], locale["according_to"], locale.language)
            for s in found
            if s.kind == attribution.SOURCE
        ]
        return f"{status} ({'; '.join(parts)})" if parts else status

    def label(self, relation) -> str:
        """A link's words: what the amount is and how much ('fee: about USD 381,000'), who
        paid whom, the relation as written, with full names (the nodes may show them short)."""
        kind = self.locale["amount_kinds"][relation.amount.kind]
        return (
            f"{kind}: {self.locale.amount(relation.amount)}, {self.name(payer(relation))} → "
            f"{self.name(beneficiary(relation))} ({self.name(relation.from_)} "
            f"{relation_words(relation, self.locale.language)} {self.name(relation.to)}), "
            f"{self.status_said_by(relation)}"
        )

    def table(self) -> PlottedData:
        locale, words = self.locale, self.locale["words"]
        keys = ["from", "relation", "to", "amount", "currency", "status", "attributed_to"]
        headings = ("from", "relations", "to", "amount", "currency", "status", "by")
        return PlottedData(
            [*keys, "qualifier", "amount_kind", "paid_by"],
            [
                *(words[heading] for heading in headings),
                words["qualifier"],
                words["amount_kind"],
                words["paid_by"],
            ],
            [
                [
                    self.name(r.from_),
                    pick(r.label, locale.language) if r.label else r.kind,
                    self.name(r.to),
                    r.amount.value,
                    r.amount.currency,
                    locale["statuses"][r.status].lower(),
                    self.names(r),
                    locale.amount_qualifier(r.amount),
                    locale["amount_kinds"][r.amount.kind],
                    self.name(payer(r)) if moved(r.amount) else "",
                ]
                for r in [*self.relations, *self.unmoved]
            ],
        )


def relation_flow(
    chart: Chart, investigation: Investigation, locale: Locale, link: Link
) -> BuiltChart:
    """Money that moved between actors, from payer to beneficiary, in one currency; the bands
    coloured by status and each carrying its amount."""
    money = _Money(chart, investigation, locale)
    relations = money.relations
    ends = [(payer(r), beneficiary(r)) for r in relations]
    nodes = list(dict.fromkeys(node for pair in ends for node in pair))
    number = {node: index for index, node in enumerate(nodes)}
    sources = [number[a] for a, _ in ends]
    targets = [number[b] for _, b in ends]
    values = [r.amount.value for r in relations]
    height = max(300, 50 * len(nodes) + 100)
    labels = [short_name(money.actors[n], locale.language) for n in nodes]
    node_attributes = _flow_nodes(len(nodes), sources, targets, values, height)
    result = go.Figure(
        go.Sankey(
            arrangement="fixed",
            # the names are annotations (see flow_labels): Plotly's own labels stay for its
            # hover text, unseen (and without the text shadow that blurs them)
            textfont={"shadow": "none", "color": HIDDEN},
            node={
                "label": labels,
                **node_attributes,
                "customdata": [link("actor", n) for n in nodes],
                "hovertemplate": "%{label}<extra></extra>",
            },
            link={
                "source": sources,
                "target": targets,
                "value": values,
                "color": [
                    CONFIRMED_BAND if r.status == "confirmed" else UNCONFIRMED_BAND
                    for r in relations
                ],
                # the link's words as its label: the loader script follows customdata on click
                "label": [hover_lines(money.label(r)) for r in relations],
                "hovertemplate": "%{label}<extra></extra>",
            },
        )
    )
    annotations, left_out = flow_labels(
        node_attributes,
        labels,
        sources,
        targets,
        values,
        [locale.amount(r.amount) for r in relations],
        height,
    )
    result.update_layout(height=height, annotations=annotations)
    key = (
        [(CONFIRMED_BAND, locale["flow"]["confirmed"])]
        if any(r.status == "confirmed" for r in relations)
        else []
    )
    if any(r.status != "confirmed" for r in relations):
        key.append((UNCONFIRMED_BAND, locale["flow"]["unconfirmed"]))
    return BuiltChart(result, money.table(), key, note=_left_out_note(money, left_out, locale))


def _left_out_note(money: _Money, left_out: list[int], locale: Locale) -> str:
    """Which amounts the picture has no room for, where some are left out: a reader looking
    for one on the picture learns that it is in the table (and the band's hover text)."""
    if not left_out:
        return ""
    amounts = "; ".join(
        f"{locale.amount(r.amount)} ({money.name(payer(r))} → {money.name(beneficiary(r))})"
        for r in (money.relations[index] for index in left_out)
    )
    return locale["flow"]["left_out"].format(amounts=amounts)


def dataset_flow(
    chart: Chart, investigation: Investigation, locale: Locale, link: Link
) -> BuiltChart:
    """A dataset's rows as flows from the source column's value to the target column's."""
    dataset = dataset_of(investigation, chart)
    language = locale.language
    source, target, value = chart.source_column, chart.target_column, chart.value_column
    nodes = list(dict.fromkeys(str(row[name]) for row in dataset.rows for name in (source, target)))
    value_label = column_label(dataset, value, language)
    number = {node: index for index, node in enumerate(nodes)}
    sources = [number[str(row[source])] for row in dataset.rows]
    targets = [number[str(row[target])] for row in dataset.rows]
    values = [row[value] for row in dataset.rows]
    height = max(300, 60 * len(nodes) // 2 + 120)
    result = go.Figure(
        go.Sankey(
            arrangement="fixed",
            node={
                "label": nodes,
                **_flow_nodes(len(nodes), sources, targets, values, height),
            },
            link={
                "source": sources,
                "target": targets,
                "value": values,
                "color": "rgba(128,128,128,0.35)",
                "label": [value_label] * len(values),
                "hovertemplate": "%{source.label} → %{target.label}: %{value:,}"
                "<extra>%{label}</extra>",
            },
        )
    )
    result.update_layout(height=height)
    data = PlottedData(
        [source, target, value],
        [column_label(dataset, c, language) for c in (source, target, value)],
        [[row[source], row[target], row[value]] for row in dataset.rows],
    )
    return BuiltChart(result, data)


def figure(chart: Chart, investigation: Investigation, locale: Locale, link: Link) -> BuiltChart:
    if chart.derived_from == "relations":
        return relation_flow(chart, investigation, locale, link)
    return dataset_flow(chart, investigation, locale, link)


def graph_links(chart: Chart, investigation: Investigation) -> list[tuple[str, str]] | None:
    """The (from, to) pairs the chart would draw, for the size limits."""
    if chart.derived_from == "relations":
        return [(payer(r), beneficiary(r)) for r in drawn_items(chart, investigation)]
    if chart.dataset is None:
        return None
    dataset = next((d for d in investigation.datasets if d.id == chart.dataset), None)
    if dataset is None or not dataset.rows:
        return None
    source, target = chart.source_column, chart.target_column
    return [(str(row.get(source)), str(row.get(target))) for row in dataset.rows]


CHART_TYPE = ChartType(
    "flow",
    figure,
    flow_svg,
    dataset=True,
    derived="relations",
    columns={"source_column": ("string",), "target_column": ("string",), "value_column": NUMERIC},
    check_items=check_left_out,
    check_dataset=check_rows,
    graph=graph_links,
    traces=("sankey",),
)
