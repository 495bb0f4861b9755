"""Pure row mapping of the de-identified case snapshot (issue 7, item 2).

One case's plain facts (its GESI profile, a few case facts, its interview and referral facts, and
the data categories its statistical consent covers) become one row of
``titian/analytics/snapshot_schema.yaml``. Nothing identifying goes in: no name, contact,
document, address, free text or exact date (months only), and no SOGIESC, sex at birth or health
data (DESIGN.md "How data flows"; data-standards.md (e) rule 3; disclosure-control.md section 5).

**Statistical-use consent** (IOM Data Protection Principles 2 and 4; disclosure-control.md
"Consent filter"): a person is in the snapshot only when an active consent with purpose
``research_and_statistics`` covers ``profile``. Column groups need their own data category:
WG-SS answers need ``disability``, the trafficking columns need ``trafficking_details``, the
justice columns (detention, charges) need ``justice``; without it they are NULL (not recorded).

Pseudonymous ids are HMAC-SHA256 of the case id under a key derived from the secret key and a
random per-snapshot salt (RFC 2104; NIST SP 800-108 style derivation), so ids never link across
snapshots and are never a case number.

Dates leave as months only; ``days_to_first_referral`` is an interval BAND computed here from the
exact dates (which never leave), not a date.

The snapshot's **dialogue companion** (``dialogue_snapshot_schema.yaml``) has one row per seat at
a held policy dialogue (:func:`seat_row`): the dialogue's country and month, the participant's
side and published gender, the organisation's network role and the groups it serves. No name,
title or free text; dialogue ids are keyed hashes under the same per-snapshot key.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from uuid import UUID

import pycountry

from titian.actors.vocab import Gender as ParticipantGender
from titian.analytics.disaggregation import WG_DOMAINS, publish_gender
from titian.cases.consent import ConsentRecord, current_versions
from titian.cases.profile import CaseProfile, language_match, minor_status
from titian.cases.vocab import (
    DETENTION_STATUSES,
    NON_PUNISHMENT_OFFENCES,
    AgeBand,
    CitizenshipStatus,
    ConsentPurpose,
    CustodyStatus,
    DataCategory,
    ExploitationForm,
    MinorStatus,
    WgDomain,
)
from titian.dialogues.vocab import ParticipantRole
from titian.network.vocab import ActorKind, Group, Role, expand_groups, role_of

SnapshotRow = dict[str, object]
STATISTICS_PURPOSE = ConsentPurpose.RESEARCH_AND_STATISTICS
REQUIRED_CATEGORY = DataCategory.PROFILE

_WG_COLUMNS: dict[str, WgDomain] = dict(
    zip(
        WG_DOMAINS,
        (
            WgDomain.SEEING, WgDomain.HEARING, WgDomain.MOBILITY, WgDomain.COGNITION,
            WgDomain.SELF_CARE, WgDomain.COMMUNICATION,
        ),
        strict=True,
    )
)  # fmt: skip

_FORM_COLUMNS: dict[str, frozenset[ExploitationForm]] = {
    "form_forced_labour": frozenset({ExploitationForm.FORCED_LABOUR}),
    "form_sexual_exploitation": frozenset({ExploitationForm.SEXUAL_EXPLOITATION}),
    "form_forced_marriage": frozenset({ExploitationForm.FORCED_MARRIAGE}),
    "form_forced_criminality": frozenset({ExploitationForm.FORCED_CRIMINALITY}),
    "form_forced_begging": frozenset({ExploitationForm.FORCED_BEGGING}),
    "form_servitude": frozenset({ExploitationForm.SERVITUDE}),
    "form_other": frozenset(
        {
            ExploitationForm.CHILD_LABOUR,
            ExploitationForm.ORGAN_REMOVAL,
            ExploitationForm.FORCED_MILITARY_BY_NON_STATE_ACTORS,
            ExploitationForm.FORCED_ADOPTION,
            ExploitationForm.SURROGACY,
            ExploitationForm.OTHER,
        }
    ),
}


@dataclass(frozen=True)
class InterviewFacts:
    """What C2/C3 reporting needs from one interview: languages and gender choice only."""

    language: str | None
    interviewer_languages: tuple[str, ...] = ()
    interpreter_present: bool = False
    interpreter_language: str | None = None
    gender_preference: str | None = None


@dataclass(frozen=True)
class ReferralFacts:
    """One outgoing referral of the case, sent or not: when it was sent (None while a draft or
    when never sent), whether it was accepted, and whether matching recorded a "no suitable
    service" gap for it (rights-checklist C10; ``referral.gap`` non-null)."""

    sent_at: datetime | None
    accepted: bool
    gap: bool = False


