"""How long a board pack takes to render: a pack with 40 SPC charts as PDF and as Word.

Goals (issue 14): the PDF in at most 5 s and the .docx in at most 2 s on the project's machine.
Each figure is also given as a ratio to a baseline timed in the same run (rendering the pack's
HTML alone), so a busy machine shows in both.

With ``--weasyprint`` it also makes the same pack with WeasyPrint's ``pdf/ua-1`` variant (from
the print HTML) and compares the two PDFs' structure trees: the evidence for ADR 0021.

    uv run python benchmarks/report_render.py [--charts 40] [--repeat 5] [--weasyprint]
"""

from __future__ import annotations

import argparse
import io
import logging
import os
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")


def timed(work: Callable[[], Any], repeat: int) -> tuple[float, float, Any]:
    """(first run, median of the next ``repeat`` runs, the last result), in seconds."""
    start = time.perf_counter()
    result = work()
    first = time.perf_counter() - start
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - start)
    return first, statistics.median(times) if times else first, result


def tag_tree(document: bytes) -> tuple[int, Counter[str], int, int]:
    """Pages, tag counts, figures with an /Alt, and whether the XMP says PDF/UA."""
    import pypdf
    from pypdf.generic import ArrayObject, DictionaryObject

    reader = pypdf.PdfReader(io.BytesIO(document))
    root = reader.trailer["/Root"]
    counts: Counter[str] = Counter()
    alts = 0

    def walk(node: Any) -> None:
        nonlocal alts
        node = node.get_object()
        if not isinstance(node, DictionaryObject):
            return
        if (tag := node.get("/S")) is not None:
            counts[str(tag)] += 1
            if str(tag) == "/Figure" and "/Alt" in node:
                alts += 1
        kids = node.get("/K")
        if kids is None:
            return
        kids = kids.get_object()
        for kid in kids if isinstance(kids, ArrayObject) else [kids]:
            walk(kid)

    if "/StructTreeRoot" in root:
        walk(root["/StructTreeRoot"])
    xmp = root["/Metadata"].get_object().get_data() if "/Metadata" in root else b""
    return len(reader.pages), counts, alts, int(b"pdfuaid" in xmp)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--charts", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--weasyprint", action="store_true", help="also time WeasyPrint pdf/ua-1")
    args = parser.parse_args()

    import django

    django.setup()
    logging.getLogger("weasyprint").setLevel(logging.ERROR)

    from sightline.kernel.pdf import html_to_pdf
    from sightline.reports.render import docx, html, pdf, xlsx
    from tests.reports import snapshots

    pack = snapshots.board_pack(charts=args.charts)
    one_page = snapshots.example("custom")
    one_page["sections"] = [snapshots.section("narrative")]

    rows: list[tuple[str, float, float]] = []
    _, baseline, _ = timed(lambda: html(pack, for_print=True), args.repeat)
    rows.append(("HTML of the pack (baseline)", baseline, baseline))
    first, median, _ = timed(lambda: pdf(one_page), args.repeat)
    rows.append(("PDF, 1 page (Typst)", first, median))
    first, median, document = timed(lambda: pdf(pack), args.repeat)
    rows.append((f"PDF, the pack (Typst, PDF/UA-1), {args.charts} charts", first, median))
    first, median, word = timed(lambda: docx(pack), args.repeat)
    rows.append((f"Word .docx, the pack, {args.charts} charts", first, median))
    first, median, _ = timed(lambda: xlsx(pack), args.repeat)
    rows.append(("Excel .xlsx, the scorecard", first, median))
    weasy: bytes | None = None
    if args.weasyprint:
        first, median, weasy = timed(
            lambda: html_to_pdf(html(pack, for_print=True), variant="pdf/ua-1"), 0
        )
        rows.append(("PDF, the pack (WeasyPrint, pdf/ua-1)", first, median))

    pages = tag_tree(document)[0]
    print(f"Board pack: {pages} pages, {args.charts} charts; Word {len(word) // 1024} KiB")
    print()
    print("| what | first run (s) | median (s) | x baseline |")
    print("|---|---:|---:|---:|")
    for label, first, median in rows:
        print(f"| {label} | {first:.2f} | {median:.2f} | {median / baseline:.0f} |")

    if weasy is not None:
        print()
        print("| structure | Typst | WeasyPrint |")
        print("|---|---:|---:|")
        typst_tree, weasy_tree = tag_tree(document), tag_tree(weasy)
        print(f"| pages | {typst_tree[0]} | {weasy_tree[0]} |")
        print(f"| PDF/UA identifier in XMP | {typst_tree[3]} | {weasy_tree[3]} |")
        print(f"| figures with /Alt | {typst_tree[2]} | {weasy_tree[2]} |")
        tags = sorted(set(typst_tree[1]) | set(weasy_tree[1]))
        for tag in tags:
            print(f"| {tag} | {typst_tree[1][tag]} | {weasy_tree[1][tag]} |")


if __name__ == "__main__":
    main()
