"""Serve mode (``mkdocs serve``): live reload under the site's policy, and errors on the page.

``mkdocs serve`` puts an inline script into every page it serves to reload it after a rebuild,
and the site's Content-Security-Policy (``script-src 'self'``, generator/csp.py) blocks it: the
script changes with every request (it holds the build's epoch), so no hash could allow it. The
front end replaces it in each page it serves (generator/mkdocs_preview.py) by ``inject``'s
``<script src>`` of a file the preview writes into the served folder
(generator/preview_assets/preview.js): the same long poll of ``/livereload/``, and the problem
list of a broken save read from a served JSON file, shown as a banner in the page's language.
Nothing here runs for ``./dev site`` or ``python -m generator build``: the built site's pages and
policy are those of a full build.

A save that breaks the content stops the rebuild before MkDocs empties its folder (the content
is loaded and checked in ``on_config``), so the last good pages stay served; the wrapped builder
records the problems, returns as a successful build would, and MkDocs tells every open page to
reload: each shows the banner until a save fixes the content.

A save rebuilds only what it changed. The content is loaded, checked and rendered again (in
``on_config``), and in a dirty build (``./dev serve`` runs ``mkdocs serve --dirty``) each
generated file says whether its content differs from the last good build's (``Preview.plan``),
so MkDocs converts and writes only the pages whose Markdown changed, and the post-build step
adds the policy to the pages written (``Preview.finish``). Whatever every page shows besides its
own Markdown (the nav, the names, the list of files, site_config and mkdocs.yml) makes the
build's *shape*: when it changes, or another language is previewed, or the last build stopped
half-way, or MkDocs emptied the served folder (a clean build: plain ``mkdocs serve``), the build
is a full one.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import shutil
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

import yaml
from jinja2 import BytecodeCache
from jinja2.bccache import Bucket

from generator import csp
from generator.diagnostics import ContentError
from generator.finish import finish as finish_site
from generator.finish import pin_build_date

if TYPE_CHECKING:
    from generator.site_build import Tree

log = logging.getLogger("mkdocs.plugins.explainer")

ASSETS = Path(__file__).parent / "preview_assets"
FOLDER = "_preview"  # in the served folder; MkDocs empties it before each build
SCRIPT = "preview.js"
STYLE = "preview.css"
PROBLEMS = "problems.json"


@dataclass
class Preview:
    """What serve mode knows between rebuilds (MkDocs makes new plugin objects for each)."""

    site_dir: Path
    locales_dir: Path
    languages: list[str]
    mount_path: str = "/"
    problems: list[str] = field(default_factory=list)
    # The last good build: its shape (see the module) and each generated file's digest
    shape: str | None = None
    digests: dict[str, str] = field(default_factory=dict)
    # The build under way: whether it goes through ``wrap`` and started from an empty folder;
    # its shape and digests, kept once it has ended well
    building: bool = False
    full: bool = True
    pending: tuple[str, dict[str, str]] | None = None
    rebuilt: list[str] = field(default_factory=list)

    def record(self, problems: Iterable[object]) -> None:
        """The problems of the build under way: each ``path:line:column: message (hint)``."""
        self.problems.extend(str(problem) for problem in problems)

    def inject(self, content: bytes, epoch: int) -> bytes:
        """The page with the preview's stylesheet and script before ``</body>``, in place of
        MkDocs' inline script; the epoch and request id go in data attributes."""
        at = content.rfind(b"</body>")
        if at < 0:
            at = len(content)
        base = escape(f"{self.mount_path}{FOLDER}/")
        tags = (
            f'<link rel="stylesheet" href="{base}{STYLE}">'
            f'<script src="{base}{SCRIPT}" data-epoch="{int(epoch)}" '
            f'data-request="{time.monotonic_ns()}" data-base="{base}"></script>'
        ).encode()
        return content[:at] + tags + content[at:]

    def write(self) -> None:
        """The preview's files, into the served folder (after every build: MkDocs empties it)."""
        folder = self.site_dir / FOLDER
        folder.mkdir(parents=True, exist_ok=True)
        for name in (SCRIPT, STYLE):
            (folder / name).write_bytes((ASSETS / name).read_bytes())
        data = {"problems": self.problems, "words": self._words()}
        (folder / PROBLEMS).write_text(json.dumps(data, ensure_ascii=False), "utf-8")

    def _words(self) -> dict[str, dict[str, str]]:
        """The banner's words in each language the preview builds (``preview:`` in locales)."""
        words = {}
        for language in self.languages:
            path = self.locales_dir / f"{language}.yml"
            try:
                words[language] = (yaml.safe_load(path.read_text("utf-8")) or {})["preview"]
            except (OSError, yaml.YAMLError, KeyError, TypeError):
                continue
        return words

    def wrap(
        self, builder: Callable[[], None], failures: tuple[type[BaseException], ...]
    ) -> Callable[[], None]:
        """``builder`` that keeps serving when the content is broken: its problems are recorded
        for the banner, the terminal shows them once (MkDocs has logged the error), no
        traceback, and the build counts as done so that open pages reload and show them."""

        def build() -> None:
            self.problems.clear()
            self.building, self.pending = True, None
            started = time.perf_counter()
            try:
                builder()
                log.info(f"preview: rebuilt in {time.perf_counter() - started:.2f} s")
            except failures as exc:
                if not self.problems:
                    self.problems.append(str(exc))
                log.warning(
                    "the content has errors: the preview keeps the last good pages and shows "
                    "the errors on every open page until they are fixed"
                )
            finally:
                self.building = False
                if self.pending is not None:  # stopped half-way: the next build starts afresh
                    self.shape, self.pending = None, None
            self.write()

        return build

    def plan(self, shape: str, contents: dict[str, str | bytes], full: bool = False) -> set[str]:
        """Of the generated files' ``contents`` (by docs path), those the last good build
        wrote with the same bytes: a dirty build may skip them. A new shape empties the served
        folder instead (a full build), as a clean build does; after a clean build has emptied
        it, nothing can be skipped."""
        digests = {path: _digest(content) for path, content in contents.items()}
        self.pending = (shape, digests)
        self.full = full or shape != self.shape or _is_empty(self.site_dir)
        if self.full:
            _empty(self.site_dir)
            unchanged: set[str] = set()
        else:
            unchanged = {
                path for path, digest in digests.items() if self.digests.get(path) == digest
            }
        self.rebuilt = sorted(path for path in contents if path not in unchanged)
        pages = [path for path in self.rebuilt if path.endswith(".md")]
        shown = ", ".join(pages[:10]) + (", …" if len(pages) > 10 else "")
        kind = "full build" if self.full else "dirty build"
        log.info(f"preview: {kind}, {len(pages)} page(s) rebuilt: {shown}")
        return unchanged

    def rebuild(self, tree: Tree, shape: str, full: bool) -> tuple[dict[str, str], set[str]]:
        """A rebuild of ``tree``: its pages written out now (or ContentError), and the
        generated files a dirty build may skip (``plan``)."""
        pages = {path: tree.page(path) for path in tree.pages}
        return pages, self.plan(shape, {**pages, **tree.files}, full)

    def remember_tree(self, tree: Tree, shape: str) -> None:
        """``tree`` built well elsewhere (``mkdocs serve``'s first build, before serve mode
        began): the first save may rebuild only what it changes."""
        with contextlib.suppress(ContentError):
            pages = {path: tree.page(path) for path in tree.pages}
            self.remember(shape, {**pages, **tree.files})

    def remember(self, shape: str, contents: dict[str, str | bytes]) -> None:
        """A good build made elsewhere (``mkdocs serve``'s first): the next may be dirty."""
        self.shape = shape
        self.digests = {path: _digest(content) for path, content in contents.items()}

    def finish(self, epoch: int) -> None:
        """The post-build step of a preview build: the whole of it after a full build; after a
        dirty one, the build date and the policy on the pages just written (the others have it
        from before); the search index stays the last full build's."""
        if self.full:
            finish_site(self.site_dir, epoch)
        else:
            pin_build_date(self.site_dir, epoch)
            _add_missing_policy(self.site_dir)
        if self.pending is not None:
            self.shape, self.digests = self.pending
            self.pending = None


