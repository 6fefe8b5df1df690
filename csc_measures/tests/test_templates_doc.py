"""The Annex A templates page (docs/annex-a-templates.md) is generated and kept current."""

from __future__ import annotations

from pathlib import Path

from csc_measures.cli import main
from csc_measures.templates import TEMPLATES, render_templates_doc

REPO = Path(__file__).resolve().parents[2]


def test_templates_command_writes_the_page(tmp_path: Path) -> None:
    out = tmp_path / "annex-a-templates.md"
    assert main(["templates", "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert text == render_templates_doc()
    for template in TEMPLATES.values():
        assert f"## {template.year} template" in text
        for listed in template.lists:
            assert f"Sheet `{listed.sheet}`; title row `{listed.title}`." in text
    assert "| Number of Episodes the Child has been ‘Missing’ from their Placement" in text
    assert "`f) Rhom`" in text


def test_committed_templates_page_is_up_to_date() -> None:
    committed = (REPO / "docs" / "annex-a-templates.md").read_text(encoding="utf-8")
    assert committed == render_templates_doc(), (
        "docs/annex-a-templates.md is stale: run "
        "`python -m csc_measures templates --out docs/annex-a-templates.md`"
    )
