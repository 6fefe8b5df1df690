"""The synthetic authority's layout: its row fields, how they are written, and its codes.

:data:`FIELDS` names the fields of each list's rows in the order :mod:`.extract` builds them
(the simulation's own names). The written headers and sheet names are not spelled here: they
are those of Ofsted's template (:data:`csc_measures.templates.TEMPLATES`, 2024 by default, or
2019). :func:`written_columns` matches each field to its template column the way the engine
reads headers (:func:`csc_measures.templates.header_keys`): by the engine column it fills, or by
the template header and its variants for columns no measure uses. A field the template lacks is
left out (``Disability`` in Lists 2 and 3; the 2024 List 9 columns in 2019), so the measures
that need it are not computable, as with a real file of that template; a template column the
simulation does not model (``Placement postcode``, ``URN of Placement``, ``LA of Placement``,
List 11's ``Family identifier``) is written with its header and blank cells.

Coded values carry the letter prefixes real exports have (``a) Yes``, ``q) 6: Police``).
"""

from __future__ import annotations

from functools import cache
from typing import Final, Literal

from csc_measures.schema import LISTS, normalise_header
from csc_measures.templates import TEMPLATES, TemplateList, header_keys

TemplateYear = Literal["2019", "2024"]
TEMPLATE_YEARS: Final[tuple[TemplateYear, ...]] = ("2024", "2019")
DEFAULT_TEMPLATE: Final[TemplateYear] = "2024"

CHILD: Final = (
    "Child Unique ID",
    "Gender",
    "Ethnicity",
    "Date of Birth",
    "Age of Child (Years)",
)
ALLOCATION: Final = ("Allocated Team", "Allocated Worker")

#: List number → the fields of its rows, in the order the extract builds them.
FIELDS: Final[dict[int, tuple[str, ...]]] = {
    1: (*CHILD, "Date of Contact", "Contact Source"),
    2: (
        *CHILD,
        "Disability",
        "Assessment start date",
        "Assessment completion date",
        "Organisation completing assessment",
    ),
    3: (
        *CHILD,
        "Disability",
        "Date of Referral",
        "Referral Source",
        "Referral NFA?",
        "Number of Referrals in Last 12 Months",
        *ALLOCATION,
    ),
    4: (
        *CHILD,
        "Disability",
        "Continuous Assessment Start Date",
        "Child Seen During Continuous Assessment",
        "Continuous Assessment Date of Authorisation",
        "Was the child assessed as requiring LA children's social care support?",
        *ALLOCATION,
    ),
    5: (
        *CHILD,
        "Disability",
        "Strategy discussion initiating Section 47 Enquiry Start Date",
        "Was an Initial Child Protection Conference deemed unnecessary?",
        "Date of Initial Child Protection Conference",
        "Did the Initial Child Protection Conference Result in a Child Protection Plan",
        "Number of Section 47 Enquiries in the last 12 months",
        "Number of ICPCs in the last 12 months",
        *ALLOCATION,
    ),
    6: (
        *CHILD,
        "Disability",
        "CIN Start Date",
        "Primary Need Code",
        "Date Child Was Last Seen",
        "CIN Closure Date",
        "Reason for Closure",
        "Case Status",
        *ALLOCATION,
    ),
    7: (
        *CHILD,
        "Disability",
        "Child Protection Plan Start Date",
        "Initial Category of Abuse",
        "Latest Category of Abuse",
        "Date of the Last Statutory Visit",
        "Was the Child Seen Alone?",
        "Date of latest review conference",
        "Child Protection Plan End Date",
        (
            "Subject to Emergency Protection Order or Protected Under Police Powers in Last Six "
            "Months (Y/N)"
        ),
        "Number of Previous Child Protection Plans",
        *ALLOCATION,
    ),
    8: (
        *CHILD,
        "Disability",
        "Unaccompanied Asylum Seeking Child (UASC)",
        "Date Started to be Looked After",
        "Child's Category of Need",
        "Subsequent Period of Care Within Twelve Months of Ending Previous Period",
        "Start date of current legal status",
        "Legal Status",
        "Date of Latest Statutory Review",
        "Date of Last Social Work Visit",
        "Permanence Plan",
        "Date of Last IRO Visit / Contact to the Child",
        "Date of Last Health Assessment",
        "Date of Last Dental Check",
        "Number of Placements in the Last 12 months",
        "Date Ceased to be Looked After",
        "Reason Ceased to be Looked After",
        "Start Date of Most Recent Placement",
        "Placement Type",
        "Placement Provider",
        "Placement Location",
        "Number of Missing Episodes in the Last 12 Months",
        "Number of Absences in the Last 12 Months",
        "Was the Child Offered a Return Interview after the Last Missing Episode?",
        "Did the Child Accept the Return Interview after the Last Missing Episode?",
        *ALLOCATION,
    ),
    9: (
        *CHILD,
        "Disability",
        "Unaccompanied Asylum Seeking Child (UASC), or formerly UASC if 18 or over",
        *ALLOCATION,
        "Allocated Personal Advisor",
        "Eligibility Category",
        "LA in Touch",
        "Latest Pathway Plan Review Date",
        "Latest Date of Contact",
        "Type of Accommodation",
        "Suitability of Accommodation",
        "Activity Status",
    ),
    10: (
        "Child Unique ID",
        "Family Identifier",
        "Gender",
        "Ethnicity",
        "Date of Birth",
        "Age of Child (Years)",
        "Disability",
        "Date the Child Entered Care",
        "Date of Decision that Child Should be Placed for Adoption",
        "Date of Placement Order",
        "Date of Matching Child and Prospective Adopters",
        "Date Placed for Adoption",
        "Date of Adoption Order",
        "Date of Decision that Child Should No Longer be Placed for Adoption",
        "Reason Why Child No Longer Placed for Adoption",
        "Date the Child was Placed for Fostering in FFA or Concurrent Planning Placement",
    ),
    11: (
        "Adopter Unique ID",
        "Adopter Gender",
        "Adopter Ethnicity",
        "Adopter Disability",
        "Is the (prospective) adopter fostering for adoption?",
        "Date enquiry received",
        "Date Stage 1 started",
        "Date Stage 1 ended",
        "Date Stage 2 started",
        "Date Stage 2 ended",
        "Date application submitted",
        "Date application approved",
        "Date adopter matched with child(ren)",
        "Date child/children placed with adopter(s)",
        "No. of children placed",
        "Date of Adoption Order",
        "Date of leaving adoption process",
        "Reason for leaving adoption process",
    ),
}