def _digest(content: str | bytes) -> str:
    data = content.encode("utf-8") if isinstance(content, str) else content
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def shape(tree: Tree, names: Iterable[str], watched: Iterable[Path]) -> str:
    """A build's shape (see the module): what every page of ``tree`` shows besides its own
    Markdown, the names of the files the builder was handed and the files under ``watched``."""
    facts = {
        "language": tree.language,
        "nav": tree.nav,
        "names": [tree.site_name, tree.site_description, tree.alternate],
        "files": sorted(names),
    }
    return fingerprint(facts, watched)


def fingerprint(facts: object, paths: Iterable[Path]) -> str:
    """A build's shape: ``facts`` (JSON) and the name, size and time of every file under
    ``paths`` (site_config's templates and assets, mkdocs.yml)."""
    parts = [json.dumps(facts, sort_keys=True, ensure_ascii=False, default=str)]
    for root in paths:
        found = sorted(root.rglob("*")) if root.is_dir() else [root]
        for path in found:
            with contextlib.suppress(OSError):
                stat = path.stat()
                parts.append(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}")
    return _digest("\n".join(parts))


def _visible(folder: Path) -> list[Path]:
    """What a clean build empties: all but hidden entries."""
    entries = folder.iterdir() if folder.is_dir() else []
    return [entry for entry in entries if not entry.name.startswith(".")]


