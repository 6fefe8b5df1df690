"""Ofsted's Annex A templates as data: each list's sheet, title row, headers and code lists.

Two template generations are described:

- ``2019``: the template Ofsted issued in August 2019 (used until 2023). Sheets ``List_1`` to
  ``List_11`` beside ``Front_Sheet``, ``FAQ_and_changes``, ``Guidance`` and ``Codes_used``; each
  list sheet has a title row (``List 1: Contacts``) above its headers.
- ``2024``: the 2023/2024 template. Lists 1-8, 10 and 11 keep the 2019 headers (a few respelt);
  List 9 gains ``Allocated Personal Advisor``, ``Latest Pathway Plan Review Date``, ``Latest
  Date of Contact`` and the UASC flag; care leavers' activity codes gain apprenticeships.

Each header names the engine column it fills (:mod:`csc_measures.schema`), or none when no
measure uses it: such columns are kept as text under their own header. ``variants`` are other
spellings seen in councils' files. Sources: the 2019 template as shipped (with its Guidance and
Codes_used sheets) in CSCDP/sfdata-annexa-clean, Social Finance's Annex A schema and January
2024 sample workbook (SocialFinanceDigitalLabs/liia-tools-pipeline) and Data to Insight's
Annex A queries (data-to-insight/ssd-data-model).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from csc_measures import schema as s
from csc_measures.schema import ColType, ListSpec, normalise_header


@dataclass(frozen=True)
class TemplateColumn:
    """One header of a template list."""

    header: str  # as the template spells it
    type: ColType
    engine: str | None = None  # the engine's column it fills; None: kept as text, unused
    codes: tuple[str, ...] = ()  # Ofsted's code list for the column, as the template writes it
    variants: tuple[str, ...] = ()  # other spellings of the header seen in councils' files


@dataclass(frozen=True)
class TemplateList:
    number: int
    sheet: str  # the sheet name as shipped
    title: str  # the title row above the headers, as shipped
    columns: tuple[TemplateColumn, ...]


@dataclass(frozen=True)
class Template:
    year: str
    description: str
    other_sheets: tuple[str, ...]  # guidance and cover sheets beside the lists (never read)
    lists: tuple[TemplateList, ...]
    by_number: dict[int, TemplateList] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_number", {lst.number: lst for lst in self.lists})


def _c(
    header: str,
    kind: ColType,
    engine: str | None = None,
    codes: tuple[str, ...] = (),
    variants: tuple[str, ...] = (),
) -> TemplateColumn:
    return TemplateColumn(header, kind, engine, codes, variants)


ID, TEXT, CODE, YESNO, DATE, INT = (
    ColType.ID,
    ColType.TEXT,
    ColType.CODE,
    ColType.YESNO,
    ColType.DATE,
    ColType.INT,
)

# Ofsted's code lists (the "Preferred code" columns of the template's Codes_used sheet).
YES_NO = ("a) Yes", "b) No")
YES_NO_UNKNOWN = ("a) Yes", "b) No", "c) Unknown")
GENDER_CODES = ("a) Male", "b) Female", "c) Not stated/recorded", "d) Neither")
_ETHNIC = (
    *("WBRI", "WIRI", "WIRT", "WOTH", "WROM", "MWBC", "MWBA", "MWAS", "MOTH", "AIND"),
    *("APKN", "ABAN", "AOTH", "BCRB", "BAFR", "BOTH", "CHNE", "OOTH", "REFU"),
)
ETHNICITY_2019 = (*(f"{chr(97 + i)}) {code}" for i, code in enumerate(_ETHNIC)), "s) NOBT")
ETHNICITY_2024 = (*(f"{chr(97 + i)}) {code}" for i, code in enumerate(_ETHNIC)), "t) NOBT")
SOURCE_CODES = (
    "a) 1A: Individual",
    "b) 1B: Individual",
    "c) 1C: Individual",
    "d) 1D: Individual",
    "e) 2A: Schools",
    "f) 2B: Education services",
    "g) 3A: Health services",
    "h) 3B: Health services",
    "i) 3C: Health services",
    "j) 3D: Health services",
    "k) 3E: Health services",
    "l) 3F: Health services",
    "m) 4: Housing",
    "n) 5A: LA services",
    "o) 5B: LA services",
    "p) 5C: LA services",
    "q) 6: Police",
    "r) 7: Other legal agency",
    "s) 8: Other",
    "t) 9: Anonymous",
    "u) 10: Unknown",
)
NEED_CODES = (
    "N1 - Abuse or neglect",
    "N2 - Child’s disability",
    "N3 - Parental disability or illness",
    "N4 - Family in acute stress",
    "N5 - Family dysfunction",
    "N6 - Socially unacceptable behaviour",
    "N7 - Low income",
    "N8 - Absent parenting",
    "N9 - Cases other than children in need",
    "N0 - Not stated",
)
CLOSURE_CODES = (
    "RC1 - Adopted",
    "RC2 - Died",
    "RC3 - Child arrangements order",
    "RC4 - Special guardianship order",
    "RC5 - Transferred to services of another local authority",
    "RC6 - Transferred to adult social care services",
    "RC7 - Services ceased for any other reason, including child no longer in need",
    "RC8 - Case closed after assessment, no further action",
)
CASE_STATUS_CODES = (
    "a) Looked after child",
    "b) Child Protection plan",
    "c) Child in need plan",
    "d) Open assessment",
    "e) Closed episode",
)
ABUSE_CODES = (
    "a) Neglect",
    "b) Physical abuse",
    "c) Sexual abuse",
    "d) Emotional abuse",
    "e) Multiple/not recommended",
)
LEGAL_STATUS_CODES = (
    "C1: ICO",
    "C2: FCO",
    "D1: Freeing order",
    "E1: Placement order",
    "V2: Single period under S20",
    "L1: Police protection LA accommodation",
    "L2: EPO",
    "L3: Child assessment order LA accommodation",
    "J1: Remanded to LA or youth detention",
    "J2: LA accommodation under PACE",
    "J3: Youth rehabilitation order",
    "V3: Short term breaks, episodes recorded",
    "V4: Short term breaks, agreements recorded",
)
PERMANENCE_CODES = (
    "a) Return to family",
    "b) Adoption",
    "c) SGO/CAO",
    "d) Supported living in the community",
    "e) Long-term residential placement",
    "f) Long-term fostering",
    "g) other",
)
CEASED_CODES = (
    "a) E11: Adopted - application unopposed",
    "b) E12: Adopted - consent dispensed",
    "c) E2: Died",
    "d) E3: Care taken by another LA",
    "e) E4A: Returned home to live with parents or relatives - part of planning",
    "f) E4B: Returned home to live with parents or relatives - not part of planning",
    "g) E13: Parents, relatives or other with no parental responsibility",
    "h) E41: Residence order granted",
    "i) E45: Special Guardianship Orders - former carer relative/friend",
    "j) E46: Special Guardianship Orders - former carer other",
    "k) E47: Special Guardianship Orders - relative/friend",
    "l) E48: Special Guardianship Orders - other",
    "m) E5: Moved into independent living - supported",
    "n) E6: Moved into independent living - no support",
    "o) E7: Transferred to residential care funded by adult social services",
    "p) E9: Sentenced to custody",
    "q) E14: Accommodation on remand ended",
    "r) E15: Age assessment determined child was 18 or over",
    "s) E16: Child moved abroad",
    "t) E8: Care ceased for any other reason",
    "u) X1:CodeError",
)
PLACEMENT_TYPE_CODES = (
    "a) U1: Foster placement - relatives - long term",
    "b) U2: Foster placement - relative - FFA",
    "c) U3: Foster placement - relative - not FFA",
    "d) U4: Foster placement - long term",
    "e) U5: Foster placement - FFA",
    "f) U6: Foster placement - not FFA",
    "g) A3: Placed for adoption - consent - current foster",
    "h) A4: Placed for adoption - consent - not foster",
    "i) A5: Placed for adoption - order - foster",
    "j) A6: Placed for adoption - order - not foster",
    "k) P1: Placed with parents",
    "l) P2: Independent living",
    "m) P3: Residential employment",
    "n) H5: Residential accommodation",
    "o) K1: Secure Children’s Homes",
    "p) K2: Children’s Homes",
    "q) R1: Residential Care Home",
    "r) R2: NHS/Health Trust",
    "s) R3: Family Centre or Mother and Baby Unit",
    "t) R5: Young Offender Institution",
    "u) S1: Residential school",
    "v) Z1: Other placements",
    "w) T0: Temporary placement",
    "x) T1: Temporary placement - hospital",
    "y) T2: Temporary placement - holiday",
    "z) T3: Temporary placement - carer holiday",
    "zz) T4: Temporary placement - seven days or less",
)
PROVIDER_CODES = (
    "a) PR0: Parents/Parental responsibility",
    "b) PR1: Own provision",
    "c) PR2: Other LA provision",
    "d) PR3: Other public provision",
    "e) PR4: Private provision",
    "f) PR5: Voluntary/third sector",
)
LOCATION_CODES = ("a) In", "b) Out")
LA_OF_PLACEMENT_CODES = ("NIR", "WAL", "SCO", "NUK", "CON")  # or the name of an English LA
ELIGIBILITY_CODES = ("a) Relevant child", "b) Former relevant child", "c) Qualifying care leaver")
IN_TOUCH_CODES = ("a) Yes", "b) No", "c) Died", "d) Refu", "e) NREQ", "f) Rhom")
ACCOMMODATION_CODES = (
    "B: Parents/relatives",
    "C: Community home / residential care",
    "D: Semi-independent, transitional accommodation and self-contained accommodation",
    "E: Supported lodgings",
    "G: Abroad",
    "H: Deported",
    "K: Ordinary lodgings, without formal support",
    "R: Residence not known",
    "S: No fixed abode / homeless",
    "T: Foyers and similar supported accommodation",
    "U: Independent living",
    "V: Emergency accommodation",
    "W: Bed and breakfast",
    "X: In custody",
    "Y: Other accommodation",
    "Z: With former foster carers",
)
SUITABILITY_CODES = ("a) Suitable", "b) Unsuitable")
ACTIVITY_2019 = (
    "F1: Full time in higher education",
    "P1: Part time in higher education",
    "F2: Full time in education other than higher",
    "P2: Part time in education other than higher",
    "F3: Full time in training or employment",
    "P3: Part time in training or employment",
    "G4: Not in education, employment or training - illness or disability",
    "G5: Not in education, employment or training - other",
    "G6: Not in education, employment or training - pregnancy or parenting",
)
ACTIVITY_2024 = (
    *ACTIVITY_2019[:4],
    "F4: Young person engaged full time in an apprenticeship",
    "P4: Young person engaged part time in an apprenticeship",
    "F5: Young person engaged full time in training or employment (not apprenticeship)",
    "P5: Young person engaged part time in training or employment (not apprenticeship)",
    *ACTIVITY_2019[4:],
)
NO_LONGER_ADOPTION_CODES = (
    "RD1 - The child’s needs changed subsequent to the decision",
    "RD2 - The Court did not make a placement order",
    "RD3 - Prospective adopters could not be found",
    "RD4 - Any other reason",
)
LEAVING_ADOPTION_CODES = (
    "1 - Adopter withdrew from process",
    "2 - Process put on hold",
    "3 - Application refused",
)


def _child(
    ethnicity: tuple[str, ...], *, age_variants: tuple[str, ...] = ()
) -> tuple[TemplateColumn, ...]:
    return (
        _c("Child Unique ID", ID, s.CHILD_ID),
        _c("Gender", CODE, s.GENDER, GENDER_CODES),
        _c("Ethnicity", CODE, s.ETHNICITY, ethnicity),
        _c("Date of Birth", DATE, s.DOB),
        _c("Age of Child (Years)", INT, s.AGE, variants=age_variants),
    )


_DISABILITY = _c("Does the Child have a Disability", CODE, s.DISABILITY, YES_NO_UNKNOWN)
_ALLOCATED = (_c("Allocated Team", TEXT, s.TEAM), _c("Allocated Worker", TEXT, s.WORKER))
# Spellings the engine's synthetic authority writes for columns no measure uses.
_SYNTH_UASC = ("Unaccompanied Asylum Seeking Child (UASC)",)


def _lists(year: str) -> tuple[TemplateList, ...]:
    new = year == "2024"
    ethnicity = ETHNICITY_2024 if new else ETHNICITY_2019
    child = _child(ethnicity, age_variants=("Age",))
    sheet = "List {n}" if new else "List_{n}"
    support = (
        "Was the child assessed as requiring LA children's social care support?"
        if new
        else "Was the child assessed as requiring LA children’s social care support"
    )
    uasc_8 = "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)"
    list_9_extra = (
        (
            _c(
                "Unaccompanied Asylum Seeking Child (UASC), or formerly UASC if 18 or over (Y/N)",
                YESNO,
                codes=YES_NO,
            ),
        )
        if new
        else ()
    )
    lists = (
        (
            1,
            "List 1: Contacts",
            (
                *child,
                _c("Date of Contact", DATE, s.CONTACT_DATE),
                _c("Contact Source", CODE, s.CONTACT_SOURCE, SOURCE_CODES),
            ),
        ),
        (
            2,
            "List 2: Early Help",
            (
                *child,
                _c("Assessment start date", DATE, s.EH_START),
                _c("Assessment completion date", DATE, s.EH_COMPLETED),
                _c("Organisation completing assessment", TEXT, s.EH_ORGANISATION),
            ),
        ),
        (
            3,
            "List 3: Referral",
            (
                *child,
                _c("Date of referral", DATE, s.REFERRAL_DATE),
                _c("Referral Source", CODE, s.REFERRAL_SOURCE, SOURCE_CODES),
                _c("Referral NFA?", YESNO, s.REFERRAL_NFA, YES_NO),
                _c("Number of Referrals in Last 12 Months", INT, s.REFERRALS_LAST_12),
                *_ALLOCATED,
            ),
        ),
        (
            4,
            "List 4: Assessments",
            (
                *child,
                _DISABILITY,
                _c("Continuous Assessment Start Date", DATE, s.ASSESS_START),
                _c("Child Seen During Continuous Assessment", YESNO, s.ASSESS_SEEN, YES_NO_UNKNOWN),
                _c("Continuous Assessment Date of Authorisation", DATE, s.ASSESS_AUTHORISED),
                _c(support, YESNO, s.ASSESS_SUPPORT, YES_NO),
                *_ALLOCATED,
            ),
        ),
        (
            5,
            "List 5: Section 47 enquiries and Initial Child Protection Conferences",
            (
                *child,
                _DISABILITY,
                _c(
                    "Strategy discussion initiating Section 47 Enquiry Start Date",
                    DATE,
                    s.S47_START,
                ),
                _c(
                    "Was an Initial Child Protection Conference deemed unnecessary?",
                    YESNO,
                    s.ICPC_UNNECESSARY,
                    YES_NO,
                ),
                _c("Date of Initial Child Protection Conference", DATE, s.ICPC_DATE),
                _c(
                    "Did the Initial Child Protection Conference Result in a Child Protection Plan",
                    YESNO,
                    s.ICPC_PLAN,
                    YES_NO,
                ),
                _c("Number of Section 47 Enquiries in the last 12 months", INT),
                _c("Number of ICPCs in the last 12 months", INT),
                *_ALLOCATED,
            ),
        ),
        (
            6,
            "List 6: Children in Need",
            (
                *child,
                _DISABILITY,
                _c("CIN Start Date", DATE, s.CIN_START),
                _c("Primary Need Code", CODE, s.CIN_PRIMARY_NEED, NEED_CODES),
                _c("Date Child Was Last Seen", DATE, s.CIN_LAST_SEEN),
                _c("CIN Closure Date", DATE, s.CIN_CLOSED),
                _c("Reason for Closure", CODE, s.CIN_CLOSURE_REASON, CLOSURE_CODES),
                _c("Case status", CODE, s.CIN_CASE_STATUS, CASE_STATUS_CODES),
                *_ALLOCATED,
            ),
        ),
        (
            7,
            "List 7: Child protection",
            (
                *child,
                _DISABILITY,
                _c("Child Protection Plan Start Date", DATE, s.CP_START),
                _c("Initial Category of Abuse", CODE, s.CP_INITIAL_CATEGORY, ABUSE_CODES),
                _c("Latest Category of Abuse", CODE, s.CP_LATEST_CATEGORY, ABUSE_CODES),
                _c("Date of the Last Statutory Visit", DATE, s.CP_LAST_VISIT),
                _c("Was the Child Seen Alone?", YESNO, s.CP_SEEN_ALONE, YES_NO_UNKNOWN),
                _c("Date of latest review conference", DATE, s.CP_LATEST_REVIEW),
                _c("Child Protection Plan End Date", DATE, s.CP_END),
                _c(
                    "Subject to Emergency Protection Order or Protected Under Police Powers "
                    "in Last Six Months (Y/N)",
                    YESNO,
                    codes=YES_NO,
                ),
                _c("Number of Previous Child Protection Plans", INT, s.CP_PREVIOUS_PLANS),
                *_ALLOCATED,
            ),
        ),
        (
            8,
            "List 8: Children in care",
            (
                *child,
                _c(uasc_8, YESNO, codes=YES_NO, variants=_SYNTH_UASC),
                _DISABILITY,
                _c("Date Started to be Looked After", DATE, s.LA_START),
                _c("Child's Category of Need", CODE, s.LA_CATEGORY_OF_NEED, NEED_CODES[:8]),
                _c(
                    "Is this a second or subsequent period of being a Looked After Child "
                    "within the last 12 months (Y/N)",
                    YESNO,
                    codes=YES_NO,
                    variants=(
                        "Subsequent Period of Care Within Twelve Months of Ending Previous Period",
                    ),
                ),
                _c("Start date of current legal status", DATE),
                _c("Child's Legal Status", CODE, s.LA_LEGAL_STATUS, LEGAL_STATUS_CODES),
                _c("Date of Latest Statutory Review", DATE, s.LA_LATEST_REVIEW),
                _c("Date of Last Social Work Visit", DATE, s.LA_LAST_VISIT),
                _c(
                    "What is the permanence plan for this child?",
                    CODE,
                    codes=PERMANENCE_CODES,
                    variants=("Permanence Plan",),
                ),
                _c("Date of Last IRO Visit / Contact to the Child", DATE, s.LA_LAST_IRO),
                _c("Date of Last Health Assessment", DATE, s.LA_HEALTH),
                _c("Date of Last Dental Check", DATE, s.LA_DENTAL),
                _c("Number of Placements in the Last 12 months", INT, s.LA_PLACEMENTS_12),
                _c("Date Ceased to be Looked After", DATE, s.LA_CEASED),
                _c("Reason Ceased to be Looked After", CODE, s.LA_CEASED_REASON, CEASED_CODES),
                _c("Start Date of Most Recent Placement", DATE, s.LA_PLACEMENT_START),
                _c("Placement Type", CODE, s.LA_PLACEMENT_TYPE, PLACEMENT_TYPE_CODES),
                _c("Placement Provider", CODE, s.LA_PLACEMENT_PROVIDER, PROVIDER_CODES),
                _c("Placement postcode", TEXT, s.LA_PLACEMENT_POSTCODE),
                _c("URN of Placement", TEXT),
                _c("Placement Location", CODE, codes=LOCATION_CODES),
                _c("LA of Placement", CODE, codes=LA_OF_PLACEMENT_CODES),
                _c(
                    "Number of Episodes the Child has been ‘Missing’ from their Placement "
                    "in the last 12 months",
                    INT,
                    s.LA_MISSING_EPISODES,
                ),
                _c(
                    "Number of Episodes the Child has been ‘Absent’ from their Placement "
                    "in the last 12 months",
                    INT,
                    variants=("Number of Absences in the Last 12 Months",),
                ),
                _c(
                    "Was the child offered a Return Interview after their last missing episode "
                    "(Y/N)?",
                    YESNO,
                    s.LA_RETURN_INTERVIEW,
                    YES_NO_UNKNOWN,
                ),
                _c(
                    "Did the child accept a Return Interview after their last missing episode "
                    "(Y/N)?",
                    YESNO,
                    codes=YES_NO_UNKNOWN,
                    variants=(
                        "Did the Child Accept the Return Interview after the Last Missing Episode?",
                    ),
                ),
                *_ALLOCATED,
            ),
        ),
        (
            9,
            "List 9: Care leavers",
            (
                *child,
                *list_9_extra,
                _DISABILITY,
                *_ALLOCATED,
                *((_c("Allocated Personal Advisor", TEXT, s.CL_PERSONAL_ADVISER),) if new else ()),
                _c("Eligibility Category", CODE, s.CL_ELIGIBILITY, ELIGIBILITY_CODES),
                *(
                    (_c("Latest Pathway Plan Review Date", DATE, s.CL_PATHWAY_REVIEW),)
                    if new
                    else ()
                ),
                _c("LA in Touch" if new else "LA In Touch", CODE, s.CL_IN_TOUCH, IN_TOUCH_CODES),
                *((_c("Latest Date of Contact", DATE, s.CL_LATEST_CONTACT),) if new else ()),
                _c("Type of Accommodation", CODE, s.CL_ACCOMMODATION, ACCOMMODATION_CODES),
                _c("Suitability of Accommodation", CODE, s.CL_SUITABILITY, SUITABILITY_CODES),
                _c("Activity Status", CODE, s.CL_ACTIVITY, ACTIVITY_2024 if new else ACTIVITY_2019),
            ),
        ),
        (
            10,
            "List 10: Adoption",
            (
                child[0],
                _c("Family identifier", ID),
                *child[1:],
                _DISABILITY,
                *(
                    _c(name, DATE, name)
                    for name in (
                        "Date the Child Entered Care",
                        "Date of Decision that Child Should be Placed for Adoption",
                        "Date of Placement Order",
                        "Date of Matching Child and Prospective Adopters",
                        "Date Placed for Adoption",
                        "Date of Adoption Order",
                        "Date of Decision that Child Should No Longer be Placed for Adoption",
                    )
                ),
                _c(
                    "Reason Why Child No Longer Placed for Adoption",
                    CODE,
                    codes=NO_LONGER_ADOPTION_CODES,
                ),
                _c(
                    "Date the child was placed for fostering in FFA or concurrent planning "
                    "placement",
                    DATE,
                    s.FFA_PLACEMENT,
                ),
            ),
        ),
        (
            11,
            "List 11: Adopters",
            (
                _c("Individual adopter identifier", ID, s.ADOPTER_ID),
                _c("Family identifier", ID),
                _c("Gender", CODE, codes=GENDER_CODES, variants=("Adopter Gender",)),
                _c("Ethnicity", CODE, codes=ethnicity, variants=("Adopter Ethnicity",)),
                _c("Disability", CODE, codes=YES_NO_UNKNOWN, variants=("Adopter Disability",)),
                _c("Is the (prospective) adopter fostering for adoption?", YESNO, codes=YES_NO),
                *(
                    _c(name, DATE, name)
                    for name in (
                        "Date enquiry received",
                        "Date Stage 1 started",
                        "Date Stage 1 ended",
                        "Date Stage 2 started",
                        "Date Stage 2 ended",
                        "Date application submitted",
                        "Date application approved",
                        "Date adopter matched with child(ren)",
                        "Date child/children placed with adopter(s)",
                    )
                ),
                _c("No. of children placed", INT),
                _c("Date of Adoption Order", DATE, "Date of Adoption Order"),
                _c("Date of leaving adoption process", DATE, "Date of leaving adoption process"),
                _c("Reason for leaving adoption process", CODE, codes=LEAVING_ADOPTION_CODES),
            ),
        ),
    )
    return tuple(TemplateList(n, sheet.format(n=n), title, cols) for n, title, cols in lists)


TEMPLATES: dict[str, Template] = {
    "2019": Template(
        "2019",
        "Ofsted's Annex A template of August 2019 (used until 2023)",
        ("Front_Sheet", "FAQ_and_changes", "Guidance", "Codes_used"),
        _lists("2019"),
    ),
    "2024": Template(
        "2024",
        "Ofsted's Annex A template of 2023/2024 (List 9 extended)",
        ("Front_Sheet", "FAQ_and_changes", "Guidance", "Codes_used"),
        _lists("2024"),
    ),
}


def header_keys(spec: ListSpec) -> dict[str, str | None]:
    """Matching key (:func:`~csc_measures.schema.normalise_header`) of every header the list
    is known by → the engine column it fills, or ``None`` for a template column no measure
    uses. The engine's own names and aliases come first, then every template's headers and
    variants."""
    return _HEADER_KEYS[spec.number]


def ofsted_codes(list_no: int, column: str) -> tuple[str, ...]:
    """Every code Ofsted's templates list for an engine column (empty when they list none)."""
    return _CODES.get((list_no, column), ())


