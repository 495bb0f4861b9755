"""Derive the rights and accommodations checklist of a case (rights-checklist.md, C1-C17).

The catalogue (``catalogue/rights-<version>.yaml``) holds the items and their triggers as data.
This module turns a profile and the country settings into *facts* (``child``, ``man_or_boy``,
``minority_language``, ``wg_offer:seeing`` ...), keeps the items whose trigger holds, and gives
each a status and a due date counted from identification with the country's day limits.

A trigger adds a duty and never removes another; every item may be declined (C3).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from functools import cache
from typing import Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from titian.cases.catalogue import CatalogueError, available_versions, read_catalogue_file
from titian.cases.profile import (
    CaseProfile,
    is_foreign_national,
    is_minor,
    is_official_language,
    is_stateless,
    lgbtqi_disclosed,
    minor_status,
    wg_ss_status,
)
from titian.cases.vocab import (
    DETENTION_STATUSES,
    ChecklistStatus,
    Gender,
    IdentificationStatus,
    InterviewerGender,
    MinorStatus,
    RuleMode,
    WgDomain,
)
from titian.countries.schemas import CountrySettings, DayLimits

_FROZEN = ConfigDict(extra="forbid", frozen=True)

STATIC_FACTS: frozenset[str] = frozenset(
    {
        "child",
        "presumed_child",
        "adult",
        "woman_or_girl",
        "man_or_boy",
        "gender_preference_recorded",
        "gender_preference_specific",
        "language_recorded",
        "minority_language",
        "foreign_national",
        "stateless",
        "origin_objection_answered",
        "origin_no_objection",
        "disability3",
        "lgbtqi",
        "in_detention",
        "presumed_or_confirmed",
        "has_charges",
    }
)
DOMAIN_FACT_PREFIXES: tuple[str, ...] = ("wg_offer:", "wg_severe:")
KNOWN_FACTS: frozenset[str] = STATIC_FACTS | frozenset(
    f"{prefix}{domain.value}" for prefix in DOMAIN_FACT_PREFIXES for domain in WgDomain
)
DETAIL_KEYS: frozenset[str] = frozenset(
    {"language", "written_language", "gender_preference", "needs", "wg_level"}
)
RECORDED_STATUSES: frozenset[ChecklistStatus] = frozenset(
    {ChecklistStatus.DONE, ChecklistStatus.DECLINED, ChecklistStatus.UNAVAILABLE}
)


# ---------------------------------------------------------------------------------------------
# The catalogue
# ---------------------------------------------------------------------------------------------


class Trigger(BaseModel):
    """Facts that must all hold, of which at least one must hold, and of which none may hold."""

    model_config = _FROZEN

    all: tuple[str, ...] = ()
    any: tuple[str, ...] = ()
    none: tuple[str, ...] = ()

    def holds(self, facts: frozenset[str]) -> bool:
        return (
            all(f in facts for f in self.all)
            and (not self.any or any(f in facts for f in self.any))
            and not any(f in facts for f in self.none)
        )

    @property
    def facts(self) -> tuple[str, ...]:
        return (*self.all, *self.any, *self.none)


class DueRule(BaseModel):
    """A due date counted from identification: a country day limit, or catalogue default days."""

    model_config = _FROZEN

    limit: str | None = None
    days: int | None = Field(default=None, ge=0)

    @field_validator("limit")
    @classmethod
    def _known_limit(cls, value: str | None) -> str | None:
        if value is not None and value not in DayLimits.model_fields:
            raise ValueError(f"{value!r} is not a day limit of the country settings")
        return value

    @model_validator(mode="after")
    def _one_source(self) -> DueRule:
        if (self.limit is None) == (self.days is None):
            raise ValueError("a due rule needs either 'limit' or 'days'")
        return self

    def due_on(self, identified_on: date, country: CountrySettings) -> date:
        if self.limit is not None:
            return identified_on + timedelta(days=int(getattr(country.day_limits, self.limit)))
        return identified_on + timedelta(days=self.days or 0)


class CatalogueItem(BaseModel):
    """One checklist item of the catalogue."""

    model_config = _FROZEN

    id: str = Field(pattern=r"^[A-Za-z0-9_]+\.[a-z0-9_]+$")
    rules: tuple[str, ...] = Field(min_length=1)
    mode: RuleMode
    group: str
    title: str
    action: str
    when: Trigger = Field(default_factory=Trigger)
    due: DueRule | None = None
    done_when: str | None = None
    details: tuple[str, ...] = ()
    domain: WgDomain | None = None
    source: str

    @field_validator("rules")
    @classmethod
    def _rule_ids(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        for value in values:
            number = value[1:] if value.startswith("C") else ""
            if not number.isdigit() or not 1 <= int(number) <= 17:
                raise ValueError(f"{value!r} is not a rule C1-C17")
        return values

    @field_validator("details")
    @classmethod
    def _detail_keys(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        unknown = [v for v in values if v not in DETAIL_KEYS]
        if unknown:
            raise ValueError(f"unknown details {unknown}; known: {sorted(DETAIL_KEYS)}")
        return values


class RightsCatalogue(BaseModel):
    """A version of the rights and accommodations catalogue."""

    model_config = _FROZEN

    version: str
    applies_to_identification: tuple[IdentificationStatus, ...]
    items: tuple[CatalogueItem, ...]

    def item(self, item_id: str) -> CatalogueItem:
        for item in self.items:
            if item.id == item_id:
                return item
        raise KeyError(item_id)


@cache
def load_catalogue(version: str | None = None) -> RightsCatalogue:
    """Load and check a catalogue version (the latest when ``version`` is None).

    Errors name the file, the item and the reason: an unknown fact, a day limit that the country
    settings do not have, a duplicate id.
    """
    chosen = version or available_versions("rights")[-1]
    name = f"rights-{chosen}.yaml"
    raw = read_catalogue_file(name)
    try:
        catalogue = RightsCatalogue.model_validate(raw)
    except ValidationError as exc:
        raise CatalogueError(f"cases/catalogue/{name}: {_describe(exc, raw)}") from exc
    problems = _catalogue_problems(catalogue)
    if problems:
        raise CatalogueError(f"cases/catalogue/{name}: " + "; ".join(problems))
    return catalogue


def _describe(exc: ValidationError, raw: Mapping[str, Any]) -> str:
    parts = []
    for error in exc.errors():
        loc = list(error["loc"])
        where = ".".join(str(p) for p in loc)
        if len(loc) > 1 and loc[0] == "items" and isinstance(loc[1], int):
            items = raw.get("items") or []
            entry = items[loc[1]] if loc[1] < len(items) else None
            item_id = entry.get("id", "?") if isinstance(entry, dict) else "?"
            where = f"item {item_id} ({where})"
        parts.append(f"{where}: {error['msg']}")
    return "; ".join(parts)


def _catalogue_problems(catalogue: RightsCatalogue) -> list[str]:
    problems: list[str] = []
    seen: set[str] = set()
    for item in catalogue.items:
        if item.id in seen:
            problems.append(f"item {item.id}: duplicate id")
        seen.add(item.id)
        used = (*item.when.facts, *([item.done_when] if item.done_when else []))
        problems.extend(f"item {item.id}: unknown fact {f!r}" for f in used if f not in KNOWN_FACTS)
        if "wg_level" in item.details and item.domain is None:
            problems.append(f"item {item.id}: detail wg_level needs a domain")
    return problems


# ---------------------------------------------------------------------------------------------
# Facts about a profile
# ---------------------------------------------------------------------------------------------


def profile_facts(profile: CaseProfile, country: CountrySettings, today: date) -> frozenset[str]:
    """The facts that catalogue triggers test, derived from a profile and the country settings."""
    facts: set[str] = set()
    facts |= _age_and_gender_facts(profile, today)
    facts |= _language_facts(profile, country)
    facts |= _origin_facts(profile, country)
    facts |= _wg_facts(profile)
    facts |= _justice_facts(profile)
    if lgbtqi_disclosed(profile, country):
        facts.add("lgbtqi")
    return frozenset(facts)


def _age_and_gender_facts(profile: CaseProfile, today: date) -> set[str]:
    facts = {"child"} if is_minor(profile, today) else {"adult"}
    if minor_status(profile, today) == MinorStatus.PRESUMED_CHILD:
        facts.add("presumed_child")
    if profile.gender == Gender.WOMAN:
        facts.add("woman_or_girl")
    if profile.gender == Gender.MAN:
        facts.add("man_or_boy")
    preference = profile.interviewer_gender_preference
    if preference is not None:
        facts.add("gender_preference_recorded")
        if preference != InterviewerGender.NO_PREFERENCE:
            facts.add("gender_preference_specific")
    return facts


def _language_facts(profile: CaseProfile, country: CountrySettings) -> set[str]:
    """Minority language: the preferred language is not official in the country of service.

    The interview language is never defaulted from citizenship (languages.md, advice 6).
    """
    if profile.preferred_language is None:
        return set()
    facts = {"language_recorded"}
    if not is_official_language(profile.preferred_language, country):
        facts.add("minority_language")
    return facts


def _origin_facts(profile: CaseProfile, country: CountrySettings) -> set[str]:
    facts: set[str] = set()
    if is_stateless(profile):
        facts.add("stateless")
    if is_foreign_national(profile, country):
        facts.add("foreign_national")
    if profile.objects_to_origin_notification is not None:
        facts.add("origin_objection_answered")
    if profile.objects_to_origin_notification is False:
        facts.add("origin_no_objection")
    return facts


def _wg_facts(profile: CaseProfile) -> set[str]:
    result = wg_ss_status(profile.wg_ss)
    facts = {f"wg_offer:{d.value}" for d in result.accommodation_domains}
    facts |= {f"wg_severe:{d.value}" for d in result.severe_domains}
    if result.disability3:
        facts.add("disability3")
    return facts


def _justice_facts(profile: CaseProfile) -> set[str]:
    facts: set[str] = set()
    if profile.custody_status in DETENTION_STATUSES:
        facts.add("in_detention")
    if profile.identification_status in (
        IdentificationStatus.PRESUMED,
        IdentificationStatus.CONFIRMED,
    ):
        facts.add("presumed_or_confirmed")
    if profile.charges:
        facts.add("has_charges")
    return facts


# ---------------------------------------------------------------------------------------------
# The checklist
# ---------------------------------------------------------------------------------------------


class ItemState(BaseModel):
    """What was recorded for an item: done, declined (a valid outcome, C3) or unavailable."""

    model_config = _FROZEN

    status: ChecklistStatus
    on: date
    by: str | None = None
    note: str | None = Field(default=None, max_length=1000)

    @field_validator("status")
    @classmethod
    def _recordable(cls, value: ChecklistStatus) -> ChecklistStatus:
        if value not in RECORDED_STATUSES:
            allowed = sorted(s.value for s in RECORDED_STATUSES)
            raise ValueError(f"status {value.value!r} cannot be recorded; use one of {allowed}")
        return value


class ChecklistItem(BaseModel):
    """One item of a case's checklist, with its status and due date."""

    model_config = _FROZEN

    item_id: str
    rules: tuple[str, ...]
    mode: RuleMode
    group: str
    title: str
    action: str
    status: ChecklistStatus
    due_on: date | None
    details: dict[str, str] = Field(default_factory=dict)
    source: str
    recorded: ItemState | None = None


