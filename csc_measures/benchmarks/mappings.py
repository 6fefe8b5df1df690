"""Which published DfE figure stands beside which Sightline measure: one declarative table.

Each :class:`BenchmarkMapping` names the DfE file (shipped in ``data/dfe/``), the rows it takes
(column = value filters, on top of the geographic level), the column holding the value, how the
value is obtained (as published, or a rate per 10,000 children computed from a published count
and the ONS population), the unit, the polarity, the year basis and how DfE's definition differs
from Sightline's. Read the table top to bottom to audit every benchmark the product shows.

Keys are Sightline measure IDs from the catalogue (``FD04`` …). Figures that the workforce module
will need but that have no catalogue measure yet use descriptive keys (``WF-agency-rate`` …).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from csc_measures.registry import Polarity

OGL = "Contains public sector information licensed under the Open Government Licence v3.0."

ATTRIBUTION = (
    f'{OGL} Sources: Department for Education statistical releases "Children in need", '
    '"Children looked after in England including adoption", "Children\'s social work '
    'workforce", the DfE statistical neighbour model (May 2025) and the DfE Local Authority '
    "Interactive Tool; Office for National Statistics mid-year population estimates."
)
"""The attribution any page that shows these figures must carry (OGL v3)."""

_CIN = (
    "Source: Department for Education, Characteristics of children in need (reporting year 2025)."
)
_CLA = (
    "Source: Department for Education, Children looked after in England including adoption "
    "(reporting year 2025)."
)
_CSWW = "Source: Department for Education, Children's social work workforce (reporting year 2025)."
_LAIT = (
    "Source: Department for Education, Local Authority Interactive Tool, from Characteristics of "
    "children in need."
)
_ONS = "Office for National Statistics, mid-year population estimates (children aged 0 to 17)."


class YearBasis(enum.Enum):
    """What a DfE year means, and how DfE labels it."""

    YEAR_TO_31_MARCH = "year ending 31 March"
    AT_31_MARCH = "at 31 March"
    AT_30_SEPTEMBER = "at 30 September"
    YEAR_TO_30_SEPTEMBER = "year ending 30 September"

    def label(self, year: int) -> str:
        """The year as DfE writes it: ``2024-25`` for a year to 31 March, else ``2025``."""
        if self is YearBasis.YEAR_TO_31_MARCH:
            return f"{year - 1}-{year % 100:02d}"
        return str(year)

    def describe(self, year: int) -> str:
        """The period in words: ``year ending 31 March 2025``, ``at 30 September 2025``."""
        return f"{self.value} {year}"


class Method(enum.Enum):
    """How the benchmark value is obtained from the file."""

    PUBLISHED = "published"
    """The value column as DfE publishes it."""
    RATE_PER_10K_CHILDREN = "rate per 10,000 children"
    """Value column (a count) / ONS children aged 0-17 × 10,000, rounded to 1 decimal place.

    The population is the ONS mid-year estimate of the calendar year before the DfE year
    (mid-2024 for 31 March 2025), as DfE does: this reproduces DfE's published rates exactly
    (checked against the LAIT rates ``CIN`` and ``CPP_rate`` for every authority, 2016-2025).
    """


LAIT_FILE = "lait_bds_long.parquet"
POPULATION_FILE = "ons_mid-year_population_estimates_2012_to_2024.csv"
NEIGHBOURS_FILE = "sn_model_2025_wide.csv"


@dataclass(frozen=True)
class BenchmarkMapping:
    """One Sightline measure (or workforce figure) and the DfE figure that benchmarks it."""

    measure_id: str
    dfe_indicator: str
    """DfE's name for the figure."""
    file: str
    """File name in ``data/dfe/``."""
    value_column: str
    """The column holding the value (for the LAIT long table: the ``Short Desc`` code)."""
    unit: str
    polarity: Polarity
    year_basis: YearBasis
    difference: str
    """How DfE's definition differs from Sightline's."""
    attribution: str
    filters: tuple[tuple[str, str], ...] = ()
    """Extra ``column == value`` conditions selecting the rows (EES files only)."""
    method: Method = Method.PUBLISHED
    decimals: int | None = None
    """Round the value to this many decimals (LAIT stores floats such as 80.400000000000006)."""

    @property
    def is_lait(self) -> bool:
        return self.file == LAIT_FILE

    @property
    def files(self) -> tuple[str, ...]:
        """Every file this benchmark reads (a computed rate also needs the population)."""
        if self.method is Method.RATE_PER_10K_CHILDREN:
            return (self.file, POPULATION_FILE)
        return (self.file,)

    @property
    def source(self) -> str:
        """The attribution line to show with this benchmark."""
        if self.method is Method.RATE_PER_10K_CHILDREN:
            return f"{self.attribution.removesuffix('.')}; {_ONS} {OGL}"
        return f"{self.attribution} {OGL}"