def _build_header_keys() -> dict[int, dict[str, str | None]]:
    keys: dict[int, dict[str, str | None]] = {}
    for number, spec in s.LISTS.items():
        lookup: dict[str, str | None] = {}
        for col in spec.columns:
            for name in (col.name, *col.aliases):
                lookup.setdefault(normalise_header(name), col.name)
        for template in TEMPLATES.values():
            listed = template.by_number.get(number)
            for tcol in listed.columns if listed else ():
                for name in (tcol.header, *tcol.variants):
                    lookup.setdefault(normalise_header(name), tcol.engine)
        keys[number] = lookup
    return keys


def _build_codes() -> dict[tuple[int, str], tuple[str, ...]]:
    codes: dict[tuple[int, str], tuple[str, ...]] = {}
    for template in TEMPLATES.values():
        for listed in template.lists:
            for tcol in listed.columns:
                if tcol.engine is not None and tcol.codes:
                    key = (listed.number, tcol.engine)
                    codes[key] = tuple(dict.fromkeys((*codes.get(key, ()), *tcol.codes)))
    return codes


_HEADER_KEYS = _build_header_keys()
_CODES = _build_codes()


def code_key(code: str, *, colon_code: bool = False) -> str:
    """A code as the engine compares it: without its ``x)`` prefix (and, for colon codes, the
    text before the colon), upper case."""
    bare = re.sub(r"^[A-Za-z]{1,2}\)\s*", "", code.strip())
    if colon_code:
        bare = bare.split(":", 1)[0]
    return bare.strip().upper()


