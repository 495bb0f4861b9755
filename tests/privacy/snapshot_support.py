"""Synthetic cases with known identifying values, for the snapshot tests (never real data)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
from sqlalchemy.orm import Session

from tests.network.factory import create_actor
from tests.support.factories import create_agency, create_user
from titian.actors.vocab import Gender as ActorGender
from titian.auth.models import Agency, AgencyKind
from titian.auth.policies import Permission, Principal, Role
from titian.auth.service import principal_for
from titian.cases import service, service_checklist, service_consent
from titian.cases.models import Case, CaseInterview, InterviewPurpose
from titian.cases.profile import CaseProfile
from titian.cases.schemas import CaseCreate, CaseIdentity, ChecklistRecord, ConsentCreate
from titian.dialogues import service as dialogues_service
from titian.dialogues.schemas import DialogueCreate, ParticipantCreate
from titian.network.vocab import ActorKind, Group
from titian.referrals.models import Referral
from titian.referrals.tracking import ReferralState

FULL = ["profile", "trafficking_details", "disability", "justice"]


@dataclass
class Loaded:
    """What was put in: the cases, the identifying values and free text, who consented."""

    worker: Principal
    cases: list[Case] = field(default_factory=list)
    consenting: list[Case] = field(default_factory=list)
    secrets: list[str] = field(default_factory=list)


def identity(i: int) -> CaseIdentity:
    return CaseIdentity(
        given_name=f"Zorvane{i:02d}",
        family_name=f"Quellmarsh{i:02d}-Demo",
        aliases=(f"Moth Whisper {i:02d}",),
        phones=(f"+66-81-777-{i:04d}",),
        emails=(f"zorvane{i:02d}.demo@example.invalid",),
        identity_documents=(f"passport QZ{880000 + i}",),
        addresses=(f"{i} Velvet Heron Street, Nowhere",),
    )


def birth(i: int) -> date:
    return date(1980 + i % 20, 1 + i % 12, 3 + i % 25)


def _profile(i: int, sogiesc: bool) -> CaseProfile:
    data: dict[str, Any] = {
        "gender": ("woman", "man", "non_binary", "another_term")[i % 4],
        "date_of_birth": birth(i).isoformat(),
        "preferred_language": "my",
        "citizenship_status": "known",
        "citizenships": ["MM"],
        "ethnicity_text": f"Free ethnicity words {i:02d}",
        "pronouns": f"zy{i:02d}/zem",
        "identification_status": "presumed",
        "custody_status": "police_cell" if i % 5 == 0 else "shelter_open",
        "wg_ss": {"seeing": "some_difficulty", "mobility": "cannot_do_at_all"},
        "trafficking": {
            "exploitation_forms": ["forced_labour", "forced_criminality"][: 1 + i % 2],
            "sectors": ["fishing"],
            "countries_of_exploitation": ["TH"],
            "recruited_on": "2025-10-17",
        },
        "charges": [{"offence_type": "immigration", "description": f"Charge note {i:02d}"}],
    }
    if data["gender"] == "another_term":
        data["gender_term"] = f"Selfterm{i:02d}"
    if sogiesc:
        data["sogiesc_consent"] = True
        data["sogiesc"] = {"lgbtqi": True, "self_described_identity": f"Sogiword{i:02d}"}
        data["sex_at_birth"] = "male"
    return CaseProfile.model_validate(data)


def texts(i: int) -> list[str]:
    """Every identifying value and free text of case ``i`` (scanned for in the snapshot)."""
    ident = identity(i)
    born = birth(i)
    values = [
        ident.given_name or "",
        (ident.family_name or "").split("-")[0],
        *ident.aliases,
        *(p[-8:] for p in ident.phones),
        *(e.split("@")[0] for e in ident.emails),
        *(d.split()[-1] for d in ident.identity_documents),
        *(a.split(",")[0] for a in ident.addresses),
        born.isoformat(),
        born.strftime("%d/%m/%Y"),
        f"Free ethnicity words {i:02d}",
        f"zy{i:02d}/zem",
        f"Charge note {i:02d}",
        f"Selfterm{i:02d}",
        f"Sogiword{i:02d}",
        f"Emergency plan words {i:02d}",
        f"Mismatch reason {i:02d}",
        f"Checklist note {i:02d}",
        f"Decline reason {i:02d}",
    ]
    return [v for v in values if v]


def _consent(db: Session, worker: Principal, case: Case, purpose: str, cats: list[str]) -> None:
    body: dict[str, Any] = {
        "purpose": purpose,
        "receiver_agency_id": case.owner_agency_id,
        "data_categories": cats,
        "language": "my",
        "interpreter_present": True,
    }
    if purpose == "referral":
        body["service_types"] = ["legal_aid"]
    service_consent.record_consent(db, worker, case.id, ConsentCreate.model_validate(body))


def _interview(db: Session, case: Case, i: int) -> None:
    db.add(
        CaseInterview(
            case_id=case.id,
            purpose=InterviewPurpose.STATEMENT,
            held_on=date(2026, 4, 2),
            language="my",
            interviewer_languages=["th"],
            interpreter_present=True,
            interpreter_language="my",
            gender_preference="female",
            gender_mismatch_reason=f"Mismatch reason {i:02d}",
            emergency_plan=f"Emergency plan words {i:02d}",
        )
    )


def _referral(db: Session, case: Case, agency: Agency, i: int, accepted: bool) -> None:
    sent = datetime(2026, 4, 20 + i % 5, 9, 30, tzinfo=UTC)
    db.add(
        Referral(
            case_id=case.id,
            need="legal_aid",
            country="TH",
            area="TH-10",
            from_agency_id=agency.id,
            state=ReferralState.ACCEPTED if accepted else ReferralState.DECLINED,
            sent_at=sent,
            accepted_at=sent if accepted else None,
            decline_reason=None if accepted else f"Decline reason {i:02d}",
        )
    )


def _gap_referral(db: Session, case: Case, agency: Agency) -> None:
    """A referral started but never sent: matching found no suitable service (C10)."""
    db.add(
        Referral(
            case_id=case.id,
            need="shelter",
            country="TH",
            area="TH-10",
            from_agency_id=agency.id,
            state=ReferralState.DRAFT,
            gap={"country": "TH", "area": "TH-10", "service_type": "shelter", "kind": "none"},
        )
    )


def load_cases(db: Session, count: int = 16) -> Loaded:
    """``count`` cases: most with a statistics consent, some referral-only, one withdrawn; most
    referred, some with a referral that found no service (never sent, or beside a sent one)."""
    agency = create_agency(db, "Snapshot shelter", country="TH", kind=AgencyKind.SHELTER)
    user = create_user(db, agency, [Role.CASE_WORKER], grants=[Permission.SPECIAL_CATEGORY])
    worker = principal_for(user)
    loaded = Loaded(worker)
    for i in range(count):
        data = CaseCreate(
            profile=_profile(i, sogiesc=i % 3 == 0),
            identity=identity(i),
            identified_on=date(2026, 3, 1 + i),
        )
        case = service.create_case(db, worker, data)
        db.flush()
        loaded.cases.append(case)
        loaded.secrets += texts(i)
        _interview(db, case, i)
        item = service_checklist.checklist(db, worker, case.id)[0]
        note = ChecklistRecord(status="done", note=f"Checklist note {i:02d}")
        service_checklist.record_item(db, worker, case.id, item.item_id, note)
        if i % 4 != 3:
            _referral(db, case, agency, i, accepted=i % 2 == 0)
        if i % 8 in (3, 4):
            _gap_referral(db, case, agency)
        if i % 7 == 6:
            _consent(db, worker, case, "referral", ["identity", "profile"])
            continue
        _consent(db, worker, case, "research_and_statistics", FULL if i % 2 else ["profile"])
        loaded.consenting.append(case)
    db.flush()
    return loaded


def cells(path: Path) -> list[str]:
    """Every cell of a Parquet file as text, the column names and the key-value metadata."""
    table = pq.read_table(path)
    out = [str(v) for column in table.columns for v in column.to_pylist()]
    out += table.column_names
    metadata = pq.read_metadata(path).metadata or {}
    out += [
        k.decode(errors="replace") + "=" + v.decode(errors="replace") for k, v in metadata.items()
    ]
    return out


@dataclass
class LoadedDialogues:
    """Synthetic dialogues: how many held, how many seats at them, and the names, titles and
    free text that must never reach the companion file."""

    held: int = 0
    seats: int = 0
    secrets: list[str] = field(default_factory=list)


def load_dialogues(db: Session, agency: Agency) -> LoadedDialogues:
    """Two held dialogues (three seats each) and a planned one (not in the companion), between a
    shelter serving children and women, a police unit and an academic institute serving
    migrants; participants with names, one gender undisclosed."""
    shelter = create_actor(db, "Velvet Heron Shelter Demo", ActorKind.SHELTER,
                           groups=(Group.CHILDREN, Group.WOMEN))  # fmt: skip
    police = create_actor(db, "Quellmarsh Police Unit Demo", ActorKind.POLICE)
    academia = create_actor(db, "Zorvane Institute Demo", ActorKind.ACADEMIA,
                            groups=(Group.MIGRANT,))  # fmt: skip
    loaded = LoadedDialogues()
    loaded.secrets += [a.name for a in (shelter, police, academia)]
    for i, held in enumerate((True, True, False)):
        data = DialogueCreate(
            title=f"Moonlit dialogue title {i:02d}",
            country="TH",
            topics=[f"topicword{i:02d}"],
            held_on=date(2026, 5, 10 + i),
            agenda=f"Agenda words {i:02d}",
            outcomes=f"Outcome words {i:02d}",
            learning_notes=f"Learning words {i:02d}",
        )
        made = dialogues_service.create_dialogue(db, None, data, agency_id=agency.id)
        seats = (
            (shelter, f"Ilvara Seatholder{i:02d}", ActorGender.WOMAN),
            (police, f"Corvin Seatholder{i:02d}", ActorGender.MAN),
            (academia, f"Tamsel Seatholder{i:02d}", ActorGender.UNDISCLOSED),
        )
        for actor, person, gender in seats:
            body = ParticipantCreate(actor_id=actor.id, person=person, gender=gender)
            dialogues_service.add_participant(db, None, made.id, body)
            loaded.secrets.append(person)
        loaded.secrets += [data.title, *data.topics, data.agenda, data.outcomes,
                           data.learning_notes]  # fmt: skip
        if held:
            dialogues_service.hold_dialogue(db, None, made.id)
            loaded.held += 1
            loaded.seats += len(seats)
    db.flush()
    return loaded
