"""Demo victim cases: 320 synthetic cases across the eight demo countries (issue 3, item 10).

Every group of the brief is covered in every country: women and girls, men and boys, people with
a disability in each WG-SS domain, ethnic minorities speaking minority languages, migrants,
stateless people, LGBTQI people (only where the country allows SOGIESC) and children. Cases have
consent records (some withdrawn, some behind a referral grant), checklists in various states and
a few C6 detention alerts. Names are obviously synthetic (a fictional given name + "Demo"); the
randomness is seeded. Idempotent: each demo case has a stable number ``XX-DEMO-NNN`` and is
created only when missing.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from titian.auth import service as auth_service
from titian.auth.models import Agency, User
from titian.auth.policies import Permission, Principal, Role
from titian.auth.schemas import UserCreate
from titian.cases import service, service_checklist, service_consent
from titian.cases.models import Case, CaseStatus
from titian.cases.profile import CaseProfile, normalize_language
from titian.cases.schemas import CaseCreate, CaseIdentity, ChecklistRecord, ConsentCreate
from titian.cases.vocab import WgDomain
from titian.countries.registry import get_country
from titian.countries.schemas import CountrySettings, SogiescPolicy
from titian.demo.agencies import DEMO_COUNTRIES
from titian.demo.loader import DEMO_PASSWORD, DemoState, demo_password_hash

SEED = 2026
GIVEN_NAMES = (
    "Alora", "Bexley", "Corvin", "Dalia", "Elowen", "Fenna", "Garrin", "Halcy", "Ilsabet",
    "Jorvik", "Kestrel", "Lumi", "Marlo", "Nerys", "Oriel", "Pellam", "Quenby", "Rowan", "Sorrel",
    "Tamsin", "Ulric", "Vesna", "Wren", "Xanthe", "Yarrow", "Zinnia",
)  # fmt: skip
GROUPS = (
    "woman", "girl", "man", "boy", "seeing", "hearing", "mobility", "cognition", "self_care",
    "communication", "minority", "migrant", "stateless", "lgbtqi", "child", "detained",
)  # fmt: skip
CaseWorkerKey = tuple[str, str]


def _principal(session: Session, state: DemoState, agency: Agency) -> Principal:
    """The demo case worker of an owning agency (created once, password as the other logins)."""
    known = {"TH-shelter": "caseworker", "KH-ngo": "caseworker_kh"}
    name = known.get(agency.short_name) or f"demo_cw_{agency.short_name.lower().replace('-', '_')}"
    user = (
        state.users.get(name) or session.scalars(select(User).where(User.username == name)).first()
    )
    if user is None:
        user = auth_service.create_user(
            session,
            None,
            UserCreate(
                username=name,
                display_name=f"Demo case worker ({agency.short_name})",
                password=DEMO_PASSWORD,
                agency_id=agency.id,
                roles=[Role.CASE_WORKER],
                grants=[Permission.SPECIAL_CATEGORY],
            ),
            password_hash=demo_password_hash(),
        )
    return auth_service.principal_for(user)


def _languages(country: CountrySettings) -> tuple[str, list[str]]:
    official = normalize_language(country.official_languages[0])
    minority: list[str] = []
    for code in country.minority_languages:
        try:
            minority.append(normalize_language(code))
        except ValueError:
            continue
    return official, minority or [official]


def _neighbour(cc: str, rng: random.Random) -> str:
    return rng.choice([c for c in DEMO_COUNTRIES if c != cc])


def _group_profile(group: str, cc: str, rng: random.Random, today: date) -> dict[str, Any]:
    country = get_country(cc)
    official, minority = _languages(country)
    adult_birth = today - timedelta(days=rng.randint(19 * 365, 55 * 365))
    child_birth = today - timedelta(days=rng.randint(9 * 365, 17 * 365))
    base: dict[str, Any] = {
        "gender": rng.choice(["woman", "man"]),
        "date_of_birth": adult_birth.isoformat(),
        "preferred_language": official,
        "citizenship_status": "known",
        "citizenships": [cc],
        "identification_status": rng.choice(["presumed", "confirmed", "confirmed", "possible"]),
        "custody_status": rng.choice(["shelter_open", "not_in_custody", "shelter_closed"]),
        "interviewer_gender_preference": rng.choice(["female", "male", "no_preference", None]),
        "needs": rng.sample(["shelter", "medical", "psychosocial", "legal_aid", "livelihood"], 3),
        "trafficking": {
            "exploitation_forms": [rng.choice(["forced_labour", "sexual_exploitation"])],
            "sectors": [rng.choice(["fishing", "domestic_work", "factory", "online_scam"])],
            "countries_of_exploitation": [rng.choice([cc, _neighbour(cc, rng)])],
        },
    }
    return base | _GROUP_CHANGES[group](cc, rng, child_birth, minority)


def _wg(domain: WgDomain) -> Callable[..., dict[str, Any]]:
    def change(cc: str, rng: random.Random, child: date, minority: list[str]) -> dict[str, Any]:
        level = rng.choice(["some_difficulty", "a_lot_of_difficulty", "cannot_do_at_all"])
        answers = {d.value: "no_difficulty" for d in WgDomain}
        return {"wg_ss": answers | {domain.value: level}}

    return change


def _lgbtqi(cc: str, rng: random.Random, child: date, minority: list[str]) -> dict[str, Any]:
    if get_country(cc).sogiesc != SogiescPolicy.ALLOWED:
        return {"gender": "non_binary", "pronouns": "they/them"}
    return {
        "gender": rng.choice(["woman", "man", "non_binary"]),
        "sogiesc_consent": True,
        "sogiesc": {"lgbtqi": True, "self_described_identity": "queer (demo)"},
    }


_GROUP_CHANGES: dict[str, Callable[..., dict[str, Any]]] = {
    "woman": lambda cc, rng, child, m: {"gender": "woman"},
    "girl": lambda cc, rng, child, m: {"gender": "woman", "date_of_birth": child.isoformat()},
    "man": lambda cc, rng, child, m: {
        "gender": "man",
        "charges": [{"offence_type": "immigration", "non_punishment_applicable": True}],
    },
    "boy": lambda cc, rng, child, m: {"gender": "man", "date_of_birth": child.isoformat()},
    **{d.value: _wg(d) for d in WgDomain},
    "minority": lambda cc, rng, child, m: {"preferred_language": rng.choice(m)},
    "migrant": lambda cc, rng, child, m: {
        "citizenships": [_neighbour(cc, rng)],
        "migration_statuses": ["labour_migrant"],
        "objects_to_origin_notification": rng.choice([True, False, None]),
    },
    "stateless": lambda cc, rng, child, m: {
        "citizenship_status": "stateless",
        "citizenships": [],
        "migration_statuses": ["stateless_person"],
    },
    "lgbtqi": _lgbtqi,
    "child": lambda cc, rng, child, m: {
        "date_of_birth": None,
        "age_band": "9-17",
        "migration_statuses": ["separated_or_unaccompanied_child"],
    },
    "detained": lambda cc, rng, child, m: {
        "gender": "man",
        "identification_status": "presumed",
        "custody_status": rng.choice(["immigration_detention", "police_cell"]),
        "charges": [{"offence_type": "document_fraud", "non_punishment_applicable": True}],
    },
}


def _identity(index: int, rng: random.Random) -> CaseIdentity:
    given = rng.choice(GIVEN_NAMES)
    return CaseIdentity(
        given_name=given,
        family_name="Demo",
        aliases=(f"{given[:3]} Demo",),
        phones=(f"+000 555 {index:04d}",),
    )


def _agencies(state: DemoState, session: Session, cc: str) -> dict[str, Agency]:
    wanted = ("shelter", "ngo", "prosecution", "police", "legalaid")
    found: dict[str, Agency] = {}
    for key in wanted:
        agency = (
            state.agencies.get(f"{cc}-{key}")
            or session.scalars(select(Agency).where(Agency.short_name == f"{cc}-{key}")).first()
        )
        if agency is not None:
            found[key] = agency
    return found


def _exists(session: Session, number: str) -> bool:
    return session.scalars(select(Case.id).where(Case.number == number)).first() is not None


def load_cases(session: Session, state: DemoState) -> None:
    """Create the demo cases that are missing (stable numbers make it idempotent)."""
    today = service.today()
    created = 0
    for cc in DEMO_COUNTRIES:
        rng = random.Random(f"{SEED}-{cc}")
        agencies = _agencies(state, session, cc)
        if "shelter" not in agencies:
            continue
        for index in range(1, state.cases_per_country + 1):
            number = f"{cc}-DEMO-{index:03d}"
            spec = _spec(
                rng, cc, index, today, state.cases_per_country
            )  # drawn every time, so the sequence is stable
            if _exists(session, number):
                continue
            _create(session, state, agencies, number, spec)
            created += 1
    state.summary["cases"] = len(session.scalars(select(Case.id)).all())
    if created:
        state.summary["new cases"] = created


def _spec(rng: random.Random, cc: str, index: int, today: date, count: int) -> dict[str, Any]:
    group = GROUPS[(index - 1) % len(GROUPS)]
    return {
        "group": group,
        "profile": _group_profile(group, cc, rng, today),
        "identity": _identity(index, rng),
        "identified_on": today - timedelta(days=rng.randint(0, 120)),
        "owner": "ngo" if index % 3 == 0 and group != "lgbtqi" else "shelter",
        "justice": rng.choice(["prosecution", "police", None]),
        "consent": rng.random(),
        "closed_years_ago": 9 if index == count else None,
        "states": [rng.choice(["done", "declined", "unavailable", None]) for _ in range(4)],
    }


def _create(
    session: Session,
    state: DemoState,
    agencies: dict[str, Agency],
    number: str,
    spec: dict[str, Any],
) -> None:
    owner = agencies.get(spec["owner"]) or agencies["shelter"]
    principal = _principal(session, state, owner)
    justice = agencies.get(spec["justice"]) if spec["justice"] else None
    data = CaseCreate(
        profile=CaseProfile.model_validate(spec["profile"]),
        identity=spec["identity"],
        identified_on=spec["identified_on"],
        justice_agency_id=justice.id if justice else None,
    )
    case = service.create_case(session, principal, data)
    case.number = number
    _consents(session, principal, case, agencies, spec)
    _checklist(session, principal, case, spec["states"])
    if spec["closed_years_ago"]:
        case.status = CaseStatus.CLOSED
        case.closed_on = service.today().replace(year=service.today().year - 9, day=1)
    session.flush()


def _consents(
    session: Session,
    principal: Principal,
    case: Case,
    agencies: dict[str, Agency],
    spec: dict[str, Any],
) -> None:
    legal = agencies.get("legalaid")
    if legal is None or spec["consent"] < 0.3:
        return
    child = case.minor
    body: dict[str, Any] = {
        "purpose": "referral",
        "receiver_agency_id": legal.id,
        "service_types": ["legal_aid"],
        "data_categories": ["identity", "profile", "trafficking_details"],
        "language": spec["profile"]["preferred_language"],
        "interpreter_present": spec["group"] == "minority",
        "informed_of": ["purpose", "data_use", "how_to_withdraw"],
    }
    if child:
        body["child_assent"] = {"assent_given": True}
        body["best_interests_decision"] = {
            "decided_by": "Demo child protection panel",
            "decided_on": case.identified_on,
        }
    row = service_consent.record_consent(
        session, principal, case.id, ConsentCreate.model_validate(body)
    )
    if spec["consent"] > 0.55:
        service_consent.grant_access(session, principal, case.id, legal.id, row.consent_id)
    if spec["consent"] > 0.9:
        from titian.cases.schemas import ConsentWithdraw

        service_consent.withdraw_consent(
            session, principal, case.id, row.consent_id, ConsentWithdraw(reason="demo withdrawal")
        )


def _checklist(
    session: Session, principal: Principal, case: Case, states: list[str | None]
) -> None:
    items = service_checklist.checklist(session, principal, case.id)
    for item, status in zip(items, states, strict=False):
        if status is not None and item.status != "done":
            service_checklist.record_item(
                session, principal, case.id, item.item_id, ChecklistRecord(status=status)
            )


STEPS = [(40, load_cases)]
