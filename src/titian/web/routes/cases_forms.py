"""The case form, one section per step (usable on a phone): field specs, parsing, rendering.

A step's fields are declared as data (:class:`Field`); the same specs render the form and turn the
submitted form back into a profile and an identity, which the case service validates. Field
names are dotted paths: ``identity.phones``, ``case.identified_on``, ``wg_ss.seeing``,
``trafficking.sectors`` or a top-level profile field.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from pydantic import ValidationError

from titian.cases import vocab as v
from titian.cases.models import CaseStatus
from titian.i18n import N_, terms

Choices = tuple[tuple[str, str], ...]


def choices(kind: type[StrEnum]) -> Choices:
    """The options of a vocabulary: its values, labelled with their terms (``titian.i18n.terms``),
    which the page's ``_()`` translates in the vocabulary's context."""
    return terms.choices(kind)


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    kind: str = "text"  # text | date | select | multi | check | lines | list | tristate
    choices: Choices = ()
    hint: str = ""


@dataclass(frozen=True)
class Step:
    key: str
    title: str
    fields: tuple[Field, ...]
    special: bool = False


TRISTATE: Choices = (("", N_("not asked")), ("yes", N_("yes")), ("no", N_("no")))
#: Where a person released from detention may be now (C6): never a detention status or unknown.
RELEASED_TO: Choices = tuple(
    c
    for c in choices(v.CustodyStatus)
    if c[0] not in {s.value for s in v.DETENTION_STATUSES} and c[0] != v.CustodyStatus.UNKNOWN
)

#: One whole label per Washington Group domain (not "Difficulty:" joined to a value).
WG_LABELS: dict[v.WgDomain, str] = {
    v.WgDomain.SEEING: N_("Difficulty: seeing"),
    v.WgDomain.HEARING: N_("Difficulty: hearing"),
    v.WgDomain.MOBILITY: N_("Difficulty: mobility"),
    v.WgDomain.COGNITION: N_("Difficulty: cognition"),
    v.WgDomain.SELF_CARE: N_("Difficulty: self care"),
    v.WgDomain.COMMUNICATION: N_("Difficulty: communication"),
}

STEPS: tuple[Step, ...] = (
    Step(
        "identity",
        N_("Identity (encrypted)"),
        (
            Field("identity.given_name", N_("Given name")),
            Field("identity.family_name", N_("Family name")),
            Field("identity.aliases", N_("Other names used"), "lines", hint=N_("One per line")),
            Field("date_of_birth", N_("Date of birth"), "date"),
            Field("date_of_birth_estimated", N_("The date of birth is an estimate"), "check"),
            Field("identity.phones", N_("Phone numbers"), "lines", hint=N_("One per line")),
            Field("identity.emails", N_("Email addresses"), "lines", hint=N_("One per line")),
            Field(
                "identity.identity_documents",
                N_("Identity documents"),
                "lines",
                hint=N_("Type and number"),
            ),
            Field("identity.addresses", N_("Addresses"), "lines", hint=N_("One per line")),
        ),
    ),
    Step(
        "person",
        N_("About the person"),
        (
            Field("gender", N_("Gender, as the person describes it"), "select", choices(v.Gender)),
            Field("gender_term", N_("Their own term (when 'another term')")),
            Field("pronouns", N_("Pronouns")),
            Field(
                "age_band",
                N_("Age band (when the date of birth is unknown)"),
                "select",
                choices(v.AgeBand),
            ),
            Field("age_established", N_("Age established by documents or assessment"), "check"),
            Field("preferred_language", N_("Preferred language (BCP-47, e.g. my, ksw, km)")),
            Field(
                "other_languages",
                N_("Other languages understood"),
                "list",
                hint=N_("Comma-separated"),
            ),
            Field("written_language", N_("Written language and script (e.g. my, zh-Hant)")),
            Field("ethnicity_code", N_("Ethnicity"), "select"),
            Field("ethnicity_text", N_("Ethnicity in the person's words")),
            Field(
                "interviewer_gender_preference",
                N_("Preferred interviewer and interpreter gender"),
                "select",
                choices(v.InterviewerGender),
            ),
        ),
    ),
    Step(
        "functioning",
        N_("Functioning (Washington Group questions)"),
        tuple(
            Field(f"wg_ss.{d.value}", WG_LABELS[d], "select", choices(v.WgAnswer))
            for d in v.WgDomain
        ),
    ),
    Step(
        "status",
        N_("Citizenship and migration"),
        (
            Field("citizenship_status", N_("Citizenship"), "select", choices(v.CitizenshipStatus)),
            Field(
                "citizenships",
                N_("Countries of citizenship"),
                "list",
                hint=N_("ISO codes, e.g. MM"),
            ),
            Field(
                "migration_statuses", N_("Migration status"), "multi", choices(v.MigrationStatus)
            ),
            Field(
                "objects_to_origin_notification",
                N_("Does the person object to telling their country of origin?"),
                "tristate",
                TRISTATE,
                hint=N_("Blank counts as an objection (C13)"),
            ),
        ),
    ),
    Step(
        "trafficking",
        N_("Trafficking situation"),
        (
            Field(
                "trafficking.exploitation_forms",
                N_("Forms of exploitation"),
                "multi",
                choices(v.ExploitationForm),
            ),
            Field(
                "trafficking.sex_exploitation_types",
                N_("Sexual exploitation"),
                "multi",
                choices(v.SexExploitationType),
            ),
            Field(
                "trafficking.means_of_control",
                N_("Means of control"),
                "multi",
                choices(v.MeansOfControl),
            ),
            Field("trafficking.sectors", N_("Sectors"), "multi", choices(v.Sector)),
            Field(
                "trafficking.recruiter_relationship",
                N_("Relationship to the recruiter"),
                "select",
                choices(v.RecruiterRelationship),
            ),
            Field("trafficking.country_of_recruitment", N_("Country of recruitment (ISO code)")),
            Field("trafficking.countries_of_exploitation", N_("Countries of exploitation"), "list"),
        ),
    ),
    Step(
        "justice",
        N_("Identification, custody and justice"),
        (
            Field(
                "identification_status",
                N_("Identification status"),
                "select",
                choices(v.IdentificationStatus),
            ),
            Field("deciding_body", N_("Deciding body"), "select", choices(v.DecidingBody)),
            Field("custody_status", N_("Custody status"), "select", choices(v.CustodyStatus)),
            Field("case.identified_on", N_("Identified on"), "date"),
            Field("case.justice_agency_id", N_("Justice focal point"), "select"),
            Field(
                "case.status",
                N_("Case status"),
                "select",
                tuple(c for c in choices(CaseStatus) if c[0] != "anonymised"),
            ),
            Field(
                "new_charge.offence_type",
                N_("Add a charge: offence"),
                "select",
                choices(v.OffenceType),
            ),
            Field(
                "new_charge.non_punishment_applicable",
                N_("Linked to the trafficking situation (non-punishment, C7)"),
                "tristate",
                TRISTATE,
            ),
            Field("new_milestone.milestone", N_("Add a milestone"), "select", choices(v.Milestone)),
            Field("new_milestone.on", N_("Milestone date"), "date"),
        ),
    ),
    Step(
        "needs",
        N_("Needs by service type"),
        (Field("needs", N_("Needs"), "multi", choices(v.ServiceType)),),
    ),
    Step(
        "sogiesc",
        N_("SOGIESC (special category, own consent)"),
        (
            Field(
                "sogiesc_consent", N_("The person gave separate consent to record SOGIESC"), "check"
            ),
            Field("sex_at_birth", N_("Sex recorded at birth"), "select", choices(v.SexAtBirth)),
            Field("sogiesc.lgbtqi", N_("Describes themselves as LGBTQI"), "tristate", TRISTATE),
            Field("sogiesc.self_described_identity", N_("In their own words")),
        ),
        special=True,
    ),
)
STEP_KEYS = tuple(s.key for s in STEPS)


def step(key: str) -> Step:
    for found in STEPS:
        if found.key == key:
            return found
    raise KeyError(key)


# ---------------------------------------------------------------------------------------------
# Values for the form
# ---------------------------------------------------------------------------------------------


def _get(data: dict[str, Any], path: str) -> Any:
    node: Any = data
    for part in path.split("."):
        if not isinstance(node, dict):
            return None
        node = node.get(part)
    return node


def _shown(field: Field, value: Any) -> Any:
    if field.kind in ("lines", "list"):
        sep = "\n" if field.kind == "lines" else ", "
        return sep.join(str(x) for x in value or ())
    if field.kind == "multi":
        return [str(x) for x in value or ()]
    if field.kind == "tristate":
        return "" if value is None else ("yes" if value else "no")
    if field.kind == "check":
        return bool(value)
    return "" if value is None else str(value)


def form_values(
    the_step: Step, profile: dict[str, Any], identity: dict[str, Any], case: dict[str, Any]
) -> dict[str, Any]:
    """The step's fields with their stored values, as the template shows them."""
    roots = {"identity": identity, "case": case}
    values: dict[str, Any] = {}
    for field in the_step.fields:
        root, _, rest = field.name.partition(".")
        if root in roots:
            value = _get(roots[root], rest)
        elif root in ("new_charge", "new_milestone"):
            value = None
        else:
            value = _get(profile, field.name)
        values[field.name] = _shown(field, value)
    return values


