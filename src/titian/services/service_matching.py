"""The database directory as matching sees it: rows to ``ServiceOffer``, one need matched over the
candidates of ONE SQL query, and need profiles read from JSON (issue 4, item 7).

Declared GESI profile to matching eligibility (docs/directory.md, "From the directory to
matching"): "not declared is not no" (docs/hsds-profile.md), so a service that declares no gender
group accepts every group, and one that declares no ``accepts:*`` term accepts everyone by
citizenship and unaccompanied children. Once the ``accepts`` facet is declared, the listed values
are the whole list.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from enum import Enum
from typing import Any

from sqlalchemy import Row
from sqlalchemy.orm import Session

from titian.errors import FieldError, Invalid
from titian.referrals.coverage import describe_gap
from titian.referrals.matching import Eligibility, MatchResult, NeedProfile, ServiceOffer, match
from titian.referrals.matching_inputs import MatchingInputError
from titian.referrals.vocab import ALL_GENDER_GROUPS, Cost, GapSource
from titian.services import repository as repo

NEED_FIELDS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(NeedProfile) if f.init)


def eligibility(row: Row[Any]) -> Eligibility:
    """Declared eligibility of a directory row (module docstring)."""
    citizenship = set(row.citizenship_accepted or ())
    accepts_declared = bool(citizenship) or bool(row.accepts_unaccompanied_children)
    return Eligibility(
        genders=frozenset(row.genders_accepted or ()) or ALL_GENDER_GROUPS,
        age_min=row.minimum_age,
        age_max=row.maximum_age,
        unaccompanied_children=bool(row.accepts_unaccompanied_children) or not accepts_declared,
        non_citizens=not citizenship or "non_citizens" in citizenship,
        stateless=not citizenship or "stateless" in citizenship,
        undocumented=not citizenship or "undocumented" in citizenship,
    )


def offer_from_row(row: Row[Any]) -> ServiceOffer | None:
    """The offer of one row of ``repository.OFFER_COLUMNS``; None for a service matching cannot
    place (no country or no service type). A malformed stored value raises ``Invalid``."""
    if not row.country or not row.service_types:
        return None
    try:
        return ServiceOffer(
            id=str(row.id),
            agency_id=str(row.agency_id) if row.agency_id else "",
            name=row.name,
            country=row.country,
            areas=frozenset(row.areas or ()),
            service_types=frozenset(row.service_types),
            eligibility=eligibility(row),
            accessibility=frozenset(row.accessibility or ()),
            languages=frozenset(row.languages or ()),
            interpretation_offered=frozenset(row.interpretation_languages or ()),
            interpretation_any_language=bool(row.interpretation_any_language),
            lgbtqi_affirming=bool(row.lgbtqi_affirming),
            capacity_free=row.capacity_available,
            cost=Cost(row.cost) if row.cost else Cost.NOT_STATED,
            active=row.status == "active",
        )
    except MatchingInputError as exc:
        raise Invalid(
            "a directory record cannot be matched", [FieldError("service", str(exc))]
        ) from exc


def offers(rows: Iterable[Row[Any]]) -> list[ServiceOffer]:
    return [o for r in rows if (o := offer_from_row(r)) is not None]


def match_need(session: Session, need: NeedProfile) -> MatchResult:
    """Rank, exclude with reasons, or record the gap, over the candidates of one SQL query
    (country + service type + area). Nothing is stored: real referral gaps are recorded by the
    referrals area through ``titian.referrals.gaps_store.record_gaps``."""
    rows = repo.candidate_rows(session, need.country, need.need.value, need.area)
    return match(need, offers(rows), source=GapSource.REFERRAL)


def need_from_json(data: Any, overrides: Mapping[str, Any] | None = None) -> NeedProfile:
    """A ``NeedProfile`` from its JSON form (docs/schemas/need-profile.schema.json); every bad
    field refuses it with ``Invalid`` naming the field."""
    if not isinstance(data, Mapping):
        raise Invalid("need profile refused", [FieldError("", "must be a JSON object")])
    merged = {**data, **{k: v for k, v in (overrides or {}).items() if v is not None}}
    unknown = sorted(set(merged) - set(NEED_FIELDS))
    errors = [FieldError(k, "unknown field") for k in unknown]
    errors += [FieldError(k, "required") for k in ("need", "country", "area") if not merged.get(k)]
    errors += _type_errors(merged)
    if errors:
        raise Invalid("need profile refused", errors)
    try:
        return NeedProfile(**_as_fields(merged))
    except MatchingInputError as exc:
        field = str(exc).split(":", 1)[0].removeprefix("need.")
        raise Invalid("need profile refused", [FieldError(field, str(exc))]) from exc


_LISTS = ("wg_domains", "accommodations_declined", "languages_preferred", "languages_understood")
_BOOLS = ("age_uncertain", "unaccompanied", "sogiesc_consented", "lgbtqi")
_TEXTS = ("need", "country", "area", "gender", "citizenship")


def _type_errors(data: Mapping[str, Any]) -> list[FieldError]:
    out = []
    for key in _LISTS:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            out.append(FieldError(key, "must be a list of strings"))
    out += [
        FieldError(k, "must be true or false")
        for k in _BOOLS
        if not isinstance(data.get(k, False), bool)
    ]
    out += [
        FieldError(k, "must be a string")
        for k in _TEXTS
        if k in data and not isinstance(data[k], str)
    ]
    age = data.get("age")
    if age is not None and (not isinstance(age, int) or isinstance(age, bool)):
        out.append(FieldError("age", "must be a whole number or null"))
    return out


def _as_fields(data: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(data)
    for key in ("wg_domains", "accommodations_declined"):
        if key in out:
            out[key] = frozenset(out[key])
    for key in ("languages_preferred", "languages_understood"):
        if key in out:
            out[key] = tuple(out[key])
    return out


def plain(value: Any) -> Any:
    """Results of matching as JSON-ready data (enums as values, sets sorted)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, frozenset | set):
        return sorted(plain(v) for v in value)
    if isinstance(value, tuple | list):
        return [plain(v) for v in value]
    return value


def result_json(need: NeedProfile, result: MatchResult) -> dict[str, Any]:
    """The match result with the need it answers and, for a gap, one plain sentence."""
    body: dict[str, Any] = plain(result)
    body["profile"] = plain(need)
    body["gap_text"] = describe_gap(result.gap) if result.gap else None
    return body


def need_fields() -> Sequence[str]:
    return NEED_FIELDS
