"""Terms of accounts (agencies and roles).

The plain English label of every value, marked for translation with the vocabulary's name as
its context (``titian.i18n.terms``, docs/translations.md). Add a label here when you add a
member: registering a vocabulary with a member missing fails at import."""

from __future__ import annotations

from titian.auth import models, policies
from titian.i18n.terms import pN_, register

register(
    "auth.AgencySector",
    models.AgencySector,
    {
        models.AgencySector.STATE: pN_("auth.AgencySector", "state"),
        models.AgencySector.NON_STATE: pN_("auth.AgencySector", "non-state"),
    },
)
register(
    "auth.AgencyKind",
    models.AgencyKind,
    {
        models.AgencyKind.OPERATOR: pN_("auth.AgencyKind", "platform operator"),
        models.AgencyKind.POLICE: pN_("auth.AgencyKind", "police"),
        models.AgencyKind.PROSECUTION: pN_("auth.AgencyKind", "prosecution"),
        models.AgencyKind.COURT: pN_("auth.AgencyKind", "court"),
        models.AgencyKind.SOCIAL_WELFARE: pN_("auth.AgencyKind", "social welfare"),
        models.AgencyKind.IMMIGRATION: pN_("auth.AgencyKind", "immigration"),
        models.AgencyKind.LABOUR_INSPECTION: pN_("auth.AgencyKind", "labour inspection"),
        models.AgencyKind.FOREIGN_AFFAIRS: pN_("auth.AgencyKind", "foreign affairs"),
        models.AgencyKind.NATIONAL_COMMITTEE: pN_(
            "auth.AgencyKind", "national anti-trafficking committee"
        ),
        models.AgencyKind.SHELTER: pN_("auth.AgencyKind", "shelter"),
        models.AgencyKind.NGO: pN_("auth.AgencyKind", "NGO"),
        models.AgencyKind.LEGAL_AID: pN_("auth.AgencyKind", "legal aid"),
        models.AgencyKind.HEALTH: pN_("auth.AgencyKind", "health service"),
        models.AgencyKind.MIGRANT_GROUP: pN_("auth.AgencyKind", "migrant group"),
        models.AgencyKind.DPO: pN_("auth.AgencyKind", "organisation of persons with disabilities"),
        models.AgencyKind.LGBTQI: pN_("auth.AgencyKind", "LGBTQI organisation"),
        models.AgencyKind.WOMENS_GROUP: pN_("auth.AgencyKind", "women's group"),
        models.AgencyKind.ETHNIC_COMMUNITY: pN_("auth.AgencyKind", "ethnic community group"),
        models.AgencyKind.UNION: pN_("auth.AgencyKind", "trade union"),
        models.AgencyKind.EMPLOYER: pN_("auth.AgencyKind", "employer"),
        models.AgencyKind.INTERNATIONAL: pN_("auth.AgencyKind", "international organisation"),
    },
)
register(
    "auth.Role",
    policies.Role,
    {
        policies.Role.ADMIN: pN_("auth.Role", "administrator"),
        policies.Role.CASE_WORKER: pN_("auth.Role", "case worker"),
        policies.Role.JUSTICE_OFFICIAL: pN_("auth.Role", "justice official"),
        policies.Role.SERVICE_PROVIDER: pN_("auth.Role", "service provider"),
        policies.Role.PROGRAMME_OFFICER: pN_("auth.Role", "programme officer"),
        policies.Role.ANALYST: pN_("auth.Role", "analyst"),
        policies.Role.AUDITOR: pN_("auth.Role", "auditor"),
    },
)