def submitted_values(the_step: Step, form: dict[str, Any]) -> dict[str, Any]:
    """What the person typed, kept as typed (shown again after an error or a conflict)."""
    values: dict[str, Any] = {}
    for field in the_step.fields:
        raw = form.get(field.name)
        if field.kind == "multi":
            values[field.name] = list(raw or [])
        elif field.kind == "check":
            values[field.name] = raw == "on"
        else:
            values[field.name] = raw or ""
    return values


# ---------------------------------------------------------------------------------------------
# Parsing the form
# ---------------------------------------------------------------------------------------------


def _parsed(field: Field, raw: Any) -> Any:
    if field.kind == "multi":
        return list(raw or [])
    if field.kind == "check":
        return bool(raw)
    if field.kind == "tristate":
        return {"yes": True, "no": False}.get(str(raw or ""))
    text = str(raw or "").strip()
    if field.kind == "lines":
        return [line.strip() for line in text.splitlines() if line.strip()]
    if field.kind == "list":
        return [p.strip() for p in text.replace(";", ",").split(",") if p.strip()]
    return text or None


def _set(data: dict[str, Any], path: str, value: Any) -> None:
    parts = path.split(".")
    node = data
    for part in parts[:-1]:
        child = node.get(part)
        if not isinstance(child, dict):
            child = {}
            node[part] = child
        node = child
    if value is None and parts[0] == "wg_ss":
        node.pop(parts[-1], None)
    else:
        node[parts[-1]] = value


