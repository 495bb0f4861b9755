"""``titian demo``: load the demo data, step by step, idempotently.

Later areas append their own steps to :data:`STEPS`; each step looks up what exists before it
creates anything, so running the command twice changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from titian.auth import service as auth_service
from titian.auth.models import Agency, User
from titian.auth.passwords import hash_password
from titian.auth.policies import Permission, Role
from titian.auth.schemas import AgencyCreate, UserCreate
from titian.demo.agencies import DEMO_COUNTRIES, OPERATOR, PLACE, DemoAgency, demo_agencies

DEMO_PASSWORD = "titian-demo-2026"  # noqa: S105 (printed demo login, fictional data)


@cache
def demo_password_hash() -> str:
    """One Argon2 hash of the shared demo password, computed once for all demo logins."""
    return hash_password(DEMO_PASSWORD)


@dataclass(frozen=True)
class DemoLogin:
    username: str
    agency_key: str
    roles: tuple[Role, ...]
    description: str
    grants: tuple[Permission, ...] = ()


DEMO_LOGINS: tuple[DemoLogin, ...] = (
    DemoLogin("admin", "ASEAN-operator", (Role.ADMIN,), "platform administrator"),
    DemoLogin(
        "caseworker",
        "TH-shelter",
        (Role.CASE_WORKER,),
        "case worker at a shelter in Thailand",
        (Permission.SPECIAL_CATEGORY, Permission.CASES_EXPORT),
    ),
    DemoLogin("caseworker_kh", "KH-ngo", (Role.CASE_WORKER,), "case worker at an NGO in Cambodia"),
    DemoLogin("prosecutor", "TH-prosecution", (Role.JUSTICE_OFFICIAL,), "prosecutor in Thailand"),
    DemoLogin("police", "TH-police", (Role.JUSTICE_OFFICIAL,), "police investigator in Thailand"),
    DemoLogin(
        "provider",
        "TH-health",
        (Role.SERVICE_PROVIDER,),
        "service provider at a health centre in Thailand",
    ),
    DemoLogin("programme", "ASEAN-operator", (Role.PROGRAMME_OFFICER,), "programme officer"),
    DemoLogin("analyst", "ASEAN-operator", (Role.ANALYST,), "analyst"),
    DemoLogin("auditor", "ASEAN-operator", (Role.AUDITOR,), "auditor"),
    DemoLogin("shelter_admin", "TH-shelter", (Role.ADMIN,), "administrator of a Thai shelter"),
)


@dataclass
class DemoState:
    """What earlier steps made, for later steps to use; ``cases_per_country`` sizes the demo
    (40 for ``titian demo``; the browser crawl test loads a smaller one)."""

    cases_per_country: int = 40
    agencies: dict[str, Agency] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)
    summary: dict[str, int] = field(default_factory=dict)


Step = Callable[[Session, DemoState], None]


def _ensure_agency(session: Session, spec: DemoAgency, country: str, area: str | None) -> Agency:
    found = session.scalars(
        select(Agency).where(Agency.country == country, Agency.name == spec.name)
    ).first()
    if found:
        return found
    return auth_service.create_agency(
        session,
        None,
        AgencyCreate(
            name=spec.name,
            short_name=spec.key,
            country=country,
            sector=spec.sector,
            kind=spec.kind,
            area=area,
            is_operator=spec.kind.value == "operator",
        ),
    )


def load_agencies(session: Session, state: DemoState) -> None:
    state.agencies[OPERATOR.key] = _ensure_agency(session, OPERATOR, "TH", None)
    for country in DEMO_COUNTRIES:
        for spec in demo_agencies(country):
            state.agencies[spec.key] = _ensure_agency(session, spec, country, PLACE[country][1])
    state.summary["agencies"] = len(state.agencies)


def load_users(session: Session, state: DemoState) -> None:
    for login in DEMO_LOGINS:
        user = session.scalars(select(User).where(User.username == login.username)).first()
        if user is None:
            user = auth_service.create_user(
                session,
                None,
                UserCreate(
                    username=login.username,
                    display_name=f"Demo {login.description}",
                    password=DEMO_PASSWORD,
                    agency_id=state.agencies[login.agency_key].id,
                    roles=list(login.roles),
                    grants=list(login.grants),
                ),
                password_hash=demo_password_hash(),
            )
        state.users[login.username] = user
    state.summary["users"] = len(state.users)


#: Steps of this module, as (order, step). Other modules of ``titian.demo`` add their own.
STEPS: list[tuple[int, Step]] = [(10, load_agencies), (20, load_users)]


def all_steps() -> list[Step]:
    """Every demo step of every module in ``titian.demo``, in order."""
    from titian.kit.discovery import submodules

    ordered: list[tuple[int, Step]] = []
    for module in submodules("titian.demo"):
        ordered += getattr(module, "STEPS", [])
    return [step for _, step in sorted(ordered, key=lambda pair: pair[0])]


def load(session: Session, state: DemoState | None = None) -> DemoState:
    """Run every step in order inside the caller's transaction."""
    state = state or DemoState()
    for step in all_steps():
        step(session, state)
    return state
