"""Names and text in Romanian, Russian, Ukrainian and Arabic, through a real build.

A copy of the demo investigation gets actors, a claim, a relation, an event and sources written
in those scripts (all fictional), and the built site is read with an HTML parser: names appear
exactly as written, right-to-left text sits in an element whose direction the browser picks,
every id and anchor is ASCII and does not depend on its position, and the bibliography is in
alphabetical order with letters such as ș and є next to their base letters, not after z.
"""

from __future__ import annotations

import re
import shutil
import unicodedata
from pathlib import Path

import pytest
from bs4 import NavigableString

from generator.render.markdown_ext import slugify
from tests.conftest import VALID_CASE
from tests.sitetools import build, copy_project, html_pages, soup

ACTORS = """
  - id: ivan-pryklad
    name: Іван Приклад
    kind: person
    role: Вигаданий свідок у тестовій справі.
    aliases: [Ivan Pryklad, Іванко]
  - id: stefan-tarziu
    name: Ștefan Țârziu
    kind: person
    role: Un martor fictiv, ăâîșț.
  - id: primer-organizatsiya
    name: Пример Организация
    kind: organisation
    role: Вымышленная организация для проверки.
  - id: mithal-organisation
    name: مثال للمنظمة
    kind: organisation
    role: منظمة خيالية لاختبار اتجاه النص.
    aliases: [منظمة المثال]
"""
CLAIMS = """
  - id: mithal-paid
    statement: تقول المنظمة إنها دفعت المال إلى :actor[ivan-pryklad] [@agency-statement].
    status: alleged
    attributed_to: [mithal-organisation, stefan-tarziu]
    sources: [agency-statement]
    actors: [primer-organizatsiya, ivan-pryklad]
"""
RELATIONS = """
  - id: mithal-pays-ivan
    from: mithal-organisation
    to: ivan-pryklad
    kind: paid
    status: alleged
    attributed_to: [primer-organizatsiya]
    sources: [agency-statement]
"""
EVENTS = """
  - id: meeting-in-kyiv
    date: 2024-05
    title: Зустріч у Києві
    body: Ștefan Țârziu și :actor[mithal-organisation] [@agency-statement].
    group: agency
    actors: [ivan-pryklad, stefan-tarziu]
    sources: [agency-statement]
"""
# news reports, in the order a reader expects them (Example News is already in the case)
PUBLISHERS = [
    "Adevărul Test",
    "Ăla Jurnal",
    "Example News",
    "Știrea Zilei",
    "Sursa Zilei",
    "Țara Noastră",
    "Tribuna Test",
    "Zeta Știri",
    "Газета Приклад",
    "Ґазета Приклад",
    "Євген Видання",
    "Журнал Приклад",
    "Їжак Медіа",
    "صحيفة المثال",
]
PAGE = """
## Що сталося

:actor[mithal-organisation] يقول إن :actor[ivan-pryklad] تلقى المال [@agency-statement].

::claim[mithal-paid]

## ما حدث

Текст на русском языке про :actor[primer-organizatsiya].
"""
ARABIC = re.compile("[\u0600-\u06ff]")


