"""The one disclosure rule: which counts, totals and percentages an audience that must not
see small numbers (elected members, the public, the DfE, and any role an authority adds) may
see, which rule withheld each hidden figure, and how a hidden figure is written.

Every output such an audience can reach (pages, exports, the API, packs and reports) asks
this module; nothing else writes the rule. *Who* has small numbers withheld is decided by the
permission layer (``sightline.core.permissions.disclosure_policy_for``, one setting per
authority); this module says *what* is withheld. Pure functions, no Django.

The rules (ADR 0018, ``docs/disclosure.md``), following ONS and DfE practice:

- **primary**: a count from 1 to ``threshold - 1`` (1 to 4 by default) is withheld; 0 is shown.
- **secondary**: further cells are withheld so that no withheld count can be worked out from
  the totals and the cells that are shown (a total minus the other cells; a unit as its
  authority minus the other units; a month of a cumulative series as the difference between
  two months). The attacker is assumed to know the rule that hid each cell (primary cells lie
  in 1..4; a secondary cell is 0 or at least the threshold): each withheld cell must still
  have at least two possible values.
- **percentage**: a percentage (or rate) is a count and its denominator. It is shown when
  neither the count nor its complement (denominator minus count) is withheld, and the
  denominator is at least ``threshold``; otherwise it is withheld, since with the denominator
  beside it (or in any other output) it gives the small count back. A share of a cell follows
  its cell: ``share × total`` gives the cell back.

Kernel API (what other modules call):

``policy.cell(count)``                    the number, or ``MARK`` when withheld (spreadsheets)
``policy.percentage(n, d)``               ``None`` (show it) or the :class:`Withheld` reason
``suppress_table(values, sums=…, policy=…)`` which cells of a table to withhold, with the rule
``suppress_parts(total, parts, policy=…)``  a total and the counts that add up to it
``suppress_series(values, policy=…, cumulative=…)`` a monthly series
``Withheld.rule``, ``.reason``, ``.text``    which rule hid a figure, in words
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final

#: Counts below this (and above 0) are withheld: 1 to 4 by default (the DfE's threshold).
DEFAULT_THRESHOLD: Final = 5
#: How a withheld count is written in spreadsheets and tables (the ONS / DfE convention).
MARK: Final = "[c]"
#: What a withheld small count reads as on a page.
TEXT: Final = "Fewer than 5 (suppressed)"
#: What a figure withheld by secondary suppression reads as on a page.
SECONDARY_TEXT: Final = "Withheld (suppressed)"
#: The footnote beside any output with a withheld cell.
NOTE: Final = (
    "[c] = withheld to protect children's privacy: a count from 1 to 4 (primary), or a "
    "figure from which one could be worked out (secondary)."
)

PRIMARY: Final = "primary"
SECONDARY: Final = "secondary"
PERCENTAGE: Final = "percentage"
#: A table too small to protect cell by cell: every figure withheld, without saying which
#: rule hid which (saying it would give the counts back).
WHOLE_TABLE: Final = "whole table"

_INF: Final = 10**15


@dataclass(frozen=True)
class Withheld:
    """Why one figure is withheld: ``rule`` is ``primary``, ``secondary`` or ``percentage``."""

    rule: str
    threshold: int = DEFAULT_THRESHOLD

    @property
    def reason(self) -> str:
        """The rule in words, for footnotes, exports and the API."""
        small = f"a count from 1 to {self.threshold - 1}"
        if self.rule == PRIMARY:
            return f"primary: {small}"
        if self.rule == SECONDARY:
            return (
                "secondary: hidden so a withheld count cannot be worked out from the total "
                "or the other figures"
            )
        if self.rule == WHOLE_TABLE:
            return (
                f"whole table: every figure hidden, as the table holds {small} that could "
                "otherwise be worked out"
            )
        return f"percentage: hidden because it would reveal {small}"

    @property
    def text(self) -> str:
        """What the withheld figure reads as on a page."""
        if self.rule == PRIMARY:
            return f"Fewer than {self.threshold} (suppressed)"
        return SECONDARY_TEXT

    def __str__(self) -> str:
        return self.reason


@dataclass(frozen=True)
class Sum:
    """``values[total] == sum(values[i] for i in parts)``: a published relation of a table."""

    total: int
    parts: tuple[int, ...]


@dataclass(frozen=True)
class Policy:
    """The rule for one audience: ``suppress`` says whether small counts are withheld."""

    suppress: bool
    threshold: int = DEFAULT_THRESHOLD

    # --- single figures ---------------------------------------------------------------

    def is_small(self, count: int | None) -> bool:
        """Whether ``count`` is a small number (1 to threshold - 1), whoever is reading."""
        return count is not None and 1 <= count < self.threshold

    def hides(self, *counts: int | None) -> bool:
        """Whether a figure built on these counts is withheld from this audience (primary)."""
        return self.suppress and any(self.is_small(c) for c in counts)

    def count(self, count: int | None) -> int | None:
        """The count as this audience may see it (``None`` when withheld)."""
        return None if self.hides(count) else count

    def cell(self, count: int | None, withheld: Withheld | None = None) -> int | str | None:
        """The count for a table or spreadsheet cell: the number, or ``MARK`` when withheld
        (by the primary rule, or by ``withheld`` from :func:`suppress_table`)."""
        return MARK if (withheld is not None or self.hides(count)) else count

    def primary(self, count: int | None) -> Withheld | None:
        """The primary rule's verdict on one count."""
        return Withheld(PRIMARY, self.threshold) if self.hides(count) else None

    def percentage(self, numerator: int | None, denominator: int | None) -> Withheld | None:
        """Whether ``numerator / denominator`` may be shown: ``None`` to show it, else why not.

        Withheld when the numerator, the denominator or the complement (denominator minus
        numerator) is a small count, or the denominator is below the threshold.
        """
        if not self.suppress or numerator is None or denominator is None:
            return None
        if self.is_small(denominator):
            return Withheld(PRIMARY, self.threshold)
        if self.is_small(numerator) or self.is_small(denominator - numerator):
            return Withheld(PERCENTAGE, self.threshold)
        return None

    def note(self, withheld: Iterable[Withheld | None]) -> str:
        """The footnote for an output whose withheld figures are ``withheld`` ("" if none)."""
        rules = sorted({w.rule for w in withheld if w is not None})
        if not rules:
            return ""
        said = "; ".join(Withheld(r, self.threshold).reason for r in rules)
        return f"{MARK} = withheld to protect children's privacy ({said})."


