"""The README's editor's guide is a complete investigation that validates under ``--strict``.

A new editor copies the guide's examples; an example that the validator refuses teaches a
mistake. So every fenced YAML block of the guide names its file on its first line
(``# claims.yml``), the Markdown page and CSV examples name theirs in the fence
(```` ```csv title="data/x.csv" ````), and this test writes them into one story folder and runs
the real validator on it, failing at the README line of the example at fault.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.charts.types.timeline import figure as timeline_chart
from generator.render.locale import load_locale

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
GUIDE_HEADING = "## Editor's guide"
FENCE = re.compile(r"^```(?P<language>\w*)(?P<info>.*)$")
TITLE = re.compile(r'title="(?P<name>[^"]+)"')
YAML_NAME = re.compile(r"^# (?P<name>[\w./-]+\.yml)\s*$")


@dataclass(frozen=True)
class Example:
    """A fenced block of the guide: the file it stands for and where its text starts."""

    name: str | None
    language: str
    first_line: int  # README line of the block's first line of text
    text: str


def guide_examples(readme: str = "") -> list[Example]:
    """The fenced blocks between the guide's heading and the next section of the same level."""
    lines = (readme or README.read_text(encoding="utf-8")).splitlines()
    start = lines.index(GUIDE_HEADING)
    end = next((n for n in range(start + 1, len(lines)) if lines[n].startswith("## ")), len(lines))
    examples, number = [], start + 1
    while number < end:
        opening = FENCE.match(lines[number])
        if not opening or not opening["language"]:
            number += 1
            continue
        close = lines.index("```", number + 1)
        body = lines[number + 1 : close]
        name = None
        if opening["language"] == "yaml" and body and (match := YAML_NAME.match(body[0])):
            name = match["name"]
        elif title := TITLE.search(opening["info"]):
            name = title["name"]
        examples.append(Example(name, opening["language"], number + 2, "\n".join(body) + "\n"))
        number = close + 1
    return examples


def _file_examples() -> list[Example]:
    return [e for e in guide_examples() if e.language in ("yaml", "markdown", "csv")]


@pytest.fixture(scope="module")
def story(tmp_path_factory) -> Path:
    """The guide's examples written as the files they name, in a story folder."""
    folder = tmp_path_factory.mktemp("guide") / "guide-story"
    for example in _file_examples():
        if example.name is None:
            continue
        target = folder / example.name
        assert not target.exists(), f"README.md:{example.first_line}: {example.name} twice"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(example.text, encoding="utf-8")
    return folder


def test_every_example_names_its_file():
    unnamed = [
        f"README.md:{e.first_line - 1}: a ```{e.language} block names no file: start a YAML "
        'block with a line such as "# claims.yml", give others a title="pages/x.md"'
        for e in _file_examples()
        if e.name is None
    ]
    assert unnamed == []


def test_the_guide_shows_every_kind_of_content_file():
    names = {e.name for e in _file_examples()}
    expected = {
        "story.yml",
        "sources.yml",
        "claims.yml",
        "events.yml",
        "actors.yml",
        "relations.yml",
        "datasets.yml",
        "charts.yml",
    }
    assert expected <= names
    assert any(name.startswith("pages/") for name in names if name)
    assert any(name.startswith("data/") and name.endswith(".csv") for name in names if name)


def test_the_examples_validate_strictly(story, validate):
    outcome = validate(story, strict=True)
    starts = {e.name: e.first_line for e in _file_examples() if e.name}
    found = [
        f"README.md:{starts[Path(d.location.path).as_posix()] + d.location.line - 1}: "
        f"{d.message}" + (f" ({d.hint})" if d.hint else "")
        if Path(d.location.path).as_posix() in starts
        else str(d)
        for d in outcome.result.diagnostics
    ]
    assert found == []
    counts = outcome.investigation.counts()
    assert all(counts[kind] for kind in counts), counts


def test_a_mistake_in_an_example_is_reported_at_its_readme_line(tmp_path, validate):
    """The test above cannot pass by accident: a broken example fails at its own line."""
    readme = README.read_text(encoding="utf-8").replace("    status: denied\n", "    status: no\n")
    (claims,) = [e for e in guide_examples(readme) if e.name == "claims.yml"]
    folder = tmp_path / "broken-guide"
    for example in guide_examples(readme):
        if example.name and example.language in ("yaml", "markdown", "csv"):
            (folder / example.name).parent.mkdir(parents=True, exist_ok=True)
            (folder / example.name).write_text(example.text, encoding="utf-8")
    outcome = validate(folder, strict=True)
    lines = [d.location.line for d in outcome.result.errors if d.location.path == "claims.yml"]
    status_line = claims.text.splitlines().index("    status: no") + 1
    assert status_line in lines
    readme_line = claims.first_line + status_line - 1
    assert readme.splitlines()[readme_line - 1] == "    status: no"


def test_the_timeline_shows_lanes_in_the_order_story_lists_them(story, validate):
    """The guide says so: `lanes:` orders the timeline, top to bottom, whatever the dates."""
    investigation = validate(story).investigation
    assert investigation.story is not None
    # reversed, the lanes' order is the opposite of their first events' order
    investigation.story.lanes = dict(reversed(list(investigation.story.lanes.items())))
    chart = next(c for c in investigation.charts if c.type == "timeline")
    chart.groups = []
    locale = load_locale(ROOT / "site_config" / "locales", "en")
    built = timeline_chart(chart, investigation, locale, lambda kind, ref: f"#{ref}")
    # each lane's name stands above its events: top to bottom is the order of their heights
    names = sorted(built.figure.layout.annotations, key=lambda note: note.y)
    top_to_bottom = [note.text for note in names]
    english = [investigation.story.lanes[group]["en"] for group in investigation.story.lanes]
    assert list(top_to_bottom) == english
