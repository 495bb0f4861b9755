"""Demo step 60: twelve policy dialogues in the demo countries, with sessions, participants,
commitments in every state (some overdue) and learning notes. Held dialogues add co-participant
relationships to the network. Dates are relative to the day the demo is loaded. Fictional."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from titian.actors import repository as actors_repository
from titian.actors.dedupe import normalise_name
from titian.actors.models import Actor
from titian.actors.vocab import Gender
from titian.demo.actors import EXTRA
from titian.demo.agencies import PLACE
from titian.demo.loader import DemoState
from titian.dialogues import service
from titian.dialogues.models import Dialogue
from titian.dialogues.schemas import (
    CommitmentCreate,
    DialogueCreate,
    ParticipantCreate,
    SessionCreate,
)
from titian.dialogues.vocab import CommitmentStatus as S
from titian.dialogues.vocab import DialogueFormat
from titian.kit.clock import utcnow

W, M, N, U = Gender.WOMAN, Gender.MAN, Gender.NON_BINARY, Gender.UNDISCLOSED


@dataclass(frozen=True)
class DemoDialogue:
    country: str
    title: str
    days: int  # held this many days from today (negative: in the past)
    topics: tuple[str, ...]
    people: tuple[tuple[str, Gender], ...]  # (agency key suffix or extra key, gender)
    commitments: tuple[tuple[str, str, int, S], ...]  # (text, owner, due in days, status)
    owner: str = "ASEAN-operator"
    format: DialogueFormat = DialogueFormat.IN_PERSON


DIALOGUES: tuple[DemoDialogue, ...] = (
    DemoDialogue(
        "TH",
        "Referral pathway review, northern provinces",
        -120,
        ("referral", "non-punishment"),
        (
            ("police", M),
            ("police", W),
            ("prosecution", M),
            ("welfare", W),
            ("shelter", W),
            ("ngo", W),
            ("legalaid", M),
        ),
        (
            ("Publish a joint referral SOP", "welfare", -30, S.OPEN),
            ("Train 40 investigators on victim-centred interviews", "police", -10, S.IN_PROGRESS),
            ("Share the shelter capacity list monthly", "shelter", 20, S.OPEN),
            ("Agree interpreters' roster", "ngo", -60, S.DONE),
        ),
    ),
    DemoDialogue(
        "TH",
        "Labour exploitation in fishing: inspection and support",
        -75,
        ("forced labour", "migrant workers"),
        (("labour", M), ("union", M), ("migrants", W), ("intl", W), ("mol", M), ("employer", M)),
        (
            ("Joint inspections with interpreters on board", "labour", -5, S.OPEN),
            ("Hotline in Myanmar and Khmer", "migrants", 40, S.IN_PROGRESS),
        ),
        format=DialogueFormat.HYBRID,
    ),
    DemoDialogue(
        "TH",
        "Disability inclusion in victim services",
        -40,
        ("disability", "accessibility"),
        (("dpo", W), ("health", W), ("welfare", M), ("shelter", U)),
        (
            ("Accessible shelter audit", "shelter", 10, S.OPEN),
            ("Sign language interpreters on call", "health", -2, S.DROPPED),
        ),
        owner="TH-welfare",
    ),
    DemoDialogue(
        "TH",
        "Annual national coordination meeting",
        30,
        ("coordination",),
        (("committee", M), ("police", M), ("welfare", W)),
        (("Draft the national action plan annex", "committee", 90, S.OPEN),),
    ),
    DemoDialogue(
        "KH",
        "Cross-border returns with Thailand",
        -90,
        ("return", "reintegration"),
        (("ngo", W), ("welfare", W), ("immigration", M), ("intl", M), ("police", M)),
        (
            ("Common return checklist", "welfare", -45, S.OPEN),
            ("Reintegration grants for men returnees", "intl", 15, S.IN_PROGRESS),
        ),
        owner="KH-ngo",
    ),
    DemoDialogue(
        "KH",
        "Child victims in court",
        -20,
        ("children", "justice"),
        (("court", W), ("prosecution", M), ("legalaid", W), ("ngo", W)),
        (("Child-friendly waiting room", "court", 60, S.OPEN),),
        format=DialogueFormat.ONLINE,
    ),
    DemoDialogue(
        "LA",
        "Services for men and boys",
        -50,
        ("men", "boys"),
        (("welfare", W), ("ngo", M), ("police", M), ("union", M)),
        (("Map services accepting men", "ngo", -15, S.OPEN),),
    ),
    DemoDialogue(
        "MM",
        "Ethnic minority interpreters in victim support",
        -35,
        ("language", "ethnic minorities"),
        (("ethnic", M), ("ngo", W), ("health", W), ("prosecution", M)),
        (
            ("Interpreter roster in four languages", "ethnic", -3, S.IN_PROGRESS),
            ("Translate the rights leaflet", "ngo", 25, S.DONE),
        ),
    ),
    DemoDialogue(
        "ID",
        "Recruitment fees and debt bondage",
        -60,
        ("recruitment", "migrant workers"),
        (("labour", M), ("migrants", W), ("recruit", M), ("intl", W), ("legalaid", N)),
        (
            ("Zero-fee recruitment pledge", "recruit", -20, S.OPEN),
            ("Legal clinic for returnees", "legalaid", 30, S.OPEN),
        ),
    ),
    DemoDialogue(
        "PH",
        "Online sexual exploitation of children",
        -25,
        ("online exploitation", "children"),
        (("police", W), ("prosecution", W), ("welfare", W), ("ngo", W), ("faith", W)),
        (("Case conference protocol", "welfare", 5, S.OPEN),),
        format=DialogueFormat.ONLINE,
    ),
    DemoDialogue(
        "VN",
        "Reintegration and livelihood",
        -15,
        ("reintegration",),
        (("women", W), ("welfare", W), ("health", M), ("intl", W)),
        (("Livelihood grant criteria published", "welfare", -1, S.OPEN),),
    ),
    DemoDialogue(
        "MY",
        "Shelter rules and freedom of movement",
        14,
        ("shelter", "freedom of movement"),
        (("shelter", W), ("immigration", M), ("legalaid", W), ("migrants", M), ("lgbtqi", N)),
        (("Review the shelter stay rule", "welfare", 45, S.OPEN),),
    ),
)


def _actor(session: Session, state: DemoState, country: str, key: str) -> Actor | None:
    agency = state.agencies.get(f"{country}-{key}")
    if agency is not None:
        return actors_repository.by_agency(session, agency.id)

    for extra_key, pattern, _, _ in EXTRA:
        if extra_key == key:
            name = pattern.format(place=PLACE[country][0], country=country)
            return actors_repository.by_key(session, country, normalise_name(name))
    return None


def _load_one(session: Session, state: DemoState, spec: DemoDialogue, today: date) -> None:
    held = today + timedelta(days=spec.days)
    dialogue = service.create_dialogue(
        session,
        None,
        DialogueCreate(
            title=spec.title,
            country=spec.country,
            topics=list(spec.topics),
            held_on=held,
            format=spec.format,
            agenda="Opening; where cases get stuck; what each agency commits to; next steps.",
            outcomes="Agreed to meet again in six months." if spec.days < 0 else "",
            learning_notes=(
                "Support agencies spoke less than justice agencies; next time, start with them."
                if spec.days < 0
                else ""
            ),
        ),
        agency_id=state.agencies[spec.owner].id,
    )
    service.add_session(session, None, dialogue.id, SessionCreate(title="Plenary", held_on=held))
    for key, gender in spec.people:
        actor = _actor(session, state, spec.country, key)
        if actor is not None:
            service.add_participant(
                session, None, dialogue.id, ParticipantCreate(actor_id=actor.id, gender=gender)
            )
    for text, owner, due, status in spec.commitments:
        owner_actor = _actor(session, state, spec.country, owner)
        service.add_commitment(
            session,
            None,
            dialogue.id,
            CommitmentCreate(
                description=text,
                owner_actor_id=owner_actor.id if owner_actor else None,
                due_on=today + timedelta(days=due),
                status=status,
            ),
        )
    if spec.days < 0:
        service.hold_dialogue(session, None, dialogue.id)


def load_dialogues(session: Session, state: DemoState) -> None:
    """The demo dialogues (idempotent: a dialogue with the same title and country is kept)."""
    today = utcnow().date()
    count = 0
    for spec in DIALOGUES:
        found = session.scalars(
            select(Dialogue).where(Dialogue.country == spec.country, Dialogue.title == spec.title)
        ).first()
        if found is None:
            _load_one(session, state, spec, today)
        count += 1
    state.summary["dialogues"] = count


STEPS = [(60, load_dialogues)]