DOC_HEADER = """\
# Ofsted's Annex A templates

<!-- Generated from csc_measures/templates.py by `sightline measures templates --out
docs/annex-a-templates.md` (or `python -m csc_measures templates --out
docs/annex-a-templates.md`). Do not edit by hand: change the module and regenerate. -->

The measures engine reads the Annex A workbooks councils export from Ofsted's template, as
shipped or as saved again by a council, and its own synthetic layout. This page lists, for
each template year, every list's sheet, title row and headers, the engine column each header
fills (measures use the engine's names, whatever the year), other spellings seen in councils'
files, and Ofsted's code lists.

How a file is read:

- **Sheets** are matched to lists by name (`List 1`, `List_1`, `List 1 - Contacts`, `list1`,
  or a title such as `Contacts`); the template's guidance and cover sheets (`Front_Sheet`,
  `FAQ_and_changes`, `Guidance`, `Codes_used`) match no list and are not read. CSV files are
  matched the same way by file name.
- **The header row** is found, not assumed: of the first 30 rows, the one naming most of the
  list's known headers (at least two) is the header row, so the template's title row (`List 1:
  Contacts`), blank rows and notes above the headers are skipped. Row numbers in the report
  are the rows of the sheet or file.
- **Headers** match ignoring case, spacing (a non-breaking space is a space), quotes
  (‘ ’ ' “ ” "), dashes, a `(Y/N)` marker and trailing punctuation (`?`, `.`, `:`). Two
  columns of one list that match the same engine column are an error naming both headers, and
  neither is used. A column that is in no template of its list is kept (as text, used by no
  measure) and reported once per list, for information: it needs no decision.
- **Renamed columns** a council maps once (per authority in the app, `--mapping FILE` on the
  command line; `docs/performance-imports.md`) are matched before the templates' headers.
- **Codes** keep or lose their `a) ` prefix alike. A code in Ofsted's code list for its column
  never gives a warning: `c) Unknown` in a Yes/No column is an unknown answer, `f) Rhom` a
  known in-touch code.
- **Disability** is not in Lists 1 to 3 of the templates and is not asked for there.

Sources: the 2019 template as Ofsted shipped it, with its Guidance and Codes_used sheets
(kept in CSCDP/sfdata-annexa-clean); the 2024 headers and codes of Social Finance's Annex A
schema and January 2024 sample workbook (SocialFinanceDigitalLabs/liia-tools-pipeline) and Data
to Insight's Annex A queries (data-to-insight/ssd-data-model). The 2024 sheet names are those
of that sample; its title rows are assumed to follow the 2019 template (the header row is found
either way). The sample writes `Age` for `Age of Child (Years)` in Lists 1 to 9.
"""


