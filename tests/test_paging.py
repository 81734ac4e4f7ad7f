"""Long sections are cut into parts; every link, anchor and chart click still lands on its entry."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from generator.render.paging import split
from tests.sitetools import build, copy_project, html_pages, resolve_link, soup
from tests.support.synthetic import generate

EVENTS = 400  # past one page (150 entries) for the timeline, claims, who's who and sources


def _groups(*sizes: int) -> list[tuple[str, list[str]]]:
    return [(f"g{i}", [f"g{i}-{n}" for n in range(size)]) for i, size in enumerate(sizes)]


def test_a_section_that_fits_on_one_page_has_no_parts():
    section = split("claims", _groups(100, 50), str, str, limit=150)
    assert not section.paged and sum(len(e) for _, e in section.groups) == 150


def test_parts_keep_every_entry_in_order_and_none_holds_more_than_the_limit():
    groups = _groups(40, 70, 30, 400, 0, 20)
    section = split("timeline", groups, lambda key: key.upper(), str, limit=150)
    listed = [entry for part in section.parts for _, entries in part.groups for entry in entries]
    assert listed == [entry for _, entries in groups for entry in entries]
    assert all(part.size <= 150 for part in section.parts)
    # consecutive small headings share a part; a long one is cut into equal parts of its own
    assert [(p.title, p.slug, p.size) for p in section.parts] == [
        ("G0 – G2", "g0", 140),
        ("G3 (1/3)", "g3-1", 134),
        ("G3 (2/3)", "g3-2", 134),
        ("G3 (3/3)", "g3-3", 132),
        ("G5", "g5", 20),
    ]


def test_a_part_of_several_kinds_names_each_kind_it_holds():
    """Kinds follow no order: "People – Agencies" would hide the organisations between them."""
    kinds = {"person": "People", "organisation": "Organisations", "agency": "Agencies"}
    groups = [(kind, [f"{kind}-{n}" for n in range(40)]) for kind in kinds] + [
        ("relations", [f"relation-{n}" for n in range(200)])
    ]
    section = split("actors", groups, kinds.get, str, limit=150, ranged=False)
    assert section.parts[0].title == "People · Organisations · Agencies"
    assert [key for key, _ in section.parts[0].groups] == list(kinds)
    # periods keep their range: what lies between June and August is plain
    periods = split("timeline", groups, kinds.get, str, limit=150)
    assert periods.parts[0].title == "People – Agencies"


@pytest.fixture(scope="module")
def paged_site(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("paged")
    content = work / "content"
    generate(EVENTS, content, seed=3)
    project = copy_project(work / "project", content)
    site = work / "site"
    result = build(project, site)
    assert result.returncode == 0, result.stderr[-3000:]
    return site


def test_each_long_section_page_lists_its_parts_and_each_part_links_back(paged_site: Path):
    slug = f"synthetic-{EVENTS}"
    for section in ("timeline", "claims", "actors", "sources"):
        index = soup(paged_site / slug / section / "index.html")
        links = [a["href"] for a in index.select("article li a[href]")]
        parts = [href for href in links if re.fullmatch(r"[^/#]+/", href)]
        assert len(parts) >= 2, (section, links)
        assert not index.select("article.entry"), f"{section}: the index lists entries itself"
        for href in parts:
            page = paged_site / slug / section / href / "index.html"
            part = soup(page)
            assert part.select("article.entry"), page
            pager = part.select_one("nav.pager")
            assert pager is not None and any(
                resolve_link(paged_site, page, a["href"])[0]
                == paged_site / slug / section / "index.html"
                for a in pager.select("a[href]")
            ), page


def test_every_entry_is_on_exactly_one_page_and_every_link_to_one_lands_on_it(paged_site: Path):
    anchors: dict[tuple[Path, str], int] = {}
    pages = [p for p in html_pages(paged_site) if not p.is_relative_to(paged_site / "ro")]
    parsed = {page: soup(page) for page in pages}
    for page, html in parsed.items():
        for element in html.select("[id]"):
            anchors[(page, element["id"])] = anchors.get((page, element["id"]), 0) + 1
    entry_pages: dict[str, list[Path]] = {}
    for page, html in parsed.items():
        for article in html.select("article.entry[id]"):
            entry_pages.setdefault(article["id"], []).append(page)
    assert len([i for i in entry_pages if i.startswith("event-")]) == EVENTS
    assert {i: w for i, w in entry_pages.items() if len(w) != 1} == {}
    broken = []
    for page, html in parsed.items():
        for link in html.select("article a[href*='#']"):
            target, fragment = resolve_link(paged_site, page, link["href"])
            is_entry = fragment.split("-")[0] in ("event", "claim", "actor", "relation", "source")
            if is_entry and (target is None or (target, fragment) not in anchors):
                broken.append((page.relative_to(paged_site).as_posix(), link["href"]))
    assert broken == []


def test_a_click_on_a_chart_mark_opens_the_part_that_lists_the_item(paged_site: Path):
    slug = f"synthetic-{EVENTS}"
    entry_pages = {
        article["id"]: page
        for page in html_pages(paged_site)
        if not page.is_relative_to(paged_site / "ro")
        for article in soup(page).select("article.entry[id]")
    }
    figures = sorted((paged_site / slug / "charts").glob("*.json"))
    targets = []
    for figure in figures:
        for trace in json.loads(figure.read_text("utf-8"))["data"]:
            for value in (
                trace.get("customdata") or (trace.get("node") or {}).get("customdata") or []
            ):
                if isinstance(value, str) and "/#" in value:
                    targets.append(value)
    assert any("/timeline/" in t for t in targets) and any("/actors/" in t for t in targets)
    for target in targets:
        path, fragment = target.split("#")
        assert entry_pages[fragment] == paged_site / path / "index.html", target


def test_no_page_of_the_long_investigation_is_over_500_kb(paged_site: Path):
    sizes = {p.relative_to(paged_site).as_posix(): p.stat().st_size for p in html_pages(paged_site)}
    assert max(sizes.values()) < 500 * 1024, max(sizes.items(), key=lambda item: item[1])


def test_a_long_chart_table_shows_its_first_rows_and_the_csv_has_them_all(paged_site: Path):
    slug = f"synthetic-{EVENTS}"
    page = soup(paged_site / slug / "timeline" / "index.html")
    figure = page.select_one("figure.chart")
    rows = figure.select(".chart__data tbody tr")
    note = figure.select_one(".chart__table-note").get_text()
    csv_link = figure.select_one(".chart__download a[href]")["href"]
    csv_file, _ = resolve_link(paged_site, paged_site / slug / "timeline" / "index.html", csv_link)
    csv_rows = csv_file.read_text("utf-8").strip().splitlines()[1:]
    assert len(rows) == 200 < len(csv_rows)
    assert note == f"The first 200 of {len(csv_rows)} rows; the CSV below has them all."
