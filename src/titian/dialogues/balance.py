"""Who was in the room: participation figures of policy dialogues (issue 6, item 6).

Pure rules over plain records, per dialogue or pooled over the dialogues of a country:

- **Share of victim support agencies**: among the distinct organisations represented, those
  whose kind is a *support* kind in the network rules (``titian.network.vocab.role_of``: the
  ministry of social welfare, NGOs, shelters, legal aid, health, faith-based, migrant, DPO,
  LGBTQI, women's, ethnic community organisations and unions; ACTIP art. 14 (10)-(11)). A
  dialogue on victims' protection without the organisations that protect them is a finding.
- **Share of women**: participants who gave ``woman`` over participants who gave a gender;
  ``undisclosed`` is counted apart and never in the denominator (a share that guesses is worse
  than a smaller base). Each participant row counts once (a person at two dialogues of a country
  counts twice in the country figure: the figure is about seats at the table).
- **Groups represented**: a group of the project (``titian.network.vocab.Group``) is represented
  when at least one organisation present serves it, broader groups including narrower ones
  (``expand_groups``: an organisation serving children represents girls and boys). Every other
  group is listed as *missing*: absence is a result, never an empty list (DESIGN.md, "A gap is
  a result").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from titian.actors.vocab import Gender
from titian.dialogues.vocab import ParticipantRole
from titian.network.vocab import ActorKind, Group, Role, expand_groups, role_of


@dataclass(frozen=True)
class Attendee:
    """One participant row: the organisation (id, kind, groups it serves), role and gender."""

    actor_id: str
    actor_kind: ActorKind
    actor_groups: frozenset[Group]
    role: ParticipantRole
    gender: Gender


@dataclass(frozen=True)
class Share:
    """A count over a base; ``value`` is None when the base is empty (no figure, not zero)."""

    count: int
    base: int

    @property
    def value(self) -> float | None:
        return self.count / self.base if self.base else None

    def percent(self) -> str:
        """The share as a whole percentage, or an em dash without a base."""
        value = self.value
        return "—" if value is None else f"{round(value * 100)} %"


@dataclass(frozen=True)
class Balance:
    """The participation figures of one dialogue or of several pooled."""

    dialogues: int
    participants: int
    organisations: int
    support_agencies: Share
    women: Share
    gender_undisclosed: int
    by_role: Mapping[ParticipantRole, int]
    by_gender: Mapping[Gender, int]
    groups_represented: tuple[Group, ...]
    groups_missing: tuple[Group, ...]
    represented_by: Mapping[Group, tuple[str, ...]]


def _groups(organisations: Mapping[str, Attendee]) -> dict[Group, tuple[str, ...]]:
    found: dict[Group, list[str]] = {g: [] for g in Group}
    for actor_id, attendee in sorted(organisations.items()):
        for group in expand_groups(attendee.actor_groups):
            found[group].append(actor_id)
    return {g: tuple(ids) for g, ids in found.items()}


def balance(attendees: Iterable[Attendee], dialogues: int = 1) -> Balance:
    """The figures of the module docstring over ``attendees`` (of ``dialogues`` dialogues)."""
    rows = list(attendees)
    organisations: dict[str, Attendee] = {}
    for row in rows:
        organisations.setdefault(row.actor_id, row)
    support = sum(1 for a in organisations.values() if role_of(a.actor_kind) is Role.SUPPORT)
    by_gender = {g: sum(1 for r in rows if r.gender is g) for g in Gender}
    undisclosed = by_gender[Gender.UNDISCLOSED]
    groups = _groups(organisations)
    return Balance(
        dialogues=dialogues,
        participants=len(rows),
        organisations=len(organisations),
        support_agencies=Share(support, len(organisations)),
        women=Share(by_gender[Gender.WOMAN], len(rows) - undisclosed),
        gender_undisclosed=undisclosed,
        by_role={r: sum(1 for row in rows if row.role is r) for r in ParticipantRole},
        by_gender=by_gender,
        groups_represented=tuple(g for g in Group if groups[g]),
        groups_missing=tuple(g for g in Group if not groups[g]),
        represented_by={g: ids for g, ids in groups.items() if ids},
    )


def default_role(kind: ActorKind) -> ParticipantRole:
    """A participant's side, when not given, from their organisation's kind: justice kinds speak
    for justice, support kinds for support, coordination and other kinds for "other"."""
    role = role_of(kind)
    if role is Role.JUSTICE:
        return ParticipantRole.JUSTICE
    if role is Role.SUPPORT:
        return ParticipantRole.SUPPORT
    return ParticipantRole.OTHER
