"""Vocabularies of the Titian service directory and its HSDS profile (docs/hsds-profile.md).

HSDS 3.0 code lists (service status, location type, address type) are copied from the Open Referral
schemas shipped in ``hsds_schema/``. The GESI lists are Titian's own: they are published as the
``titian-gesi`` taxonomy (``hsds_schema/titian_gesi_taxonomy.yaml``), whose term codes are
``<facet>:<value>`` with the values below. Sources: rights-checklist.md (C9 recovery services, C10
equal access, accommodations by WG-SS domain) and data-standards.md (c) and (d).
"""

from __future__ import annotations

from enum import StrEnum


class ServiceType(StrEnum):
    """Kinds of support service (rights-checklist C9; Palermo Art. 6(3)); the one list used by
    cases (needs), the directory and referrals."""

    SHELTER = "shelter"
    MEDICAL = "medical"
    PSYCHOSOCIAL = "psychosocial"
    LEGAL_AID = "legal_aid"
    INTERPRETATION = "interpretation"
    LIVELIHOOD = "livelihood"
    EDUCATION = "education"
    FAMILY_TRACING = "family_tracing"
    REPATRIATION_SUPPORT = "repatriation_support"
    COMPENSATION_CLAIMS = "compensation_claims"
    CASE_MANAGEMENT = "case_management"


class GenderAccepted(StrEnum):
    """Who a service accepts by self-described gender (data-standards.md (c), ASEAN-CT profile:
    "accepts men, boys, women, girls, trans and non-binary people"). Trans people are accepted in
    the gender they give, so trans women are covered by ``women`` and trans men by ``men``
    (rights-checklist, LGBTQI row: placement never follows only the sex recorded at birth). Same
    values as ``titian.referrals.vocab.GenderEligibility``."""

    WOMEN = "women"
    MEN = "men"
    GIRLS = "girls"
    BOYS = "boys"
    NON_BINARY = "non_binary"


class CitizenshipAccepted(StrEnum):
    """Whom a service accepts by citizenship or documentation status (rights-checklist: foreign
    national and stateless rows; screening-indicators: irregular migrants are not screened out)."""

    CITIZENS = "citizens"
    NON_CITIZENS = "non_citizens"
    STATELESS = "stateless"
    UNDOCUMENTED = "undocumented"


class WgDomain(StrEnum):
    """The six functional domains of the Washington Group Short Set (data-standards.md (d))."""

    SEEING = "seeing"
    HEARING = "hearing"
    MOBILITY = "mobility"
    COGNITION = "cognition"
    SELF_CARE = "self_care"
    COMMUNICATION = "communication"


class AccessibilityFeature(StrEnum):
    """Accommodations a service offers, each tied to a WG-SS domain in the taxonomy file
    (rights-checklist, "Disability" row: seeing, hearing, mobility, cognition, self-care,
    communication)."""

    SCREEN_READER_FORMATS = "screen_reader_formats"
    LARGE_PRINT = "large_print"
    AUDIO_FORMATS = "audio_formats"
    GUIDED_ACCESS = "guided_access"
    SIGN_LANGUAGE = "sign_language"
    CAPTIONED_OR_WRITTEN = "captioned_or_written"
    STEP_FREE_ACCESS = "step_free_access"
    ACCESSIBLE_TRANSPORT = "accessible_transport"
    EASY_READ = "easy_read"
    SHORTER_SESSIONS = "shorter_sessions"
    SUPPORTER_PRESENT = "supporter_present"
    PERSONAL_ASSISTANCE = "personal_assistance"
    COMMUNICATION_SUPPORT = "communication_support"


class CostType(StrEnum):
    """What the person pays. HSDS keeps the detail in ``fees_description`` and ``cost_options``;
    this facet makes "free of charge" searchable."""

    FREE = "free"
    REDUCED = "reduced"
    FEE = "fee"


class LanguageMode(StrEnum):
    """How a language is offered: by staff who speak it, or through an interpreter."""

    SPOKEN = "spoken"
    INTERPRETATION = "interpretation"


class GesiFacet(StrEnum):
    """The facets of the ``titian-gesi`` taxonomy: the part of a term code before the colon."""

    GENDER_ACCEPTED = "gender-accepted"
    ACCEPTS = "accepts"
    ACCESSIBILITY = "accessibility"
    SERVICE_TYPE = "service-type"
    COST = "cost"
    LANGUAGE_MODE = "language-mode"
    INCLUSION = "inclusion"


class ServiceStatus(StrEnum):
    """HSDS 3.0 ``service.status``."""

    ACTIVE = "active"
    INACTIVE = "inactive"
    DEFUNCT = "defunct"
    TEMPORARILY_CLOSED = "temporarily closed"


class LocationType(StrEnum):
    """HSDS 3.0 ``location.location_type`` (also ``address.address_type``)."""

    PHYSICAL = "physical"
    POSTAL = "postal"
    VIRTUAL = "virtual"


class IssueLevel(StrEnum):
    """An error refuses the import; a warning is reported and the import goes on."""

    ERROR = "error"
    WARNING = "warning"


UNACCOMPANIED_CHILDREN = "unaccompanied_children"
"""Value of the ``accepts`` facet that says a service takes children who travel alone."""

LGBTQI_AFFIRMING = "lgbtqi_affirming"
"""Value of the ``inclusion`` facet (rights-checklist, LGBTQI row: "services marked
LGBTQI-affirming")."""


class AcceptsOther(StrEnum):
    """The values of the directory's ``accepts`` filter that are neither a gender nor a
    citizenship (``ACCEPTS_CHOICES`` in ``titian.services.schemas``): the same strings as
    :data:`UNACCOMPANIED_CHILDREN` and :data:`LGBTQI_AFFIRMING`, so that they have terms."""

    UNACCOMPANIED_CHILDREN = "unaccompanied_children"
    LGBTQI_AFFIRMING = "lgbtqi_affirming"