#: No suppression: for those who may see every figure.
OPEN: Final = Policy(suppress=False)
#: Small counts withheld: for those who must not see them.
SUPPRESSED: Final = Policy(suppress=True)


def policy(*, suppress: bool, threshold: int = DEFAULT_THRESHOLD) -> Policy:
    """The policy for an audience that does (or does not) have small counts withheld."""
    return Policy(suppress=suppress, threshold=threshold)


def is_small(count: int | None) -> bool:
    """Whether ``count`` is a small number under the default threshold."""
    return SUPPRESSED.is_small(count)


# --- what an attacker can work out ----------------------------------------------------------

Domain = list[tuple[int, int]]


def _norm(dom: Iterable[tuple[int, int]]) -> Domain:
    out: Domain = []
    for lo, hi in sorted((max(lo, 0), min(hi, _INF)) for lo, hi in dom):
        if lo > hi:
            continue
        if out and lo <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def _add(a: Domain, b: Domain) -> Domain:
    return _norm((x0 + y0, min(x1 + y1, _INF)) for x0, x1 in a for y0, y1 in b)


def _sub(a: Domain, b: Domain) -> Domain:
    return _norm((x0 - y1, x1 - y0) for x0, x1 in a for y0, y1 in b)


def _meet(a: Domain, b: Domain) -> Domain:
    out: Domain = []
    for x0, x1 in a:
        for y0, y1 in b:
            lo, hi = max(x0, y0), min(x1, y1)
            if lo <= hi:
                out.append((lo, hi))
    return _norm(out)


def _size(d: Domain) -> int:
    return sum(hi - lo + 1 for lo, hi in d)


def possible_values(  # noqa: PLR0912 - one branch per kind of cell, kept together
    values: Sequence[int | None],
    sums: Sequence[Sum],
    withheld: Sequence[Withheld | None],
    *,
    threshold: int = DEFAULT_THRESHOLD,
    published: Sequence[bool] | None = None,
) -> list[Domain]:
    """What someone who sees the shown cells (and the rule that hid each other one) can work
    out about every cell: a list of integer intervals per cell, narrowed by the sums until
    nothing changes. Exact for one sum; for several it never claims less than can be known
    for the tables Sightline publishes (the property tests check it by brute force)."""
    n = len(values)
    pub = list(published) if published is not None else [True] * n
    dom: list[Domain] = []
    for i, v in enumerate(values):
        w = withheld[i]
        if v is None or not pub[i]:
            dom.append([(0, _INF)])
        elif w is None:
            dom.append([(v, v)])
        elif w.rule == PRIMARY:
            dom.append([(1, threshold - 1)])
        elif w.rule == WHOLE_TABLE:
            dom.append([(0, _INF)])
        else:
            dom.append([(0, 0), (threshold, _INF)])
    changed = True
    rounds = 0
    while changed and rounds < 50:
        changed = False
        rounds += 1
        for s in sums:
            parts_sum: Domain = [(0, 0)]
            for p in s.parts:
                parts_sum = _add(parts_sum, dom[p])
            new_total = _meet(dom[s.total], parts_sum)
            if new_total != dom[s.total]:
                dom[s.total] = new_total
                changed = True
            for k, p in enumerate(s.parts):
                others: Domain = [(0, 0)]
                for q in s.parts[:k] + s.parts[k + 1 :]:
                    others = _add(others, dom[q])
                new = _meet(dom[p], _sub(dom[s.total], others))
                if new != dom[p]:
                    dom[p] = new
                    changed = True
    return dom


