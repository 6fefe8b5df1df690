"""The one permission layer. Every view asks these predicates; none tests a role itself.

A predicate about a part of the organisation is asked about its *scope*: an
:class:`Authority`, a :class:`Locality` or a :class:`Team` (``Unit.scope``, from
``sightline.organisation.units``). Predicates answer for the signed-in user and never raise.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sightline.core.roles import AUTHORITY_CHILD_LEVEL, SUPPRESSED_AGGREGATES, Role
from sightline.kernel.disclosure import DEFAULT_THRESHOLD, Policy
from sightline.organisation.models import Authority, Locality, Team
from sightline.organisation.units import Scope

if TYPE_CHECKING:
    from sightline.accounts.models import User


def _active(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active and user.role)


def _staff(user: Any) -> bool:
    """Signed in, active, with a role, and of an authority (not the deployment's
    administrator nor a regional viewer)."""
    return _active(user) and user.authority_id is not None


def _authority_of(unit: Scope) -> int:
    return unit.pk if isinstance(unit, Authority) else unit.authority_id


def in_authority(user: User, unit: Scope) -> bool:
    """The unit belongs to the user's authority (tenancy: nobody crosses it)."""
    return (
        _active(user)
        and user.authority_id is not None
        and (user.authority_id == _authority_of(unit))
    )


def unit_in_scope(user: User, unit: Scope) -> bool:
    """The unit lies inside the part of the organisation the user's role covers."""
    if not in_authority(user, unit):
        return False
    if user.role == Role.HEAD_OF_SERVICE:
        if isinstance(unit, Locality):
            return unit.pk == user.locality_id
        if isinstance(unit, Team):
            return unit.locality_id is not None and unit.locality_id == user.locality_id
        return False
    if user.role == Role.TEAM_MANAGER:
        return isinstance(unit, Team) and unit.pk == user.team_id
    return True


def can_view_child_level(user: User, unit: Scope) -> bool:
    """May see children's records (IDs, dates, lists of children) for ``unit``.

    Directors and analysts across the authority; heads of service in their locality; team
    managers in their team. QA leads and auditors see only the case they audit (decided by
    the audit module), never whole units. Every such view must also be logged.
    """
    if not in_authority(user, unit):
        return False
    if user.role in AUTHORITY_CHILD_LEVEL:
        return True
    if user.role in (Role.HEAD_OF_SERVICE, Role.TEAM_MANAGER):
        return unit_in_scope(user, unit)
    return False


def can_view_workers(user: User, unit: Scope) -> bool:
    """May see the table of named allocated workers (caseloads and timeliness by worker) for
    ``unit``: team managers for their team, heads of service for their locality's teams, and
    directors and analysts across the authority. It is built from children's records, so every
    view is logged like any child-level view."""
    return can_view_child_level(user, unit)


def can_view_aggregates(user: User, unit: Scope) -> bool:
    """May see counts, rates and charts for ``unit`` (everyone but the administrator)."""
    return in_authority(user, unit) and user.role != Role.ADMIN


def disclosure_policy_for(user: User | None) -> Policy:
    """The one disclosure rule for this person, in every page and output (ADR 0018).

    Small counts are withheld from elected members and the DfE adviser always, from any role
    the authority adds in its disclosure setting (``Authority.disclosure_withheld_roles``), and
    from anyone with no role in an authority (a regional viewer, the public, an output built
    with nobody signed in). The threshold is the authority's setting.
    """
    authority = user.authority if _active(user) and user is not None else None
    if user is None or authority is None:
        return Policy(suppress=True, threshold=DEFAULT_THRESHOLD)
    extra = set(authority.disclosure_withheld_roles or ())
    return Policy(
        suppress=user.role in SUPPRESSED_AGGREGATES or user.role in extra,
        threshold=authority.disclosure_threshold or DEFAULT_THRESHOLD,
    )


def withholds_small_numbers(user: User | None) -> bool:
    """Counts of 1–4 are withheld from this user (``disclosure_policy_for(user).suppress``)."""
    return disclosure_policy_for(user).suppress


def can_import_data(user: User) -> bool:
    """May upload statutory returns (Annex A, CIN census, SSDA903)."""
    return _active(user) and user.role == Role.ANALYST


def can_view_imports(user: User) -> bool:
    """May see uploads and their validation reports (which quote values from the files)."""
    return _active(user) and user.role in AUTHORITY_CHILD_LEVEL