def _cell(values: tuple[str, ...]) -> str:
    return ", ".join(f"`{v}`" for v in values).replace("|", "\\|") or "-"


def render_templates_doc() -> str:
    """``docs/annex-a-templates.md``: every template, list, header and code list as tables."""
    lines = [DOC_HEADER]
    for template in TEMPLATES.values():
        lines += [
            f"## {template.year} template",
            "",
            f"{template.description}. Other sheets: {_cell(template.other_sheets)}.",
            "",
        ]
        for listed in template.lists:
            spec = s.LISTS[listed.number]
            absent = [
                c.name
                for c in spec.columns
                if not c.optional
                and c.name not in {t.engine for t in listed.columns if t.engine is not None}
            ]
            lines += [
                f"### {template.year}: List {listed.number} ({spec.title})",
                "",
                f"Sheet `{listed.sheet}`; title row `{listed.title}`.",
                "",
                "| Header | Type | Engine column | Other spellings | Ofsted's codes |",
                "|---|---|---|---|---|",
            ]
            lines.extend(
                f"| {col.header} | {col.type} | "
                f"{f'`{col.engine}`' if col.engine else '- (kept, unused)'} | "
                f"{_cell(col.variants)} | {_cell(col.codes)} |"
                for col in listed.columns
            )
            if absent:
                lines += [
                    "",
                    "Not in this template (measures that need it are not computable): "
                    + _cell(tuple(absent))
                    + ".",
                ]
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
