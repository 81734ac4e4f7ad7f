"""The site's search index: Pagefind, built over the finished HTML of each language.

A reader asking for "denied claims" or "everything about one actor" wants entries, not pages. So
each entry of the built pages (``<article class="entry ...">`` or ``<section class="entry ...">``
with an id: claim, event, actor, relation, source, dataset) becomes a record of its own, opening
at ``page#id``, with filters for its kind, status, the actors it links to, its investigation and
its year; the rest of each page is indexed as that page (kind ``page``), entries left out so that
a claim is found once, as itself. Each language's tree gets its own bundle (``<tree>/pagefind/``)
beside its own ``assets/``, so the search script finds it at the same relative place from any
language, and Pagefind's stemming follows the tree's ``<html lang>``.

Records are added in sorted order, and ``generator.search_bundle`` puts in order what Pagefind
leaves in a hash map's, so the same site gives the same bundle.
"""

from __future__ import annotations

import base64
import json
import re
import shutil
import subprocess
import threading
from dataclasses import dataclass, field
from html import escape, unescape
from html.parser import HTMLParser
from pathlib import Path

from pagefind.service import _must_get_executable

from generator import search_bundle

BUNDLE = "pagefind"
# What the page-level record leaves out: the entries (records of their own) and the theme's
# chrome around the content.
# ``data-search-exclude``: what the templates mark as no text of their own (an actor's "Mentioned
# in", a source's "Cited by", a chart's picture labels and data table).
_EXCLUDED = [
    "article.entry",
    "section.entry",
    ".headerlink",
    ".md-source-file",
    "nav",
    "[data-search-exclude]",
    "summary",
]
_MAIN = re.compile(r"<main\b[^>]*>", re.I)
# A page that asks not to be listed (a chart's own page, for other sites to embed: its story's
# pages already hold the chart) is left out of the search too.
_NOINDEX = re.compile(r'<meta name="robots" content="noindex"')
_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.I | re.S)
_TAG = re.compile(r"<a\b[^>]*headerlink.*?</a>|<[^>]+>", re.I | re.S)
_LANG = re.compile(r"<html[^>]*\slang=\"([\w-]+)\"", re.I)
_VOID = {"br", "img", "hr", "input", "meta", "link", "source", "wbr", "col", "area", "embed"}
_BLOCK = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "div", "tr", "dd", "dt", "td", "th"}


@dataclass
class Entry:
    """One entry of a page, as the parser saw it."""

    kind: str
    anchor: str
    text: list[str] = field(default_factory=list)
    # the status line (a badge and who says so): last in the record, so that the excerpt of a
    # claim found by its words starts with its statement, not with the status the result's
    # badge already shows
    status_line: list[str] = field(default_factory=list)
    heading: list[str] = field(default_factory=list)
    status: str = ""
    status_label: list[str] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)
    year: str = ""
    depth: int = 0


