"""The benchmarks' synthetic investigations are code too: valid, deterministic, in proportion."""

from __future__ import annotations

from pathlib import Path

from generator.pipeline import load_and_check
from tests.support.synthetic import Synthetic, generate


def test_a_small_synthetic_investigation_validates_without_warnings(tmp_path: Path):
    folder = generate(60, tmp_path, seed=1)
    result = load_and_check(folder, strict=True)
    assert [str(d) for d in result.diagnostics] == []
    counts = result.investigations[0].counts()
    assert counts["events"] == 60
    assert counts["claims"] == 42  # 0.7 per event
    assert counts["actors"] == 72  # 1.2
    assert counts["relations"] == 36  # 0.6
    assert counts["sources"] == 108  # 1.8
    assert (counts["datasets"], counts["charts"], counts["pages"]) == (5, 7, 1)


def test_both_languages_validate_strictly(tmp_path: Path):
    folder = generate(12, tmp_path, seed=2, languages=("en", "ro"))
    result = load_and_check(folder, strict=True)
    assert [str(d) for d in result.diagnostics] == []
    pages = sorted(p.name for p in (folder / "pages").glob("*.md"))
    assert pages == ["chapter-01-vote.md", "chapter-01-vote.ro.md"] or (
        len(pages) == 2 and pages[1] == pages[0].replace(".md", ".ro.md")
    )


def test_the_same_seed_writes_the_same_bytes_and_another_seed_does_not():
    first = Synthetic(30, seed=7).build()
    assert Synthetic(30, seed=7).build() == first
    assert Synthetic(30, seed=8).build() != first
