"""Behaviour the mutation run (``./dev mutate``) found unchecked: each test pins down what an
editor or a reader would see change if the code were altered (see bench/MUTATION.md).

The mutation run also loads this module as a pytest plugin (``-p tests.test_mutation_kills`` in
pyproject.toml), so that its fixture below empties the generator's caches before every test:
a result kept from an earlier test would hide the function that made it from mutmut, both when
it records which tests reach which function and when it runs a mutant.
"""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup

from generator import checks, csp, loader, markdown_safety, prose
from generator.loader import load_investigation
from generator.markdown_safety import CONTENT_EXTENSIONS
from generator.prose import (
    foreign_image,
    line_and_column,
    link_target,
    mask_code,
    scan,
    unsafe_scheme,
)
from generator.render.links import Resolver
from generator.render.locale import load_locale
from generator.render.markdown_ext import ExplainerExtension, PageContext

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "valid" / "demo-case"


@pytest.fixture(autouse=True)
def _empty_caches():
    """Every test computes what it reads (outside the mutation run this costs milliseconds)."""
    prose._tokens.cache_clear()
    prose.unsafe_scheme.cache_clear()
    prose._RUNS.text = None
    loader._field_keys.cache_clear()
    checks._fields_of.cache_clear()
    csp.plotly_style_sources.cache_clear()
    markdown_safety._parser.cache_clear()
    yield


# --- prose.py: what the checks scan is what the site renders ----------------------------------

SPAN_TEXTS = [
    "A `[@a]` then [@b].",
    "``a ` [@x]`` [@y]",
    "`` [@x] ` [@y]",
    "```a`` [@x] `` [@y] and `z`",
    "``a`b``` c ``` d`` `e`",
    "`a` [l](https://example.org/) ``b`` [m](https://example.org/) `c`` d` ```e```",
    "x ` y `` z ``` w",
    "`one\ntwo` [@a] `three`",
    # a paragraph ends at a blank line, or at a line of spaces, wherever the lines before end
    "one\ntwo\nthree `\n\n[@y] ` z",
    "one\ntwo\nthree `\n   \n[@y] ` z",
    # an opening nothing closes does not stop the search for the next span
    "` a ``[@x]`` [@y]",
    # an opening with no run of its length after it pairs with the longest shorter run
    "x ```a ` [@x] `` b [@y]",
    # spans after a long one, which Markdown has already replaced by a shorter placeholder
    "`" + "a" * 40 + "` x ``b`` y ```c`` z `d`",
    "`" + "a" * 40 + "` x ```c`` [@y] z ``d`",
]


def vanilla_code(text: str) -> list[str]:
    """The code spans Python-Markdown itself finds (its own, quadratic, pairing)."""
    soup = BeautifulSoup(markdown.markdown(text), "html.parser")
    return [code.get_text() for code in soup.find_all("code")]


@pytest.fixture(scope="module")
def render_code():
    investigation, diagnostics = load_investigation(FIXTURE)
    assert not diagnostics
    resolver = Resolver({investigation.slug: investigation}, "en")
    locale = load_locale(ROOT / "site_config" / "locales", "en")

    def run(text: str) -> list[str]:
        extension = ExplainerExtension()
        extension.page = PageContext(investigation.slug, resolver, locale, page="test.md")
        html = markdown.Markdown(extensions=[*CONTENT_EXTENSIONS, extension]).convert(text)
        return [code.get_text() for code in BeautifulSoup(html, "html.parser").find_all("code")]

    return run


@pytest.mark.parametrize("text", SPAN_TEXTS)
def test_code_spans_pair_as_python_markdown_pairs_them(render_code, text):
    """The site's linear pairing of backticks shows the same code as Python-Markdown's own."""
    assert render_code(text) == vanilla_code(text)


def cited_as_text(text: str) -> list[str]:
    """The sources cited in what Python-Markdown shows as text (not as code)."""
    soup = BeautifulSoup(markdown.markdown(text), "html.parser")
    for code in soup.find_all("code"):
        code.decompose()
    return [m[1] for m in re.finditer(r"\[@([a-z0-9-]+)\]", soup.get_text())]


CHECKED_TEXTS = [
    *SPAN_TEXTS,
    # the site has no fenced code blocks: a line of backticks or tildes hides nothing after it
    "```a`` [@x] `` [@y] and `z`",
    "Intro\n\n~~~\n[@x] and [@y]\n",
    "Intro\n\n```\n[@x]\n",
    "Intro\n\n```\na\n\n[@x]\n```\n",
]


