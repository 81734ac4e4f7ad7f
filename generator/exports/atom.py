"""An Atom feed of one story in one language: its publication, its update and each correction.

Readers follow a developing story in a feed reader. The feed is built from the story's own
dates, so it changes only when the content does. Links are relative to the feed's own address
(``<slug>/feed.xml``), which Atom allows and feed readers resolve: the build does not know
where the site is published, and the same files serve any host. For the same reason the ids are
not addresses but ``urn:uuid:`` names derived from the story, the language and the entry
(RFC 4122 name-based, RFC 4287 section 4.2.6): they stay the same when the site moves, so a
reader's feed does not show every entry again.
"""

from __future__ import annotations

import html
import uuid
from xml.sax.saxutils import escape, quoteattr

from generator.dates import PartialDate
from generator.exports.prose import html_text, plain_text
from generator.model import Investigation
from generator.render.locale import Locale
from generator.render.markdown_ext import slugify
from generator.text import pick

FILE_NAME = "feed.xml"
# A fixed namespace for this generator's feed ids: uuid5(NAMESPACE_URL, <the project's name>).
_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "explainer-generator:atom")


def entry_id(investigation: Investigation, language: str, key: str) -> str:
    return f"urn:uuid:{uuid.uuid5(_NAMESPACE, f'{investigation.slug}/{language}/{key}')}"


def atom_time(value: PartialDate) -> str:
    """An RFC 3339 timestamp for a date of any precision: the first moment of its period (a
    correction dated 2025-04 is shown from 1 April); the entry's text gives the date as
    written."""
    return value.period_start().strftime("%Y-%m-%dT%H:%M:%SZ")


def _entry(
    investigation: Investigation, locale: Locale, key: str, title: str, when: PartialDate,
    link: str, content: str,
) -> tuple[PartialDate, str, str]:  # fmt: skip
    xml = "\n".join(
        [
            "  <entry>",
            f"    <id>{entry_id(investigation, locale.language, key)}</id>",
            f"    <title>{escape(title)}</title>",
            f"    <updated>{atom_time(when)}</updated>",
            f"    <published>{atom_time(when)}</published>",
            f'    <link rel="alternate" type="text/html" href={quoteattr(link)}/>',
            f'    <content type="html">{escape(content)}</content>',
            "  </entry>",
        ]
    )
    return when, key, xml


def entries(investigation: Investigation, locale: Locale) -> list[tuple[PartialDate, str, str]]:
    """The entries, newest first (ties by key), each as (date, key, XML)."""
    story, language, words = investigation.story, locale.language, locale["exports"]
    title = pick(story.title, language)
    dek = plain_text(investigation, pick(story.dek, language), language)
    found = [
        _entry(
            investigation, locale, "published", words["published_entry"].format(title=title),
            story.published, "./",
            f"<p>{html.escape(dek, quote=False)}</p>",
        )
    ]  # fmt: skip
    if story.updated is not None:
        found.append(
            _entry(
                investigation, locale, f"updated-{story.updated.written()}",
                words["updated_entry"].format(date=locale.date(story.updated)), story.updated,
                "./", f"<p>{html.escape(title, quote=False)}</p>",
            )
        )  # fmt: skip
    corrections = f"methodology/#{slugify(locale['words']['corrections'], '-')}"
    for index, correction in enumerate(story.corrections):
        found.append(
            _entry(
                investigation, locale, f"correction-{correction.date.written()}-{index}",
                words["correction_entry"].format(date=locale.date(correction.date)),
                correction.date, corrections,
                html_text(investigation, pick(correction.text, language), [], language, ""),
            )
        )  # fmt: skip
    return sorted(found, key=lambda e: (e[0], e[1]), reverse=True)


def atom_feed(investigation: Investigation, locale: Locale) -> str:
    story, language = investigation.story, locale.language
    found = entries(investigation, locale)
    newest = max(entry[0] for entry in found)
    authors = "\n".join(
        f"  <author><name>{escape(pick(name, language))}</name></author>" for name in story.authors
    )
    title = locale["exports"]["feed_title"].format(title=pick(story.title, language))
    dek = plain_text(investigation, pick(story.dek, language), language)
    head = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang={quoteattr(language)}>',
        f"  <id>{entry_id(investigation, language, 'feed')}</id>",
        f"  <title>{escape(title)}</title>",
        f"  <subtitle>{escape(dek)}</subtitle>",
        f"  <updated>{atom_time(newest)}</updated>",
        '  <link rel="self" type="application/atom+xml" href="feed.xml"/>',
        '  <link rel="alternate" type="text/html" href="./"/>',
        authors,
    ]
    return "\n".join([*head, *(entry[2] for entry in found), "</feed>"]) + "\n"
