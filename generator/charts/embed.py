"""A chart as readers of newsroom graphics know it: a <figure> with all its furniture.

Title, subtitle, the drawing area, a text description (the text alternative), notes, a source
line, the data table and a CSV download of exactly the plotted rows. Everything but the drawing
is plain HTML, so a reader without JavaScript still gets the chart's content. The figure carries
only data attributes: the loader script in site_config draws it (no inline scripts in content).
"""

from __future__ import annotations

import functools
import html
import xml.etree.ElementTree as etree
from collections.abc import Callable
from dataclasses import dataclass, field

from markdown.util import AtomicString

from generator.charts import svg_marks as svg
from generator.charts.bundles import Bundle, bundle_for
from generator.charts.figures import build_chart, figure_json
from generator.charts.items import drawn_items
from generator.charts.plotting import BuiltChart
from generator.charts.theme import house_template_json
from generator.charts.types import CHART_TYPES
from generator.model import KINDS, Chart, Investigation, SourceRef
from generator.render.downloads import csv_text
from generator.render.links import Resolver, page_path
from generator.render.locale import Locale, format_number
from generator.text import pick

TEMPLATE_PATH = "assets/charts/house-template.json"
# A data table longer than this shows its first rows and points to the CSV: 10,000 rows of a
# timeline made a page of megabytes that no reader scrolls, on a screen or with a screen reader.
TABLE_ROWS = 200
# What an embedded chart's page holds beside the drawing: title, description, source line, the
# data table's fold, the download and the link back to the story, at the theme's sizes.
EMBED_FURNITURE_HEIGHT = 360


def chart_path(investigation: str, chart_id: str, extension: str) -> str:
    return f"{investigation}/charts/{chart_id}.{extension}"


def _key(figure: etree.Element, key: list[tuple[str, str]]) -> None:
    """What the figure's colours mean, outside the drawing area: the picture and the
    interactive chart that replaces it share it, so it cannot differ between them."""
    paragraph = etree.SubElement(figure, "p", {"class": "chart__key"})
    for colour, words in key:
        item = etree.SubElement(paragraph, "span", {"class": "chart__key-item"})
        swatch = etree.SubElement(
            item, "svg", {"width": "16", "height": "12", "aria-hidden": "true"}
        )
        etree.SubElement(swatch, "rect", {"width": "16", "height": "12", "fill": colour})
        label = etree.SubElement(item, "span")
        label.text = AtomicString(words)


def plotted_csv(built: BuiltChart) -> str:
    return csv_text(built.data.columns, built.data.rows)


