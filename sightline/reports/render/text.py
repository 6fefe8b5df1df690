"""People's text in a report, made safe and readable: paragraphs, bullet lists and the little
Markdown that people type (``**bold**``, ``*italic*``, `` `code` ``), never shown raw."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape

_BOLD = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")
_ITALIC = re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])")
_CODE = re.compile(r"`([^`]*)`")
_BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


@dataclass(frozen=True)
class Block:
    """A paragraph (``items`` has one entry) or a bullet list."""

    kind: str  # "p" or "ul"
    items: tuple[str, ...]


def blocks(text: str) -> list[Block]:
    """Paragraphs (separated by blank lines) and bullet lists ("- ", "* ", "• ", "1. ")."""
    found: list[Block] = []
    for chunk in re.split(r"\n\s*\n", text.strip()):
        lines = [line for line in chunk.splitlines() if line.strip()]
        if not lines:
            continue
        if all(_BULLET.match(line) for line in lines):
            found.append(Block("ul", tuple(_BULLET.sub("", line).strip() for line in lines)))
        else:
            found.append(Block("p", (" ".join(line.strip() for line in lines),)))
    return found


def printable(text: str) -> str:
    """The text without control characters (pasted from other systems), which neither Word
    nor a PDF can hold."""
    return _CONTROL.sub("", text)


def plain(text: str) -> str:
    """The text without Markdown marks (for Word, Excel and text alternatives)."""
    text = _CODE.sub(r"\1", text)
    text = _BOLD.sub(lambda m: m.group(1) or m.group(2), text)
    return _ITALIC.sub(r"\1", text)


def inline_html(text: str) -> str:
    """Escaped HTML of one paragraph, with ``**bold**`` as <strong>, ``*x*`` as <em> and
    backticks dropped."""
    html = escape(text, quote=False)
    html = _CODE.sub(r"\1", html)
    html = _BOLD.sub(lambda m: f"<strong>{m.group(1) or m.group(2)}</strong>", html)
    return _ITALIC.sub(r"<em>\1</em>", html)


def runs(text: str) -> list[tuple[str, bool, bool]]:
    """(text, bold, italic) pieces of one paragraph, for Word."""
    text = _CODE.sub(r"\1", text)
    pieces: list[tuple[str, bool, bool]] = []
    position = 0
    for match in _BOLD.finditer(text):
        pieces.extend(_italic_runs(text[position : match.start()], bold=False))
        pieces.extend(_italic_runs(match.group(1) or match.group(2), bold=True))
        position = match.end()
    pieces.extend(_italic_runs(text[position:], bold=False))
    return [p for p in pieces if p[0]]


def _italic_runs(text: str, *, bold: bool) -> list[tuple[str, bool, bool]]:
    pieces: list[tuple[str, bool, bool]] = []
    position = 0
    for match in _ITALIC.finditer(text):
        pieces.append((text[position : match.start()], bold, False))
        pieces.append((match.group(1), bold, True))
        position = match.end()
    pieces.append((text[position:], bold, False))
    return pieces
