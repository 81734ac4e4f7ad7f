"""Loading an investigation folder into the model, collecting every problem on the way.

The loader reads each file kind it knows, validates it against its file model, and attaches to
every item where it was written. It never stops at the first problem: an editor fixing content
wants the whole list in one run.
"""

from __future__ import annotations

import functools
import os
import re
import typing
from pathlib import Path

from pydantic import ValidationError

from generator import hidden_characters
from generator.content_files import outside_problem, read_content_bytes
from generator.csv_data import load_rows
from generator.diagnostics import Diagnostic, Location, display_path, undecodable
from generator.limits import MAX_FILE_BYTES  # noqa: F401 (the limit callers ask the loader for)
from generator.model import (
    ENTITY_KINDS,
    FILE_MODELS,
    SLUG_PATTERN,
    Entity,
    Investigation,
    Page,
    PageFrontMatter,
)
from generator.parallel import run_all
from generator.render.site import SECTIONS
from generator.text import LANGUAGE_PATTERN
from generator.validation_errors import diagnostics_from
from generator.yaml_source import YamlDocument, parse_yaml

STORY_FILE = "story.yml"
_FRONT_MATTER_END = re.compile(r"^---[ \t]*$", re.MULTILINE)
_SLUG = re.compile(SLUG_PATTERN)
_LANGUAGE = re.compile(LANGUAGE_PATTERN)

# An investigation's folder name is the first part of its pages' addresses, beside what the site
# writes at its root: the theme's assets and search index, the 404 page, the sitemap, and one
# folder per language (any two-letter name is kept for languages the site may add).
RESERVED_FOLDERS = frozenset({"assets", "search", "404", "sitemap", "index"})
_FOLDER = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# A narrative page's id is its address inside the investigation, beside the generated pages
# (the overview is index; charts/ holds the figures).
RESERVED_PAGES = frozenset({"index", "charts", *SECTIONS})


def find_investigations(content_dir: Path) -> list[Path]:
    """Investigation folders: the folder itself if it holds story.yml, else its sub-folders."""
    content_dir = Path(content_dir)
    if (content_dir / STORY_FILE).is_file():
        return [content_dir]
    return sorted(p for p in content_dir.iterdir() if p.is_dir() and (p / STORY_FILE).is_file())


def folder_name_problem(folder: Path, shown: str) -> Diagnostic | None:
    """Why an investigation's folder name cannot be the start of its pages' addresses, or None.

    A name that is not a slug can break out of the links that name it (a home page link to
    ``x){onclick=alert(1)}(``); a reserved one would replace what the site itself writes there
    (``assets/charts/house-template.json`` restyles every chart).
    """
    name = folder.resolve().name
    if not _FOLDER.match(name):
        suggestion = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "my-investigation"
        return Diagnostic(
            Location(shown, 1, 1),
            f"investigation folder name '{name}' is not an id (lower-case letters, digits and "
            "single hyphens)",
            f"rename the folder, e.g. to {suggestion}",
        )
    if name in RESERVED_FOLDERS or len(name) == 2:
        return Diagnostic(
            Location(shown, 1, 1),
            f"investigation folder name '{name}' is reserved for the site's own files",
            f"rename the folder, e.g. to {name}-investigation; names of two letters are kept "
            "for languages, and assets, search, sitemap, index and 404 for the site",
        )
    return None


def read_text(
    path: Path, shown: str, root: Path | None = None
) -> tuple[str | None, list[Diagnostic]]:
    """A content file's text, or a diagnostic for files that are too large or not UTF-8.

    ``root`` is the investigation's folder (the file's own folder when not given): the file
    must be a regular file inside it (see generator/content_files.py).
    """
    data, errors = read_content_bytes(path, path.parent if root is None else root, shown)
    if data is None:
        return None, errors
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, [undecodable(data, exc, shown)]
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        return None, [
            Diagnostic(
                Location(shown, line, 1),
                "file contains binary data (NUL)",
                "is this the right file?",
            )
        ]
    # Windows line ends would hide front matter ('---\r') and shift nothing else: drop them
    return text.removeprefix("\ufeff").replace("\r\n", "\n"), []


@functools.cache
def _field_keys(model: type[Entity]) -> tuple[tuple[str, str], ...]:
    """Each field's attribute name and the key editors write (asked once per model, not per
    object: pydantic's accessor costs more than the walk itself)."""
    return tuple((name, field.alias or name) for name, field in model.model_fields.items())


