"""The Annex A lists as the engine knows them: canonical column names, types and aliases.

Column names follow the Ofsted Annex A (2024) template. Headers in a file are matched to these
names, to a few common variants (aliases) and to the headers of Ofsted's templates
(:mod:`csc_measures.templates`) after folding (:func:`normalise_header`): case, spacing (a
non-breaking space counts as a space), quotes, a ``(Y/N)`` marker and trailing punctuation are
ignored. Columns that are not known are kept as trimmed text under their own
(whitespace-normalised) header.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum


class ColType(StrEnum):
    ID = "id"  # identifier text, never prefix-stripped
    TEXT = "text"  # free text, trimmed
    CODE = "code"  # coded text: trimmed, leading "x) " prefix stripped
    YESNO = "yesno"  # Yes/No/Y/N in any case (prefix stripped) → bool, else unknown (null)
    DATE = "date"  # dd/mm/yyyy, yyyy-mm-dd or a real spreadsheet date
    INT = "int"  # whole number


@dataclass(frozen=True)
class Column:
    name: str
    type: ColType
    aliases: tuple[str, ...] = ()
    # Codes recognised without an "unknown code" issue (compared case-insensitively after the
    # prefix is stripped). Empty means the column's codes are not checked.
    known_codes: tuple[str, ...] = ()
    # The code is the text before the first colon ("F1: Full time higher education" → F1).
    colon_code: bool = False
    # Not reported when absent (no catalogue measure needs it from this list).
    optional: bool = False


@dataclass(frozen=True)
class ListSpec:
    number: int
    title: str
    sheet_keywords: tuple[str, ...]
    columns: tuple[Column, ...]
    id_column: str = "Child Unique ID"
    required_dates: tuple[str, ...] = ()
    # (start, end) pairs: end before start is an impossible date
    date_pairs: tuple[tuple[str, str], ...] = ()
    required_list: bool = True
    by_name: dict[str, Column] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_name", {c.name: c for c in self.columns})


# Canonical column names used by measures (import these rather than spelling names again).
CHILD_ID = "Child Unique ID"
GENDER = "Gender"
ETHNICITY = "Ethnicity"
DOB = "Date of Birth"
AGE = "Age of Child (Years)"
DISABILITY = "Disability"
TEAM = "Allocated Team"
WORKER = "Allocated Worker"

CONTACT_DATE = "Date of Contact"
CONTACT_SOURCE = "Contact Source"

EH_START = "Assessment start date"
EH_COMPLETED = "Assessment completion date"
EH_ORGANISATION = "Organisation completing assessment"

REFERRAL_DATE = "Date of Referral"
REFERRAL_SOURCE = "Referral Source"
REFERRAL_NFA = "Referral NFA?"
REFERRALS_LAST_12 = "Number of Referrals in Last 12 Months"

ASSESS_START = "Continuous Assessment Start Date"
ASSESS_SEEN = "Child Seen During Continuous Assessment"
ASSESS_AUTHORISED = "Continuous Assessment Date of Authorisation"
ASSESS_SUPPORT = "Was the child assessed as requiring LA children's social care support?"

S47_START = "Strategy discussion initiating Section 47 Enquiry Start Date"
ICPC_UNNECESSARY = "Was an Initial Child Protection Conference deemed unnecessary?"
ICPC_DATE = "Date of Initial Child Protection Conference"
ICPC_PLAN = "Did the Initial Child Protection Conference Result in a Child Protection Plan"

CIN_START = "CIN Start Date"
CIN_PRIMARY_NEED = "Primary Need Code"
CIN_CASE_STATUS = "Case Status"
CIN_LAST_SEEN = "Date Child Was Last Seen"
CIN_CLOSED = "CIN Closure Date"
CIN_CLOSURE_REASON = "Reason for Closure"

CP_START = "Child Protection Plan Start Date"
CP_INITIAL_CATEGORY = "Initial Category of Abuse"
CP_LATEST_CATEGORY = "Latest Category of Abuse"
CP_LAST_VISIT = "Date of the Last Statutory Visit"
CP_SEEN_ALONE = "Was the Child Seen Alone?"
CP_LATEST_REVIEW = "Date of latest review conference"
CP_END = "Child Protection Plan End Date"
CP_PREVIOUS_PLANS = "Number of Previous Child Protection Plans"

LA_START = "Date Started to be Looked After"
LA_LEGAL_STATUS = "Child's Legal Status"
LA_CATEGORY_OF_NEED = "Category of Need"
LA_LATEST_REVIEW = "Date of Latest Statutory Review"
LA_LAST_VISIT = "Date of Last Social Work Visit"
LA_LAST_IRO = "Date of Last IRO Visit / Contact to the Child"
LA_HEALTH = "Date of Last Health Assessment"
LA_DENTAL = "Date of Last Dental Check"
LA_PLACEMENTS_12 = "Number of Placements in the Last 12 months"
LA_PLACEMENT_TYPE = "Placement Type"
LA_PLACEMENT_PROVIDER = "Placement Provider"
LA_PLACEMENT_POSTCODE = "Placement Postcode"
LA_PLACEMENT_START = "Start Date of Most Recent Placement"
LA_CEASED = "Date Ceased to be Looked After"
LA_CEASED_REASON = "Reason Ceased to be Looked After"
LA_MISSING_EPISODES = "Number of Missing Episodes in the Last 12 Months"
LA_RETURN_INTERVIEW = "Was the Child Offered a Return Interview after the Last Missing Episode?"

CL_PERSONAL_ADVISER = "Allocated Personal Advisor"
CL_ELIGIBILITY = "Eligibility Category"
CL_IN_TOUCH = "LA in Touch"
CL_PATHWAY_REVIEW = "Latest Pathway Plan Review Date"
CL_LATEST_CONTACT = "Latest Date of Contact"
CL_ACCOMMODATION = "Type of Accommodation"
CL_SUITABILITY = "Suitability of Accommodation"
CL_ACTIVITY = "Activity Status"

ADOPTER_ID = "Individual adopter identifier"
FFA_PLACEMENT = "Date the child was placed for fostering in FFA or concurrent planning placement"

YES_NO_CODES = ("Yes", "No", "Y", "N")

# Education, employment or training activity codes (SSDA903), current and older.
EET_CODES = ("F1", "P1", "F2", "P2", "F4", "P4", "F5", "P5", "F3", "P3")
ACTIVITY_CODES = (*EET_CODES, "G4", "G5", "G6", "0")

_COMMON: tuple[Column, ...] = (
    Column(CHILD_ID, ColType.ID, aliases=("Child ID", "Child Unique Identifier")),
    Column(GENDER, ColType.CODE),
    Column(ETHNICITY, ColType.CODE),
    Column(DOB, ColType.DATE, aliases=("DOB",)),
    Column(AGE, ColType.INT, aliases=("Age of Child", "Age")),
)
_DISABILITY = Column(DISABILITY, ColType.CODE, aliases=("Does the Child have a Disability",))
# Ofsted's templates have no disability column in Lists 1 to 3: not reported when absent there.
_OPTIONAL_DISABILITY = Column(
    DISABILITY, ColType.CODE, aliases=("Does the Child have a Disability",), optional=True
)
_ALLOCATION: tuple[Column, ...] = (
    Column(TEAM, ColType.TEXT),
    Column(WORKER, ColType.TEXT),
)
# Lists 1, 2 and 10 usually carry no allocation; when they do, teams are reported.
_OPTIONAL_ALLOCATION: tuple[Column, ...] = (
    Column(TEAM, ColType.TEXT, optional=True),
    Column(WORKER, ColType.TEXT, optional=True),
)


def _yn(name: str, *aliases: str) -> Column:
    return Column(name, ColType.YESNO, aliases=aliases)


def _d(name: str, *aliases: str) -> Column:
    return Column(name, ColType.DATE, aliases=aliases)


LISTS: dict[int, ListSpec] = {
    spec.number: spec
    for spec in (
        ListSpec(
            1,
            "Contacts",
            ("contact",),
            (
                *_COMMON,
                _d(CONTACT_DATE),
                Column(CONTACT_SOURCE, ColType.CODE),
                *_OPTIONAL_ALLOCATION,
            ),
            required_dates=(CONTACT_DATE,),
        ),
        ListSpec(
            2,
            "Early help",
            ("early help", "earlyhelp", "eha"),
            (
                *_COMMON,
                _OPTIONAL_DISABILITY,
                _d(EH_START),
                _d(EH_COMPLETED),
                Column(EH_ORGANISATION, ColType.TEXT),
                *_OPTIONAL_ALLOCATION,
            ),
            required_dates=(EH_START,),
            date_pairs=((EH_START, EH_COMPLETED),),
        ),
        ListSpec(
            3,
            "Referrals",
            ("referral",),
            (
                *_COMMON,
                _OPTIONAL_DISABILITY,
                _d(REFERRAL_DATE),
                Column(REFERRAL_SOURCE, ColType.CODE),
                _yn(REFERRAL_NFA, "Referral NFA", "NFA"),
                Column(REFERRALS_LAST_12, ColType.INT),
                *_ALLOCATION,
            ),
            required_dates=(REFERRAL_DATE,),
        ),
        ListSpec(
            4,
            "Assessments",
            ("assessment",),
            (
                *_COMMON,
                _DISABILITY,
                _d(ASSESS_START),
                _yn(ASSESS_SEEN),
                _d(ASSESS_AUTHORISED),
                _yn(ASSESS_SUPPORT),
                *_ALLOCATION,
            ),
            required_dates=(ASSESS_START,),
            date_pairs=((ASSESS_START, ASSESS_AUTHORISED),),
        ),
        ListSpec(
            5,
            "Section 47 enquiries and ICPCs",
            ("section 47", "sec47", "s47", "icpc"),
            (
                *_COMMON,
                _DISABILITY,
                _d(S47_START),
                _yn(ICPC_UNNECESSARY),
                _d(ICPC_DATE),
                _yn(ICPC_PLAN),
                *_ALLOCATION,
            ),
            required_dates=(S47_START,),
            date_pairs=((S47_START, ICPC_DATE),),
        ),
        ListSpec(
            6,
            "Children in need",
            ("children in need", "child in need", "cin"),
            (
                *_COMMON,
                _DISABILITY,
                _d(CIN_START),
                Column(CIN_PRIMARY_NEED, ColType.CODE),
                Column(CIN_CASE_STATUS, ColType.CODE),
                _d(CIN_LAST_SEEN),
                _d(CIN_CLOSED),
                Column(CIN_CLOSURE_REASON, ColType.CODE),
                *_ALLOCATION,
            ),
            required_dates=(CIN_START,),
            date_pairs=((CIN_START, CIN_CLOSED),),
        ),
        ListSpec(
            7,
            "Child protection",
            ("child protection", "cp plan", "protection"),
            (
                *_COMMON,
                _DISABILITY,
                _d(CP_START),
                Column(CP_INITIAL_CATEGORY, ColType.CODE),
                Column(CP_LATEST_CATEGORY, ColType.CODE),
                _d(CP_LAST_VISIT),
                _yn(CP_SEEN_ALONE),
                _d(CP_LATEST_REVIEW),
                _d(CP_END),
                Column(CP_PREVIOUS_PLANS, ColType.INT),
                *_ALLOCATION,
            ),
            required_dates=(CP_START,),
            date_pairs=((CP_START, CP_END),),
        ),
        ListSpec(
            8,
            "Children looked after",
            ("looked after", "cla", "lac"),
            (
                *_COMMON,
                _DISABILITY,
                _d(LA_START),
                Column(LA_LEGAL_STATUS, ColType.CODE, aliases=("Legal Status",)),
                Column(LA_CATEGORY_OF_NEED, ColType.CODE, aliases=("Child's Category of Need",)),
                _d(LA_LATEST_REVIEW),
                _d(LA_LAST_VISIT),
                _d(LA_LAST_IRO, "Date of Last IRO Visit/Contact to the Child"),
                _d(LA_HEALTH),
                _d(LA_DENTAL),
                Column(LA_PLACEMENTS_12, ColType.INT),
                Column(LA_PLACEMENT_TYPE, ColType.CODE),
                Column(LA_PLACEMENT_PROVIDER, ColType.CODE),
                Column(LA_PLACEMENT_POSTCODE, ColType.TEXT, optional=True),
                _d(LA_PLACEMENT_START),
                _d(LA_CEASED),
                Column(LA_CEASED_REASON, ColType.CODE),
                Column(
                    LA_MISSING_EPISODES,
                    ColType.INT,
                    aliases=(
                        "Number of Missing Episodes",
                        "Number of missing episodes in the last 12 months",
                        "Number of times missing in the last 12 months",
                        "Number of missing incidents in the last 12 months",
                        "Missing episodes in the last 12 months",
                    ),
                ),
                _yn(
                    LA_RETURN_INTERVIEW,
                    "Was the child offered a return interview after the last missing episode",
                    "Return interview offered after last missing episode",
                    "Return Interview Offered",
                    "Return home interview offered",
                ),
                *_ALLOCATION,
            ),
            required_dates=(LA_START,),
            date_pairs=((LA_START, LA_CEASED),),
        ),
        ListSpec(
            9,
            "Care leavers",
            ("care leaver", "leaver"),
            (
                *_COMMON,
                _DISABILITY,
                *_ALLOCATION,
                Column(CL_PERSONAL_ADVISER, ColType.TEXT, aliases=("Allocated Personal Adviser",)),
                Column(CL_ELIGIBILITY, ColType.CODE),
                Column(
                    CL_IN_TOUCH,
                    ColType.CODE,
                    known_codes=(
                        *YES_NO_CODES,
                        "Refused",
                        "Young person refuses contact",
                        "REFU",
                        "Died",
                        "Young person has died",
                        "DIED",
                        "NREQ",
                        "No longer requires services",
                    ),
                ),
                _d(CL_PATHWAY_REVIEW),
                _d(CL_LATEST_CONTACT),
                Column(CL_ACCOMMODATION, ColType.CODE),
                Column(
                    CL_SUITABILITY,
                    ColType.CODE,
                    known_codes=("Suitable", "Unsuitable", "Not suitable", "Not known"),
                ),
                Column(CL_ACTIVITY, ColType.CODE, known_codes=ACTIVITY_CODES, colon_code=True),
            ),
        ),
        ListSpec(
            10,
            "Adoption",
            ("adoption",),
            (
                *_COMMON,
                _DISABILITY,
                _d("Date the Child Entered Care"),
                _d("Date of Decision that Child Should be Placed for Adoption"),
                _d("Date of Placement Order"),
                _d("Date of Matching Child and Prospective Adopters"),
                _d("Date Placed for Adoption"),
                _d("Date of Adoption Order"),
                _d("Date of Decision that Child Should No Longer be Placed for Adoption"),
                _d(FFA_PLACEMENT),
                *_OPTIONAL_ALLOCATION,
            ),
            required_list=False,
        ),
        ListSpec(
            11,
            "Adopters",
            ("adopter",),
            (
                Column(ADOPTER_ID, ColType.ID, aliases=("Adopter Unique ID", "Adopter ID")),
                _d("Date enquiry received"),
                _d("Date Stage 1 started"),
                _d("Date Stage 1 ended"),
                _d("Date Stage 2 started"),
                _d("Date Stage 2 ended"),
                _d("Date application submitted"),
                _d("Date application approved"),
                _d("Date adopter matched with child(ren)"),
                _d("Date child/children placed with adopter(s)"),
                _d("Date of Adoption Order"),
                _d("Date of leaving adoption process"),
            ),
            id_column=ADOPTER_ID,
            required_list=False,
        ),
    )
}

REQUIRED_LISTS: tuple[int, ...] = tuple(n for n, s in LISTS.items() if s.required_list)


# Quotes (straight and curly, single and double) are dropped; dashes are hyphens; zero-width
# characters (and the byte-order mark) vanish.
_HEADER_FOLD = str.maketrans(
    {
        **dict.fromkeys(map(ord, "'\"`´‘’‚‛“”„′″\u200b\u200c\u200d\ufeff"), None),
        **dict.fromkeys(map(ord, "‐‑‒–—―"), "-"),
    }
)
# Appended to the second (third…) of two identical headers of a file, so that both columns are
# kept and reported; header matching (and every message) ignores it.
DUPLICATE_MARK = "\u200b"
_YES_NO_MARK = re.compile(r"\(\s*y\s*/\s*n\s*\)")
_TRAILING = "?.:;,! "


def normalise_header(text: str) -> str:
    """Matching key of a header: case folded, whitespace (NBSP too) collapsed, quotes dropped,
    ``(Y/N)`` dropped, trailing punctuation and unbalanced closing brackets dropped.

    ``Was the child offered a Return Interview after their last missing episode (Y/N)?`` and
    ``was the child offered a return interview after their last missing episode`` have one key.
    """
    key = _YES_NO_MARK.sub(" ", text.translate(_HEADER_FOLD).casefold())
    key = " ".join(key.split()).rstrip(_TRAILING)
    while key.endswith(")") and key.count(")") > key.count("("):
        key = key[:-1].rstrip(_TRAILING)
    return key


_LIST_NUMBER = re.compile(r"^\s*list[\s_\-.]*0*(\d{1,2})(?!\d)", re.IGNORECASE)


def list_number_from_name(name: str) -> int | None:
    """The Annex A list number a sheet or file name stands for, if it can be told.

    ``List 1``, ``List_1``, ``list1``, ``List 3 - referrals`` name the number; otherwise the
    name is matched on the list's keywords (``Contacts`` → 1, ``Care leavers`` → 9).
    """
    cleaned = " ".join(name.replace("\xa0", " ").split())
    match = _LIST_NUMBER.match(cleaned)
    if match:
        number = int(match.group(1))
        return number if number in LISTS else None
    key = cleaned.casefold()
    # Longer, more specific keywords first ("care leaver" before "leaver", "adopter" vs "adoption").
    candidates = sorted(
        ((kw, n) for n, spec in LISTS.items() for kw in spec.sheet_keywords),
        key=lambda item: -len(item[0]),
    )
    for keyword, number in candidates:
        if re.search(rf"(?<![a-z0-9]){re.escape(keyword)}s?(?![a-z])", key):
            return number
    return None