#: File names of the CSV folder (the engine matches them to lists as it matches sheets).
CSV_NAMES: Final[dict[int, str]] = {n: f"list_{n}.csv" for n in FIELDS}


def template_list(template: TemplateYear, n: int) -> TemplateList:
    """List ``n`` of Ofsted's ``template``: its sheet name, title row and headers."""
    if template not in TEMPLATES:
        raise ValueError(f"template must be one of {', '.join(TEMPLATE_YEARS)}, not {template!r}")
    return TEMPLATES[template].by_number[n]


@cache
def written_columns(template: TemplateYear, n: int) -> tuple[tuple[str, int | None], ...]:
    """List ``n`` as written for ``template``: each template header, in the template's order,
    with the index of the field that fills it (``None``: a column left blank)."""
    listed = template_list(template, n)
    keys = header_keys(LISTS[n])
    filled: dict[int, int] = {}  # template column index -> field index
    for f, name in enumerate(FIELDS[n]):
        key = normalise_header(name)
        engine = keys.get(key)
        matches = [
            k
            for k, col in enumerate(listed.columns)
            if (engine is not None and col.engine == engine)
            or key in {normalise_header(h) for h in (col.header, *col.variants)}
        ]
        if len(matches) > 1:
            raise ValueError(f"List {n} field {name!r} matches several {template} headers")
        if matches:
            if matches[0] in filled:
                raise ValueError(f"List {n}: two fields fill {listed.columns[matches[0]].header!r}")
            filled[matches[0]] = f
    return tuple((col.header, filled.get(k)) for k, col in enumerate(listed.columns))


YES: Final = "a) Yes"
NO: Final = "b) No"

GENDERS: Final = ("a) Male", "b) Female", "c) Not stated/recorded")
GENDER_WEIGHTS: Final = (0.51, 0.48, 0.01)

ETHNICITIES: Final = (
    "a) WBRI",
    "b) WIRI",
    "c) WIRT",
    "d) WOTH",
    "e) WROM",
    "f) MWBC",
    "g) MWBA",
    "h) MWAS",
    "i) MOTH",
    "j) AIND",
    "k) APKN",
    "l) ABAN",
    "m) AOTH",
    "n) BCRB",
    "o) BAFR",
    "p) BOTH",
    "q) CHNE",
    "r) OOTH",
    "s) REFU",
    "t) NOBT",
)
ETHNICITY_WEIGHTS: Final = (
    68.0,
    0.3,
    0.4,
    5.0,
    0.6,
    2.0,
    1.0,
    1.2,
    2.5,
    1.5,
    2.5,
    1.0,
    1.2,
    0.8,
    3.0,
    0.6,
    0.3,
    2.5,
    1.0,
    4.6,
)