@dataclass
class ChartSet:
    """Every chart of the site, built once per language, with its files and figure markup."""

    locale: Locale
    resolver: Resolver
    built: dict[tuple[str, str], tuple[Chart, BuiltChart]] = field(default_factory=dict)
    bundles: dict[tuple[str, str], Bundle] = field(default_factory=dict)
    pictures: dict[tuple[str, str], str | None] = field(default_factory=dict)
    serialised: dict[str, str] = field(default_factory=dict)  # files(), made once
    investigations: dict[str, Investigation] = field(default_factory=dict)
    site_url: str = ""  # where this language's pages are published: the embed code's address

    @classmethod
    def build(
        cls,
        investigations: list[Investigation],
        locale: Locale,
        resolver: Resolver,
        basic: Bundle | None = None,
        site_url: str = "",
    ) -> ChartSet:
        """Build every figure, with its files and picture; ``basic`` is the partial plotly.js
        bundle when it is installed; ``site_url`` is where this language's pages are published.

        Files and pictures are made here rather than when first asked for: a build runs this
        while the pages render in another process (generator.parallel), where it costs nothing.
        """
        charts = cls(locale, resolver, site_url=site_url)
        for investigation in investigations:
            charts.investigations[investigation.slug] = investigation
            for chart in investigation.charts:
                link = functools.partial(resolver.site_url, investigation.slug)
                built = build_chart(chart, investigation, locale, link)
                charts.built[(investigation.slug, chart.id)] = (chart, built)
                charts.bundles[(investigation.slug, chart.id)] = bundle_for(built.figure, basic)
                charts.picture(investigation.slug, chart.id)
        charts.files()
        return charts

    def files(self) -> dict[str, str]:
        """Figure JSON and plotted CSV per chart, plus the house template (served once)."""
        if self.serialised:
            return self.serialised
        out = self.serialised
        out[TEMPLATE_PATH] = house_template_json()
        for (investigation, chart_id), (_, built) in sorted(self.built.items()):
            out[chart_path(investigation, chart_id, "json")] = figure_json(built.figure)
            out[chart_path(investigation, chart_id, "csv")] = plotted_csv(built)
        return out

    def plotly_bundles(self) -> list[Bundle]:
        """The plotly.js bundles the charts need, each served once by the site."""
        return sorted(set(self.bundles.values()), key=lambda bundle: bundle.site_path)

    def picture(self, investigation: str, chart_id: str) -> str | None:
        """The chart's static picture (SVG markup), drawn once however many pages show it."""
        key = (investigation, chart_id)
        if key not in self.pictures:
            chart, built = self.built[key]
            figure = built.figure.to_plotly_json()
            self.pictures[key] = CHART_TYPES[chart.type].picture(figure, self.locale["months"])
        return self.pictures[key]

    def element(
        self,
        investigation: str,
        chart_id: str,
        root: str,
        parse_markdown: Callable[[etree.Element, str], None],
        raw_html: Callable[[str], str],
    ) -> etree.Element:
        """The <figure> for one chart; ``root`` is the relative path from the page to the site.

        ``raw_html`` keeps markup away from Markdown and returns a placeholder for it (the
        Markdown instance's HTML stash): the picture is SVG that no Markdown rule may touch.
        """
        chart, built = self.built[(investigation, chart_id)]
        words, language = self.locale["words"], self.locale.language
        picture = self.picture(investigation, chart_id)
        figure = etree.Element(
            "figure",
            {
                "class": f"chart chart--{chart.type}",
                "id": f"chart-{chart.id}",
                "data-chart-src": root + chart_path(investigation, chart.id, "json"),
                "data-chart-template": root + TEMPLATE_PATH,
                "data-plotly-src": root + self.bundles[(investigation, chart.id)].site_path,
                "data-plotly-bundle": self.bundles[(investigation, chart.id)].name,
                "data-chart-root": root,  # clicks on marks lead to entries below this root
            },
        )
        caption = etree.SubElement(figure, "figcaption", {"class": "chart__caption"})
        title = etree.SubElement(caption, "span", {"class": "chart__title"})
        title.text = AtomicString(pick(chart.title, language))
        if chart.subtitle:
            subtitle = etree.SubElement(caption, "span", {"class": "chart__subtitle"})
            subtitle.text = AtomicString(pick(chart.subtitle, language))
        description_id = f"chart-{chart.id}-description"
        height = str(built.figure.layout.height or 380)
        # a picture whose marks take keyboard focus (a network's nodes) is a group of named
        # images, not one image: an image's content is hidden from assistive technology
        focusable = bool(picture) and 'tabindex="0"' in picture
        canvas = etree.SubElement(
            figure,
            "div",
            {
                "class": "chart__canvas",
                "role": "group" if focusable else "img",
                "aria-label": pick(chart.title, language),
                "aria-describedby": description_id,
                "data-search-exclude": "",  # a picture's axis labels are no text to search
            },
        )
        # The drawing area keeps the figure's height before it is drawn, so that the text below
        # does not jump: the picture has it, or an empty spacer of that height (an attribute
        # the site's policy allows, where a style attribute would not be).
        spacer = f'<svg class="chart__spacer" width="1" height="{height}" aria-hidden="true"></svg>'
        canvas.text = AtomicString(raw_html(picture or spacer))
        if picture:  # the loader swaps in the interactive chart when the reader reaches for it
            figure.set("data-chart-picture", "")
        if built.key:
            _key(figure, built.key)
        self._legend(figure, built)
        description = etree.SubElement(
            figure, "p", {"class": "chart__description", "id": description_id}
        )
        description.text = AtomicString(pick(chart.description, language))
        if chart.notes:
            notes = etree.SubElement(figure, "div", {"class": "chart__notes"})
            parse_markdown(notes, pick(chart.notes, language))
        if built.note:
            note = etree.SubElement(figure, "p", {"class": "chart__note"})
            note.text = AtomicString(built.note)
        self._source_line(figure, investigation, chart)
        self._data_table(figure, built)
        download = etree.SubElement(figure, "p", {"class": "chart__download"})
        link = etree.SubElement(
            download,
            "a",
            {
                "href": "/" + chart_path(investigation, chart.id, "csv"),
                "download": f"{chart.id}.csv",
            },
        )
        link.text = AtomicString(words["download_csv"])
        self._embed_code(figure, investigation, chart, int(height))
        return figure

    def _embed_code(self, figure, investigation: str, chart: Chart, height: int) -> None:
        """The iframe code another site pastes to show the chart's own page (rendered by
        ``generator.render.site`` at ``<story>/charts/<id>/``): a fold with a read-only text
        box, which needs no script to copy.

        The frame is as tall as the drawing plus its furniture, so that most charts show whole
        without an inner scroll bar; a long note or table still scrolls inside it.
        """
        address = f"{investigation}/charts/{chart.id}/"
        src = self.site_url + address if self.site_url else "/" + address
        title = pick(chart.title, self.locale.language)
        code = (
            f'<iframe src="{html.escape(src)}" title="{html.escape(title)}" width="100%" '
            f'height="{height + EMBED_FURNITURE_HEIGHT}" loading="lazy" '
            f'style="border:0;max-width:100%"></iframe>'
        )
        words = self.locale["words"]
        details = etree.SubElement(
            figure, "details", {"class": "chart__embed", "data-search-exclude": ""}
        )
        summary = etree.SubElement(details, "summary")
        summary.text = AtomicString(words["embed"])
        box_id = f"chart-{chart.id}-embed"
        label = etree.SubElement(details, "label", {"for": box_id})
        label.text = AtomicString(words["embed_code"])
        box = etree.SubElement(
            details, "textarea", {"id": box_id, "readonly": "", "rows": "3", "spellcheck": "false"}
        )
        box.text = AtomicString(code)

    @staticmethod
    def _legend(figure, built: BuiltChart) -> None:
        """A legend beside the drawing, shared by the picture and the interactive chart, so that
        neither moves it when one replaces the other (plotly.js lays out its own legend by the
        text widths it measures, which the picture can only estimate)."""
        if not built.legend:
            return
        legend = etree.SubElement(figure, "ul", {"class": "chart__legend"})
        for entry in built.legend:
            item = etree.SubElement(legend, "li")
            swatch = etree.Element(
                "svg",
                {"viewBox": "0 0 24 14", "width": "24", "height": "14", "aria-hidden": "true"},
            )
            if entry.symbol:
                svg.markers(swatch, [(12, 7)], {"size": 11, "symbol": entry.symbol}, entry.colour)
            else:
                line = {"width": 2, "dash": entry.dash or "solid"}
                svg.polylines(swatch, [(1, 7), (23, 7)], line, entry.colour)
            item.append(swatch)
            swatch.tail = AtomicString(entry.label)

    def _source_refs(self, investigation: str, chart: Chart) -> list[SourceRef]:
        """The chart's own sources, else its dataset's, else those of the items it draws."""
        if chart.sources:
            return list(chart.sources)
        if chart.dataset:
            return list(self.resolver.item(investigation, "dataset", chart.dataset).sources)
        return [
            ref
            for item in drawn_items(chart, self.investigations[investigation])
            for ref in item.sources
        ]

    def _source_line(self, figure, investigation: str, chart: Chart) -> None:
        """Every source the chart rests on, each publisher named once and each source linked to
        its entry: "AP (1, 2); Reuters" when AP published two of them."""
        line = etree.SubElement(figure, "p", {"class": "chart__source"})
        line.text = AtomicString(f"{self.locale['words']['chart_source']}: ")
        by_publisher: dict[str, list[SourceRef]] = {}
        seen: set[str] = set()
        for ref in self._source_refs(investigation, chart):
            if ref.id in seen:
                continue
            seen.add(ref.id)
            source = self.resolver.item(investigation, "source", ref.id)
            by_publisher.setdefault(pick(source.publisher, self.locale.language), []).append(ref)
        if not by_publisher:  # items without sources: the section page that lists them
            section = KINDS[chart.derived_from or "relations"].section
            link = etree.SubElement(line, "a", {"href": f"/{page_path(investigation, section)}"})
            link.text = AtomicString(self.locale["words"]["sources_of_each"])
            return
        for index, (publisher, refs) in enumerate(by_publisher.items()):
            if index:
                separator = etree.SubElement(line, "span")
                separator.text = AtomicString("; ")
            if len(refs) == 1:
                self._source_link(line, investigation, refs[0], publisher)
                continue
            name = etree.SubElement(line, "span")
            name.text = AtomicString(f"{publisher} (")
            for number, ref in enumerate(refs, 1):
                self._source_link(line, investigation, ref, str(number), ", " if number > 1 else "")
            closing = etree.SubElement(line, "span")
            closing.text = AtomicString(")")

    def _source_link(
        self, line, investigation: str, ref: SourceRef, text: str, before: str = ""
    ) -> None:
        if before:
            separator = etree.SubElement(line, "span")
            separator.text = AtomicString(before)
        # no title attribute naming the source: the Sources entry the link opens names it, and
        # a chronology's dozens of numbered links made the page kilobytes heavier with it
        link = etree.SubElement(
            line, "a", {"href": self.resolver.url(investigation, "source", ref.id)}
        )
        link.text = AtomicString(text)
        if ref.locator:
            link.tail = AtomicString(f" ({ref.locator})")

    def _data_table(self, figure, built: BuiltChart) -> None:
        # out of the search index: the rows repeat the entries the search already finds
        details = etree.SubElement(
            figure, "details", {"class": "chart__data", "data-search-exclude": ""}
        )
        summary = etree.SubElement(details, "summary")
        summary.text = AtomicString(self.locale["words"]["data_table"])
        wrapper = etree.SubElement(details, "div", {"class": "chart__table"})
        table = etree.SubElement(wrapper, "table")
        head = etree.SubElement(etree.SubElement(table, "thead"), "tr")
        for label in built.data.labels:
            cell = etree.SubElement(head, "th", {"scope": "col"})
            cell.text = AtomicString(label)
        body = etree.SubElement(table, "tbody")
        rows = built.data.rows
        if len(rows) > TABLE_ROWS:  # the CSV below has them all
            note = etree.Element("p", {"class": "chart__table-note"})
            note.text = AtomicString(
                self.locale["words"]["table_shows"].format(
                    shown=format_number(TABLE_ROWS, self.locale["number"]),
                    total=format_number(len(rows), self.locale["number"]),
                )
            )
            details.insert(1, note)  # after the summary, before the table
        for row in rows[:TABLE_ROWS]:
            tr = etree.SubElement(body, "tr")
            for value in row:
                cell = etree.SubElement(tr, "td")
                cell.text = AtomicString(format_number(value, self.locale["number"]))
                if isinstance(value, int | float) and not isinstance(value, bool):
                    cell.set("class", "number")