class _Entries(HTMLParser):
    """The entries of a page: their text, heading, first status badge, actor links and year."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.entries: list[Entry] = []
        self.current: Entry | None = None
        self.in_heading = 0
        self.actor_link: list[str] | None = None
        self.skip = 0
        self.in_badge = 0
        self.in_status_line = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: value or "" for name, value in attrs}
        classes = found.get("class", "").split()
        if self.current is None:
            if tag in {"article", "section"} and "entry" in classes and found.get("id"):
                kind = next((c for c in classes[1:] if "--" not in c), "entry")
                self.current = Entry(kind=kind, anchor=found["id"])
            return
        if tag in _VOID:
            return
        self.current.depth += 1
        if tag in _BLOCK:
            self.current.text.append("\n")
        if "entry__status" in classes and not self.in_status_line:
            self.in_status_line = self.current.depth
        if tag in {"h2", "h3", "h4"} and not self.current.heading:
            self.in_heading = self.current.depth
        # a footnote mark, a heading's link, a fold's label ("Sources (4)"), what templates exclude
        if tag in {"sup", "summary"} or "headerlink" in classes or "data-search-exclude" in found:
            self.skip = self.skip or self.current.depth
        badge = [c[len("badge--") :] for c in classes if c.startswith("badge--")]
        if badge and not self.current.status:
            self.current.status = badge[0]
            self.in_badge = self.current.depth
        if tag == "time" and not self.current.year and found.get("datetime", "")[:4].isdigit():
            self.current.year = found["datetime"][:4]
        if tag == "a" and "#actor-" in found.get("href", ""):
            self.actor_link = []

    def handle_endtag(self, tag: str) -> None:
        entry = self.current
        if entry is None or tag in _VOID:
            return
        if tag == "a" and self.actor_link is not None:
            name = " ".join("".join(self.actor_link).split())
            if name and name not in entry.actors:
                entry.actors.append(name)
            self.actor_link = None
        if self.in_heading == entry.depth:
            self.in_heading = 0
        if self.in_badge == entry.depth:
            self.in_badge = 0
        if self.in_status_line == entry.depth:
            self.in_status_line = 0
        if self.skip == entry.depth:
            self.skip = 0
        if entry.depth == 0:
            self.entries.append(entry)
            self.current = None
            return
        entry.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.current is None or self.skip:
            return
        (self.current.status_line if self.in_status_line else self.current.text).append(data)
        if self.in_heading:
            self.current.heading.append(data)
        if self.actor_link is not None:
            self.actor_link.append(data)
        if self.in_badge:
            self.current.status_label.append(data)


def entries(html: str) -> list[Entry]:
    parser = _Entries()
    parser.feed(html)
    parser.close()
    return parser.entries


def _title(entry: Entry, text: str) -> str:
    """The heading, else the first line (a claim's statement, a relation's line), at most
    140 characters: the status line is not in ``text``."""
    heading = " ".join("".join(entry.heading).split())
    if heading:
        return heading
    first = next((line for line in text.split("\n") if line.strip()), "")
    first = " ".join(first.split())
    return first if len(first) <= 140 else first[:139].rsplit(" ", 1)[0] + "…"


def language_trees(site_dir: Path) -> list[tuple[Path, list[Path]]]:
    """Each language's tree (the root, and each folder with a sitemap of its own: a language
    that ``generator.finish.assemble`` put there) with its pages, sorted."""
    others = sorted(p.parent for p in site_dir.glob("*/sitemap.xml"))
    trees = []
    for tree in [site_dir, *others]:
        pages = sorted(
            page
            for page in tree.rglob("*.html")
            if not any(other in page.parents for other in others if other != tree)
            and BUNDLE not in page.relative_to(tree).parts[:1]
        )
        trees.append((tree, pages))
    return trees


def _url(tree: Path, page: Path) -> str:
    relative = page.relative_to(tree).as_posix()
    if relative == "index.html":
        return "/"
    return "/" + (relative[: -len("index.html")] if relative.endswith("/index.html") else relative)


def _records(tree: Path, pages: list[Path]) -> list[dict]:
    """The service's requests for one tree: each page, then each of its entries, in order."""
    titles = _story_titles(tree, pages)
    requests: list[dict] = []
    for page in pages:
        html = page.read_text("utf-8")
        if _NOINDEX.search(html):
            continue
        language = (_LANG.search(html) or [None, "en"])[1]
        url = _url(tree, page)
        story = titles.get(url.strip("/").split("/")[0], "")
        main = _MAIN.search(html)
        at = main.end() if main else 0
        tagged = html[:at] + _page_filters(story) + html[at:]
        requests.append({"type": "AddFile", "url": url, "file_contents": tagged})
        for entry in entries(html):
            requests.append(_record(entry, url, language, story))
    return requests


def _story_titles(tree: Path, pages: list[Path]) -> dict[str, str]:
    """Each investigation's folder and the title its overview shows (its ``<h1>``): the
    investigation filter names stories as readers know them, not by folder."""
    titles = {}
    for page in pages:
        relative = page.relative_to(tree).parts
        if len(relative) == 2 and relative[1] == "index.html" and relative[0] != "assets":
            found = _H1.search(page.read_text("utf-8"))
            if found:
                titles[relative[0]] = " ".join(unescape(_TAG.sub("", found[1])).split())
    return titles


def _page_filters(story: str) -> str:
    """Empty elements that give the page record its filters from attributes: a title's comma
    or colon would split Pagefind's inline ``key:value, key:value`` form."""
    tags = '<span data-pagefind-filter="kind[data-value]" data-value="page"></span>'
    if story:
        value = escape(story, quote=True)
        tags += (
            f'<span data-pagefind-filter="investigation[data-value]" data-value="{value}"></span>'
        )
    return tags