#: Contact and referral sources (CIN census codes) with the Annex A letter prefixes.
SOURCES: Final = (
    "a) 1A: Individual - Family member/relative/carer",
    "b) 1B: Individual - Acquaintance (including neighbours and child minders)",
    "c) 1C: Individual - Self",
    "d) 1D: Individual - Other",
    "e) 2A: Schools",
    "f) 2B: Education services",
    "g) 3A: Health services - GP",
    "h) 3B: Health services - Health visitor",
    "i) 3C: Health services - School nurse",
    "j) 3D: Health services - Other primary health services",
    "k) 3E: Health services - A&E",
    "l) 4: Housing",
    "m) 5A: LA services - Social care e.g. adults social care",
    "n) 5B: LA services - Other internal",
    "o) 5C: LA services - External e.g. from another LA",
    "p) 5D: LA services - Other",
    "q) 6: Police",
    "r) 7: Other legal agency",
    "s) 8: Other",
    "t) 9: Anonymous",
    "u) 10: Unknown",
)
#: Share of contacts from each source (per cent) and the chance that it becomes a referral.
SOURCE_WEIGHTS: Final = (
    6.0,
    1.0,
    1.0,
    1.5,
    18.0,
    2.5,
    2.0,
    3.0,
    1.0,
    4.0,
    3.0,
    2.0,
    2.5,
    2.5,
    3.0,
    1.0,
    36.0,
    2.0,
    2.5,
    1.5,
    4.0,
)
SOURCE_CONVERSION: Final = (
    0.45,
    0.35,
    0.40,
    0.35,
    0.45,
    0.40,
    0.50,
    0.55,
    0.45,
    0.50,
    0.40,
    0.35,
    0.45,
    0.40,
    0.55,
    0.35,
    0.22,
    0.40,
    0.35,
    0.20,
    0.25,
)

PRIMARY_NEED: Final = (
    "N1: Abuse or neglect",
    "N2: Child's disability",
    "N3: Parental illness or disability",
    "N4: Family in acute stress",
    "N5: Family dysfunction",
    "N6: Socially unacceptable behaviour",
    "N7: Low income",
    "N8: Absent parenting",
    "N9: Cases other than children in need",
)
PRIMARY_NEED_WEIGHTS: Final = (57.0, 9.0, 4.0, 9.0, 14.0, 2.0, 0.5, 4.0, 0.5)

CLOSURE_REASONS: Final = (
    "RC1: Adopted",
    "RC2: Died",
    "RC3: Child arrangements order",
    "RC4: Special guardianship order",
    "RC5: Transferred to services of another local authority",
    "RC6: Transferred to adult social care services",
    "RC7: Services ceased for any other reason, including child no longer in need",
    "RC8: Case closed after assessment, no further action",
    "RC9: Case closed after assessment, referred to early help",
)

CASE_OPEN_ASSESSMENT: Final = "Open Assessment"
CASE_CIN_PLAN: Final = "Child in need plan"
CASE_CP_PLAN: Final = "Child Protection plan"
CASE_LOOKED_AFTER: Final = "Looked after child"
CASE_CLOSED: Final = "Closed episode"

ABUSE_CATEGORIES: Final = (
    "a) Neglect",
    "b) Emotional abuse",
    "c) Physical abuse",
    "d) Sexual abuse",
    "e) Multiple",
)
ABUSE_WEIGHTS: Final = (50.0, 38.0, 7.0, 4.0, 1.0)

CATEGORY_OF_NEED: Final = tuple(f"{chr(97 + i)}) {code}" for i, code in enumerate(PRIMARY_NEED))
LEGAL_STATUSES: Final = (
    "a) C1: Interim care order",
    "b) C2: Full care order",
    "c) E1: Placement order granted",
    "d) V2: Single period of accommodation under section 20",
    "e) L1: Under police protection and in local authority accommodation",
    "f) J2: Remanded to local authority accommodation or to youth detention accommodation",
)
PERMANENCE_PLANS: Final = (
    "a) Return to family",
    "b) Adoption",
    "c) Other planned permanent placement with family or friends",
    "d) Special guardianship order",
    "e) Long-term fostering",
    "f) Supported living in the community",
    "g) Residential",
    "h) Other",
)
PLACEMENT_TYPES: Final = (
    "a) U1: Foster placement with relative or friend - long term fostering",
    "b) U3: Foster placement with relative or friend - not long term or FFA",
    "c) U4: Foster placement with other foster carer - long term fostering",
    "d) U6: Foster placement with other foster carer - not long term or FFA",
    "e) K2: Children's home",
    "f) P1: Placed with own parent(s) or other person(s) with parental responsibility",
    "g) H5: Semi-independent living accommodation",
    "h) A5: Placed for adoption with placement order",
    "i) R1: Residential care home",
)
PLACEMENT_WEIGHTS: Final = (9.0, 6.0, 30.0, 25.0, 14.0, 7.0, 6.0, 0.0, 3.0)
PLACEMENT_PROVIDERS: Final = (
    "PR1: Own provision (by the LA)",
    "PR2: Other LA provision",
    "PR4: Private provision",
    "PR5: Voluntary/third sector provision",
    "PR0: Parent(s) or other person(s) with parental responsibility",
)
PLACEMENT_LOCATIONS: Final = ("a) In LA boundary", "b) Outside LA boundary")

