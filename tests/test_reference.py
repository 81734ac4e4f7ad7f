"""The key reference (docs/reference.md): generated from the model, complete, and never stale.

An editor who follows the reference must write what the validator accepts, so the committed file
is compared with what the model gives today, every key of every content file must be in it with
a meaning, and the statuses' definitions must be the words the methodology page shows readers.
"""

from __future__ import annotations

import typing
from pathlib import Path

import pytest

from generator import evidence
from generator.cli import main
from generator.model import FILE_MODELS, Entity, PageFrontMatter, SourceRef
from generator.reference import COMMAND, REFERENCE_PATH, render_reference, stale_reference
from generator.render.locale import load_locale
from generator.render.site import STATUS_ORDER

ROOT = Path(__file__).resolve().parent.parent
COMMITTED = ROOT / REFERENCE_PATH


@pytest.fixture(scope="module")
def reference() -> str:
    return render_reference()


def _section(text: str, heading: str) -> str:
    """The text under a heading, up to the next heading of the same or a higher level."""
    level = heading.split(" ", 1)[0]
    start = text.index(f"\n{heading}\n") + len(heading) + 2
    ends = [text.find(f"\n{'#' * n} ", start) for n in range(1, len(level) + 1)]
    ends = [end for end in ends if end != -1]
    return text[start : min(ends)] if ends else text[start:]


def _rows(section: str) -> dict[str, list[str]]:
    """Table rows of a section by their first cell, without its backticks."""
    rows = {}
    for line in section.splitlines():
        if line.startswith("| `"):
            cells = [cell.strip() for cell in line.strip("|").split(" | ")]
            rows[cells[0].strip("`")] = cells[1:]
    return rows


def _models_in(hint: typing.Any) -> list[type[Entity]]:
    """The mappings a value holds, looking through lists, unions and Annotated."""
    if isinstance(hint, type) and issubclass(hint, Entity):
        return [] if hint is SourceRef else [hint]  # citations have a section of their own
    return [model for arg in typing.get_args(hint) for model in _models_in(arg)]


def _entities(model: type[Entity], path: str) -> typing.Iterator[tuple[str, type[Entity]]]:
    """Every mapping an editor writes in a file, with its path as the reference heads it."""
    yield path, model
    hints = typing.get_type_hints(model, include_extras=True)
    for name, field in model.model_fields.items():
        is_list = typing.get_origin(field.annotation) is list
        for child in _models_in(hints[name]):
            yield from _entities(child, f"{path}.{field.alias or name}{'[]' if is_list else ''}")


def _file_entities() -> list[tuple[str, str, type[Entity]]]:
    found = []
    for kind, file_model in FILE_MODELS.items():
        ((name, field),) = file_model.model_fields.items()
        (item,) = _models_in(field.annotation)
        path = f"{name}[]" if typing.get_origin(field.annotation) is list else name
        found.extend((kind, sub, model) for sub, model in _entities(item, path))
    return found


def test_the_committed_reference_is_what_the_model_gives_today():
    problem = stale_reference(COMMITTED)
    assert problem is None, problem


@pytest.mark.parametrize(
    ("kind", "path", "model"), _file_entities(), ids=lambda value: getattr(value, "__name__", value)
)
def test_every_key_of_every_file_is_in_the_reference_with_a_meaning(reference, kind, path, model):
    section = _section(_section(reference, f"## {kind}.yml"), f"### `{path}`")
    rows = _rows(section)
    keys = [f.alias or n for n, f in model.model_fields.items() if not f.exclude]
    assert list(rows) == keys
    for key in keys:
        presence, shown_type, meaning = rows[key]
        assert presence.startswith(("required", "optional")), key
        assert shown_type, key
        assert meaning, f"{model.__name__}.{key} has no description= in generator/model.py"


def test_pages_front_matter_is_in_the_reference(reference):
    rows = _rows(_section(reference, "## pages/*.md"))
    assert list(rows) == list(PageFrontMatter.model_fields)
    assert rows["title"][0] == "required"
    assert rows["order"][0] == "optional, default `100`"


def test_required_and_optional_keys_are_told_apart(reference):
    sources = _rows(_section(reference, "### `sources[]`"))
    assert sources["language"][0] == "required"
    assert sources["published"][0] == "optional"
    assert sources["kind"][1].startswith("one of the [source kinds](#source-kinds): ")
    story = _rows(_section(reference, "### `story`"))
    assert story["languages"][0] == "optional, default `[en]`"
    claims = _rows(_section(reference, "### `claims[]`"))
    assert claims["sources"][1].startswith("list of source ids or `{id, locator}`")
    assert claims["statement"][1].startswith("[Markdown](#markdown)")
    assert story["title"][1] == "[text](#text), or one per language `{en: ..., ro: ...}`"


def test_the_statuses_are_defined_in_the_methodology_pages_words_and_order(reference):
    english = load_locale(ROOT / "site_config" / "locales", "en")
    rows = _rows(_section(reference, "## Statuses"))
    assert list(rows) == list(STATUS_ORDER)
    for status, (name, definition, named) in rows.items():
        assert name == english["statuses"][status]
        assert definition == " ".join(english["status_meaning"][status].split())
        assert named == evidence.ATTRIBUTED_TO[status]  # who `attributed_to` names


def test_every_source_and_actor_kind_is_listed_with_its_name(reference):
    english = load_locale(ROOT / "site_config" / "locales", "en")
    for heading, key in (("## Source kinds", "source_kinds"), ("## Actor kinds", "actor_kinds")):
        rows = _rows(_section(reference, heading))
        assert {value: cells[0] for value, cells in rows.items()} == english[key]


def test_check_fails_on_a_stale_file_and_names_the_command(tmp_path, capsys):
    out = tmp_path / "reference.md"
    assert main(["reference", "--out", str(out), "--check"]) == 1
    assert f"run '{COMMAND}'" in capsys.readouterr().err
    assert main(["reference", "--out", str(out)]) == 0
    assert main(["reference", "--out", str(out), "--check"]) == 0
    out.write_text(out.read_text(encoding="utf-8").replace("required", "optional", 1))
    assert main(["reference", "--out", str(out), "--check"]) == 1
    error = capsys.readouterr().err
    assert "is out of date" in error
    assert f"run '{COMMAND}' and commit the result" in error
