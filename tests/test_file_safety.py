"""Content reads only its own files: links that leave the investigation, devices and pipes are
refused by name, before a byte of them is read; folder names and page ids cannot take the place
of what the site writes itself.

Every case here is a pull request a reviewer could pass without noticing: a symbolic link looks
like any other file in a diff. The tests that point content at /dev/zero or at a pipe run the
validator in a child process with a memory cap and a time-out, so that a regression fails the
test instead of exhausting the machine.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.content_files import read_content_bytes
from tests.conftest import VALID_CASE
from tests.sitetools import ROOT, build, copy_project

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="POSIX file kinds")

SECRET = "fictional-build-machine-secret: 7c1d0e"
HINT = "(copy the file into the investigation's folder instead of linking to it)"
KIND_HINT = "(content files are plain text files saved in the investigation's folder)"


@pytest.fixture
def secret(tmp_path) -> Path:
    """A file of the build machine, outside every investigation."""
    path = tmp_path / "outside" / "credentials.yml"
    path.parent.mkdir()
    path.write_text(f"{SECRET}\nsources: []\n", "utf-8")
    return path


def link(path: Path, target: Path | str) -> None:
    path.unlink(missing_ok=True)
    path.symlink_to(target)


def validate_in_child(folder: Path) -> subprocess.CompletedProcess:
    """``python -m generator validate .`` in ``folder``, with 1 GiB of memory and 60 s at most."""

    def cap_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (2**30, 2**30))

    return subprocess.run(
        [sys.executable, "-m", "generator", "validate", "."],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=cap_memory,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


# --- links out of the investigation -------------------------------------------------------------


def test_a_page_linked_to_a_file_outside_is_refused_unread(demo, validate, secret):
    link(demo.path / "pages" / "leak.md", secret)
    outcome = validate(demo.path)
    assert outcome.lines == [
        f"pages/leak.md:1:1: 'leak.md' is a link to something outside this investigation {HINT}"
    ]
    assert SECRET not in "\n".join(outcome.lines)


def test_a_linked_pages_folder_is_refused_once(demo, validate, secret):
    elsewhere = secret.parent / "pages"
    shutil.move(demo.path / "pages", elsewhere)
    link(demo.path / "pages", elsewhere)
    assert validate(demo.path).lines == [
        f"pages:1:1: 'pages' is a link to something outside this investigation {HINT}"
    ]


def test_a_yaml_file_linked_outside_is_not_read_and_its_keys_not_shown(demo, validate, secret):
    link(demo.path / "sources.yml", secret)
    outcome = validate(demo.path)
    assert outcome.lines[0] == (
        f"sources.yml:1:1: 'sources.yml' is a link to something outside this investigation {HINT}"
    )
    assert not any("fictional-build-machine-secret" in line for line in outcome.lines)
    assert not any("credentials" in line for line in outcome.lines)


def test_a_dataset_linked_outside_is_refused(demo, validate, secret):
    link(demo.path / "data" / "payments.csv", secret)
    assert validate(demo.path).lines == [
        "datasets.yml:4:11: dataset 'payments': file 'data/payments.csv' is outside this "
        "investigation (keep datasets in this folder, e.g. data/payments.csv)"
    ]


def test_an_investigation_folder_linked_from_elsewhere_is_not_read(tmp_path, validate, secret):
    elsewhere = secret.parent / "private-case"
    shutil.copytree(VALID_CASE, elsewhere)
    content = tmp_path / "content"
    content.mkdir()
    link(content / "demo-case", elsewhere)
    outcome = validate(content)
    assert outcome.lines == [
        f"demo-case:1:1: 'demo-case' is a link to something outside this investigation {HINT}"
    ]
    assert outcome.result.investigations[0].claims == []


def test_a_dangling_link_is_reported_not_skipped(demo, validate):
    link(demo.path / "events.yml", demo.path / "no-such-file.yml")
    assert validate(demo.path).lines == [
        f"events.yml:1:1: 'events.yml' is a link to a file that does not exist {HINT}"
    ]


def test_a_link_that_stays_inside_the_investigation_is_read(demo, validate):
    shared = demo.path / "pages" / "overview.md"
    (demo.path / "drafts").mkdir()
    shutil.move(shared, demo.path / "drafts" / "overview.md")
    link(shared, Path("..") / "drafts" / "overview.md")
    outcome = validate(demo.path)
    assert outcome.lines == []
    assert [page.slug for page in outcome.investigation.pages] == ["overview"]


def test_the_build_refuses_a_leaking_page_and_publishes_nothing(tmp_path, secret):
    content = tmp_path / "content"
    shutil.copytree(VALID_CASE, content / "demo-case")
    project = copy_project(tmp_path / "project", content)  # copying would follow the link
    link(project / "content" / "demo-case" / "pages" / "leak.md", secret)
    result = build(project, project / "site")
    assert result.returncode == 1, result.stderr[-2000:]
    assert (
        "content/demo-case/pages/leak.md:1:1: 'leak.md' is a link to something outside "
        "this investigation"
    ) in result.stderr
    assert "Traceback" not in result.stderr
    assert SECRET not in result.stdout + result.stderr
    assert not (project / "site").exists()


# --- devices, pipes and files without a size ----------------------------------------------------


@pytest.mark.parametrize("name", ["sources.yml", "pages/overview.md", "data/payments.csv"])
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_file_linked_to_an_endless_device_is_refused_at_once(demo, name, device):
    link(demo.path / name, device)
    result = validate_in_child(demo.path)
    assert result.returncode == 1, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    if name.endswith(".csv"):
        expected = "datasets.yml:4:11: dataset 'payments': file 'data/payments.csv' is outside"
    else:
        leaf = name.rpartition("/")[2]
        expected = f"{name}:1:1: '{leaf}' is a link to something outside this investigation"
    assert expected in result.stdout


@pytest.mark.parametrize("name", ["claims.yml", "pages/overview.md", "data/payments.csv"])
def test_a_pipe_inside_the_investigation_is_refused_not_waited_on(demo, name):
    (demo.path / name).unlink()
    os.mkfifo(demo.path / name)
    result = validate_in_child(demo.path)
    assert result.returncode == 1, result.stderr[-2000:]
    leaf = name.rpartition("/")[2]
    assert (
        f"{name}:1:1: '{leaf}' is a device, pipe or socket, not a regular file {KIND_HINT}"
    ) in result.stdout


def test_a_folder_in_place_of_a_file_is_refused(demo, validate):
    (demo.path / "actors.yml").unlink()
    (demo.path / "actors.yml").mkdir()
    assert validate(demo.path).lines == [
        f"actors.yml:1:1: 'actors.yml' is a folder, not a regular file {KIND_HINT}"
    ]


def test_the_read_stops_one_byte_past_the_limit_whatever_size_is_reported():
    """Files in /proc report a size of 0 bytes: only the read itself can be bounded."""
    status = Path("/proc/self/status")
    assert status.stat().st_size == 0
    data, errors = read_content_bytes(status, status.parent, "status", limit=64)
    assert data is None
    assert [str(error) for error in errors] == [
        "status:1:1: file holds more than the 64 bytes limit (its size was not known before "
        "it was read) (is this the right file? Content files are plain text files)"
    ]
    data, errors = read_content_bytes(status, status.parent, "status", limit=2**20)
    assert errors == [] and data.startswith(b"Name:")


# --- names that would take the place of the site's own files ------------------------------------


@pytest.mark.parametrize(
    ("page", "message"),
    [
        ("index.md", "page id 'index' is the address of a page the generator writes itself"),
        ("methodology.md", "page id 'methodology' is the address of a page"),
        ("timeline.ro.md", "page id 'timeline' is the address of a page"),
        ("charts.md", "page id 'charts' is the address of a page"),
    ],
)
def test_a_page_cannot_replace_a_generated_page(demo, validate, page, message):
    demo.write(f"pages/{page}", "---\ntitle: A fictional replacement\n---\nBody.\n")
    (line,) = validate(demo.path).lines
    assert line.startswith(f"pages/{page}:1:1: {message}")
    assert "rename the file" in line


def copy_as(tmp_path: Path, name: str) -> Path:
    content = tmp_path / "content"
    shutil.copytree(VALID_CASE, content / name)
    return content


@pytest.mark.parametrize(
    ("name", "message"),
    [
        (
            "assets",
            "investigation folder name 'assets' is reserved for the site's own files",
        ),
        ("ro", "investigation folder name 'ro' is reserved for the site's own files"),
        ("fr", "investigation folder name 'fr' is reserved for the site's own files"),
        ("search", "investigation folder name 'search' is reserved"),
        ("404", "investigation folder name '404' is reserved"),
        ("sitemap", "investigation folder name 'sitemap' is reserved"),
        (
            "x){onclick=alert(1)}(",
            "investigation folder name 'x){onclick=alert(1)}(' is not an id (lower-case letters, "
            "digits and single hyphens) (rename the folder, e.g. to x-onclick-alert-1",
        ),
        ("Demo Case", "investigation folder name 'Demo Case' is not an id"),
        ("demo--case", "investigation folder name 'demo--case' is not an id"),
    ],
)
def test_an_investigation_folder_must_be_an_unreserved_id(tmp_path, validate, name, message):
    content = copy_as(tmp_path, name)
    lines = validate(content).lines
    assert len(lines) == 1 and message in lines[0], lines
    assert lines[0].startswith(f"{name}/story.yml:1:1: ")


def test_a_chart_theme_in_a_folder_named_assets_never_reaches_the_build(tmp_path):
    content = copy_as(tmp_path, "assets")
    (content / "assets" / "charts.yml").write_text(
        (content / "assets" / "charts.yml")
        .read_text("utf-8")
        .replace("id: payments-by-month", "id: house-template"),
        "utf-8",
    )
    project = copy_project(tmp_path / "project", content)
    result = build(project, project / "site")
    assert result.returncode == 1
    assert "content/assets/story.yml:1:1: investigation folder name 'assets' is reserved" in (
        result.stderr
    )
    assert not (project / "site").exists()
