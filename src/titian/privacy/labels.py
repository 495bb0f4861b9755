"""Terms of statistical releases (``titian.privacy.models``).

The plain English label of every value, marked for translation with the vocabulary's name as
its context (``titian.i18n.terms``, docs/translations.md). Add a label here when you add a
member: registering a vocabulary with a member missing fails at import."""

from __future__ import annotations

from titian.i18n.terms import pN_, register
from titian.privacy import dp
from titian.privacy import models as v

register(
    "privacy.ReleaseStatus",
    v.ReleaseStatus,
    {
        v.ReleaseStatus.REQUESTED: pN_("privacy.ReleaseStatus", "requested"),
        v.ReleaseStatus.APPROVED: pN_("privacy.ReleaseStatus", "approved"),
        v.ReleaseStatus.PUBLISHED: pN_("privacy.ReleaseStatus", "published"),
        v.ReleaseStatus.REJECTED: pN_("privacy.ReleaseStatus", "rejected"),
    },
)
register(
    "privacy.ReleaseAction",
    v.ReleaseAction,
    {
        v.ReleaseAction.REQUEST: pN_("privacy.ReleaseAction", "request"),
        v.ReleaseAction.APPROVE: pN_("privacy.ReleaseAction", "approve"),
        v.ReleaseAction.REJECT: pN_("privacy.ReleaseAction", "reject"),
        v.ReleaseAction.PUBLISH: pN_("privacy.ReleaseAction", "publish"),
    },
)
register(
    "privacy.BudgetPeriod",
    dp.BudgetPeriod,
    {
        dp.BudgetPeriod.LIFETIME: pN_("privacy.BudgetPeriod", "lifetime"),
        dp.BudgetPeriod.CALENDAR_YEAR: pN_("privacy.BudgetPeriod", "calendar year"),
    },
)