def apply_form(
    the_step: Step,
    values: dict[str, Any],
    profile: dict[str, Any],
    identity: dict[str, Any],
    case: dict[str, Any],
) -> None:
    """Write the typed values into the profile, identity and case dicts (in place)."""
    extra: dict[str, Any] = {}
    for field in the_step.fields:
        value = _parsed(field, values.get(field.name))
        root, _, rest = field.name.partition(".")
        if root == "identity":
            _set(identity, rest, value)
        elif root == "case":
            case[rest] = value
        elif root in ("new_charge", "new_milestone"):
            _set(extra, field.name, value)
        else:
            _set(profile, field.name, value)
    _add_rows(profile, extra)
    if isinstance(profile.get("sogiesc"), dict) and not any(profile["sogiesc"].values()):
        profile["sogiesc"] = None


def _add_rows(profile: dict[str, Any], extra: dict[str, Any]) -> None:
    charge = extra.get("new_charge") or {}
    if charge.get("offence_type"):
        profile.setdefault("charges", []).append(
            {
                "offence_type": charge["offence_type"],
                "non_punishment_applicable": charge.get("non_punishment_applicable"),
            }
        )
    milestone = extra.get("new_milestone") or {}
    if milestone.get("milestone"):
        profile.setdefault("milestones", []).append(
            {"milestone": milestone["milestone"], "on": milestone.get("on") or date.today()}
        )


def field_errors(the_step: Step, exc: ValidationError, prefix: str = "") -> dict[str, str]:
    """Pydantic errors keyed by the form field they belong to ('form' when none)."""
    names = [f.name for f in the_step.fields]
    errors: dict[str, str] = {}
    for err in exc.errors():
        path = ".".join([prefix, *(str(p) for p in err["loc"])]).strip(".")
        match = next((n for n in names if path == n or path.startswith(n + ".")), None)
        errors.setdefault(match or "form", str(err["msg"]).removeprefix("Value error, "))
    return errors