@pytest.mark.parametrize("text", CHECKED_TEXTS)
def test_the_checks_read_every_citation_the_site_shows_as_text(text):
    """A citation shown as text is checked; one shown as code is not; lengths and line
    breaks are kept, so positions in messages do not move."""
    masked = mask_code(text)
    assert len(masked) == len(text)
    assert [i for i, c in enumerate(masked) if c == "\n"] == [
        i for i, c in enumerate(text) if c == "\n"
    ]
    assert [t.value for t in scan(text) if t.kind == "cite"] == cited_as_text(text)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # a code span never crosses a blank line: both citations are read
        ("`a\n\n[@b]` and [@c]\n", [("cite", "b", 4), ("cite", "c", 14)]),
        ("Use `[@a]` here.\n\nThen `x` and [@b].\n", [("cite", "b", 31)]),
        ("`a` [@x]\n\n`b\n\nc` [@y]\n", [("cite", "x", 4), ("cite", "y", 17)]),
        ("A `code` then [@b] and :actor[d].", [("cite", "b", 14), ("actor", "d", 23)]),
        ("``a ` [@x]`` [@y]", [("cite", "y", 13)]),
        ("`` [@x] ` [@y]", [("cite", "y", 10)]),
        ("```\ncode\n[@a]\n```\n[@b]\n", [("cite", "b", 18)]),
    ],
)
def test_citations_outside_code_are_found_at_their_place(text, found):
    assert [(t.kind, t.value, t.offset) for t in scan(text)] == found


def test_positions_count_from_the_start_of_the_text():
    """Line and column as the editor counts them, also when the text starts with a line break."""
    assert line_and_column("\n[@a]", 1) == (2, 1)
    assert line_and_column("\n\n[@a]", 2) == (3, 1)
    assert line_and_column("ab\ncd [@a]", 6) == (2, 4)
    assert line_and_column("[@a]", 0) == (1, 1)


@pytest.mark.parametrize(
    ("target", "reason"),
    [
        ("/\\evil.example/", "//"),
        ("\\\\evil.example/", "//"),
        ("//evil.example/", "//"),
        ("/sources/#a", None),
        ("https://example.org/a\\b", None),
    ],
)
def test_backslashes_in_link_targets_read_as_slashes(target, reason):
    """Browsers read '\\' in a URL as '/': '/\\evil.example' leaves the site."""
    assert unsafe_scheme(target) == reason
    assert link_target(target) == target.replace("\\", "/")


@pytest.mark.parametrize(
    ("src", "foreign"),
    [
        ("/assets/a.png", False),
        ("a.png", False),
        ("//evil.example/a.png", True),
        ("/\\evil.example/a.png", True),
        ("https://example.org/a.png", True),
        ("data:image/png;base64,AAAA", True),
    ],
)
def test_only_images_of_this_site_are_shown(src, foreign):
    assert foreign_image(src) is foreign


# --- csp.py: the policy the browser enforces --------------------------------------------------


def directives(policy_text: str) -> dict[str, str]:
    """A policy as the browser reads it: directive name -> its sources."""
    pairs = (part.strip().split(" ", 1) for part in policy_text.split(";"))
    return {name: sources for name, sources in pairs}


def test_styles_and_fonts_come_from_the_site_or_the_exact_inline_texts():
    read = directives(csp.policy(("'sha256-extra'",)))
    assert read["style-src-elem"] == (
        f"'self' {csp.sha256_source(csp.NOSCRIPT_STYLE)} 'sha256-extra'"
    )
    assert read["font-src"] == "'self' data:"
    assert read["img-src"] == "'self' data:"
    assert read["default-src"] == "'self'"


def test_a_page_without_head_is_named_with_the_whole_reason(tmp_path):
    page = tmp_path / "orphan.html"
    page.write_text("<p>no head here</p>", "utf-8")
    with pytest.raises(csp.PolicyError) as raised:
        csp.apply_to_site(tmp_path)
    assert str(raised.value) == (
        f"{page}: the page has no <head> to put the Content-Security-Policy in"
    )