def can_set_targets(user: User) -> bool:
    return _active(user) and user.role == Role.ANALYST


def can_manage_users(user: User) -> bool:
    return _active(user) and user.role == Role.ADMIN


def can_edit_organisation(user: User) -> bool:
    """May add localities and teams and move teams between localities."""
    return _active(user) and user.role == Role.ADMIN


def can_view_organisation(user: User) -> bool:
    """May see the structure of localities and teams (no child-level data in it)."""
    return _active(user) and user.role in {
        Role.ADMIN,
        Role.DIRECTOR,
        Role.HEAD_OF_SERVICE,
        Role.TEAM_MANAGER,
        Role.ANALYST,
        Role.QA_LEAD,
    }


def can_view_audit_trail(user: User) -> bool:
    """May search the audit trail and the child-level access log."""
    return _active(user) and user.role in {Role.ADMIN, Role.DIRECTOR}


def can_run_jobs(user: User) -> bool:
    """May see background jobs (their own; administrators see everyone's)."""
    return _active(user)


# --- API for BI tools -----------------------------------------------------------------------


def can_use_api(user: User) -> bool:
    """May create personal API tokens for the measures API (whoever may see the figures)."""
    return bool(
        _active(user) and user.authority is not None and can_view_aggregates(user, user.authority)
    )


# --- Case-file audits (sightline.audits) -------------------------------------------------

#: Roles that see individual audits (each within its scope); others see aggregates only.
_AUDIT_CASE_ROLES = frozenset(
    {Role.DIRECTOR, Role.HEAD_OF_SERVICE, Role.TEAM_MANAGER, Role.QA_LEAD, Role.AUDITOR}
)


def can_use_audits(user: User) -> bool:
    """May open the audit module (everyone but the administrator; some see aggregates only)."""
    return _staff(user) and user.role != Role.ADMIN


def can_see_audit_cases(user: User) -> bool:
    """May list individual audits (each still filtered by :func:`can_view_audit`)."""
    return _staff(user) and user.role in _AUDIT_CASE_ROLES


def can_run_audit_programme(user: User) -> bool:
    """May set up programmes, assign auditors, moderate, edit frameworks, publish learning."""
    return _staff(user) and user.role == Role.QA_LEAD


def can_view_audit(user: User, audit: Any) -> bool:
    """May read one audit (it shows a child ID, so the view is logged).

    The QA lead and the director: any audit in the authority; an auditor: the audits assigned
    to them; a head of service or team manager: audits of teams in their scope.
    """
    if not can_see_audit_cases(user) or audit.authority_id != user.authority_id:
        return False
    if user.role in (Role.QA_LEAD, Role.DIRECTOR):
        return True
    if user.role == Role.AUDITOR:
        return bool(audit.auditor_id == user.pk)
    if audit.auditor_id == user.pk:
        return True
    return unit_in_scope(user, audit.team)


def can_complete_audit(user: User, audit: Any) -> bool:
    """Only the assigned auditor fills in an audit, until it is completed."""
    return (
        _active(user)
        and audit.authority_id == user.authority_id
        and audit.auditor_id == user.pk
        and audit.status != "completed"
    )


def can_raise_remedial_action(user: User, audit: Any) -> bool:
    """The audit's auditor or the QA lead may raise actions from it."""
    return can_view_audit(user, audit) and (
        audit.auditor_id == user.pk or user.role == Role.QA_LEAD
    )


def can_close_remedial_action(user: User, action: Any) -> bool:
    """The action's owner closes it; the QA lead may close any (with evidence either way)."""
    return (
        _active(user)
        and action.authority_id == user.authority_id
        and action.status == "open"
        and (action.owner_id == user.pk or user.role == Role.QA_LEAD)
    )


# --- Improvement plan and governance (sightline.plan, sightline.governance) ----------------

#: Who may read the improvement plan and the governance pages (DESIGN.md's role table:
#: leaders, analysts, QA, action owners, the board, elected members and the DfE adviser).
PLAN_READERS = frozenset(
    {
        Role.DIRECTOR,
        Role.HEAD_OF_SERVICE,
        Role.ANALYST,
        Role.QA_LEAD,
        Role.ACTION_OWNER,
        Role.BOARD_MEMBER,
        Role.ELECTED_MEMBER,
        Role.DFE_ADVISER,
    }
)


def can_view_plan(user: User) -> bool:
    """May read the improvement plan: priorities, actions, updates, impact."""
    return _staff(user) and user.role in PLAN_READERS