def _is_empty(folder: Path) -> bool:
    return not _visible(folder)


def _empty(folder: Path) -> None:
    """The served folder emptied, as MkDocs' clean build does (hidden files stay)."""
    for entry in _visible(folder):
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()


def _add_missing_policy(site_dir: Path) -> None:
    """The policy on every page that lacks it: those MkDocs has just written."""
    content = csp.policy(csp.plotly_style_sources())
    tag = csp.meta_tag(content)
    for page in sorted(site_dir.rglob("*.html")):
        html = page.read_text("utf-8")
        if tag not in html:
            page.write_text(csp.with_policy(html, content), "utf-8")


class TemplateCache(BytecodeCache):
    """The theme's templates compiled once for every rebuild (MkDocs makes a new Jinja
    environment for each: compiling them again was a sixth of a rebuild). Jinja keys each
    entry by the template's name and checks its source: an edited template compiles anew."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if (code := self.compiled.get(bucket.key)) is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


TEMPLATES = TemplateCache()


_current: Preview | None = None

# Set by ``./dev serve``: the one language besides the first that the preview builds ("" for
# none). Unset (a build, or plain ``mkdocs serve``), every language is built.
LANGUAGE_VARIABLE = "EXPLAINER_PREVIEW_LANGUAGE"


def other_languages(languages: list[str]) -> list[str]:
    """The languages built after the first (the site's root, always built): under
    ``./dev serve`` only the one asked for with ``--lang``, so that a save rebuilds one
    language, not all of them; otherwise all."""
    chosen = os.environ.get(LANGUAGE_VARIABLE)
    if chosen is None:
        return languages[1:]
    return [language for language in languages[1:] if language == chosen]


def start(
    server,
    site_dir: Path,
    locales_dir: Path,
    languages: list[str],
    failures: tuple[type[BaseException], ...],
) -> Preview:
    """Serve mode from now on: the server's builder wrapped (``Preview.wrap``); ``failures``
    are the front end's exceptions for a build that stopped."""
    global _current
    _current = Preview(
        Path(site_dir), Path(locales_dir), list(languages), getattr(server, "mount_path", "/")
    )
    server.builder = _current.wrap(server.builder, failures)
    _current.write()
    return _current


def post_build(site_dir: Path, epoch: int) -> None:
    """The core's post-build step (generator/finish.py); a preview's rebuild's own instead
    (``Preview.finish``), which redoes only what the rebuild changed."""
    if (serving := building()) is not None:
        serving.finish(epoch)
    else:
        finish_site(site_dir, epoch)


def cached_templates(env):
    """A rebuild's Jinja environment, with the theme's templates compiled once (``TEMPLATES``);
    any other build's as it is."""
    if building() is not None:
        env.bytecode_cache = TEMPLATES
    return env


def current() -> Preview | None:
    """The preview under way, or None outside ``mkdocs serve``."""
    return _current


def building() -> Preview | None:
    """The preview whose rebuild is under way: None for any other build, ``mkdocs serve``'s
    first included (it builds before ``on_serve``), so that those stay full builds."""
    return _current if _current is not None and _current.building else None