@dataclass(frozen=True)
class CaseFacts:
    """Plain inputs for one person's row. ``case_id`` only feeds the keyed hash."""

    case_id: UUID
    country: str
    profile: CaseProfile
    opened_on: date
    identified_on: date | None = None
    detention_alert: bool = False
    interviews: tuple[InterviewFacts, ...] = ()
    referrals: tuple[ReferralFacts, ...] | None = None
    categories: frozenset[DataCategory] = field(default_factory=frozenset)


# ---------------------------------------------------------------------------------------------
# Consent and pseudonyms
# ---------------------------------------------------------------------------------------------


def statistical_categories(
    records: Iterable[ConsentRecord], at: datetime
) -> frozenset[DataCategory]:
    """Data categories that active ``research_and_statistics`` consents cover at ``at``.

    Empty when the person gave no such consent, refused it or withdrew it (C2: withdrawal stops
    every further use). Special categories (health, HIV, SOGIESC) are never used, even if named.
    """
    covered: set[DataCategory] = set()
    for record in current_versions(records, at):
        if record.purpose == STATISTICS_PURPOSE and record.is_active(at):
            covered |= set(record.data_categories)
    return frozenset(covered - {DataCategory.HEALTH, DataCategory.HIV, DataCategory.SOGIESC})


def allows_statistics(categories: frozenset[DataCategory]) -> bool:
    """A person is counted only when the statistical consent covers the profile."""
    return REQUIRED_CATEGORY in categories


def snapshot_key(secret: bytes, salt: bytes) -> bytes:
    """Per-snapshot HMAC key: HMAC-SHA256(secret, label || salt). A fresh salt per snapshot
    makes ids of two snapshots unlinkable."""
    if len(salt) < 16:
        raise ValueError("salt: at least 16 random bytes")
    return hmac.new(secret, b"titian-snapshot-pid\x00" + salt, hashlib.sha256).digest()


def person_pid(key: bytes, case_id: UUID) -> str:
    """Pseudonymous person id: the first 128 bits of HMAC-SHA256(key, case id), hex."""
    return hmac.new(key, case_id.bytes, hashlib.sha256).hexdigest()[:32]


# ---------------------------------------------------------------------------------------------
# Columns
# ---------------------------------------------------------------------------------------------


def band_of_age(age: int) -> AgeBand:
    """The CTDC ``ageBroad`` band of an age in years (data-standards.md (b))."""
    for band in AgeBand:
        top = band.max_age
        if band.min_age <= age and (top is None or age <= top):
            return band
    raise ValueError(f"age: {age} is not a valid age")


def age_band(profile: CaseProfile, on: date) -> str:
    """Age band at identification: from the date of birth when known, else the estimate."""
    born = profile.date_of_birth
    if born is not None:
        age = on.year - born.year - int((on.month, on.day) < (born.month, born.day))
        return band_of_age(max(age, 0)).value
    return profile.age_band.value if profile.age_band else "unknown"


def minor_when_exploited(profile: CaseProfile, on: date) -> bool | None:
    """Child when exploited (Palermo 3(d)): the age when trafficked when recorded, else the
    minority rule at identification (presumption of minority); NULL with no age at all."""
    age = profile.trafficking.age_when_trafficked
    if age is not None:
        return age < 18
    if profile.date_of_birth is None and profile.age_band is None:
        return None
    return minor_status(profile, on) != MinorStatus.ADULT


def alpha3(code: str | None) -> str | None:
    """ISO 3166-1 alpha-3 of an alpha-2 code (the snapshot's country columns)."""
    if code is None:
        return None
    found = pycountry.countries.get(alpha_2=code)
    if found is None:
        raise ValueError(f"country: {code!r} is not an ISO 3166-1 alpha-2 code")
    return str(found.alpha_3)


def first_of_month(day: date | datetime | None) -> date | None:
    """Dates are coarsened to the first day of their month."""
    return None if day is None else date(day.year, day.month, 1)


def wg_columns(profile: CaseProfile, allowed: bool) -> dict[str, int | None]:
    """WG-SS answers 1-4; refused, don't know, not asked and no consent are NULL."""
    out: dict[str, int | None] = {}
    for column, domain in _WG_COLUMNS.items():
        answer = profile.wg_ss.get(domain) if allowed else None
        out[column] = answer.code if answer is not None and answer.code <= 4 else None
    return out


def form_columns(profile: CaseProfile, allowed: bool) -> dict[str, bool | None]:
    """Form flags; NULL (unknown) when no form is recorded or not consented."""
    forms = set(profile.trafficking.exploitation_forms)
    if not allowed or not forms:
        return dict.fromkeys(_FORM_COLUMNS)
    return {column: bool(forms & members) for column, members in _FORM_COLUMNS.items()}