_B1 = "b1_children_in_need_2013_to_2025.csv"
_C1 = "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv"
_D3 = "d3_cpps_subsequent_plan_2013_to_2025.csv"
_D5 = "d5_cpps_at31march_by_duration_2013_to_2025.csv"
_CLA_RATE = "cla_number_and_rate_per_10k_children.csv"
_STABILITY = "la_cla_placement_stability.csv"
_LEAVERS_ACCOMMODATION = "la_care_leavers_accommodation_suitability.csv"
_LEAVERS_ACTIVITY = "la_care_leavers_activity.csv"
_CSWW_FILE = "csww_indicators_2017_to_2025.csv"

_PER_10K = "rate per 10,000 children aged 0-17"
_LEAVERS_COHORT = (
    "DfE: former relevant care leavers whose 19th, 20th or 21st birthday fell in the year ending "
    "31 March, status recorded around that birthday; the denominator includes those the "
    "authority was not in touch with or had no information on, and excludes those who died, "
    "were looked after only under short breaks, or returned home for 6 months or more "
    "(accommodation also excludes those abroad, deported or whose residence is not known). "
    "Sightline: a snapshot of every List 9 care leaver aged 19-21 at the as-of date and their "
    "current status. DfE publishes whole percentages."
)
_WORKFORCE = (
    "DfE: children and family social workers (registered with Social Work England) employed by "
    "the authority, full-time equivalents, from the annual workforce census. Joint returns "
    "(Kingston upon Thames with Richmond upon Thames; North with West Northamptonshire) are "
    "given to both authorities."
)