def can_manage_plan(user: User) -> bool:
    """May create plans, priorities and actions, and import a plan from Excel."""
    return _staff(user) and user.role == Role.DIRECTOR


def can_update_action(user: User, action: Any) -> bool:
    """May edit an action and report its progress: the director, or the action owner who is
    its senior responsible officer or lead officer (in the action's authority)."""
    if not _active(user) or user.authority_id != action.authority_id:
        return False
    if user.role == Role.DIRECTOR:
        return True
    return user.role == Role.ACTION_OWNER and user.pk in (action.sro_id, action.lead_officer_id)


def can_view_evidence(user: User) -> bool:
    """May download evidence files: internal readers and the board, not external readers
    (elected members and the DfE adviser see the plan, not the working files)."""
    return can_view_plan(user) and user.role not in SUPPRESSED_AGGREGATES


def can_view_governance(user: User) -> bool:
    """May read boards, meetings, the risk register and the inspection history."""
    return can_view_plan(user)


def can_manage_governance(user: User) -> bool:
    """May record meetings, decisions, risks and inspections."""
    return _staff(user) and user.role == Role.DIRECTOR


def can_update_meeting_action(user: User, meeting_action: Any) -> bool:
    """May close a meeting action: the director, or the action owner it was given to."""
    if not _active(user) or user.authority_id != meeting_action.meeting.board.authority_id:
        return False
    if user.role == Role.DIRECTOR:
        return True
    return user.role == Role.ACTION_OWNER and user.pk == meeting_action.owner_id


# --- Workforce (sightline.workforce) -------------------------------------------------------


def can_view_workforce(user: User) -> bool:
    """May see the workforce measures (aggregates) for their authority: everyone signed in."""
    return _staff(user)


def can_view_hr_details(user: User, unit: Scope | None = None) -> bool:
    """May see and edit named staff, posts and vacancies: directors and administrators across
    the authority, heads of service within their locality (``unit=None``: anywhere at all)."""
    if not _active(user) or user.authority_id is None:
        return False
    if user.role in (Role.DIRECTOR, Role.ADMIN):
        return unit is None or in_authority(user, unit)
    if user.role == Role.HEAD_OF_SERVICE:
        return user.locality_id is not None if unit is None else unit_in_scope(user, unit)
    return False


def can_import_hr(user: User) -> bool:
    """May import the HR system's spreadsheet (the whole authority's staff)."""
    return _staff(user) and user.role in (Role.DIRECTOR, Role.ADMIN)


# --- Voice of children and families (sightline.voice) ---------------------------------------

VOICE_RECORDERS = frozenset(
    {Role.DIRECTOR, Role.HEAD_OF_SERVICE, Role.TEAM_MANAGER, Role.QA_LEAD, Role.ANALYST}
)


def can_record_feedback(user: User) -> bool:
    """May record and read every piece of feedback in full, consented to share or not."""
    return _staff(user) and user.role in VOICE_RECORDERS


def can_view_voice(user: User) -> bool:
    """May see the voice summaries, consented quotations, impact statements and the
    Ambassadors' submissions (everyone but the administrator)."""
    return _staff(user) and user.role != Role.ADMIN


def can_respond_to_ambassadors(user: User) -> bool:
    """May record the Chair's response to an Ambassadors' submission (the chair is a board
    member; the director records it on the chair's behalf)."""
    return _staff(user) and user.role in (Role.DIRECTOR, Role.BOARD_MEMBER)


# --- Reports (sightline.reports) -------------------------------------------------------------

#: Who prepares reports: the council's officers every type; a board member (the Independent
#: Chair) the Chair's report; the DfE adviser their highlight report; an elected member the
#: scrutiny dashboard.
REPORT_PREPARERS = frozenset(
    {
        Role.DIRECTOR,
        Role.ANALYST,
        Role.HEAD_OF_SERVICE,
        Role.BOARD_MEMBER,
        Role.DFE_ADVISER,
        Role.ELECTED_MEMBER,
    }
)
#: Report types each preparer may start (others: every type).
_REPORT_TYPES_OF: dict[str, frozenset[str]] = {
    Role.BOARD_MEMBER: frozenset({"chair_report"}),
    Role.DFE_ADVISER: frozenset({"dfe_highlight"}),
    Role.ELECTED_MEMBER: frozenset({"scrutiny_dashboard"}),
}
#: The one audience a reader from outside the council's officers prepares for: its small
#: numbers are always withheld, so they never see a figure their role may not.
_FORCED_AUDIENCE: dict[str, str] = {Role.DFE_ADVISER: "dfe", Role.ELECTED_MEMBER: "members"}
#: Reports approved and published by the person who prepared them, not the director: the DfE
#: adviser's highlight report is the adviser's own paper to the DfE (role → type, audience).
_OWN_PAPER: dict[str, tuple[str, str]] = {Role.DFE_ADVISER: ("dfe_highlight", "dfe")}
#: Published reports of these audiences, for readers outside the council's officers.
_READER_AUDIENCES: dict[str, frozenset[str]] = {
    Role.ELECTED_MEMBER: frozenset({"members", "cabinet", "public"}),
    Role.DFE_ADVISER: frozenset({"dfe", "public"}),
}