def _record(entry: Entry, url: str, language: str, story: str) -> dict:
    text = "".join(entry.text)
    status = " ".join("".join(entry.status_label).split()) or entry.status
    filters = {"kind": [entry.kind]}
    for name, values in (
        ("status", [status]),
        ("actor", sorted(entry.actors)),
        ("investigation", [story]),
        ("year", [entry.year]),
    ):
        if any(values):
            filters[name] = [v for v in values if v]
    meta = {"title": _title(entry, text), "kind": entry.kind}
    if status:
        meta["status"] = status
    return {
        "type": "AddRecord",
        "url": f"{url}#{entry.anchor}",
        "content": " ".join((text + " " + "".join(entry.status_line)).split()),
        "language": language,
        "meta": meta,
        "filters": filters,
        "sort": None,
    }


def _encode(message_id: int, payload: dict) -> bytes:
    body = json.dumps({"message_id": message_id, "payload": payload})
    return base64.b64encode(body.encode("utf-8")) + b","


def _index_tree(tree: Path, pages: list[Path]) -> int:
    """Write ``tree/pagefind/`` through the Pagefind binary's service mode; returns how many
    records it holds.

    The package's own Python client waits a tenth of a second before reading each answer (at
    10,000 entries, a quarter of an hour); this one sends every request at once, from a thread,
    and reads the answers as they come."""
    config = {"exclude_selectors": _EXCLUDED, "root_selector": "main"}
    service = subprocess.Popen(
        [str(_must_get_executable()), "--service"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    assert service.stdin and service.stdout
    try:
        _ask(service, [{"type": "NewIndex", "config": config}])
        records = _records(tree, pages)
        index = {"index_id": 0}
        _ask(service, [{**record, **index} for record in records])
        (answer,) = _ask(service, [{"type": "GetFiles", **index}])
    finally:
        service.stdin.close()
        service.wait()
    _write(tree / BUNDLE, answer.get("files", []))
    try:
        search_bundle.stabilise(tree / BUNDLE)
    except search_bundle.BundleFormatError as exc:
        raise SearchIndexError(f"Pagefind wrote a bundle this build cannot read: {exc}") from None
    return len(records)


def _write(bundle: Path, files: list[dict]) -> None:
    """Write the bundle from the service's answer, not by its ``WriteFiles``: with that, a
    file was at times left short when the service stopped (``pagefind.js`` differed between
    two builds of one site; another file was empty)."""
    if bundle.exists():
        shutil.rmtree(bundle)
    for file in sorted(files, key=lambda f: f["path"]):
        target = bundle / file["path"]
        if bundle.resolve() not in target.resolve().parents:
            raise SearchIndexError(f"Pagefind named a file outside its folder: {file['path']}")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(base64.b64decode(file["content"]))


def _ask(service: subprocess.Popen, payloads: list[dict]) -> list[dict]:
    """Send the requests and read as many answers; an error answer stops the build."""
    stdin, stdout = service.stdin, service.stdout

    def send() -> None:
        for number, payload in enumerate(payloads):
            stdin.write(_encode(number, payload))
        stdin.flush()

    writer = threading.Thread(target=send)
    writer.start()
    answers = []
    buffer = b""
    while len(answers) < len(payloads):
        chunk = stdout.read1(1 << 16)
        if not chunk:
            raise SearchIndexError("the Pagefind service stopped before answering")
        buffer += chunk
        *done, buffer = buffer.split(b",")
        for raw in done:
            answer = json.loads(base64.b64decode(raw))["payload"]
            if answer.get("type") == "Error":
                raise SearchIndexError(f"Pagefind: {answer.get('message')}")
            answers.append(answer)
    writer.join()
    return answers


class SearchIndexError(Exception):
    """The search index could not be built: the site must not be published without it."""


def build(site_dir: Path) -> int:
    """Index every language tree of the built site; returns how many records in all."""
    total = 0
    for tree, pages in language_trees(Path(site_dir)):
        total += _index_tree(tree, pages)
    return total