def trafficking_columns(profile: CaseProfile, allowed: bool) -> dict[str, object]:
    """Country of exploitation, form flags and main sector (in the schema's column order)."""
    details = profile.trafficking
    where = details.countries_of_exploitation[0] if details.countries_of_exploitation else None
    sector = details.sectors[0].value if details.sectors else None
    return {
        "exploitation_country": alpha3(where) if allowed else None,
        **form_columns(profile, allowed),
        "sector": sector if allowed else None,
    }


def detained(profile: CaseProfile, alert: bool) -> bool | None:
    """Ever held in detention (C6): a detention alert was raised or custody is detention."""
    if alert or profile.custody_status in DETENTION_STATUSES:
        return True
    return None if profile.custody_status == CustodyStatus.UNKNOWN else False


def charged_non_punishment(profile: CaseProfile) -> bool:
    """Charged with an offence C7 lists as linked to the trafficking, or flagged by the worker."""
    return any(
        c.offence_type in NON_PUNISHMENT_OFFENCES or c.non_punishment_applicable
        for c in profile.charges
    )


def offered_choice(profile: CaseProfile, interviews: tuple[InterviewFacts, ...]) -> bool | None:
    """C3: a gender preference was asked and recorded (profile or interview); NULL when there is
    neither a preference nor an interview to tell."""
    if profile.interviewer_gender_preference is not None:
        return True
    if any(i.gender_preference for i in interviews):
        return True
    return False if interviews else None


def _speaks(language: str, languages: Iterable[str]) -> bool:
    try:
        return any(language_match(language, other) is not None for other in languages)
    except ValueError:
        return False


def interpreter_in_language(interviews: tuple[InterviewFacts, ...]) -> bool | None:
    """C2: in every interview where the interviewer did not speak the person's language, an
    interpreter in that language was present. NULL when no interview needed one."""
    needed = [
        i for i in interviews if i.language and not _speaks(i.language, i.interviewer_languages)
    ]
    if not needed:
        return None
    return all(
        i.interpreter_present
        and i.interpreter_language is not None
        and _speaks(i.language or "", [i.interpreter_language])
        for i in needed
    )


def referral_columns(referrals: tuple[ReferralFacts, ...] | None) -> dict[str, object]:
    """Month of the first outgoing referral sent, and whether any was accepted; NULL when the
    person was never referred or referrals are not available."""
    sent = [r for r in referrals or () if r.sent_at is not None]
    if not sent:
        return {"first_referral_month": None, "referral_accepted": None}
    first = min(r.sent_at for r in sent if r.sent_at is not None)
    return {
        "first_referral_month": first_of_month(first),
        "referral_accepted": any(r.accepted for r in sent),
    }


#: Bands of days from identification to the first referral sent (an interval, not a date:
#: computed from the exact dates, which never leave). The first week is split because the first
#: days after identification are when a referral to protection matters most (ACTIP art. 14).
DAYS_BANDS: tuple[tuple[str, int, int | None], ...] = (
    ("0-3", 0, 3), ("4-7", 4, 7), ("8-30", 8, 30), ("31-90", 31, 90), ("91+", 91, None),
)  # fmt: skip
BEFORE_IDENTIFICATION = "before_identification"


def days_band(days: int) -> str:
    """The band of a number of days (``DAYS_BANDS``); negative is ``before_identification``."""
    if days < 0:
        return BEFORE_IDENTIFICATION
    for name, low, high in DAYS_BANDS:
        if low <= days and (high is None or days <= high):
            return name
    raise AssertionError("unreachable: the last band is open")  # pragma: no cover


def days_to_first_referral(
    identified_on: date | None, referrals: tuple[ReferralFacts, ...] | None
) -> str | None:
    """Days from identification to the first outgoing referral **sent** (drafts and referrals
    never sent do not count), as a band of :data:`DAYS_BANDS`. The day of sending is the UTC
    date of ``sent_at``. ``before_identification`` when the person was referred before the
    recorded identification date; NULL when never referred, when referrals are not available or
    when no identification date is recorded."""
    sent = [r.sent_at for r in referrals or () if r.sent_at is not None]
    if identified_on is None or not sent:
        return None
    first = min(sent)
    day = first.date() if isinstance(first, datetime) else first
    return days_band((day - identified_on).days)


def service_gap(referrals: tuple[ReferralFacts, ...] | None) -> bool | None:
    """C10: at least one referral started for the person (any referral row, sent or not: a
    referral whose matching found no service may never be sent) recorded a "no suitable
    service" gap. False when referrals were started and none recorded one; NULL when no referral
    was ever started or referrals are not available."""
    if not referrals:
        return None
    return any(r.gap for r in referrals)


def _citizenship(profile: CaseProfile) -> str | None:
    if profile.citizenship_status != CitizenshipStatus.KNOWN or not profile.citizenships:
        return None
    return alpha3(profile.citizenships[0])


