"""Who may do what: pure functions over a :class:`Principal`.

Roles come from memberships (DESIGN.md, Who uses it). Permissions are granted to roles here, in one
table, so every door asks the same question the same way. Scoping to *which records* a user sees is
the repositories' job; these functions answer *whether the role allows the action*.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from enum import StrEnum


class Role(StrEnum):
    ADMIN = "admin"
    CASE_WORKER = "case_worker"
    JUSTICE_OFFICIAL = "justice_official"
    SERVICE_PROVIDER = "service_provider"
    PROGRAMME_OFFICER = "programme_officer"
    ANALYST = "analyst"
    AUDITOR = "auditor"


class Permission(StrEnum):
    MANAGE_AGENCIES = "agencies.manage"
    MANAGE_USERS = "users.manage"
    VIEW_AUDIT = "audit.view"
    CASES_READ = "cases.read"
    CASES_WRITE = "cases.write"
    CASES_JUSTICE_VIEW = "cases.justice_view"
    CASES_EXPORT = "cases.export"
    RETENTION_RUN = "cases.retention"
    SPECIAL_CATEGORY = "cases.special_category"
    CONSENT_OVERRIDE = "referrals.emergency_override"
    SCREENING = "screening.run"
    SERVICES_EDIT = "services.edit"
    SERVICES_IMPORT = "services.import"
    REFERRALS_RECEIVE = "referrals.receive"
    NETWORK_READ = "network.read"
    NETWORK_EDIT = "network.edit"
    DIALOGUES_READ = "dialogues.read"
    DIALOGUES_EDIT = "dialogues.edit"
    SNAPSHOT = "privacy.snapshot"
    ANALYTICS = "analytics.read"
    RELEASE_REQUEST = "releases.request"
    RELEASE_APPROVE = "releases.approve"


ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset(
        {
            Permission.MANAGE_USERS,
            Permission.VIEW_AUDIT,
            Permission.RETENTION_RUN,
            Permission.SERVICES_IMPORT,
        }
    ),
    Role.CASE_WORKER: frozenset(
        {
            Permission.CASES_READ,
            Permission.CASES_WRITE,
            Permission.SCREENING,
            Permission.NETWORK_READ,
            Permission.DIALOGUES_READ,
        }
    ),
    Role.JUSTICE_OFFICIAL: frozenset(
        {Permission.CASES_JUSTICE_VIEW, Permission.NETWORK_READ, Permission.DIALOGUES_READ}
    ),
    Role.SERVICE_PROVIDER: frozenset(
        {Permission.SERVICES_EDIT, Permission.REFERRALS_RECEIVE, Permission.DIALOGUES_READ}
    ),
    Role.PROGRAMME_OFFICER: frozenset(
        {
            Permission.NETWORK_READ,
            Permission.NETWORK_EDIT,
            Permission.DIALOGUES_READ,
            Permission.DIALOGUES_EDIT,
            Permission.ANALYTICS,
        }
    ),
    Role.ANALYST: frozenset(
        {
            Permission.ANALYTICS,
            Permission.RELEASE_REQUEST,
            Permission.RELEASE_APPROVE,
            Permission.SNAPSHOT,
            Permission.NETWORK_READ,
            Permission.DIALOGUES_READ,
        }
    ),
    Role.AUDITOR: frozenset({Permission.VIEW_AUDIT}),
}

#: Permissions that no role carries by default: granted one by one on a membership (C11).
GRANTABLE: frozenset[Permission] = frozenset(
    {Permission.SPECIAL_CATEGORY, Permission.CASES_EXPORT, Permission.CONSENT_OVERRIDE}
)


@dataclass(frozen=True)
class Principal:
    """The acting user as the rules see it."""

    user_id: uuid.UUID
    username: str
    agency_id: uuid.UUID
    agency_country: str
    roles: frozenset[Role]
    grants: frozenset[Permission] = field(default_factory=frozenset)
    is_operator: bool = False
    client: str = ""

    @property
    def permissions(self) -> frozenset[Permission]:
        granted: set[Permission] = set(self.grants)
        for role in self.roles:
            granted |= ROLE_PERMISSIONS[role]
        if self.is_operator and Role.ADMIN in self.roles:
            granted.add(Permission.MANAGE_AGENCIES)
        return frozenset(granted)


def has(principal: Principal, permission: Permission) -> bool:
    """True when the principal's roles or grants include ``permission``."""
    return permission in principal.permissions


def can_manage_agencies(principal: Principal) -> bool:
    """Agencies are created and edited by an administrator of the operator agency."""
    return has(principal, Permission.MANAGE_AGENCIES)


def can_view_agency(principal: Principal, agency_id: uuid.UUID) -> bool:
    """Everyone sees their own agency; agency managers see all (agency names are not secret,
    but member lists are)."""
    return agency_id == principal.agency_id or can_manage_agencies(principal)


def can_manage_users_of(principal: Principal, agency_id: uuid.UUID) -> bool:
    """An agency admin manages its own users; an operator admin manages every agency's users."""
    if can_manage_agencies(principal):
        return True
    return has(principal, Permission.MANAGE_USERS) and agency_id == principal.agency_id


def can_view_audit(principal: Principal) -> bool:
    """Auditors and administrators read the audit log."""
    return has(principal, Permission.VIEW_AUDIT)


def can_see_all_audit(principal: Principal) -> bool:
    """The operator's auditors and admins see every agency's events; others only their agency's."""
    return can_view_audit(principal) and principal.is_operator