CEASED_RETURNED_HOME: Final = (
    "a) E4A: Returned home to live with parent(s), relative(s), or other person(s) with "
    "parental responsibility as part of the care planning process"
)
CEASED_ADOPTED: Final = "b) E11: Adopted - application for an adoption order unopposed"
CEASED_SGO: Final = "c) E45: Special guardianship made to former foster carer(s)"
CEASED_CAO: Final = "d) E41: Residence order or child arrangements order granted"
CEASED_AGE_18: Final = "e) E17: Aged 18 (or over) and remained with current carers"
CEASED_INDEPENDENT: Final = "f) E12: Moved into independent living arrangement"
CEASED_OTHER: Final = "g) E8: Period of being looked after ceased for any other reason"

ELIGIBILITY: Final = ("a) Eligible", "b) Relevant", "c) Former relevant", "d) Qualifying")
ACCOMMODATION: Final = (
    "a) B: With parents or relatives",
    "b) C: Community home or other form of residential care",
    "c) D: Semi-independent, transitional accommodation and self-contained accommodation",
    "d) E: Supported lodgings",
    "e) G: Ordinary lodgings, without formal support",
    "f) H: Foyers and similar supported accommodation",
    "g) K: Independent living",
    "h) S: With former foster carers",
    "i) T: Bed and breakfast",
    "j) U: In custody",
    "k) V: Emergency accommodation",
    "l) R: Residence not known",
)
ACCOMMODATION_WEIGHTS: Final = (12.0, 2.0, 22.0, 6.0, 3.0, 4.0, 33.0, 12.0, 1.0, 2.0, 1.0, 2.0)
SUITABLE: Final = "a) Suitable"
UNSUITABLE: Final = "b) Not suitable"

#: Activity codes with their letter prefix. The first eight are education, employment or
#: training; the rest are not.
ACTIVITY_EET: Final = (
    "a) F1: Higher education (i.e. studies beyond A level) - full time",
    "b) P1: Higher education (i.e. studies beyond A level) - part time",
    "c) F2: Education other than higher education - full time",
    "d) P2: Education other than higher education - part time",
    "e) F4: In training or employment - full time",
    "f) P4: In training or employment - part time",
    "g) F5: In apprenticeship - full time",
    "h) P5: In apprenticeship - part time",
)
ACTIVITY_EET_WEIGHTS: Final = (8.0, 1.0, 30.0, 4.0, 30.0, 12.0, 10.0, 2.0)
ACTIVITY_NEET: Final = (
    "i) G4: Not in education, training or employment, owing to illness or disability",
    "j) G5: Not in education, training or employment, owing to other reasons",
    "k) G6: Not in education, training or employment, owing to pregnancy or parenting",
)
ACTIVITY_NEET_WEIGHTS: Final = (20.0, 65.0, 15.0)
NOT_IN_TOUCH_ACTIVITY: Final = "l) 0: Young person's activity not known"

EH_ORGANISATIONS: Final = (
    "Local authority early help service",
    "School",
    "Health visiting service",
    "Children's centre",
    "Voluntary sector",
)
EH_ORGANISATION_WEIGHTS: Final = (55.0, 22.0, 12.0, 6.0, 5.0)

ADOPTION_REVERSAL_REASONS: Final = (
    "a) RD1: The child's needs changed subsequent to the decision",
    "b) RD2: The Court did not make a placement order",
    "c) RD3: Prospective adopters could not be found",
    "d) RD4: Any other reason",
)
ADOPTER_LEAVING_REASONS: Final = (
    "a) Withdrew - personal circumstances",
    "b) Withdrew - chose another agency",
    "c) Assessed as not suitable",
    "d) Other",
)