def can_use_reports(user: User) -> bool:
    """May open the reports module (everyone but the administrator)."""
    return _staff(user) and user.role != Role.ADMIN


def can_prepare_reports(user: User) -> bool:
    """May start and edit reports: directors, analysts, heads of service; board members (the
    Independent Chair) their Chair's reports; the DfE adviser DfE highlight reports; elected
    members scrutiny dashboards."""
    return _staff(user) and user.role in REPORT_PREPARERS


def forced_report_audience(user: User) -> str | None:
    """The audience of every report this person prepares, or None when they choose it: the
    DfE adviser prepares for the DfE, an elected member for elected members."""
    return _FORCED_AUDIENCE.get(user.role) if _active(user) else None


def can_prepare_report_type(user: User, report_type: str) -> bool:
    if not can_prepare_reports(user):
        return False
    allowed = _REPORT_TYPES_OF.get(user.role)
    return allowed is None or report_type in allowed


def can_prepare_report_for(user: User, report_type: str, audience: str) -> bool:
    """May prepare a report of this type for this audience (the forced audience, if any)."""
    forced = forced_report_audience(user)
    return can_prepare_report_type(user, report_type) and forced in (None, audience)


def _prepares(user: User, report: Any) -> bool:
    return report.authority_id == user.authority_id and can_prepare_report_for(
        user, report.type, report.audience
    )


def can_edit_report(user: User, report: Any) -> bool:
    """May edit a report's sections while it is a draft or in review (the DfE adviser and
    elected members only reports of their own type for their own audience)."""
    return report.status in ("draft", "in_review") and _prepares(user, report)


def can_approve_reports(user: User) -> bool:
    """The council's approver: the director approves and publishes the council's reports and
    maps plan priorities to the Ofsted reporting categories."""
    return _staff(user) and user.role == Role.DIRECTOR


def can_approve_report(user: User, report: Any) -> bool:
    """May approve (freezing its figures), send back and publish this report: a DfE highlight
    report for the DfE that the DfE adviser started, that adviser (it is their paper to the
    DfE); every other report, the director."""
    if not can_use_reports(user) or report.authority_id != user.authority_id:
        return False
    author = report.created_by
    own = _OWN_PAPER.get(getattr(author, "role", ""))
    if author is not None and author.is_active and own == (report.type, report.audience):
        return bool(user.pk == author.pk)
    return can_approve_reports(user)


def can_read_report(user: User, report: Any) -> bool:
    """May read a report: those who may prepare or approve it, whatever its state (the DfE
    adviser and elected members only drafts of their own type for their own audience); the
    board every published report; elected members and the DfE adviser published reports of
    their audience; other staff published reports."""
    if not can_use_reports(user) or report.authority_id != user.authority_id:
        return False
    if _prepares(user, report) or can_approve_report(user, report):
        return True
    if report.status != "published":
        return False
    audiences = _READER_AUDIENCES.get(user.role)
    return audiences is None or report.audience in audiences


# --- Several authorities: the deployment's administrator and the regional view -------------


def can_add_authority(user: User) -> bool:
    """May add an authority to the deployment: its administrator (a superuser), who belongs
    to no authority."""
    return bool(getattr(user, "is_authenticated", False) and user.is_active and user.is_superuser)


def can_view_regional(user: User) -> bool:
    """May compare the authorities that share with their regions: a regional viewer, who
    belongs to no authority and sees aggregates only, small numbers suppressed."""
    return _active(user) and user.role == Role.REGIONAL_VIEWER and user.authority_id is None


def can_manage_sharing(user: User) -> bool:
    """May decide what the authority shares with a region: its director or administrator."""
    return _staff(user) and user.role in {Role.DIRECTOR, Role.ADMIN}
