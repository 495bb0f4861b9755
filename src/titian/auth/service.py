"""Use cases for agencies and users. Services never commit; the door does."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from titian.audit import service as audit
from titian.auth import policies, repository
from titian.auth.models import Agency, Membership, User
from titian.auth.passwords import hash_password, password_problem
from titian.auth.policies import Permission, Principal, Role
from titian.auth.schemas import AgencyCreate, AgencyUpdate, UserCreate, UserRead, UserUpdate
from titian.errors import Conflict, FieldError, Forbidden, Invalid, NotFound
from titian.kit.clock import utcnow
from titian.kit.locking import ensure_version


def principal_for(user: User, client: str = "") -> Principal:
    """The rules' view of a user: roles and grants held in their home agency."""
    home = [m for m in user.memberships if m.agency_id == user.agency_id]
    grants = {Permission(g) for m in home for g in m.grants.split(",") if g}
    return Principal(
        user_id=user.id,
        username=user.username,
        agency_id=user.agency_id,
        agency_country=user.agency.country,
        roles=frozenset(m.role for m in home),
        grants=frozenset(grants),
        is_operator=user.agency.is_operator,
        client=client,
    )


def user_read(user: User) -> UserRead:
    home = [m for m in user.memberships if m.agency_id == user.agency_id]
    return UserRead(
        id=user.id,
        username=user.username,
        display_name=user.display_name,
        email=user.email,
        agency_id=user.agency_id,
        agency_name=user.agency.name,
        roles=sorted({m.role for m in home}),
        grants=sorted({Permission(g) for m in home for g in m.grants.split(",") if g}),
        is_active=user.is_active,
        locale=user.locale,
        version=user.version,
        created_at=user.created_at,
    )


def _require_agencies(actor: Principal | None) -> None:
    if actor is not None and not policies.can_manage_agencies(actor):
        raise Forbidden("only an administrator of the operator agency manages agencies")


def create_agency(session: Session, actor: Principal | None, data: AgencyCreate) -> Agency:
    """Register an agency (``actor`` None = the command line, run by the operator)."""
    _require_agencies(actor)
    agency = Agency(**data.model_dump())
    session.add(agency)
    _flush_unique(session, "name", "an agency with this name already exists in this country")
    audit.record(session, actor, "agency.create", "agency", agency.id, {"country": agency.country})
    return agency


def update_agency(
    session: Session, actor: Principal, agency_id: uuid.UUID, data: AgencyUpdate
) -> Agency:
    agency = repository.get_agency(session, actor, agency_id)
    _require_agencies(actor)
    changes = data.model_dump(exclude_unset=True, exclude={"version"})
    ensure_version(agency, data.version, changes, changes)
    for name, value in changes.items():
        setattr(agency, name, value)
    _flush_unique(session, "name", "an agency with this name already exists in this country")
    audit.record(session, actor, "agency.update", "agency", agency.id, {"fields": sorted(changes)})
    return agency


def _check_password(password: str) -> None:
    problem = password_problem(password)
    if problem:
        raise Invalid("password refused", [FieldError("password", f"password {problem}")])


def _set_roles(user: User, roles: Sequence[Role], grants: Sequence[Permission]) -> None:
    """Make the home-agency memberships exactly ``roles``, editing rows in place (deleting and
    re-inserting the same role in one flush would collide with the unique constraint)."""
    grant_text = ",".join(sorted({g.value for g in grants}))
    wanted = set(roles)
    for membership in list(user.memberships):
        if membership.agency_id == user.agency_id and membership.role not in wanted:
            user.memberships.remove(membership)
    present = {m.role for m in user.memberships if m.agency_id == user.agency_id}
    for membership in user.memberships:
        if membership.agency_id == user.agency_id:
            membership.grants = grant_text
    for role in sorted(wanted - present):
        user.memberships.append(Membership(agency_id=user.agency_id, role=role, grants=grant_text))


def create_user(
    session: Session, actor: Principal | None, data: UserCreate, *, password_hash: str | None = None
) -> User:
    """Create an account in an agency the actor administers (``actor`` None = command line).

    ``password_hash``: an Argon2 hash of ``data.password`` already computed by the caller (the
    demo's logins share one password, and one hash costs ~0.2 s); otherwise it is hashed here."""
    agency = session.get(Agency, data.agency_id)
    if agency is None:
        raise Invalid("unknown agency", [FieldError("agency_id", "no such agency")])
    if actor is not None and not policies.can_manage_users_of(actor, agency.id):
        raise (
            NotFound("no such agency")
            if agency.id != actor.agency_id
            else Forbidden("your role does not allow managing users")
        )
    _check_password(data.password)
    user = User(
        username=data.username.lower(),
        display_name=data.display_name,
        email=data.email,
        password_hash=password_hash or hash_password(data.password),
        agency_id=agency.id,
        locale=data.locale,
    )
    user.agency = agency
    _set_roles(user, data.roles, data.grants)
    session.add(user)
    _flush_unique(session, "username", "this username is taken")
    audit.record(
        session,
        actor,
        "user.create",
        "user",
        user.id,
        {"roles": sorted(r.value for r in data.roles), "agency_id": str(agency.id)},
    )
    return user


def update_user(session: Session, actor: Principal, user_id: uuid.UUID, data: UserUpdate) -> User:
    user = repository.get_user(session, actor, user_id)
    if not policies.can_manage_users_of(actor, user.agency_id):
        raise Forbidden("your role does not allow managing users")
    changes = data.model_dump(exclude_unset=True, exclude={"version", "password"})
    current = user_read(user).model_dump()
    ensure_version(_Snapshot(current, user.version), data.version, changes, changes)
    if data.password is not None:
        _check_password(data.password)
        user.password_hash = hash_password(data.password)
    for name in ("display_name", "email", "is_active", "locale"):
        if name in changes:
            setattr(user, name, changes[name])
    if data.roles is not None or data.grants is not None:
        _set_roles(user, data.roles or current["roles"], data.grants or current["grants"])
    user.updated_at = utcnow()  # the version bumps even when only memberships changed
    session.flush()
    fields = sorted(changes) + (["password"] if data.password is not None else [])
    audit.record(session, actor, "user.update", "user", user.id, {"fields": fields})
    return user


class _Snapshot:
    """A read model with a version, so role lists compare like the submitted ones."""

    def __init__(self, values: dict[str, object], version: int) -> None:
        self.__dict__.update(values)
        self.version = version


def list_users(
    session: Session, actor: Principal, agency_id: uuid.UUID | None = None
) -> Sequence[User]:
    """Users the actor administers; the listing itself is audited (it shows who works where)."""
    users = repository.list_users(session, actor, agency_id)
    audit.record(session, actor, "user.list", "user", "", {"count": len(users)})
    return users


def get_user(session: Session, actor: Principal, user_id: uuid.UUID) -> User:
    user = repository.get_user(session, actor, user_id)
    audit.record(session, actor, "user.read", "user", user.id)
    return user


def _flush_unique(session: Session, field: str, message: str) -> None:
    try:
        with session.begin_nested():
            session.flush()
    except IntegrityError as exc:
        raise Conflict(message, {"field": field}) from exc


def require_active(user: User | None) -> User:
    if user is None or not user.is_active or not user.agency.is_active:
        raise NotFound("no such user")
    return user