MAPPINGS: tuple[BenchmarkMapping, ...] = (
    BenchmarkMapping(
        measure_id="FD04",
        dfe_indicator="Re-referrals within 12 months of a previous referral (%)",
        file=_C1,
        value_column="rereferral_percent",
        unit="%",
        polarity="↓",
        year_basis=YearBasis.YEAR_TO_31_MARCH,
        difference=(
            "DfE: referrals in the year ending 31 March that came within 12 months of a previous "
            "referral of the same child, as a share of all referrals (per referral, not per "
            "child). Sightline: per month, and it also counts a referral whose `Number of "
            "Referrals in Last 12 Months` is 1 or more, so it can run slightly higher."
        ),
        attribution=_CIN,
    ),
    BenchmarkMapping(
        measure_id="AS02",
        dfe_indicator="Continuous assessments completed within 45 working days (%)",
        file=LAIT_FILE,
        value_column="Continue_Assess_Comp",
        unit="%",
        polarity="↑",
        year_basis=YearBasis.YEAR_TO_31_MARCH,
        difference=(
            "DfE: continuous assessments with an end (authorisation) date in the year ending 31 "
            "March, share completed within 45 working days, from the children in need census; "
            "of the shipped files only the LAIT carries it. Sightline: the same test on Annex A "
            "List 4 start and authorisation dates, per month, with Sightline's bank-holiday "
            "calendar."
        ),
        attribution=_LAIT,
        decimals=1,
    ),
    BenchmarkMapping(
        measure_id="CP03",
        dfe_indicator=(
            "Initial child protection conferences held within 15 working days of the start of "
            "the section 47 enquiry (%)"
        ),
        file=LAIT_FILE,
        value_column="CP_conf_15days",
        unit="%",
        polarity="↑",
        year_basis=YearBasis.YEAR_TO_31_MARCH,
        difference=(
            "DfE: ICPCs in the year ending 31 March held within 15 working days of the strategy "
            "discussion that started the section 47 enquiry leading to them. Sightline: the same "
            "test from the List 5 strategy discussion date, per month. Taken from the LAIT, "
            "DfE's published "
            "percentage: the c4 file has no percentage column, and recomputing it from c4's "
            "duration counts loses dozens of authority-years to secondary suppression ('c')."
        ),
        attribution=_LAIT,
        decimals=1,
    ),
    BenchmarkMapping(
        measure_id="CP05",
        dfe_indicator=(
            "Children who were the subject of a child protection plan at 31 March, rate per "
            "10,000 children"
        ),
        file=_D5,
        value_column="CPP_At31",
        unit=_PER_10K,
        polarity="·",
        year_basis=YearBasis.AT_31_MARCH,
        difference=(
            "DfE: children on a plan at 31 March as a rate per 10,000 children aged 0-17. "
            "Sightline CP05 is a count at each month end: compare it as a rate (count / "
            "children aged 0-17 × 10,000). DfE's d5 file publishes the count only; the rate is "
            "computed here from it and the ONS population and equals DfE's published rate."
        ),
        attribution=_CIN,
        method=Method.RATE_PER_10K_CHILDREN,
    ),
    BenchmarkMapping(
        measure_id="CP07",
        dfe_indicator="Child protection plans starting in the year that were a second or "
        "subsequent plan (%)",
        file=_D3,
        value_column="CPP_subsequent_percent",
        unit="%",
        polarity="↓",
        year_basis=YearBasis.YEAR_TO_31_MARCH,
        difference=(
            "DfE: plans starting in the year ending 31 March for a child who had a previous "
            "plan at any time. Sightline: plans starting in the month with `Number of Previous "
            "Child Protection Plans` of 1 or more, which depends on that field being kept "
            "complete; the definitions otherwise match."
        ),
        attribution=_CIN,
    ),
    BenchmarkMapping(
        measure_id="CN01",
        dfe_indicator="Children in need at 31 March, rate per 10,000 children",
        file=_B1,
        value_column="At31_episodes",
        unit=_PER_10K,
        polarity="·",
        year_basis=YearBasis.AT_31_MARCH,
        difference=(
            "DfE: children in need (episodes open) at 31 March, which includes children on CP "
            "plans and children looked after, as a rate per 10,000 children aged 0-17. "
            "Sightline CN01 counts List 6 children open at each month end: compare it as a "
            "rate. The b1 file publishes the count only; the rate is computed from it and the "
            "ONS population and equals DfE's published rate."
        ),
        attribution=_CIN,
        method=Method.RATE_PER_10K_CHILDREN,
    ),
    BenchmarkMapping(
        measure_id="LA01",
        dfe_indicator="Children looked after at 31 March, rate per 10,000 children",
        file=_CLA_RATE,
        value_column="rate_per_10000",
        unit=_PER_10K,
        polarity="·",
        year_basis=YearBasis.AT_31_MARCH,
        difference=(
            "DfE: children looked after at 31 March, excluding children looked after only under "
            "an agreed series of short-term placements (short breaks), as a rate per 10,000 "
            "children aged 0-17, published as a whole number. Sightline LA01 counts List 8 "
            "children looked after at each month end: compare it as a rate."
        ),
        attribution=_CLA,
        filters=(("population_type", "Children looked after on 31 March each year"),),
    ),
    BenchmarkMapping(
        measure_id="LA04",
        dfe_indicator="Children looked after at 31 March with 3 or more placements during the "
        "year (%)",
        file=_STABILITY,
        value_column="children_percent",
        unit="%",
        polarity="↓",
        year_basis=YearBasis.YEAR_TO_31_MARCH,
        difference=(
            "DfE: a year-long measure - children looked after at 31 March who had 3 or more "
            "separate placements during the year 1 April to 31 March, published as a whole "
            "percentage. Sightline LA04 is a snapshot at the as-of date using `Number of "
            "Placements in the Last 12 months`, a rolling 12 months: it equals DfE's only for an "
            "as-of of 31 March."
        ),
        attribution=_CLA,
        filters=(
            ("cla_group", "CLA on 31 March"),
            ("placement_stability", "With 3 or more placements during the year"),
        ),
    ),
    BenchmarkMapping(
        measure_id="LA05",
        dfe_indicator=(
            "Children looked after continuously for at least 2.5 years on 31 March aged under "
            "16, living with the same carer for at least 2 years (%)"
        ),
        file=_STABILITY,
        value_column="children_percent",
        unit="%",
        polarity="↑",
        year_basis=YearBasis.AT_31_MARCH,
        difference=(
            "DfE: at 31 March, children under 16 looked after continuously for 2.5 years or "
            "more who had been in the same placement for 2 years or more, or were placed for "
            "adoption and the adoptive placement together with the previous placement lasted 2 "
            "years or more; whole percentages. Sightline LA05: a snapshot at the as-of date "
            "from `Date Started to be Looked After` and `Start Date of Most Recent Placement`; "
            "it counts a move to an adoptive placement as a new placement, so it can be lower."
        ),
        attribution=_CLA,
        filters=(
            (
                "cla_group",
                (
                    "Children looked after continuously for at least 2.5 years on 31 March aged "
                    "under 16 years"
                ),
            ),
            ("placement_stability", "Living with the same carer for at least 2 years"),
        ),
    ),
    BenchmarkMapping(
        measure_id="CL02",
        dfe_indicator="Care leavers aged 19 to 21 in accommodation considered suitable (%)",
        file=_LEAVERS_ACCOMMODATION,
        value_column="care_leaver_percent",
        unit="%",
        polarity="↑",
        year_basis=YearBasis.YEAR_TO_31_MARCH,
        difference=_LEAVERS_COHORT,
        attribution=_CLA,
        filters=(
            ("care_leaver_age", "19 to 21 years"),
            ("breakdown", "Accommodation considered suitable"),
        ),
    ),
    BenchmarkMapping(
        measure_id="CL03",
        dfe_indicator="Care leavers aged 19 to 21 in education, employment or training (%)",
        file=_LEAVERS_ACTIVITY,
        value_column="care_leaver_percent",
        unit="%",
        polarity="↑",
        year_basis=YearBasis.YEAR_TO_31_MARCH,
        difference=_LEAVERS_COHORT,
        attribution=_CLA,
        filters=(
            ("care_leaver_age", "19 to 21 years"),
            ("breakdown", "Total in education, employment or training"),
        ),
    ),
    BenchmarkMapping(
        measure_id="WF01",
        dfe_indicator="Average caseload of children and family social workers (FTE)",
        file=_CSWW_FILE,
        value_column="caseload_fte",
        unit="cases per FTE case-holding social worker",
        polarity="↓",
        year_basis=YearBasis.AT_30_SEPTEMBER,
        difference=(
            f"{_WORKFORCE} Caseload = all cases held at 30 September by children and family "
            "social workers (agency workers included) / FTE of those holding one or more "
            "cases. Sightline WF01: "
            "children open in List 6 divided by the headcount of their allocated workers, "
            "whoever they are (not FTE, not only qualified social workers)."
        ),
        attribution=_CSWW,
    ),
    BenchmarkMapping(
        measure_id="WF-agency-rate",
        dfe_indicator="Agency worker rate, children and family social workers (FTE, %)",
        file=_CSWW_FILE,
        value_column="agency_rate_fte",
        unit="%",
        polarity="↓",
        year_basis=YearBasis.AT_30_SEPTEMBER,
        difference=(
            f"{_WORKFORCE} Agency FTE at 30 September / (agency FTE + directly employed FTE). "
            "No Sightline catalogue measure yet (for the workforce module)."
        ),
        attribution=_CSWW,
    ),
    BenchmarkMapping(
        measure_id="WF-vacancy-rate",
        dfe_indicator="Vacancy rate, children and family social workers (FTE, %)",
        file=_CSWW_FILE,
        value_column="vacancy_rate_fte",
        unit="%",
        polarity="↓",
        year_basis=YearBasis.AT_30_SEPTEMBER,
        difference=(
            f"{_WORKFORCE} Vacant posts FTE at 30 September / (vacancies + directly employed "
            "FTE). No Sightline catalogue measure yet (for the workforce module)."
        ),
        attribution=_CSWW,
    ),
    BenchmarkMapping(
        measure_id="WF-turnover-rate",
        dfe_indicator="Turnover rate, children and family social workers (FTE, %)",
        file=_CSWW_FILE,
        value_column="turnover_rate_fte",
        unit="%",
        polarity="↓",
        year_basis=YearBasis.YEAR_TO_30_SEPTEMBER,
        difference=(
            f"{_WORKFORCE} Leavers (FTE) in the year to 30 September / FTE in post at 30 "
            "September. No Sightline catalogue measure yet (for the workforce module)."
        ),
        attribution=_CSWW,
    ),
)

MAPPINGS_BY_ID: dict[str, BenchmarkMapping] = {m.measure_id: m for m in MAPPINGS}


def mappings_markdown() -> str:
    """The mapping table as Markdown, for the catalogue and the "data sources" page."""
    header = (
        "| Measure | DfE indicator | File | Rows | Value | Unit | Pol. | Year | "
        "How DfE's definition differs |\n|---|---|---|---|---|---|---|---|---|\n"
    )
    lines = []
    for m in MAPPINGS:
        if m.is_lait:
            rows, value = f"Short Desc = {m.value_column}", "`Values`"
        else:
            rows = "; ".join(f"{column} = {value}" for column, value in m.filters) or "all"
            value = f"`{m.value_column}`"
        if m.method is Method.RATE_PER_10K_CHILDREN:
            value += " / ONS children 0-17 (previous mid-year) × 10,000"
        cells = (
            m.measure_id,
            m.dfe_indicator,
            f"`{m.file}`",
            rows,
            value,
            m.unit,
            m.polarity,
            f"{m.year_basis.value} ({m.year_basis.label(2025)})",
            m.difference,
        )
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return header + "\n".join(lines) + "\n"
