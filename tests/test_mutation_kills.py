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


# --- markdown_safety.py: texts read without the parser, and what the parser leaves out --------


def _nested(levels: int, mark: str) -> str:
    return f"{mark}a " * levels + "x" + f" a{mark}" * levels


@pytest.mark.parametrize(
    ("text", "depth"),
    [
        # 64 '*' nest 32 levels inside a paragraph: 33, one past the limit
        (_nested(32, "*"), 33),
        (_nested(33, "_"), 34),
        ("*a _a " * 17 + "x" + " a_ a*" * 17, 35),
        (_nested(40, "*"), 41),
        # lists nest on one line, with no emphasis at all
        ("- " * 40 + "x", 80),
        ("- x\n    - " + _nested(29, "*"), 33),
    ],
)
def test_deep_nesting_is_refused_however_few_special_characters_it_uses(text, depth):
    """Texts without '<', '&', '>' or brackets are read without the parser only when they
    cannot nest past the limit: emphasis of either mark, and lists, are counted."""
    assert _messages(text) == [
        (
            0,
            f"Markdown nests {depth} levels deep; the limit is {markdown_safety.MAX_DEPTH}",
            "flatten the nested emphasis, quotes or lists",
        )
    ]


def test_a_blank_text_has_no_problems_whatever_text_came_before():
    """Markdown runs none of its stages over a blank text: nothing of the text before may be
    reported for it."""
    assert [m for _, m, _ in _messages("[x](javascript:alert(1))")] == [
        "link target 'javascript:alert(1)' is not allowed"
    ]
    assert _messages("\t") == []
    assert _messages("\n        \n") == []
    assert _messages("> " * 40 + "x")[0][1].startswith("Markdown nests 41 levels deep")
    assert _messages(" \t ") == []


@pytest.mark.parametrize(
    ("text", "message", "hint"),
    [
        # a backslash escaped in Markdown is a backslash on the page, read by browsers as '/'
        (
            "![x](/\\\\evil.example/a.png)",
            "image '/\\evil.example/a.png' is not on this site",
            markdown_safety.IMAGE_HINT,
        ),
        (
            "[x](/\\\\evil.example/)",
            "link target '/\\evil.example/' is not allowed",
            markdown_safety.LINK_HINT,
        ),
        (
            "[x](javascript:alert\\(1\\))",
            "link target 'javascript:alert(1)' is not allowed",
            markdown_safety.LINK_HINT,
        ),
    ],
)
def test_targets_written_with_backslash_escapes_are_read_as_the_page_carries_them(
    text, message, hint
):
    """Reported where the text begins (the target is not written so in the text), quoted as
    the page would carry it."""
    assert _messages(text) == [(0, message, hint)]


def test_an_escaped_backslash_in_an_image_reaches_no_page(render_html):
    html = render_html("![x](/\\\\evil.example/a.png) [y](/\\\\evil.example/)")
    assert html == "<p><span>x</span> <span>y</span></p>"


@pytest.fixture(scope="module")
def render_html():
    investigation, diagnostics = load_investigation(FIXTURE)
    assert not diagnostics
    resolver = Resolver({investigation.slug: investigation}, "en")
    locale = load_locale(ROOT / "site_config" / "locales", "en")

    def run(text: str) -> str:
        extension = ExplainerExtension()
        extension.page = PageContext(investigation.slug, resolver, locale, page="test.md")
        return markdown.Markdown(extensions=[*CONTENT_EXTENSIONS, extension]).convert(text)

    return run


def test_a_tag_is_closed_only_by_a_later_bracket():
    """A '>' before the '<' (a quote) does not close the tag after it."""
    reach = markdown_safety.TAG_REACH
    assert _messages("> x <b" + "y" * (reach + 100)) == [
        (
            4,
            f"'<' opens an HTML tag that is not closed within {reach:,} characters",
            "write '&lt;' for a '<' that starts no tag, or put it in `code` with a '>'",
        )
    ]


def test_entities_of_visible_characters_pass_and_do_not_hide_html_after_them():
    assert _messages("AT&amp;T &copy; 2024 &#x202E;") == []
    assert [(o, m) for o, m, _ in _messages("&amp; <b>x</b> a&#x200B;b")] == [
        (6, "raw HTML is not allowed ('<b>')"),
        (10, "raw HTML is not allowed ('</b>')"),
        (16, "'&#x200B;' stands for an invisible character (U+200B)"),
    ]


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ("<!-- a > b -->", "<!-- a > b -->"),
        ("x <!-- " + "a" * 50 + " --> y", "<!-- " + "a" * 50 + " -->"),
        ("<!-- a --> b -->", "<!-- a -->"),
        ("<!-- a -->x", "<!-- a -->"),
        ("<!-- " + "a" * 50 + "\nb -->", "<!-- " + "a" * 35),
    ],
)
def test_a_comment_is_quoted_to_its_end_or_by_its_first_40_characters(text, tag):
    assert [m for _, m, _ in _messages(text)] == [f"raw HTML is not allowed ('{tag}')"]


def test_html_with_markdown_in_it_is_named_by_its_tag_and_each_tag_at_its_place():
    """md_in_html leaves no text of the block to quote: the tag is read from the text, and
    the tags parsed out of order are still found at their own places."""
    text = 'Text\n\n<section markdown="1">\n<b>x</b> <b>y</b>\n</section>\nand <i>z</i>'
    assert [(o, m) for o, m, _ in _messages(text)] == [
        (6, "raw HTML is not allowed ('<section markdown=\"1\">')"),
        (29, "raw HTML is not allowed ('<b>')"),
        (33, "raw HTML is not allowed ('</b>')"),
        (38, "raw HTML is not allowed ('<b>')"),
        (42, "raw HTML is not allowed ('</b>')"),
        (62, "raw HTML is not allowed ('<i>')"),
        (66, "raw HTML is not allowed ('</i>')"),
    ]
    assert _messages('<div markdown="1">\n*x*\n</div>') == [
        (0, "raw HTML is not allowed ('<div markdown=\"1\">')", markdown_safety.HTML_HINT)
    ]


def test_html_the_parser_reports_after_later_html_is_still_found_at_the_start():
    """Blocks are read before the inline tags of the lines above them: the tag at the very
    start is found again from the start of the text."""
    assert [(o, m) for o, m, _ in _messages("<b>x</b> and\n\n<div>\ny\n</div>")] == [
        (0, "raw HTML is not allowed ('<b>')"),
        (4, "raw HTML is not allowed ('</b>')"),
        (14, "raw HTML is not allowed ('<div>')"),
    ]