def snapshot_row(facts: CaseFacts, key: bytes) -> SnapshotRow:
    """The snapshot row of one person (columns in the order of ``snapshot_schema.yaml``).

    Raises ``ValueError`` when the consent does not allow statistical use: the caller filters
    first with :func:`allows_statistics`.
    """
    if not allows_statistics(facts.categories):
        raise ValueError("consent: no active research_and_statistics consent covers 'profile'")
    p, cats = facts.profile, facts.categories
    on = facts.identified_on or facts.opened_on
    justice = DataCategory.JUSTICE in cats
    row: SnapshotRow = {
        "person_pid": person_pid(key, facts.case_id),
        "country": facts.country,
        "gender": publish_gender(p.gender.value if p.gender else None).value,
        "age_band": age_band(p, on),
        "minor": minor_when_exploited(p, on),
        **wg_columns(p, DataCategory.DISABILITY in cats),
        "ethnicity_code": p.ethnicity_code,
        "citizenship_status": p.citizenship_status.value,
        "citizenship": _citizenship(p),
        "migration_status": p.migration_statuses[0].value if p.migration_statuses else None,
        **trafficking_columns(p, DataCategory.TRAFFICKING_DETAILS in cats),
        "identification_status": p.identification_status.value,
        "detained": detained(p, facts.detention_alert) if justice else None,
        "charged_non_punishment": charged_non_punishment(p) if justice else None,
        "offered_choice": offered_choice(p, facts.interviews),
        "interpreter_in_language": interpreter_in_language(facts.interviews),
        "identified_month": first_of_month(facts.identified_on),
        **referral_columns(facts.referrals),
        "days_to_first_referral": days_to_first_referral(facts.identified_on, facts.referrals),
        "service_gap": service_gap(facts.referrals),
    }
    return row


def ordered(row: Mapping[str, object], columns: Iterable[str]) -> SnapshotRow:
    """The row with exactly ``columns`` in order; a missing or extra column is an error."""
    names = list(columns)
    extra = set(row) - set(names)
    missing = [n for n in names if n not in row]
    if extra or missing:
        raise ValueError(f"snapshot row: missing {missing}, extra {sorted(extra)}")
    return {n: row[n] for n in names}


# ---------------------------------------------------------------------------------------------
# The dialogue companion file (dialogue_snapshot_schema.yaml): one row per seat
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SeatFacts:
    """One participant row of a held dialogue: what the seat row needs, nothing else (no names,
    titles or free text). ``dialogue_id`` only feeds the keyed hash."""

    dialogue_id: UUID
    country: str
    held_on: date
    role: ParticipantRole
    gender: ParticipantGender
    actor_kind: ActorKind
    actor_groups: frozenset[Group]


_SEAT_GENDER: dict[ParticipantGender, str] = {
    ParticipantGender.WOMAN: "woman",
    ParticipantGender.MAN: "man",
    ParticipantGender.NON_BINARY: "another",
    ParticipantGender.UNDISCLOSED: "unknown",
}


def dialogue_pid(key: bytes, dialogue_id: UUID) -> str:
    """Pseudonymous dialogue id under the snapshot's key (domain-separated from person ids)."""
    message = b"dialogue\x00" + dialogue_id.bytes
    return hmac.new(key, message, hashlib.sha256).hexdigest()[:32]


def seat_gender(gender: ParticipantGender) -> str:
    """woman, man; non_binary is 'another' (one undivided category); undisclosed is 'unknown'
    (never counted as women or men: titian.dialogues.balance)."""
    return _SEAT_GENDER[gender]


def organisation_role(kind: ActorKind) -> str:
    """The network role of an organisation's kind (``role_of``): justice or support; the
    coordination and other kinds are 'other'."""
    role = role_of(kind)
    return role.value if role in (Role.JUSTICE, Role.SUPPORT) else "other"


def served_groups(groups: frozenset[Group]) -> dict[str, bool]:
    """One ``serves_<group>`` flag per project group, after ``expand_groups`` (an organisation
    serving children serves girls and boys), in the order of ``Group``."""
    served = expand_groups(groups)
    return {f"serves_{g.value}": g in served for g in Group}


def seat_row(facts: SeatFacts, key: bytes) -> SnapshotRow:
    """The companion row of one seat (columns in the order of dialogue_snapshot_schema.yaml)."""
    return {
        "dialogue_pid": dialogue_pid(key, facts.dialogue_id),
        "country": facts.country,
        "held_month": first_of_month(facts.held_on),
        "participant_role": ParticipantRole(facts.role).value,
        "participant_gender": seat_gender(facts.gender),
        "organisation_role": organisation_role(facts.actor_kind),
        **served_groups(facts.actor_groups),
    }
