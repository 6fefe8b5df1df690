"""Renderers of a report snapshot: HTML, PDF, Word and Excel. Pure functions of the snapshot:
they never query the database, so the same snapshot always gives the same paper.

    html(snapshot, *, for_print=False) -> str      the whole document, self-contained
    sections_html(snapshot) -> SafeString          the sections only, for a base.html page
    section_html(section, index, *, report) -> SafeString   one section (index from 1)
    pdf(snapshot) -> bytes                         tagged PDF/UA-1 (Typst, ADR 0021)
    docx(snapshot) -> bytes                        Word, in the committee-paper shape
    xlsx(snapshot) -> bytes                        Excel, one sheet per scorecard
"""

from .htmlpage import html, section_html, sections_html
from .pdfdoc import pdf
from .worddoc import docx
from .workbook import xlsx

__all__ = ["docx", "html", "pdf", "section_html", "sections_html", "xlsx"]
