"""Serve mode (``mkdocs serve``): live reload under the site's policy, and errors on the page.

``mkdocs serve`` puts an inline script into every page it serves to reload it after a rebuild,
and the site's Content-Security-Policy (``script-src 'self'``, generator/csp.py) blocks it: the
script changes with every request (it holds the build's epoch), so no hash could allow it. Here
the server's injection is replaced, on the server object ``on_serve`` hands over, by a
``<script src>`` of a file the preview writes into the served folder
(generator/preview_assets/preview.js): the same long poll of ``/livereload/``, and the problem
list of a broken save read from a served JSON file, shown as a banner in the page's language.
Nothing here runs for ``./dev site`` or ``python -m generator build``: the built site's pages and
policy are those of a full build.

A save that breaks the content stops the rebuild before MkDocs empties its folder (the content
is loaded and checked in ``on_config``), so the last good pages stay served; the wrapped builder
records the problems, returns as a successful build would, and MkDocs tells every open page to
reload: each shows the banner until a save fixes the content.
"""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

import yaml

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
            try:
                builder()
            except failures as exc:
                if not self.problems:
                    self.problems.append(str(exc))
                log.warning(
                    "the content has errors: the preview keeps the last good pages and shows "
                    "the errors on every open page until they are fixed"
                )
            self.write()

        return build


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
    """Serve mode from now on: the server's injection and builder replaced (see the module);
    ``failures`` are the front end's exceptions for a build that stopped."""
    global _current
    _current = Preview(
        Path(site_dir), Path(locales_dir), list(languages), getattr(server, "mount_path", "/")
    )
    server._inject_js_into_html = _current.inject
    server.builder = _current.wrap(server.builder, failures)
    _current.write()
    return _current


def current() -> Preview | None:
    """The preview under way, or None outside ``mkdocs serve``."""
    return _current
