"""The one permission layer. Every view asks these predicates; none tests a role itself.

A *unit* is a part of the organisation: an :class:`Authority`, a :class:`Locality` or a
:class:`Team`. Predicates answer for the signed-in user and never raise.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sightline.core.roles import AUTHORITY_CHILD_LEVEL, SUPPRESSED_AGGREGATES, Role
from sightline.organisation.models import Authority, Locality, Team

if TYPE_CHECKING:
    from sightline.accounts.models import User

Unit = Authority | Locality | Team


def _active(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active and user.role)


def _authority_of(unit: Unit) -> int:
    return unit.pk if isinstance(unit, Authority) else unit.authority_id


def in_authority(user: User, unit: Unit) -> bool:
    """The unit belongs to the user's authority (tenancy: nobody crosses it)."""
    return (
        _active(user)
        and user.authority_id is not None
        and (user.authority_id == _authority_of(unit))
    )


def unit_in_scope(user: User, unit: Unit) -> bool:
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


def can_view_child_level(user: User, unit: Unit) -> bool:
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


def can_view_aggregates(user: User, unit: Unit) -> bool:
    """May see counts, rates and charts for ``unit`` (everyone but the administrator)."""
    return in_authority(user, unit) and user.role != Role.ADMIN


def must_suppress_small_numbers(user: User) -> bool:
    """Counts of 1–4 are hidden from this user (elected members, DfE and external)."""
    return _active(user) and user.role in SUPPRESSED_AGGREGATES


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


# --- Workforce (sightline.workforce) -------------------------------------------------------

#: Roles that see workforce figures with counts of 1-4 hidden (aggregates only).
WORKFORCE_SUPPRESSED = frozenset({Role.BOARD_MEMBER, Role.ELECTED_MEMBER, Role.DFE_ADVISER})


def can_view_workforce(user: User) -> bool:
    """May see the workforce measures (aggregates) for their authority: everyone signed in."""
    return _active(user) and user.authority_id is not None


def can_view_hr_details(user: User, unit: Unit | None = None) -> bool:
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
    return (
        _active(user)
        and user.authority_id is not None
        and user.role
        in (
            Role.DIRECTOR,
            Role.ADMIN,
        )
    )


def must_suppress_workforce_numbers(user: User) -> bool:
    """Board, elected members and the DfE adviser see workforce counts of 1-4 hidden."""
    return _active(user) and user.role in WORKFORCE_SUPPRESSED


# --- Voice of children and families (sightline.voice) ---------------------------------------

VOICE_RECORDERS = frozenset(
    {Role.DIRECTOR, Role.HEAD_OF_SERVICE, Role.TEAM_MANAGER, Role.QA_LEAD, Role.ANALYST}
)


def can_record_feedback(user: User) -> bool:
    """May record and read every piece of feedback in full, consented to share or not."""
    return _active(user) and user.authority_id is not None and user.role in VOICE_RECORDERS


def can_view_voice(user: User) -> bool:
    """May see the voice summaries, consented quotations, impact statements and the
    Ambassadors' submissions (everyone but the administrator)."""
    return _active(user) and user.authority_id is not None and user.role != Role.ADMIN


def can_respond_to_ambassadors(user: User) -> bool:
    """May record the Chair's response to an Ambassadors' submission (the chair is a board
    member; the director records it on the chair's behalf)."""
    return (
        _active(user)
        and user.authority_id is not None
        and user.role
        in (
            Role.DIRECTOR,
            Role.BOARD_MEMBER,
        )
    )