def _exposed(
    values: Sequence[int | None],
    sums: Sequence[Sum],
    withheld: Sequence[Withheld | None],
    threshold: int,
    published: Sequence[bool],
) -> list[int]:
    """Small counts whose value can be worked out (fewer than two possible values)."""
    dom = possible_values(values, sums, withheld, threshold=threshold, published=published)
    out = []
    for i, v in enumerate(values):
        if v is None:
            continue
        # a small count (shown withheld by the primary rule, or never shown) must keep two
        # possible values; a secondary cell is 0 or at least the threshold, so working it out
        # discloses no small number (the primary cells beside it are checked themselves)
        must_protect = 1 <= v < threshold and (not published[i] or withheld[i] is not None)
        if must_protect and _size(dom[i]) < 2:
            out.append(i)
    return out


def suppress_table(  # noqa: PLR0912 - primary, secondary and the last resort in one place
    values: Sequence[int | None],
    *,
    sums: Sequence[Sum] = (),
    policy: Policy,
    published: Sequence[bool] | None = None,
) -> list[Withheld | None]:
    """Which cells of a table of counts to withhold, and by which rule (``None``: shown).

    ``values`` are every count of the table, totals included; ``sums`` say which cells add up
    to which (``Sum(total=0, parts=(1, 2, 3))``). ``published[i]`` False marks a count that is
    never shown but is implied by the others (e.g. "not allocated to a team", or one month's
    increase in a cumulative series): if it is small it is protected too. ``None`` values are
    not covered and never withheld. Cells are withheld by the primary rule, then (smallest
    first, parts before totals) by the secondary rule until every withheld small count, and
    every unpublished small count, has at least two possible values.
    """
    n = len(values)
    pub = list(published) if published is not None else [True] * n
    withheld: list[Withheld | None] = [None] * n
    if not policy.suppress:
        return withheld
    t = policy.threshold
    if not any(policy.is_small(v) for v in values):
        return withheld  # nothing small to hide or to protect
    for i, v in enumerate(values):
        if pub[i] and policy.is_small(v):
            withheld[i] = Withheld(PRIMARY, t)
    secondary = Withheld(SECONDARY, t)
    for _ in range(n + 1):
        exposed = _exposed(values, sums, withheld, t, pub)
        if not exposed:
            break
        target = exposed[0]
        # candidates: shown, published cells in a sum with the exposed cell
        related = [s for s in sums if target == s.total or target in s.parts]
        candidates: list[tuple[int, int, int]] = []
        for s in related:
            for rank, i in ((1, s.total), *((0, p) for p in s.parts)):
                v = values[i]
                if withheld[i] is None and pub[i] and v is not None and v > 0:
                    candidates.append((rank, v, i))
        if not candidates:  # nothing left to hide beside it: hide every shown cell in reach
            for s in related:
                for i in (s.total, *s.parts):
                    if withheld[i] is None and pub[i] and values[i] is not None:
                        withheld[i] = secondary
            if not _exposed(values, sums, withheld, t, pub):
                break
            continue
        candidates.sort()
        chosen = candidates[-1][2]
        for _rank, _v, i in candidates:
            trial = list(withheld)
            trial[i] = secondary
            if target not in _exposed(values, sums, trial, t, pub):
                chosen = i
                break
        withheld[chosen] = secondary
    # last resort: a table whose small counts can still be worked out (every count in it
    # small, say) is withheld whole, without saying which rule hid which cell
    if _exposed(values, sums, withheld, t, pub):
        whole = Withheld(WHOLE_TABLE, t)
        withheld = [None if values[i] is None or not pub[i] else whole for i in range(n)]
    return withheld


