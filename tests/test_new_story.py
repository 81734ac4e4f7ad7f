"""`python -m generator new <slug>`: a story an editor can preview at once, every key in view."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import typing
from pathlib import Path

import pytest

from generator.model import FILE_MODELS, PageFrontMatter
from generator.new_story import key_lines, story_files
from tests.sitetools import ROOT, build, copy_project, soup


def generator(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def new(content: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return generator("new", *args, "--content-dir", str(content))


def files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def test_a_new_story_validates_strictly_with_every_file(tmp_path):
    run = new(tmp_path / "content", "example-bridge")
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("created ")
    story = tmp_path / "content" / "example-bridge"
    assert files(story) == [
        "actors.yml",
        "cases.yml",
        "charts.yml",
        "claims.yml",
        "data/payments.csv",
        "datasets.yml",
        "events.yml",
        "pages/what-happened.md",
        "relations.yml",
        "sources.yml",
        "story.yml",
    ]
    check = generator("validate", str(tmp_path / "content"), "--strict")
    assert check.returncode == 0, check.stdout
    assert check.stdout.startswith("0 errors, 0 warnings in example-bridge (2 sources, 2 claims")
    assert not list((tmp_path / "content").glob(".*")), "no temporary folder is left behind"


def test_each_file_names_its_schema_and_every_key_of_the_model(tmp_path):
    new(tmp_path / "content", "example-bridge")
    story = tmp_path / "content" / "example-bridge"
    for kind, model in FILE_MODELS.items():
        text = (story / f"{kind}.yml").read_text(encoding="utf-8")
        schema = re.match(r"# yaml-language-server: \$schema=(\S+)\n", text)
        assert schema, kind
        assert (story / schema.group(1)).resolve() == tmp_path / "schema" / f"{kind}.schema.json"
        ((name, _),) = model.model_fields.items()
        item = typing.get_args(typing.get_type_hints(model)[name]) or (
            typing.get_type_hints(model)[name],
        )
        for field_name, field in item[0].model_fields.items():
            key = field.alias or field_name
            assert re.search(rf"^#  {re.escape(key)}: \((required|optional)\)", text, re.M), (
                f"{kind}.yml does not show '{key}'"
            )
    assert "#    qualifier: (optional)" in (story / "relations.yml").read_text(encoding="utf-8")
    page = (story / "pages" / "what-happened.md").read_text(encoding="utf-8")
    for line in key_lines(PageFrontMatter):
        assert line in page


def test_in_a_project_the_schema_line_is_the_one_editors_know():
    written = story_files(ROOT / "content" / "example-bridge", ["en"])  # nothing is written
    in_repo = (ROOT / "content" / "romania-2024" / "claims.yml").read_text().splitlines()[0]
    assert written["claims.yml"].splitlines()[0] == in_repo
    assert in_repo == "# yaml-language-server: $schema=../../schema/claims.schema.json"


def test_languages_flag_writes_every_text_in_every_language(tmp_path):
    run = new(tmp_path / "content", "example-bridge", "--languages", "ro,en")
    assert run.returncode == 0, run.stderr
    story = tmp_path / "content" / "example-bridge"
    text = (story / "story.yml").read_text(encoding="utf-8")
    assert "  languages: [ro, en]\n" in text
    assert "    ro: Contractul pentru Podul Exemplu\n    en: The Example Bridge contract\n" in text
    pages = sorted(p.name for p in (story / "pages").iterdir())
    assert pages == ["what-happened.en.md", "what-happened.md"]
    assert "title: Ce s-a întâmplat" in (story / "pages" / "what-happened.md").read_text()
    check = generator("validate", str(tmp_path / "content"), "--strict")
    assert check.returncode == 0, check.stdout


def test_a_language_without_placeholder_text_is_marked_for_translation(tmp_path):
    assert new(tmp_path / "content", "example-bridge", "--languages", "en,fr").returncode == 0
    story = tmp_path / "content" / "example-bridge"
    assert "    fr: (translate into fr) The Example Bridge contract\n" in (
        story / "story.yml"
    ).read_text(encoding="utf-8")
    check = generator("validate", str(tmp_path / "content"), "--strict")
    assert check.returncode == 0, check.stdout


@pytest.mark.parametrize(
    ("slug", "languages", "message"),
    [
        ("Bad_Slug", "en", "'Bad_Slug' cannot name a story"),
        ("ro", "en", "is reserved for the site's own files"),
        ("example-bridge", "en,EN", "'EN' is not a language code"),
        ("example-bridge", "en,en", "'en,en' names a language twice"),
        ("example-bridge", "", "'' is not a language code"),
    ],
)
def test_bad_names_are_refused_in_one_line(tmp_path, slug, languages, message):
    run = new(tmp_path / "content", slug, "--languages", languages)
    assert run.returncode == 1
    assert run.stdout == ""
    assert run.stderr.count("\n") == 1 and run.stderr.startswith("error: ")
    assert message in run.stderr
    assert not (tmp_path / "content").exists() or not any((tmp_path / "content").iterdir())


def test_an_existing_folder_is_never_touched(tmp_path):
    existing = tmp_path / "content" / "example-bridge"
    existing.mkdir(parents=True)
    (existing / "notes.txt").write_text("mine")
    run = new(tmp_path / "content", "example-bridge")
    assert run.returncode == 1
    assert run.stderr == (
        f"error: {existing.as_posix()} already exists: choose another name, or edit the story "
        "there\n"
    )
    assert files(existing) == ["notes.txt"]


def test_a_new_bilingual_story_builds_beside_nothing_else(tmp_path):
    (tmp_path / "empty-content").mkdir()
    project = copy_project(tmp_path / "project", content=tmp_path / "empty-content")
    assert (
        generator(
            "new",
            "example-bridge",
            "--languages",
            "en,ro",
            "--content-dir",
            str(project / "content"),
        ).returncode
        == 0
    )
    site = tmp_path / "site"
    run = build(project, site, "--strict")
    assert run.returncode == 0, run.stdout + run.stderr
    overview = soup(site / "example-bridge" / "index.html")
    assert overview.find("h1").get_text(strip=True).rstrip("¶") == "The Example Bridge contract"
    romanian = soup(site / "ro" / "example-bridge" / "index.html")
    assert romanian.find("h1").get_text(strip=True).rstrip("¶") == "Contractul pentru Podul Exemplu"
    page = soup(site / "example-bridge" / "what-happened" / "index.html")
    assert page.select("figure")  # the chart embed