def derive_checklist(
    profile: CaseProfile,
    country: CountrySettings,
    identified_on: date,
    today: date,
    recorded: Mapping[str, ItemState] | None = None,
    catalogue: RightsCatalogue | None = None,
) -> list[ChecklistItem]:
    """The checklist items that apply to a profile, in catalogue order.

    Status: the recorded state when there is one (done, declined, unavailable); done when the
    item's ``done_when`` fact holds; overdue when ``today`` is past the due date; otherwise due.
    A person determined not to be a victim gets no items. Recorded states must name catalogue
    items, so a typo is an error rather than a silently open item.
    """
    cat = catalogue or load_catalogue()
    states = dict(recorded or {})
    unknown = sorted(set(states) - {item.id for item in cat.items})
    if unknown:
        raise KeyError(f"recorded states for unknown checklist items: {unknown}")
    if profile.identification_status not in cat.applies_to_identification:
        return []
    facts = profile_facts(profile, country, today)
    return [
        _checklist_item(item, profile, country, facts, identified_on, today, states.get(item.id))
        for item in cat.items
        if item.when.holds(facts)
    ]


def _checklist_item(
    item: CatalogueItem,
    profile: CaseProfile,
    country: CountrySettings,
    facts: frozenset[str],
    identified_on: date,
    today: date,
    state: ItemState | None,
) -> ChecklistItem:
    due_on = item.due.due_on(identified_on, country) if item.due else None
    return ChecklistItem(
        item_id=item.id,
        rules=item.rules,
        mode=item.mode,
        group=item.group,
        title=item.title,
        action=item.action,
        status=_status(item, facts, due_on, today, state),
        due_on=due_on,
        details=_details(item, profile),
        source=item.source,
        recorded=state,
    )


def _status(
    item: CatalogueItem,
    facts: frozenset[str],
    due_on: date | None,
    today: date,
    state: ItemState | None,
) -> ChecklistStatus:
    if state is not None:
        return state.status
    if item.done_when is not None and item.done_when in facts:
        return ChecklistStatus.DONE
    if due_on is not None and today > due_on:
        return ChecklistStatus.OVERDUE
    return ChecklistStatus.DUE


def _details(item: CatalogueItem, profile: CaseProfile) -> dict[str, str]:
    details: dict[str, str] = {}
    for key in item.details:
        value = _detail(key, item, profile)
        if value:
            details[key] = value
    if item.domain is not None:
        details["domain"] = item.domain.value
    return details


def _detail(key: str, item: CatalogueItem, profile: CaseProfile) -> str | None:
    if key == "language":
        return profile.preferred_language
    if key == "written_language":
        return profile.written_language or profile.preferred_language
    if key == "gender_preference":
        preference = profile.interviewer_gender_preference
        return preference.value if preference else None
    if key == "needs":
        return ", ".join(n.value for n in profile.needs) or None
    if key == "wg_level" and item.domain is not None:
        answer = profile.wg_ss.get(item.domain)
        return answer.value if answer else None
    return None