def source_entries() -> str:
    entries = []
    for number, publisher in enumerate(reversed(PUBLISHERS)):
        if publisher == "Example News":
            continue
        entries.append(
            f"""
  - id: source-{number}
    title: "{publisher}: заголовок {number}"
    publisher: {publisher}
    url: https://example.org/{number}
    published: 2024-0{number % 9 + 1}
    kind: news-report
    language: uk"""
        )
    return "".join(entries) + "\n"


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text("utf-8").rstrip("\n") + "\n" + text.lstrip("\n"), "utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("unicode")
    case = base / "content" / VALID_CASE.name
    shutil.copytree(VALID_CASE, case)
    for name, text in (
        ("actors.yml", ACTORS),
        ("claims.yml", CLAIMS),
        ("relations.yml", RELATIONS),
        ("events.yml", EVENTS),
        ("sources.yml", source_entries()),
        ("pages/overview.md", PAGE),
    ):
        append(case / name, text)
    # in both languages: the tests read the Romanian pages too
    story = case / "story.yml"
    text = story.read_text("utf-8")
    story.write_text(
        text.replace("  status: published\n", "  status: published\n  languages: [en, ro]\n", 1),
        "utf-8",
    )
    project = copy_project(base / "project", content=base / "content")
    result = build(project, project / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    assert "error" not in result.stderr.lower(), result.stderr[-3000:]
    return project / "site"


def case_pages(site: Path) -> list[Path]:
    """Every page of the investigation, in English and in Romanian."""
    return [p for p in html_pages(site) if VALID_CASE.name in p.relative_to(site).parts]


def heading_text(heading) -> str:
    return "".join(
        str(s)
        for s in heading.find_all(string=True)
        if "headerlink" not in s.parent.get("class", [])
    )


@pytest.mark.parametrize("language", ["", "ro"])
def test_names_appear_exactly_as_written(site, language):
    actors = soup(site / language / VALID_CASE.name / "actors" / "index.html")
    claims = soup(site / language / VALID_CASE.name / "claims" / "index.html")
    for actor_id, name in (
        ("ivan-pryklad", "Іван Приклад"),
        ("stefan-tarziu", "Ștefan Țârziu"),
        ("primer-organizatsiya", "Пример Организация"),
        ("mithal-organisation", "مثال للمنظمة"),
    ):
        assert unicodedata.is_normalized("NFC", name)
        entry = actors.find(id=f"actor-{actor_id}")
        assert heading_text(entry.find("h3")) == name
        links = actors.find_all("a", href=re.compile(f"#actor-{actor_id}$"))
        links += claims.find_all("a", href=re.compile(f"#actor-{actor_id}$"))
        assert {link.get_text() for link in links} == {name}, actor_id
    aliases = [bdi.get_text() for bdi in actors.find(id="actor-ivan-pryklad").find_all("bdi")]
    assert aliases == ["Ivan Pryklad", "Іванко"]
    attribution = claims.find(id="claim-mithal-paid").select_one(".entry__status")
    assert [a.get_text() for a in attribution.find_all("a")] == ["مثال للمنظمة", "Ștefan Țârziu"]
    for page in case_pages(site):
        text = page.read_text("utf-8")
        assert unicodedata.is_normalized("NFC", text), page


def test_right_to_left_text_is_inside_an_element_with_a_direction(site):
    """Each run of Arabic in the content sits in an element with dir="auto" (or "rtl"), so the
    browser sets it right to left, with its punctuation and citations on the proper side."""
    checked, undirected = 0, []
    for page in case_pages(site):
        article = soup(page).find("article")
        for text in article.find_all(string=ARABIC):
            if not isinstance(text, NavigableString):
                continue
            checked += 1
            element = text.parent
            while element is not article and element.get("dir") not in ("auto", "rtl"):
                element = element.parent
            if element is article:
                undirected.append(f"{page.relative_to(site)}: <{text.parent.name}> {text[:40]}")
    assert not undirected, "\n".join(undirected[:20])
    assert checked > 30, checked  # the statement, names, role, page text, card, both languages


def test_a_name_in_a_line_of_interface_text_is_isolated(site):
    """'Alleged by <Arabic name>, <name>': the line keeps the page's direction (its first
    letters are the interface's) and each name is isolated, so commas stay in place."""
    claims = soup(site / VALID_CASE.name / "claims" / "index.html")
    line = claims.find(id="claim-mithal-paid").select_one(".entry__status")
    assert line["dir"] == "auto" and line.find(string=re.compile("[A-Za-z]"))
    assert all(a["dir"] == "auto" for a in line.find_all("a"))
    page = soup(site / VALID_CASE.name / "overview" / "index.html")
    card = page.select_one('aside.claim-card:has(a[href$="#claim-mithal-paid"])')
    card = card.select_one(".claim-card__status")
    assert [bdi.get_text() for bdi in card.find_all("bdi")] == ["مثال للمنظمة", "Ștefan Țârziu"]


def test_ids_and_anchors_are_ascii_and_do_not_depend_on_position(site):
    for page in case_pages(site):
        document = soup(page)
        ids = [element["id"] for element in document.find_all(id=True)]
        assert all(i.isascii() and not re.fullmatch(r"_\d+", i) for i in ids), (page, ids)
        for link in document.find_all("a", href=True):
            assert link["href"].isascii(), (page, link["href"])
    actors = soup(site / VALID_CASE.name / "actors" / "index.html")
    for name in ("Іван Приклад", "Пример Организация", "مثال للمنظمة"):
        heading = next(h for h in actors.find_all("h3") if heading_text(h) == name)
        assert heading["id"] == slugify(name, "-")  # a function of the name alone
        assert actors.select_one(f'nav a[href="#{heading["id"]}"]'), "not in the page's TOC"
    ids = {h["id"] for h in actors.find_all("h3")}
    assert {"stefan-tarziu", "example-agency"} <= ids  # Latin names keep readable slugs
    page = soup(site / VALID_CASE.name / "overview" / "index.html")
    assert page.find("h2", id=slugify("Що сталося", "-"))
    assert page.find("h2", id=slugify("ما حدث", "-"))


def test_heading_ids_are_ascii_for_every_script():
    for text in ("Що сталося", "ما حدث", "Пример", "中文标题", "Ștefan Țârziu", "🙂", " "):
        slug = slugify(text, "-")
        assert slug and slug.isascii() and re.fullmatch(r"[a-z0-9_-]+", slug), (text, slug)
        assert slugify(text, "-") == slug
    assert slugify("Călin Georgescu", "-") == "calin-georgescu"
    assert slugify("Що сталося", "-") != slugify("Що сталося?!", "-")


def test_editor_ids_must_be_ascii_slugs(demo, validate):
    demo.replace("actors.yml", "id: test-inspector", "id: іван")
    demo.replace("claims.yml", "attributed_to: [test-inspector]", "attributed_to: [іван]")
    outcome = validate(demo.path)
    assert (
        "actors.yml:15:9: actor 'іван': 'іван' is not a valid id: "
        "use lower-case letters, digits and single hyphens"
    ) in outcome.lines


def entries_under(heading, tag: str) -> list:
    """The entries of one section: elements up to the next heading of the same level."""
    found = []
    for element in heading.find_all_next([heading.name, tag]):
        if element.name == heading.name:
            break
        found.append(element)
    return found


@pytest.mark.parametrize("language", ["", "ro"])
def test_bibliography_is_alphabetical_with_letters_next_to_their_base(site, language):
    page = soup(site / language / VALID_CASE.name / "sources" / "index.html")
    news = page.find(id="source-source-0").find_previous("h2")
    entries = entries_under(news, "article")
    assert [entry.find("strong").get_text() for entry in entries] == PUBLISHERS


def test_whos_who_keeps_the_editors_order(site):
    """Within a kind, actors stay in the order editors list them (see render/site.py)."""
    page = soup(site / VALID_CASE.name / "actors" / "index.html")
    person = page.find(id="actor-test-inspector").find_previous("h2")
    people = [heading_text(entry.find("h3")) for entry in entries_under(person, "article")]
    assert people == ["Test Inspector", "Іван Приклад", "Ștefan Țârziu"]
