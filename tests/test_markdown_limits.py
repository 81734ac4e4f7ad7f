"""Markdown that made checking or rendering super-linear is checked and rendered in linear time.

Each case once took 40 s to several minutes on this project's 2-core machine (the figures are in
generator/markdown_safety.py). They run in a child process with a time limit some ten times what
the linear code needs, so the limit only trips when a scan goes back to reading the rest of the
text for every mark; the result itself is asserted exactly.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from generator.markdown_safety import MAX_DEPTH, MAX_LINKS, MAX_TAG_OPENINGS, MAX_TEXT, TAG_REACH
from tests.sitetools import ROOT

SECONDS = 30


def run_within(code: str) -> str:
    """Run Python code in a child process; its standard output, or a failure past SECONDS."""
    try:
        done = subprocess.run(
            [sys.executable, "-c", textwrap.dedent(code)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=SECONDS,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"took over {SECONDS} s: a scan reads on to the end of the text again")
    assert done.returncode == 0, done.stderr
    return done.stdout


def validate_page(demo, body: str) -> list[str]:
    """The validator's lines for the demo story with ``body`` as its narrative page."""
    page = demo.path / "pages" / "overview.md"
    page.write_text("---\ntitle: What happened\n---\n" + body, "utf-8")
    output = run_within(
        f"""
        from pathlib import Path
        from generator.pipeline import load_and_check
        result = load_and_check(Path({str(demo.path)!r}))
        print("\\n".join(str(d) for d in result.errors))
        """
    )
    return [line.split("demo-case/", 1)[-1] for line in output.splitlines() if line]


def render(body_expression: str) -> str:
    """The page text built by ``body_expression`` rendered by the site's Markdown."""
    return run_within(
        f"""
        import markdown
        from generator.markdown_safety import CONTENT_EXTENSIONS
        from generator.render.markdown_ext import ExplainerExtension
        html = markdown.Markdown(extensions=[*CONTENT_EXTENSIONS, ExplainerExtension()]).convert(
            {body_expression}
        )
        print(len(html))
        print(html[:200])
        """
    )


def test_unclosed_mentions_are_text(demo):
    assert validate_page(demo, ":actor[" * 64_000 + "\n") == []


def test_unclosed_citations_are_text(demo):
    assert validate_page(demo, "[@" * 100_000 + "\n") == []


def test_many_fence_lines_are_read_once(demo):
    assert validate_page(demo, "```x\n" * 48_000) == []


def test_backtick_runs_of_every_length_are_read_once(demo):
    body = " ".join("`" * n + "a" for n in range(1, 500)) + "\n"
    assert validate_page(demo, body) == []
    # no run pairs with another: all of it stays text
    output = render('" ".join("`" * n + "a" for n in range(1, 1000))')
    assert "<code>" not in output and output.split("\n")[1].startswith("<p")


def test_too_many_tag_openings_are_refused_before_parsing(demo):
    lines = validate_page(demo, "<i>" * 48_000 + "\n")
    column = MAX_TAG_OPENINGS * 3 + 1
    assert lines == [
        f"pages/overview.md:4:{column}: page 'overview': more than {MAX_TAG_OPENINGS} '<' "
        "followed by a letter (use Markdown syntax; to show a '<' write '&lt;' or put it in "
        "`code`)"
    ]


def test_a_tag_opening_that_never_closes_is_refused_before_parsing(demo):
    lines = validate_page(demo, "<a:" * 48_000 + "\n" + "<a b c " * 60 + "word " * 200_000)
    assert lines == [
        f"pages/overview.md:4:1: page 'overview': '<' opens an HTML tag that is not closed "
        f"within {TAG_REACH:,} characters (write '&lt;' for a '<' that starts no tag, or put "
        "it in `code` with a '>')"
    ]


def test_too_many_link_openings_are_refused_before_parsing(demo):
    lines = validate_page(demo, "[x](" * 25_000 + "\n")
    column = MAX_LINKS * 4 + 1 + 2
    assert lines == [
        f"pages/overview.md:4:{column}: page 'overview': more than {MAX_LINKS:,} link "
        "openings '](' (split the text into several pages)"
    ]


def test_unclosed_links_under_the_limit_render_in_linear_time():
    assert int(render('"[x](" * 1_900 + "![x](" * 1_900').split()[0]) > 7_600
    assert int(render('"[x](((" * 1_900 + ")"').split()[0]) > 1_900


def test_a_paragraph_of_many_links_renders_in_linear_time():
    output = render('"[a](https://example.org/) " * 5_000')
    assert int(output.split()[0]) > 5_000 * len('<a href="https://example.org/">a</a>')


def test_deep_nesting_is_refused_not_a_crash(demo):
    lines = validate_page(demo, "*" * 2_000 + "x" + "*" * 2_000 + "\n")
    assert lines == [
        f"pages/overview.md:4:1: page 'overview': Markdown nests too deeply; the limit is "
        f"{MAX_DEPTH} (flatten the nested emphasis, quotes or lists)"
    ]


def test_nesting_past_the_limit_is_refused_with_its_depth(demo):
    quotes = "\n".join(">" * 40 + " deep" for _ in range(1)) + "\n"
    (line,) = validate_page(demo, quotes)
    assert line.startswith("pages/overview.md:4:1: page 'overview': Markdown nests 41 levels deep")


def test_a_text_over_the_size_limit_is_refused_before_parsing(demo):
    (line,) = validate_page(demo, "word " * (MAX_TEXT // 5 + 1))
    assert line == (
        f"pages/overview.md:4:1: page 'overview': text is {MAX_TEXT + 5:,} characters long; "
        f"the limit is {MAX_TEXT:,} (split it into several pages)"
    )
