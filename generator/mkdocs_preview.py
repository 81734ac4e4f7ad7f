"""The MkDocs adapter's serve mode: what ``mkdocs serve`` needs besides the build's events.

The preview's policy (live reload under the site's Content-Security-Policy, the problems of a
broken save in the page, rebuilding only what a save changed) is the core's, in
generator/preview.py; this module connects it to MkDocs' public behaviour. ``./dev serve`` runs
``mkdocs serve --dirty``: in a dirty build MkDocs converts and writes only the files whose
``is_modified()`` is true, and a rebuild marks as unchanged the generated files that have the
last good build's bytes (``skip_unchanged``). Serve's first build, a build after one stopped
half-way, a new shape, or plain ``mkdocs serve`` (whose builds start from an emptied folder)
mark nothing, so MkDocs writes everything: a full build. (``plugin`` below is the explainer
plugin, generator/mkdocs_plugin.py, which imports this module, not the other way round.)
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException, PluginError

from generator import preview
from generator.diagnostics import ContentError
from generator.render.locale import LocaleError


class _QuietDirtyBuilds(logging.Filter):
    """MkDocs warns that a dirty build's navigation may be stale: this plugin's are exact (a
    file is skipped only when the last good build wrote the same bytes; see the module)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build" not in record.getMessage()


_QUIET = _QuietDirtyBuilds()


def quiet_dirty_builds() -> None:
    """Before every build, serve's first included (it comes before ``on_serve``)."""
    logging.getLogger("mkdocs.commands.build").addFilter(_QUIET)  # added once


def skip_unchanged(plugin, config: MkDocsConfig) -> dict[str, str]:
    """A preview's rebuild of the first language: the generated files the last good build
    wrote with the same bytes marked unchanged, and the pages written out for it, returned for
    ``on_page_read_source`` (generator/preview.py decides)."""
    serving = preview.building()
    if serving is None or plugin.language != plugin.site.languages[0]:
        return {}
    full = bool(preview.other_languages(plugin.site.built_languages))
    try:
        written, unchanged = serving.rebuild(plugin.tree, shape(plugin, config), full)
    except ContentError as exc:
        raise stop(exc) from None
    for path in unchanged:
        plugin.generated[path].unchanged = True
    return written


def shape(plugin, config: MkDocsConfig) -> str:
    names = [file.src_uri for file in plugin.files]
    site_config = plugin.path(config, plugin.config.site_config_dir)
    return preview.shape(plugin.tree, names, [site_config, Path(config.config_file_path)])


def watch(plugin, server, config: MkDocsConfig):
    """``on_serve``: watch the content and site_config, and hand the server to the preview
    (live reload and errors in the page). Serve's first build was a full one: the first save
    may rebuild only what it changes."""
    site_config = plugin.path(config, plugin.config.site_config_dir)
    server.watch(str(plugin.path(config, plugin.config.content_dir)))
    server.watch(str(site_config))
    watching = preview.start(
        server,
        Path(config.site_dir),
        site_config / "locales",
        plugin.languages(config),
        (MkDocsException,),
    )
    server.set_app(_with_preview_script(server.get_app(), watching))
    if plugin.tree is not None and plugin.files is not None:
        watching.remember_tree(plugin.tree, shape(plugin, config))
    return server


def _with_preview_script(app, watching: preview.Preview):
    """The server's WSGI app, each page it serves with the inline live-reload script MkDocs
    adds (the site's policy blocks it) replaced by the preview's file (``Preview.inject``)."""

    def serve(environ, start_response):
        answer: list = []
        body = app(environ, lambda *started: answer.extend(started))
        status, headers, *error = answer
        if dict(headers).get("Content-Type") == "text/html":
            try:
                content = _swapped(b"".join(body), watching)
            finally:
                getattr(body, "close", lambda: None)()
            body = [content]
            headers = [
                (name, str(len(content)) if name == "Content-Length" else value)
                for name, value in headers
            ]
        start_response(status, headers, *error)
        return body

    return serve


def _swapped(page: bytes, watching: preview.Preview) -> bytes:
    """``page`` with the preview's script in place of MkDocs' (the last before ``</body>``),
    for the same build (its epoch); a page without it as it is."""
    end = page.rfind(b"</body>")
    end = len(page) if end < 0 else end
    start = page.rfind(b"<script>", 0, end)
    found = _LIVE_RELOAD.fullmatch(page, start, end) if start >= 0 else None
    if found is None:
        return page
    return watching.inject(page[:start] + page[end:], int(found[1]))


_LIVE_RELOAD = re.compile(rb"<script>.*livereload\((\d+), \d+\);\s*</script>", re.DOTALL)


def stop(exc: ContentError | LocaleError) -> PluginError:
    """The error that stops MkDocs with the content's problems; when serving, they also go to
    the preview's banner."""
    if isinstance(exc, LocaleError):
        problems, message = [exc], str(exc)
    else:
        problems, count = exc.diagnostics, len(exc.diagnostics)
        message = f"content has errors:\n{exc}\n{count} error(s); fix them and build again"
    if (current := preview.current()) is not None:
        current.record(problems)
    return PluginError(message)