def suppress_parts(
    total: int | None, parts: Sequence[int | None], *, policy: Policy
) -> tuple[Withheld | None, list[Withheld | None]]:
    """A total and the counts that make it up (units and their authority; grades and the
    number audited): the rule for the total and for each part. When the parts do not add up
    to the total (a child in two teams, children in no team), the difference is treated as
    an unpublished part, protected if it is small."""
    known = [p for p in parts if p is not None]
    values: list[int | None] = [total, *parts]
    pub = [True] * len(values)
    members = tuple(range(1, len(values)))
    sums: list[Sum] = []
    if total is not None and len(known) == len(parts) and total >= sum(known):
        rest = total - sum(known)
        if rest > 0:  # children in no part: a count nobody is shown, protected if small
            values.append(rest)
            pub.append(False)
            members = (*members, len(values) - 1)
        sums = [Sum(0, members)]
    out = suppress_table(values, sums=sums, policy=policy, published=pub)
    return out[0], out[1 : len(parts) + 1]


def suppress_series(
    values: Sequence[int | None], *, policy: Policy, cumulative: bool = False
) -> list[Withheld | None]:
    """A series of monthly counts. With ``cumulative`` (a running total, e.g. referrals so
    far this year), the increase from one month to the next is a count of children too: it is
    protected, so no month's small increase can be worked out as a difference of two shown
    months."""
    if not cumulative:
        return [policy.primary(v) for v in values]
    n = len(values)
    cells: list[int | None] = list(values)
    pub = [True] * n
    sums: list[Sum] = []
    for k in range(1, n):
        a, b = values[k - 1], values[k]
        inc = b - a if a is not None and b is not None and b >= a else None
        cells.append(inc)
        pub.append(False)
        if inc is not None:
            sums.append(Sum(k, (k - 1, len(cells) - 1)))
    out = suppress_table(cells, sums=sums, policy=policy, published=pub)
    return out[:n]


def change_shown(previous: Withheld | None, latest: Withheld | None) -> bool:
    """Whether the change between two figures may be shown: both must be shown (a change
    from or to a withheld figure gives it back)."""
    return previous is None and latest is None


def suppress_figures(  # noqa: PLR0912 - one branch per shape of table and per rule
    figures: Sequence[tuple[int | None, int | None]],
    *,
    policy: Policy,
    total: int | None = None,
    rate: bool = True,
    numerator_is_count: bool = True,
    sums: Sequence[Sum] | None = None,
) -> list[Withheld | None]:
    """Figures built on a numerator and a denominator (a unit's rate or count), one rule per
    figure. With ``total`` (the index of the whole, e.g. the authority, the others being its
    units), the numerators, the denominators and, for a ``rate``, the complements
    (denominator minus numerator) are each protected as parts of the whole, so no unit is the
    authority minus the other units. ``sums`` instead gives the whole structure (an authority
    of localities of teams: ``Sum(authority, localities)``, ``Sum(locality, its teams)``). A
    figure is withheld when any of its counts is; the rule named is the primary one when one
    of its own counts is small.
    """
    n = len(figures)
    out: list[Withheld | None] = [None] * n
    if not policy.suppress:
        return out
    columns: list[list[int | None]] = []
    if numerator_is_count:
        columns.append([f[0] for f in figures])
    columns.append([f[1] for f in figures])
    if rate:
        columns.append(
            [None if f[0] is None or f[1] is None else max(f[1] - f[0], 0) for f in figures]
        )
    verdicts: list[list[Withheld | None]] = []
    for col in columns:
        if sums is not None:
            verdicts.append(suppress_table(col, sums=sums, policy=policy))
            continue
        if total is None:
            verdicts.append([policy.primary(v) for v in col])
            continue
        others = [i for i in range(n) if i != total]
        w_total, w_parts = suppress_parts(col[total], [col[i] for i in others], policy=policy)
        row: list[Withheld | None] = [None] * n
        row[total] = w_total
        for i, w in zip(others, w_parts, strict=True):
            row[i] = w
        verdicts.append(row)
    for i in range(n):
        rules = {v[i].rule for v in verdicts if v[i] is not None}  # type: ignore[union-attr]
        num, den = figures[i]
        if not rules:
            continue
        if WHOLE_TABLE in rules:
            out[i] = Withheld(WHOLE_TABLE, policy.threshold)
        elif PRIMARY in rules and (
            policy.is_small(den) or (numerator_is_count and policy.is_small(num))
        ):
            out[i] = Withheld(PRIMARY, policy.threshold)
        elif PRIMARY in rules:
            out[i] = Withheld(PERCENTAGE, policy.threshold)
        else:
            out[i] = Withheld(SECONDARY, policy.threshold)
    return out
