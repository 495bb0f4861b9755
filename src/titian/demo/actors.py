"""Demo step 50: the actor register and its relationships in the demo countries.

Every agency with demo accounts gets its organisation (linked to the agency), plus organisations
without accounts: a faith-based shelter, an international organisation, a university, the
national anti-trafficking committee, the ministry of labour and a recruitment agency. The
relationships leave realistic gaps for the analysis to find: the provincial court and the
LGBTQI collective are cut off, immigration reaches support only through a long chain, and in
some countries nobody serves men or LGBTQI people at all. All names are invented.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from titian.actors import repository
from titian.actors import service as actors_service
from titian.actors.dedupe import normalise_name
from titian.actors.models import Actor
from titian.actors.schemas import ActorCreate
from titian.demo.agencies import DEMO_COUNTRIES, PLACE
from titian.demo.loader import DemoState
from titian.network.models import Relationship
from titian.network.vocab import ActorKind, Direction, Group
from titian.network.vocab import RelationshipType as T

G = Group
LANG = {
    "TH": "th",
    "KH": "km",
    "LA": "lo",
    "MM": "my",
    "ID": "id",
    "PH": "fil",
    "VN": "vi",
    "MY": "ms",
}
MIGRANT_LANGS = {"TH": ("my", "km", "lo"), "MY": ("id", "my", "bn"), "KH": ("vi",)}

#: Groups each demo agency serves (by key suffix); ``men`` and ``lgbtqi`` vary by country below.
GROUPS: dict[str, tuple[Group, ...]] = {
    "welfare": (G.WOMEN, G.CHILDREN, G.DISABILITY),
    "shelter": (G.WOMEN, G.GIRLS),
    "ngo": (G.CHILDREN, G.MIGRANT, G.WOMEN),
    "legalaid": (G.WOMEN, G.MEN, G.MIGRANT),
    "health": (G.WOMEN, G.MEN, G.CHILDREN, G.DISABILITY, G.LGBTQI),
    "migrants": (G.MIGRANT,),
    "dpo": (G.DISABILITY,),
    "lgbtqi": (G.LGBTQI,),
    "women": (G.WOMEN, G.GIRLS),
    "ethnic": (G.ETHNIC_MINORITY, G.STATELESS),
    "union": (G.MIGRANT, G.MEN),
}

#: Countries where, in the demo, no support agency serves men / LGBTQI people (service gaps).
NO_MEN = ("LA", "MM")
NO_LGBTQI_HEALTH = ("KH", "LA", "MM", "VN", "MY")

#: Organisations without accounts: (key, name pattern, kind, groups, nationwide).
EXTRA = (
    ("faith", "Sisters of Mercy Safe House {place}", ActorKind.FAITH_BASED, (G.WOMEN, G.CHILDREN)),
    ("intl", "Regional Migration Organisation, {country} Office", ActorKind.INTERNATIONAL_ORG, ()),
    ("academia", "Institute of Social Research, {place} University", ActorKind.ACADEMIA, ()),
    (
        "committee",
        "National Anti-Trafficking Committee ({country})",
        ActorKind.ANTI_TRAFFICKING_COMMITTEE,
        (),
    ),
    ("mol", "Ministry of Labour ({country})", ActorKind.MINISTRY_LABOUR, ()),
    ("recruit", "Golden Gate Manpower Recruitment ({place})", ActorKind.RECRUITMENT_AGENCY, ()),
)

#: Relationships per country: (source, target, type, direction, active).
LINKS = (
    ("police", "welfare", T.MOU_SOP, Direction.MUTUAL, True),
    ("police", "shelter", T.REFERRAL_PARTNER, Direction.ONE_WAY, True),
    ("police", "ngo", T.REFERRAL_PARTNER, Direction.ONE_WAY, False),
    ("prosecution", "legalaid", T.REFERRAL_PARTNER, Direction.MUTUAL, True),
    ("prosecution", "police", T.INFORMATION_SHARING, Direction.MUTUAL, True),
    ("welfare", "shelter", T.REFERRAL_PARTNER, Direction.MUTUAL, True),
    ("welfare", "health", T.REFERRAL_PARTNER, Direction.MUTUAL, True),
    ("ngo", "shelter", T.REFERRAL_PARTNER, Direction.MUTUAL, True),
    ("ngo", "migrants", T.INFORMATION_SHARING, Direction.MUTUAL, True),
    ("labour", "union", T.REFERRAL_PARTNER, Direction.ONE_WAY, True),
    ("labour", "mol", T.INFORMATION_SHARING, Direction.MUTUAL, True),
    ("immigration", "committee", T.INFORMATION_SHARING, Direction.MUTUAL, True),
    ("intl", "committee", T.FUNDING, Direction.ONE_WAY, True),
    ("intl", "ngo", T.FUNDING, Direction.ONE_WAY, True),
    ("intl", "migrants", T.TRAINING, Direction.ONE_WAY, True),
    ("academia", "lgbtqi", T.TRAINING, Direction.ONE_WAY, True),
    ("academia", "women", T.INFORMATION_SHARING, Direction.MUTUAL, True),
    ("faith", "shelter", T.REFERRAL_PARTNER, Direction.MUTUAL, True),
    ("ethnic", "ngo", T.INFORMATION_SHARING, Direction.MUTUAL, True),
    ("dpo", "health", T.REFERRAL_PARTNER, Direction.MUTUAL, True),
    ("employer", "recruit", T.INFORMATION_SHARING, Direction.MUTUAL, True),
)
#: Links left out in some countries, so the countries differ.
SKIP = {("ethnic", "ngo"): ("LA", "VN"), ("dpo", "health"): ("MM", "ID", "PH")}


def _groups(country: str, suffix: str) -> list[Group]:
    groups = list(GROUPS.get(suffix, ()))
    if country in NO_MEN and G.MEN in groups:
        groups.remove(G.MEN)
    if country in NO_LGBTQI_HEALTH and suffix == "health":
        groups.remove(G.LGBTQI)
    return groups


def _languages(country: str, suffix: str) -> list[str]:
    langs = [LANG[country]]
    if suffix in {"migrants", "union", "ngo"}:
        langs += list(MIGRANT_LANGS.get(country, ()))
    if suffix in {"intl", "academia", "ngo"}:
        langs.append("en")
    return langs


def _account_actors(session: Session, state: DemoState, country: str) -> dict[str, Actor]:
    found: dict[str, Actor] = {}
    for key, agency in state.agencies.items():
        if agency.country != country or not key.startswith(f"{country}-"):
            continue
        suffix = key.split("-", 1)[1]
        actor = actors_service.ensure_agency_actor(
            session, agency, _groups(country, suffix), _languages(country, suffix)
        )
        if actor is not None:
            found[suffix] = actor
    return found


def _extra_actors(session: Session, country: str) -> dict[str, Actor]:
    place, area = PLACE[country]
    found: dict[str, Actor] = {}
    for key, pattern, kind, groups in EXTRA:
        name = pattern.format(place=place, country=country)
        actor = repository.by_key(session, country, normalise_name(name))
        if actor is None:
            actor = actors_service.create_actor(
                session,
                None,
                ActorCreate(
                    name=name,
                    country=country,
                    kind=kind,
                    groups=list(groups),
                    areas=[area] if key in {"faith", "recruit"} else [],
                    languages=_languages(country, key),
                ),
            )
        found[key] = actor
    return found


def _link(session: Session, actors: dict[str, Actor], country: str) -> int:
    existing = {
        (s, t, ty)
        for s, t, ty in session.execute(
            select(Relationship.source_id, Relationship.target_id, Relationship.type)
        )
    }
    added = 0
    for source, target, kind, direction, active in LINKS:
        if (
            country in SKIP.get((source, target), ())
            or source not in actors
            or target not in actors
        ):
            continue
        s, t = actors[source].id, actors[target].id
        if (s, t, kind) in existing:
            continue
        session.add(
            Relationship(
                source_id=s,
                target_id=t,
                type=kind,
                direction=direction,
                start_date=date(2023, 3, 1),
                end_date=None if active else date(2024, 12, 31),
                is_active=active,
                evidence="demo: fictional agreement" if kind is T.MOU_SOP else "demo",
            )
        )
        added += 1
    session.flush()
    return added


def load_actors(session: Session, state: DemoState) -> None:
    """Organisations and relationships of every demo country (idempotent)."""
    actors = relationships = 0
    for country in DEMO_COUNTRIES:
        found = _account_actors(session, state, country) | _extra_actors(session, country)
        actors += len(found)
        relationships += _link(session, found, country)
    state.summary["actors"] = actors
    state.summary["relationships"] = relationships


STEPS = [(50, load_actors)]
