"""What the loader tells an editor, exactly: each message with its file, line, column and hint,
and what is kept of a file with mistakes (see bench/MUTATION.md).

In-process, so that the mutation run sees the loader's code run; every story here is a copy of
the fictional demo case.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.loader import find_investigations, forget_positions, load_investigation, load_page

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "valid" / "demo-case"
CONTENT_FILES = (
    "story.yml, sources.yml, claims.yml, events.yml, actors.yml, relations.yml, cases.yml, "
    "datasets.yml, "
    "charts.yml"
)
KEPT_PAGES = "actors, cases, charts, claims, data, index, methodology, sources, timeline"


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """A copy of the demo case named demo-case, read from the folder above it, as
    `validate content` reads it."""
    shutil.copytree(FIXTURE, tmp_path / "demo-case")
    monkeypatch.chdir(tmp_path)
    return Path("demo-case")


def lines(folder: Path) -> list[str]:
    return [str(diagnostic) for diagnostic in load_investigation(folder)[1]]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        (
            "My Story!",
            "My Story!/story.yml:1:1: investigation folder name 'My Story!' is not an id "
            "(lower-case letters, digits and single hyphens) (rename the folder, e.g. to "
            "my-story)",
        ),
        (
            "__",
            "__/story.yml:1:1: investigation folder name '__' is not an id (lower-case letters, "
            "digits and single hyphens) (rename the folder, e.g. to my-investigation)",
        ),
        (
            "assets",
            "assets/story.yml:1:1: investigation folder name 'assets' is reserved for the site's "
            "own files (rename the folder, e.g. to assets-investigation; names of two letters "
            "are kept for languages, and assets, search, sitemap, index and 404 for the site)",
        ),
        (
            "ro",
            "ro/story.yml:1:1: investigation folder name 'ro' is reserved for the site's own "
            "files (rename the folder, e.g. to ro-investigation; names of two letters are kept "
            "for languages, and assets, search, sitemap, index and 404 for the site)",
        ),
    ],
    ids=["not-an-id", "no-letters", "reserved", "two-letters"],
)
def test_a_folder_name_that_cannot_start_an_address_is_named_with_a_better_one(
    tmp_path, monkeypatch, name, message
):
    shutil.copytree(FIXTURE, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    investigation, diagnostics = load_investigation(Path(name))
    assert [str(d) for d in diagnostics] == [message]
    assert investigation.claims  # the files are still read and checked


@pytest.mark.parametrize("name", ["demo-case", "a12", "x-2-y", "sitemaps", "abc"])
def test_an_unreserved_id_is_a_good_folder_name(tmp_path, monkeypatch, name):
    shutil.copytree(FIXTURE, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    assert lines(Path(name)) == []


def test_files_that_are_not_content_files_are_named(folder):
    (folder / "notes.yaml").write_text("a: 1\n", "utf-8")
    (folder / "claims.yaml").write_text("a: 1\n", "utf-8")
    (folder / "notes.txt").write_text("a: 1\n", "utf-8")
    assert lines(folder) == [
        f"demo-case/claims.yaml:1:1: unknown content file 'claims.yaml' (content files are: "
        f"{CONTENT_FILES})",
        f"demo-case/notes.yaml:1:1: unknown content file 'notes.yaml' (content files are: "
        f"{CONTENT_FILES})",
    ]


def test_a_file_that_is_no_mapping_is_named_and_its_items_left_out(folder):
    (folder / "events.yml").write_text("- a\n- b\n", "utf-8")
    investigation, diagnostics = load_investigation(folder)
    assert [str(d) for d in diagnostics] == [
        "demo-case/events.yml:1:1: demo-case/events.yml must be a mapping that starts with "
        "'events:' (write 'events:' on the first line and indent the items under it)"
    ]
    assert investigation.events == []
    assert investigation.incomplete == {"events.yml": "demo-case/events.yml"}


def test_an_empty_file_is_read_as_an_empty_mapping(folder):
    (folder / "events.yml").write_text("", "utf-8")
    investigation, diagnostics = load_investigation(folder)
    assert [str(d) for d in diagnostics] == [
        "demo-case/events.yml:1:1: missing required key 'events' (add 'events:')"
    ]
    assert investigation.incomplete == {"events.yml": "demo-case/events.yml"}


def test_binary_data_is_named_at_its_line(folder):
    (folder / "datasets.yml").write_bytes(b"datasets: []\n# a\n\x00\n")
    investigation, diagnostics = load_investigation(folder)
    assert [str(d) for d in diagnostics] == [
        "demo-case/datasets.yml:3:1: file contains binary data (NUL) (is this the right file?)"
    ]
    assert investigation.incomplete == {"datasets.yml": "demo-case/datasets.yml"}


def test_a_wrong_item_is_left_out_and_the_others_kept(folder):
    claims = folder / "claims.yml"
    claims.write_text(claims.read_text("utf-8").replace("status: denied", "status: maybe"))
    investigation, diagnostics = load_investigation(folder)
    assert [str(d) for d in diagnostics] == [
        "demo-case/claims.yml:19:13: claim 'agency-denies': 'maybe' is not a valid status "
        "(choose one of: confirmed, reported, alleged, disputed, denied, unverified, retracted)"
    ]
    assert [claim.id for claim in investigation.claims] == ["agency-paid-network", "report-exists"]
    assert investigation.incomplete == {"claims.yml": "demo-case/claims.yml"}
    # each kept item still knows where it was written
    assert str(investigation.claims[1].at("status")) == "demo-case/claims.yml:24:13"


def test_a_complete_story_is_not_incomplete(folder):
    investigation, diagnostics = load_investigation(folder)
    assert diagnostics == [] and investigation.incomplete == {}
    assert str(investigation.claims[1].at("status")) == "demo-case/claims.yml:19:13"


def test_page_names_and_ids_the_generator_keeps_are_refused_with_a_better_name(folder):
    page = "---\ntitle: T\n---\nBody\n"
    for name in ["My Page.md", "about.english.md", "index.md", "charts.md", "ok.ro.md"]:
        (folder / "pages" / name).write_text(page, "utf-8")
    investigation, diagnostics = load_investigation(folder)
    assert [str(d) for d in diagnostics] == [
        "demo-case/pages/My Page.md:1:1: page file name 'My Page.md' must be page-id.md or "
        "page-id.language.md (rename it, e.g. to my-page.md)",
        "demo-case/pages/about.english.md:1:1: page file name 'about.english.md' must be "
        "page-id.md or page-id.language.md (rename it, e.g. to about.md)",
        "demo-case/pages/charts.md:1:1: page id 'charts' is the address of a page the generator "
        f"writes itself (rename the file, e.g. to about-charts.md; these ids are kept: "
        f"{KEPT_PAGES})",
        "demo-case/pages/index.md:1:1: page id 'index' is the address of a page the generator "
        f"writes itself (rename the file, e.g. to about-index.md; these ids are kept: "
        f"{KEPT_PAGES})",
    ]
    assert [(p.slug, p.language, p.body_line, p.body) for p in investigation.pages] == [
        ("ok", "ro", 4, "Body\n"),
        ("overview", None, 6, investigation.pages[1].body),
    ]
    assert investigation.incomplete == {
        name: f"demo-case/pages/{name}"
        for name in ["My Page.md", "about.english.md", "charts.md", "index.md"]
    }


@pytest.mark.parametrize(
    ("text", "body", "body_line"),
    [
        ("---\ntitle: T\n---", "", 1),
        ("---\ntitle: T\n---   \n\nText", "\nText", 4),
        ("\ufeff---\r\ntitle: T\r\n---\r\nText\r\n", "Text\n", 4),
    ],
    ids=["no-body", "spaces-after-the-dashes", "bom-and-windows-line-ends"],
)
def test_a_page_body_starts_after_the_closing_dashes(folder, text, body, body_line):
    (folder / "pages" / "extra.md").write_text(text, "utf-8")
    investigation, diagnostics = load_investigation(folder)
    assert diagnostics == []
    (page,) = [p for p in investigation.pages if p.slug == "extra"]
    assert (page.title, page.body, page.body_line) == ("T", body, body_line)


def test_read_from_inside_its_folder_a_story_keeps_its_name_and_short_paths(folder, monkeypatch):
    (folder / "pages" / "My Page.md").write_text("---\ntitle: T\n---\n", "utf-8")
    monkeypatch.chdir(folder)
    investigation, diagnostics = load_investigation(Path("."))
    assert investigation.slug == "demo-case"
    assert [str(d) for d in diagnostics] == [
        "pages/My Page.md:1:1: page file name 'My Page.md' must be page-id.md or "
        "page-id.language.md (rename it, e.g. to my-page.md)"
    ]


def test_stories_are_the_folder_itself_or_its_subfolders_with_a_story_file(tmp_path):
    for name in ["b-story", "a-story"]:
        shutil.copytree(FIXTURE, tmp_path / name)
    (tmp_path / "no-story").mkdir()
    (tmp_path / "story.txt").write_text("x", "utf-8")
    assert find_investigations(tmp_path) == [tmp_path / "a-story", tmp_path / "b-story"]
    assert find_investigations(tmp_path / "b-story") == [tmp_path / "b-story"]
    assert find_investigations(tmp_path / "no-story") == []


def test_forgotten_positions_name_the_file_alone(folder):
    investigation, _ = load_investigation(folder)
    forget_positions(investigation)
    assert str(investigation.claims[1].at("status")) == "demo-case/claims.yml:1:1"
    assert str(investigation.sources[0].at("url")) == "demo-case/sources.yml:1:1"


@pytest.mark.parametrize(
    ("name", "suggestion"),
    [("_Draft_.md", "draft.md"), ("___.md", "overview.md"), ("Über uns.md", "ber-uns.md")],
    ids=["underscores", "nothing-left", "not-ascii"],
)
def test_a_page_file_name_is_suggested_as_an_id(folder, name, suggestion):
    (folder / "pages" / name).write_text("---\ntitle: T\n---\n", "utf-8")
    assert lines(folder) == [
        f"demo-case/pages/{name}:1:1: page file name '{name}' must be page-id.md or "
        f"page-id.language.md (rename it, e.g. to {suggestion})"
    ]


def test_a_page_read_on_its_own_belongs_to_the_folder_above_its_own(folder):
    page, diagnostics = load_page(folder / "pages" / "overview.md", "pages/overview.md")
    assert diagnostics == [] and page.slug == "overview" and page.path == "pages/overview.md"
    assert str(page.at("title")) == "pages/overview.md:2:8"


def test_a_direction_control_in_a_page_body_is_named_at_its_line(folder):
    (folder / "pages" / "extra.md").write_text(
        "---\ntitle: T\n---\nFirst line.\nSecond \u202eline.\n", "utf-8"
    )
    diagnostics = load_investigation(folder)[1]
    assert [(str(d.location), d.message) for d in diagnostics] == [
        ("demo-case/pages/extra.md:5:8", diagnostics[0].message)
    ]
    assert "U+202E" in diagnostics[0].message


def test_forgotten_positions_of_pages_and_story_name_the_file_alone(folder):
    investigation, _ = load_investigation(folder)
    page = investigation.pages[0]
    assert str(page.at("title")) == "demo-case/pages/overview.md:2:8"
    forget_positions(investigation)
    assert str(page.at("title")) == "demo-case/pages/overview.md:1:1"
    assert str(investigation.story.at("title")) == "demo-case/story.yml:1:1"


def test_positions_are_forgotten_also_when_the_story_file_is_missing(folder):
    (folder / "story.yml").unlink()
    investigation, _ = load_investigation(folder)
    assert investigation.story is None
    forget_positions(investigation)
    assert str(investigation.claims[0].at("id")) == "demo-case/claims.yml:1:1"


def test_a_story_without_story_yml_is_named_and_its_other_files_read(folder):
    (folder / "story.yml").unlink()
    investigation, diagnostics = load_investigation(folder)
    assert [str(d) for d in diagnostics] == [
        "demo-case/story.yml:1:1: the investigation has no story.yml"
    ]
    assert investigation.slug == "demo-case" and investigation.root == "demo-case"
    assert investigation.claims[0].id == "agency-paid-network"


def test_the_first_binary_byte_is_named(folder):
    (folder / "datasets.yml").write_bytes(b"datasets: []\n\x00\n\x00\n")
    assert lines(folder) == [
        "demo-case/datasets.yml:2:1: file contains binary data (NUL) (is this the right file?)"
    ]
