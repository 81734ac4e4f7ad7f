"""The pages of a plain-MkDocs build (benchmark (b)): the plugin's own, as they are.

The core writes out every citation, mention and embed before the plugin hands a page to MkDocs
(generator/render/expand.py), so the pages the plugin gives MkDocs already build without it;
``python -m generator render`` writes the same tree to disk.
"""

from __future__ import annotations


class PlainMarkdown:
    """Kept for the benchmark's shape: ``page`` returns the page's Markdown unchanged."""

    def __init__(self, plugin, config) -> None:
        self.plugin = plugin
        self.config = config

    def page(self, src_uri: str, text: str) -> str:
        return text
