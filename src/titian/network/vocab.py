"""Vocabularies of the actor network and the rules that classify organisations.

Kinds, sectors and relationship types follow issue 6 ("Actor register"). Which kinds count as
*justice* and which as *support* is data, in ``network/data/network.yaml``, read here once:

- justice: police, prosecution, judiciary, labour inspection and immigration. They are the state
  agencies that first meet, identify, investigate, prosecute or adjudicate, and so have the duty
  to refer a presumed victim to protection (ASEAN Convention against Trafficking in Persons,
  ACTIP, arts. 14-17; ILO Forced Labour Protocol P029 art. 3 and Labour Inspection Convention
  C081 for labour inspectors; immigration because it is the usual first contact of migrant
  victims and must respect non-punishment, ACTIP art. 14 (7)).
- support: organisations that give victims protection and services (ACTIP art. 14 (10)-(11);
  Palermo Protocol art. 6 (3)), including the ministry of social welfare, which runs state
  shelters and case management in most ASEAN states, and unions, which assist migrant workers.
- coordination (ministries of labour and foreign affairs, the national anti-trafficking committee,
  international organisations) and other (employers, recruitment agencies, academia) are
  intermediaries on paths, never endpoints of the gap analysis.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Any, TypeVar

import yaml

from titian.i18n.terms import pN_

RULES_FILE = "network/data/network.yaml"

E = TypeVar("E", bound=StrEnum)


class NetworkRulesError(ValueError):
    """The network rules file is missing or invalid; the message names file, key and reason."""


class Sector(StrEnum):
    """Whether an organisation belongs to the state (issue 6)."""

    STATE = "state"
    NON_STATE = "non_state"


class Role(StrEnum):
    """Which end of the footbridge an organisation stands on (see module docstring)."""

    JUSTICE = "justice"
    SUPPORT = "support"
    COORDINATION = "coordination"
    OTHER = "other"


class ActorKind(StrEnum):
    """Kinds of organisation in the actor register (issue 6, state then non-state)."""

    POLICE = "police"
    PROSECUTION = "prosecution"
    JUDICIARY = "judiciary"
    MINISTRY_SOCIAL_WELFARE = "ministry_social_welfare"
    MINISTRY_LABOUR = "ministry_labour"
    MINISTRY_FOREIGN_AFFAIRS = "ministry_foreign_affairs"
    IMMIGRATION = "immigration"
    LABOUR_INSPECTION = "labour_inspection"
    ANTI_TRAFFICKING_COMMITTEE = "anti_trafficking_committee"
    NGO = "ngo"
    SHELTER = "shelter"
    LEGAL_AID = "legal_aid"
    HEALTH = "health"
    FAITH_BASED = "faith_based"
    MIGRANT_ASSOCIATION = "migrant_association"
    DISABLED_PERSONS_ORG = "disabled_persons_org"
    LGBTQI_ORG = "lgbtqi_org"
    WOMENS_ORG = "womens_org"
    ETHNIC_COMMUNITY_ORG = "ethnic_community_org"
    UNION = "union"
    EMPLOYER = "employer"
    RECRUITMENT_AGENCY = "recruitment_agency"
    INTERNATIONAL_ORG = "international_org"
    ACADEMIA = "academia"


class RelationshipType(StrEnum):
    """Typed relationships between organisations (issue 6, "Relationships")."""

    REFERRAL_PARTNER = "referral_partner"
    MOU_SOP = "mou_sop"
    DIALOGUE = "dialogue"
    TRAINING = "training"
    INFORMATION_SHARING = "information_sharing"
    FUNDING = "funding"


class Direction(StrEnum):
    """Direction of a relationship: one way (source refers to, funds, trains target) or mutual."""

    ONE_WAY = "one_way"
    MUTUAL = "mutual"


class Group(StrEnum):
    """Groups of the project whose access to support the analysis follows (DESIGN.md, GESI)."""

    WOMEN = "women"
    GIRLS = "girls"
    MEN = "men"
    BOYS = "boys"
    CHILDREN = "children"
    DISABILITY = "disability"
    ETHNIC_MINORITY = "ethnic_minority"
    MIGRANT = "migrant"
    STATELESS = "stateless"
    LGBTQI = "lgbtqi"


#: English labels of the groups, for explanations; also their terms on pages (``labels.py``).
GROUP_LABELS: Mapping[Group, str] = {
    Group.WOMEN: pN_("network.Group", "women"),
    Group.GIRLS: pN_("network.Group", "girls"),
    Group.MEN: pN_("network.Group", "men"),
    Group.BOYS: pN_("network.Group", "boys"),
    Group.CHILDREN: pN_("network.Group", "children"),
    Group.DISABILITY: pN_("network.Group", "people with disability"),
    Group.ETHNIC_MINORITY: pN_("network.Group", "ethnic minorities"),
    Group.MIGRANT: pN_("network.Group", "migrants"),
    Group.STATELESS: pN_("network.Group", "stateless people"),
    Group.LGBTQI: pN_("network.Group", "LGBTQI people"),
}

#: Relationship types that carry a referral: a documented partnership or procedure.
REFERRAL_CHANNEL_TYPES: frozenset[RelationshipType] = frozenset(
    {RelationshipType.REFERRAL_PARTNER, RelationshipType.MOU_SOP}
)


@dataclass(frozen=True)
class KindProfile:
    """Sector and role of one kind of organisation, as set in the rules file."""

    sector: Sector
    role: Role


def _enum_value(enum: type[E], raw: object, where: str) -> E:
    try:
        return enum(str(raw))
    except ValueError as exc:
        allowed = ", ".join(e.value for e in enum)
        raise NetworkRulesError(f"{RULES_FILE}: {where}: {raw!r} is not one of {allowed}") from exc


def _mapping(raw: object, where: str) -> Mapping[str, Any]:
    if not isinstance(raw, Mapping):
        raise NetworkRulesError(f"{RULES_FILE}: {where}: expected a mapping")
    return raw


@cache
def load_rules() -> Mapping[str, Any]:
    """The parsed rules file; every section is validated by the function that reads it."""
    path = resources.files("titian.network") / "data" / "network.yaml"
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise NetworkRulesError(f"{RULES_FILE}: file is missing") from exc
    return _mapping(raw, "top level")


@cache
def kind_profiles() -> Mapping[ActorKind, KindProfile]:
    """Sector and role of every kind; a kind missing from the file is an error."""
    section = _mapping(load_rules().get("kinds"), "kinds")
    profiles: dict[ActorKind, KindProfile] = {}
    for key, value in section.items():
        kind = _enum_value(ActorKind, key, "kinds")
        entry = _mapping(value, f"kinds.{key}")
        profiles[kind] = KindProfile(
            sector=_enum_value(Sector, entry.get("sector"), f"kinds.{key}.sector"),
            role=_enum_value(Role, entry.get("role"), f"kinds.{key}.role"),
        )
    missing = [k.value for k in ActorKind if k not in profiles]
    if missing:
        raise NetworkRulesError(f"{RULES_FILE}: kinds: no entry for {', '.join(missing)}")
    return profiles


def sector_of(kind: ActorKind) -> Sector:
    """State or non-state, by kind (rules file ``kinds``)."""
    return kind_profiles()[kind].sector


def role_of(kind: ActorKind) -> Role:
    """Justice, support, coordination or other, by kind (rules file ``kinds``)."""
    return kind_profiles()[kind].role


def kinds_with_role(role: Role) -> frozenset[ActorKind]:
    """Every kind whose role is ``role``."""
    return frozenset(k for k, p in kind_profiles().items() if p.role is role)


@cache
def group_implications() -> Mapping[Group, frozenset[Group]]:
    """Broader groups and the narrower groups they include (rules file ``group_implies``)."""
    section = _mapping(load_rules().get("group_implies", {}), "group_implies")
    result: dict[Group, frozenset[Group]] = {}
    for key, value in section.items():
        broad = _enum_value(Group, key, "group_implies")
        if not isinstance(value, list):
            raise NetworkRulesError(f"{RULES_FILE}: group_implies.{key}: expected a list")
        result[broad] = frozenset(_enum_value(Group, v, f"group_implies.{key}") for v in value)
    return result


def expand_groups(groups: frozenset[Group]) -> frozenset[Group]:
    """The groups an organisation serves, with the narrower groups its broader ones include.

    An organisation serving ``children`` serves ``girls`` and ``boys``; the reverse does not hold
    (rules file ``group_implies``).
    """
    implied = group_implications()
    out = set(groups)
    for group in groups:
        out |= implied.get(group, frozenset())
    return frozenset(out)