def _attach_origins(value: object, document: YamlDocument, at: tuple) -> None:
    """Give every model object inside a validated file the document path it came from."""
    if isinstance(value, Entity):
        value._origin = (document, at)
        for name, key in _field_keys(type(value)):
            child = getattr(value, name)
            if isinstance(child, Entity | list):  # text and numbers hold no models
                _attach_origins(child, document, (*at, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, Entity | list):
                _attach_origins(item, document, (*at, index))


def read_yaml_file(
    path: Path, shown: str, root: Path | None = None
) -> tuple[YamlDocument | None, list[Diagnostic]]:
    text, errors = read_text(path, shown, root)
    if text is None:
        return None, errors
    return parse_yaml(text, shown)


def validate_document(
    document: YamlDocument, kind: str, shown: str
) -> tuple[Entity | None, list[Diagnostic]]:
    """A content file of a known kind, read, against its file model."""
    errors = hidden_characters.in_document(document)
    model = FILE_MODELS[kind]
    data = document.data
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return None, [
            *errors,
            Diagnostic(
                document.where(()),
                f"{shown} must be a mapping that starts with '{kind}:'",
                f"write '{kind}:' on the first line and indent the items under it",
            ),
        ]
    try:
        parsed = model.model_validate(data)
    except ValidationError as exc:
        return _valid_items(data, kind, model, document), [
            *errors,
            *diagnostics_from(exc, document, model),
        ]
    _attach_origins(parsed, document, ())
    return parsed, errors


def _dropped(document, kind: str, parsed: Entity) -> bool:
    """Whether items of a list file were left out for their mistakes."""
    written = document.data.get(kind) if isinstance(document.data, dict) else None
    return isinstance(written, list) and len(getattr(parsed, kind)) < len(written)


def _valid_items(data: dict, kind: str, model: type[Entity], document) -> Entity | None:
    """The items of a list file that are valid on their own, when others are not: the checks
    then run on them too, so that one run reports every mistake (a claim's unknown source
    beside another claim's bad status), not the next one only after a fix."""
    items = data.get(kind)
    item_model = typing.get_args(model.model_fields[kind].annotation)
    if not isinstance(items, list) or not item_model:
        return None
    kept = []
    for index, item in enumerate(items):
        try:
            valid = item_model[0].model_validate(item)
        except ValidationError:
            continue
        _attach_origins(valid, document, (kind, index))
        kept.append(valid)
    return model.model_construct(**{kind: kept})


def load_page(
    path: Path, shown: str, root: Path | None = None
) -> tuple[Page | None, list[Diagnostic]]:
    """A narrative page: YAML front matter between '---' lines, then Markdown.

    ``root`` is the investigation's folder (by default the one above the page's folder).
    """
    stem = path.name.removesuffix(".md")
    slug, _, language = stem.partition(".")
    if not _SLUG.match(slug) or (language and not _LANGUAGE.match(language)):
        suggestion = re.sub(r"[^a-z0-9]+", "-", slug.lower()).strip("-") or "overview"
        return None, [
            Diagnostic(
                Location(shown, 1, 1),
                f"page file name '{path.name}' must be page-id.md or page-id.language.md",
                f"rename it, e.g. to {suggestion}.md",
            )
        ]
    if slug in RESERVED_PAGES:
        return None, [
            Diagnostic(
                Location(shown, 1, 1),
                f"page id '{slug}' is the address of a page the generator writes itself",
                f"rename the file, e.g. to about-{slug}.md; these ids are kept: "
                + ", ".join(sorted(RESERVED_PAGES)),
            )
        ]
    text, errors = read_text(path, shown, path.parent.parent if root is None else root)
    if text is None:
        return None, errors
    if not text.startswith("---\n"):
        return None, [
            Diagnostic(
                Location(shown, 1, 1),
                "page has no front matter",
                "start it with ---, a 'title:' line, and ---",
            )
        ]
    closing = _FRONT_MATTER_END.search(text, 4)
    if closing is None:
        return None, [
            Diagnostic(
                Location(shown, 1, 1),
                "front matter is not closed",
                "add a line with --- after the title",
            )
        ]
    front = text[4 : closing.start()]
    body_start = text.find("\n", closing.start())
    body = text[body_start + 1 :] if body_start != -1 else ""
    document, errors = parse_yaml("\n" + front, shown)  # one line down: the opening ---
    if document is None:
        return None, errors
    errors = [*errors, *hidden_characters.in_document(document)]
    data = document.data if isinstance(document.data, dict) else {}
    try:
        front_matter = PageFrontMatter.model_validate(data)
    except ValidationError as exc:
        return None, [*errors, *diagnostics_from(exc, document, PageFrontMatter)]
    body_line = text[: body_start + 1].count("\n") + 1 if body_start != -1 else 1
    page = Page(
        slug=slug,
        language=language or None,
        title=front_matter.title,
        description=front_matter.description,
        order=front_matter.order,
        body=body,
        body_line=body_line,
        path=shown,
    )
    page._origin = (document, ())
    return page, [*errors, *hidden_characters.in_text(body, shown, body_line)]


def load_investigation(folder: Path) -> tuple[Investigation, list[Diagnostic]]:
    """Every file of one investigation; a missing optional file is simply an empty list."""
    folder = Path(folder)
    # resolve(): validating "." must still name the investigation after its folder
    investigation = Investigation(slug=folder.resolve().name, root=str(folder))
    diagnostics: list[Diagnostic] = []
    paths = {kind: folder / f"{kind}.yml" for kind in FILE_MODELS}
    folder_problem = folder_name_problem(folder, _shown(paths["story"]))
    if folder.is_symlink():  # a link to a story folder elsewhere would publish its files
        folder_problem = outside_problem(folder, folder.parent, _shown(folder)) or folder_problem
    if folder_problem is not None:
        diagnostics.append(folder_problem)
        if folder.is_symlink():
            return investigation, diagnostics
    present = [kind for kind, path in paths.items() if os.path.lexists(path)]
    if "story" not in present:
        diagnostics.append(
            Diagnostic(Location(_shown(paths["story"])), "the investigation has no story.yml")
        )
    # each file is read and parsed on its own, so on two cores; then checked against the model
    reads = run_all(
        [
            functools.partial(read_yaml_file, paths[kind], _shown(paths[kind]), folder)
            for kind in present
        ],
        [_size(paths[kind]) for kind in present],
    )
    for kind, (document, errors) in zip(present, reads, strict=True):
        diagnostics.extend(errors)
        parsed = None
        if document is not None:
            parsed, errors = validate_document(document, kind, _shown(paths[kind]))
            diagnostics.extend(errors)
        if parsed is None or _dropped(document, kind, parsed):
            investigation.incomplete[f"{kind}.yml"] = _shown(paths[kind])
        if parsed is not None:
            setattr(investigation, kind, getattr(parsed, kind))
    for stray in sorted(folder.glob("*.y*ml")):
        if stray.stem not in FILE_MODELS or stray.suffix != ".yml":
            diagnostics.append(
                Diagnostic(
                    Location(_shown(stray)),
                    f"unknown content file '{stray.name}'",
                    "content files are: " + ", ".join(f"{k}.yml" for k in FILE_MODELS),
                )
            )
    for dataset in investigation.datasets:
        diagnostics.extend(load_rows(dataset, folder, _shown(folder / dataset.file)))
    pages, errors, failed = _load_pages(folder)
    investigation.pages.extend(pages)
    diagnostics.extend(errors)
    investigation.incomplete.update((Path(shown).name, shown) for shown in failed)
    return investigation, diagnostics


def _load_pages(folder: Path) -> tuple[list[Page], list[Diagnostic], list[str]]:
    """Every page in pages/, unless the folder itself leads outside the investigation; and
    the pages that could not be loaded."""
    pages_dir = folder / "pages"
    if not os.path.lexists(pages_dir):
        return [], [], []
    problem = outside_problem(pages_dir, folder, _shown(pages_dir))
    if problem is not None:
        return [], [problem], [_shown(pages_dir)]
    pages, diagnostics, failed = [], [], []
    for page_path in sorted(pages_dir.glob("*.md")):
        page, errors = load_page(page_path, _shown(page_path), folder)
        diagnostics.extend(errors)
        if page is not None:
            pages.append(page)
        else:
            failed.append(_shown(page_path))
    return pages, diagnostics, failed


def _shown(path: Path) -> str:
    """The path as the editor typed it, the file's own name kept: a link is named as itself,
    never as what it points at (which may be a file of the build machine)."""
    parent = display_path(path.parent)
    return path.name if parent == "." else f"{parent}/{path.name}"


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def forget_positions(investigation: Investigation) -> None:
    """Free the positions of every file the investigation was read from (see
    YamlDocument.forget_positions); its items' ``at()`` then answers with the file alone."""
    items = [investigation.story, *investigation.pages]
    for kind in ENTITY_KINDS:
        if kind.file_model is not None:  # pages are in the list already
            items.extend(getattr(investigation, kind.key))
    documents = {id(item._origin[0]): item._origin[0] for item in items if item and item._origin}
    for document in documents.values():
        document.forget_positions()
