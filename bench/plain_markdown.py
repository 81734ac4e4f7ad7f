"""The explainer's Markdown syntax written out as plain Markdown, for the build benchmark's (b).

(b) must build the same pages as (a) without the explainer plugin, so its Markdown has to say
what the plugin's extension makes of citations, mentions and embeds: otherwise (b)'s pages would
lack every chart's data table and every page's list of sources, MkDocs and its search would have
less to do in (b), and the difference would be charged to the generator. Citations become
numbered superscript links plus a "Sources cited" list, mentions become links, and each embedded
claim or chart becomes the HTML block the extension renders for it, made by the extension itself.
"""

from __future__ import annotations

import re

import markdown

from generator.prose import CITATION, EMBED, MENTION, parse_citation
from generator.render.markdown_ext import PageContext
from generator.render.site import escape_text
from generator.text import pick


class PlainMarkdown:
    """Rewrites one page at a time; ``plugin`` is the explainer plugin after its ``on_config``."""

    def __init__(self, plugin, config) -> None:
        self.plugin = plugin
        self.embeds = markdown.Markdown(
            extensions=config.markdown_extensions, extension_configs=config.mdx_configs
        )

    def page(self, src_uri: str, text: str) -> str:
        slug = src_uri.split("/", 1)[0]
        known = {inv.slug for inv in self.plugin.investigations}
        url = src_uri.removesuffix(".md").removesuffix("index").rstrip("/")
        context = PageContext(
            investigation=slug if slug in known else None,
            resolver=self.plugin.resolver,
            locale=self.plugin.locale,
            page=src_uri,
            root="../" * (url.count("/") + 1 if url else 0),
            charts=self.plugin.charts,
        )
        if context.investigation is None:
            return text
        numbers: dict[str, int] = {}
        text = EMBED.sub(lambda m: self._embed(m.group(0), context), text)
        text = MENTION.sub(lambda m: self._mention(m, context), text)
        text = CITATION.sub(lambda m: self._citation(m, context, numbers), text)
        return text + self._sources(numbers, context)

    def _embed(self, line: str, context: PageContext) -> str:
        self.plugin.extension.page = context
        html = self.embeds.reset().convert(line)
        return f"\n{html}\n"

    @staticmethod
    def _mention(match: re.Match[str], context: PageContext) -> str:
        kind, item_id = match["kind"], match["id"]
        label = context.resolver.label(context.investigation, kind, item_id)
        url = context.resolver.url(context.investigation, kind, item_id)
        return f"[{escape_text(label)}]({url})"

    @staticmethod
    def _citation(match: re.Match[str], context: PageContext, numbers: dict[str, int]) -> str:
        links = []
        for source_id, locator in parse_citation(match.group(1)) or []:
            number = numbers.setdefault(source_id, len(numbers) + 1)
            label = context.resolver.label(context.investigation, "source", source_id)
            shown = f"{number}{', ' + locator if locator else ''}"
            title = f"{label}{', ' + locator if locator else ''}".replace('"', "'")
            links.append(f'[\\[{escape_text(shown)}\\]](#cite-note-{number} "{title}")')
        return f'<sup class="citation">{",".join(links)}</sup>'

    @staticmethod
    def _sources(numbers: dict[str, int], context: PageContext) -> str:
        if not numbers:
            return ""
        lines = [f"\n\n## {context.locale['words']['sources_cited']} {{#sources-cited}}\n"]
        for source_id, number in sorted(numbers.items(), key=lambda pair: pair[1]):
            source = context.resolver.item(context.investigation, "source", source_id)
            url = context.resolver.url(context.investigation, "source", source_id)
            publisher = pick(source.publisher, context.locale.language)
            date = f" ({context.locale.date(source.published)})" if source.published else ""
            title = escape_text(source.title)
            lines.append(f"{number}. {escape_text(publisher)}: [{title}]({url}){date}")
        return "\n".join(lines) + "\n"
