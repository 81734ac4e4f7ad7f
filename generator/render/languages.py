"""Which language each page exists in, and where its counterparts are.

The site's languages are listed once (mkdocs.yml's ``languages``): the first is built at the
site's root, each other one under ``/<language>/``. A story is published only in the languages
its ``story.yml`` lists, so a language tree holds the stories written in that language, and a
language no story is written in is not built at all (the first is always built: it is the site's
root and its home page). Pages other than a story's (the home page) exist in every built
language.

Links between languages are relative to the page they are on, so that they work wherever the
site is served (another host, another port, a sub-folder); only the hreflang alternates, which
search engines want absolute, use the site's address.

Plain Python, no MkDocs: the front end asks, page by page.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.model import Investigation


@dataclass(frozen=True)
class Alternate:
    """One language a page exists in: the menu's link and the hreflang address."""

    language: str
    name: str  # the language's name in that language ("Română")
    href: str  # relative to the page it is written on
    url: str  # absolute when the site's address is known, else the same as ``href``
    current: bool  # the language of the page it is written on


def story_languages(investigation: Investigation, site_languages: list[str]) -> list[str]:
    """The site languages a story is published in, in the site's order."""
    written = investigation.story.languages if investigation.story else []
    return [language for language in site_languages if language in written]


def built_languages(investigations: list[Investigation], site_languages: list[str]) -> list[str]:
    """The languages that get a tree: the first always, any other one some story is written in."""
    if not site_languages:
        return []
    used = {lang for inv in investigations for lang in story_languages(inv, site_languages)}
    return [site_languages[0]] + [lang for lang in site_languages[1:] if lang in used]


def unbuilt_languages(
    investigations: list[Investigation], site_languages: list[str]
) -> dict[str, list[str]]:
    """By story, the languages it is written in that the site does not build: those versions
    are published nowhere, and a story written only in such languages is not published at all."""
    missing = {}
    for inv in investigations:
        written = inv.story.languages if inv.story else []
        if left_out := [lang for lang in written if lang not in site_languages]:
            missing[inv.slug] = left_out
    return missing


def stories_in(investigations: list[Investigation], language: str) -> list[Investigation]:
    """The stories a language's tree holds: those written in it."""
    return [
        inv for inv in investigations if inv.story is not None and language in inv.story.languages
    ]


class LanguageMap:
    """Which page exists in which language, for one site.

    Pages are named by their path within a language tree, as MkDocs gives a page's URL
    (``romania-2024/claims/``, ``''`` for the home page).
    """

    def __init__(
        self,
        investigations: list[Investigation],
        site_languages: list[str],
        names: dict[str, str],
        site_url: str = "",
    ):
        self.languages = built_languages(investigations, site_languages)
        self.names = names
        self.root_url = site_url if not site_url or site_url.endswith("/") else site_url + "/"
        self._stories = {
            inv.slug: [lang for lang in story_languages(inv, site_languages)]
            for inv in investigations
        }

    @property
    def default(self) -> str:
        return self.languages[0]

    def prefix(self, language: str) -> str:
        """Where a language's tree starts, relative to the site's root."""
        return "" if language == self.default else f"{language}/"

    def languages_of(self, url: str) -> list[str]:
        """The built languages a page exists in: its story's, or all for the site's own pages."""
        slug = url.split("/", 1)[0]
        if slug in self._stories:
            return [lang for lang in self.languages if lang in self._stories[slug]]
        return list(self.languages)

    def alternates(self, url: str, language: str) -> list[Alternate]:
        """The page ``url`` of ``language``'s tree in every language it exists in (itself
        included); empty when it exists in one language only, as there is nothing to choose."""
        found = self.languages_of(url)
        if len(found) < 2:
            return []
        up = "../" * (self.prefix(language) + url).count("/")
        alternates = []
        for other in found:
            target = self.prefix(other) + url
            href = up + target or "./"
            alternates.append(
                Alternate(
                    language=other,
                    name=self.names.get(other, other),
                    href=href,
                    url=self.root_url + target if self.root_url else href,
                    current=other == language,
                )
            )
        return alternates
