"""Terms of screening (``titian.screening``).

The plain English label of every value, marked for translation with the vocabulary's name as
its context (``titian.i18n.terms``, docs/translations.md). Add a label here when you add a
member: registering a vocabulary with a member missing fails at import."""

from __future__ import annotations

from titian.i18n.terms import pN_, register
from titian.screening import answers, catalogue, indicators, models

register(
    "screening.ExploitationKind",
    answers.ExploitationKind,
    {
        answers.ExploitationKind.LABOUR: pN_("screening.ExploitationKind", "labour exploitation"),
        answers.ExploitationKind.SEXUAL: pN_("screening.ExploitationKind", "sexual exploitation"),
        answers.ExploitationKind.OTHER: pN_(
            "screening.ExploitationKind", "another form of exploitation"
        ),
    },
)
register(
    "screening.OtherForm",
    answers.OtherForm,
    {
        answers.OtherForm.FORCED_MARRIAGE: pN_("screening.OtherForm", "forced marriage"),
        answers.OtherForm.FORCED_CRIMINALITY: pN_("screening.OtherForm", "forced criminality"),
        answers.OtherForm.ORGAN_REMOVAL: pN_("screening.OtherForm", "removal of organs"),
    },
)
register(
    "screening.MigrationStatus",
    answers.MigrationStatus,
    {
        answers.MigrationStatus.CITIZEN: pN_("screening.MigrationStatus", "citizen"),
        answers.MigrationStatus.REGULAR_MIGRANT: pN_(
            "screening.MigrationStatus", "regular migrant"
        ),
        answers.MigrationStatus.IRREGULAR_MIGRANT: pN_(
            "screening.MigrationStatus", "irregular migrant"
        ),
        answers.MigrationStatus.STATELESS: pN_("screening.MigrationStatus", "stateless"),
        answers.MigrationStatus.UNKNOWN: pN_("screening.MigrationStatus", "unknown"),
    },
)
register(
    "screening.TraffickingAct",
    answers.TraffickingAct,
    {
        answers.TraffickingAct.RECRUITMENT: pN_("screening.TraffickingAct", "recruitment"),
        answers.TraffickingAct.TRANSPORTATION: pN_("screening.TraffickingAct", "transportation"),
        answers.TraffickingAct.TRANSFER: pN_("screening.TraffickingAct", "transfer"),
        answers.TraffickingAct.HARBOURING: pN_("screening.TraffickingAct", "harbouring"),
        answers.TraffickingAct.RECEIPT: pN_("screening.TraffickingAct", "receipt"),
    },
)
register(
    "screening.CatalogueStatus",
    catalogue.CatalogueStatus,
    {
        catalogue.CatalogueStatus.VERIFIED: pN_("screening.CatalogueStatus", "verified"),
        catalogue.CatalogueStatus.TO_VERIFY: pN_("screening.CatalogueStatus", "to be verified"),
        catalogue.CatalogueStatus.INCOMPLETE: pN_("screening.CatalogueStatus", "incomplete"),
    },
)
register(
    "screening.Outcome",
    indicators.Outcome,
    {
        indicators.Outcome.NOT_INDICATED: pN_("screening.Outcome", "not indicated"),
        indicators.Outcome.EXPLOITED_MIGRANT: pN_("screening.Outcome", "exploited migrant"),
        indicators.Outcome.RECRUITMENT_MEANS_AND_EXPLOITATION: pN_(
            "screening.Outcome", "recruitment, means and exploitation"
        ),
        indicators.Outcome.PRESUMED_VICTIM: pN_("screening.Outcome", "presumed victim"),
        indicators.Outcome.PRESUMED_CHILD_VICTIM: pN_("screening.Outcome", "presumed child victim"),
    },
)
register(
    "screening.SessionStatus",
    models.SessionStatus,
    {
        models.SessionStatus.OPEN: pN_("screening.SessionStatus", "open"),
        models.SessionStatus.FINISHED: pN_("screening.SessionStatus", "finished"),
        models.SessionStatus.STOPPED: pN_("screening.SessionStatus", "stopped"),
    },
)
