"""Records the access matrix and the door tests act on: two organisations, a relationship, a
contact person, and a dialogue in Thailand organised by the operator, with a participant and a
commitment. Built once per ``World`` in the world's own session (synthetic)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session, object_session

from tests.network.factory import create_actor, relate
from tests.support.fixtures import World
from titian.actors.models import Actor, ContactPerson
from titian.actors.vocab import Gender
from titian.dialogues import service as dialogues
from titian.dialogues.models import Commitment, Dialogue, Participant
from titian.dialogues.schemas import CommitmentCreate, DialogueCreate, ParticipantCreate
from titian.network.models import Relationship
from titian.network.vocab import ActorKind, Group


@dataclass
class Records:
    police: Actor
    shelter: Actor
    relationship: Relationship
    contact: ContactPerson
    dialogue: Dialogue
    participant: Participant
    commitment: Commitment


def session_of(w: World) -> Session:
    found = object_session(w.agency_a)
    assert found is not None
    return found


def records(w: World) -> Records:
    """The records of this world, created on first use."""
    cached = w.__dict__.get("_network_records")
    if isinstance(cached, Records):
        return cached
    db = session_of(w)
    police = create_actor(db, "Matrix Police Unit", ActorKind.POLICE)
    shelter = create_actor(db, "Matrix Shelter", ActorKind.SHELTER, groups=(Group.WOMEN,))
    rel = relate(db, police, shelter)
    contact = ContactPerson(name="Somchai Test", role="director", gender=Gender.MAN)
    shelter.contacts.append(contact)
    dialogue = dialogues.create_dialogue(
        db,
        None,
        DialogueCreate(title="Matrix dialogue", country="TH", held_on=date(2026, 1, 15)),
        agency_id=w.operator.id,
    )
    participant = dialogues.add_participant(
        db, None, dialogue.id, ParticipantCreate(actor_id=police.id, gender=Gender.WOMAN)
    )
    commitment = dialogues.add_commitment(
        db,
        None,
        dialogue.id,
        CommitmentCreate(description="Publish the SOP", due_on=date(2026, 2, 1)),
    )
    db.flush()
    found = Records(police, shelter, rel, contact, dialogue, participant, commitment)
    w.__dict__["_network_records"] = found
    return found