# --- markdown_safety.py: raw HTML named as the editor wrote it, at its place ------------------


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("<!-- hidden -->", [(0, "<!-- hidden -->")]),
        ("Text\n\n<div>\n<b>x</b>\n</div>\n", [(6, "<div>")]),
        ("Text\n\n<!-- a\nb -->\n", [(6, "<!-- a")]),
        ("Text\n\n<div\nclass=x>\n</div>\n", [(6, "<div")]),
        ("Text\n\n<div " + "a" * 60 + "\n>\n</div>\n", [(6, "<div " + "a" * 35)]),
        ("<b>x</b> and <b>y</b>", [(0, "<b>"), (4, "</b>"), (13, "<b>"), (17, "</b>")]),
        ("a <i>b</i>\n\nc <i>d</i>", [(2, "<i>"), (6, "</i>"), (14, "<i>"), (18, "</i>")]),
    ],
)
def test_raw_html_is_named_by_its_first_tag_at_its_place(text, found):
    """A block is named by its first line's tag, a comment by itself, a long line by its
    first 40 characters; each at its own offset, repeats included."""
    assert [(p.offset, p.message) for p in markdown_safety.problems(text)] == [
        (offset, f"raw HTML is not allowed ('{tag}')") for offset, tag in found
    ]


# --- markdown_safety.py: each limit at its boundary, and what is reported past it -------------


def _messages(text: str) -> list[tuple[int, str, str]]:
    return [(p.offset, p.message, p.hint) for p in markdown_safety.problems(text)]


def test_link_openings_up_to_the_limit_pass_and_one_more_is_refused_at_its_place():
    limit = markdown_safety.MAX_LINKS
    assert _messages("[x](" * limit) == []
    assert _messages("[x](" * (limit + 1)) == [
        (
            limit * 4 + 2,
            f"more than {limit:,} link openings ']('",
            "split the text into several pages",
        )
    ]


def test_tag_openings_up_to_the_limit_are_parsed_and_one_more_is_refused_unparsed():
    limit = markdown_safety.MAX_TAG_OPENINGS
    at_limit = _messages("<i>" * limit)
    assert len(at_limit) == limit and {m for _, m, _ in at_limit} == {
        "raw HTML is not allowed ('<i>')"
    }
    assert _messages("<i>" * (limit + 1)) == [
        (limit * 3, f"more than {limit} '<' followed by a letter", markdown_safety.HTML_HINT)
    ]


def test_a_tag_must_close_within_its_reach():
    reach = markdown_safety.TAG_REACH
    closed = "a <b" + "x" * (reach - 1) + ">"
    assert [m for _, m, _ in _messages(closed)] == [f"raw HTML is not allowed ('{closed[2:]}')"]
    unclosed = "a <b" + "x" * reach + ">"
    assert _messages(unclosed) == [
        (
            2,
            f"'<' opens an HTML tag that is not closed within {reach:,} characters",
            "write '&lt;' for a '<' that starts no tag, or put it in `code` with a '>'",
        )
    ]


def test_a_text_at_the_size_limit_passes_and_one_character_more_is_refused():
    limit = markdown_safety.MAX_TEXT
    assert _messages("a" * limit) == []
    assert _messages("a" * (limit + 1)) == [
        (
            0,
            f"text is {limit + 1:,} characters long; the limit is {limit:,}",
            "split it into several pages",
        )
    ]


def test_nesting_at_the_limit_passes_and_one_level_more_is_refused_with_its_depth():
    def quotes(levels: int) -> str:
        return "> " * levels + "deep"

    depth_of = {}
    for levels in range(28, 36):
        found = _messages(quotes(levels))
        depth_of[levels] = found
    passing = [levels for levels, found in depth_of.items() if not found]
    refused = [levels for levels, found in depth_of.items() if found]
    assert passing and refused and max(passing) < min(refused)
    first = depth_of[min(refused)]
    assert first == [
        (
            0,
            f"Markdown nests {markdown_safety.MAX_DEPTH + 1} levels deep; the limit is "
            f"{markdown_safety.MAX_DEPTH}",
            "flatten the nested emphasis, quotes or lists",
        )
    ]


def test_plain_text_is_not_parsed_and_risky_text_is():
    assert markdown_safety._NEEDS_PARSING.search("A plain sentence [@a-b], with :actor[x].") is None
    for risky in ("a < b", "a > b", "AT&T", "{x}", "a\\b", "[x](y)", "[x][y]", "[x]: y", "\ta"):
        assert markdown_safety._NEEDS_PARSING.search(risky), risky
    many = "*a* " * (markdown_safety.MAX_DEPTH + 1)  # 66 stars: parsed, and harmless
    assert _messages(many) == []
