"""Terms of service matching and referrals (``titian.referrals.vocab`` and ``tracking``).

The plain English label of every value, marked for translation with the vocabulary's name as
its context (``titian.i18n.terms``, docs/translations.md). Add a label here when you add a
member: registering a vocabulary with a member missing fails at import."""

from __future__ import annotations

from titian.i18n.terms import pN_, register
from titian.referrals import tracking, vocab

register(
    "referrals.Gender",
    vocab.Gender,
    {
        vocab.Gender.WOMAN: pN_("referrals.Gender", "woman"),
        vocab.Gender.MAN: pN_("referrals.Gender", "man"),
        vocab.Gender.NON_BINARY: pN_("referrals.Gender", "non-binary"),
        vocab.Gender.DIFFERENT_TERM: pN_("referrals.Gender", "a different term"),
        vocab.Gender.NOT_STATED: pN_("referrals.Gender", "not stated"),
    },
)
register(
    "referrals.GenderEligibility",
    vocab.GenderEligibility,
    {
        vocab.GenderEligibility.WOMEN: pN_("referrals.GenderEligibility", "women"),
        vocab.GenderEligibility.MEN: pN_("referrals.GenderEligibility", "men"),
        vocab.GenderEligibility.GIRLS: pN_("referrals.GenderEligibility", "girls"),
        vocab.GenderEligibility.BOYS: pN_("referrals.GenderEligibility", "boys"),
        vocab.GenderEligibility.NON_BINARY: pN_("referrals.GenderEligibility", "non-binary people"),
    },
)
register(
    "referrals.CitizenshipStatus",
    vocab.CitizenshipStatus,
    {
        vocab.CitizenshipStatus.CITIZEN: pN_("referrals.CitizenshipStatus", "citizen"),
        vocab.CitizenshipStatus.FOREIGN_NATIONAL: pN_(
            "referrals.CitizenshipStatus", "foreign national"
        ),
        vocab.CitizenshipStatus.STATELESS: pN_("referrals.CitizenshipStatus", "stateless"),
        vocab.CitizenshipStatus.UNDOCUMENTED: pN_("referrals.CitizenshipStatus", "undocumented"),
        vocab.CitizenshipStatus.UNKNOWN: pN_("referrals.CitizenshipStatus", "unknown"),
    },
)
register(
    "referrals.Cost",
    vocab.Cost,
    {
        vocab.Cost.FREE: pN_("referrals.Cost", "free of charge"),
        vocab.Cost.REDUCED: pN_("referrals.Cost", "reduced cost"),
        vocab.Cost.FEE: pN_("referrals.Cost", "fee charged"),
        vocab.Cost.NOT_STATED: pN_("referrals.Cost", "not stated"),
    },
)
register(
    "referrals.GapKind",
    vocab.GapKind,
    {
        vocab.GapKind.NO_ELIGIBLE_SERVICE: pN_("referrals.GapKind", "no eligible service"),
        vocab.GapKind.NO_AFFIRMING_SERVICE: pN_("referrals.GapKind", "no LGBTQI-affirming service"),
    },
)
register(
    "referrals.GapSource",
    vocab.GapSource,
    {
        vocab.GapSource.REFERRAL: pN_("referrals.GapSource", "referral"),
        vocab.GapSource.COVERAGE_SCAN: pN_("referrals.GapSource", "coverage scan"),
    },
)
register(
    "referrals.GapGroup",
    vocab.GapGroup,
    {
        vocab.GapGroup.WOMEN: pN_("referrals.GapGroup", "women"),
        vocab.GapGroup.MEN: pN_("referrals.GapGroup", "men"),
        vocab.GapGroup.GIRLS: pN_("referrals.GapGroup", "girls"),
        vocab.GapGroup.BOYS: pN_("referrals.GapGroup", "boys"),
        vocab.GapGroup.NON_BINARY: pN_("referrals.GapGroup", "non-binary people"),
        vocab.GapGroup.SEEING: pN_("referrals.GapGroup", "difficulty seeing"),
        vocab.GapGroup.HEARING: pN_("referrals.GapGroup", "difficulty hearing"),
        vocab.GapGroup.MOBILITY: pN_("referrals.GapGroup", "difficulty walking"),
        vocab.GapGroup.COGNITION: pN_(
            "referrals.GapGroup", "difficulty remembering or concentrating"
        ),
        vocab.GapGroup.SELF_CARE: pN_("referrals.GapGroup", "difficulty with self-care"),
        vocab.GapGroup.COMMUNICATION: pN_("referrals.GapGroup", "difficulty communicating"),
        vocab.GapGroup.LANGUAGE: pN_("referrals.GapGroup", "language needs"),
        vocab.GapGroup.FOREIGN_NATIONALS: pN_("referrals.GapGroup", "foreign nationals"),
        vocab.GapGroup.STATELESS: pN_("referrals.GapGroup", "stateless people"),
        vocab.GapGroup.UNDOCUMENTED: pN_("referrals.GapGroup", "undocumented people"),
        vocab.GapGroup.LGBTQI: pN_("referrals.GapGroup", "LGBTQI people"),
    },
)
register(
    "referrals.ReferralState",
    tracking.ReferralState,
    {
        tracking.ReferralState.DRAFT: pN_("referrals.ReferralState", "draft"),
        tracking.ReferralState.SENT: pN_("referrals.ReferralState", "sent"),
        tracking.ReferralState.ACCEPTED: pN_("referrals.ReferralState", "accepted"),
        tracking.ReferralState.DECLINED: pN_("referrals.ReferralState", "declined"),
        tracking.ReferralState.IN_PROGRESS: pN_("referrals.ReferralState", "in progress"),
        tracking.ReferralState.COMPLETED: pN_("referrals.ReferralState", "completed"),
        tracking.ReferralState.WITHDRAWN: pN_("referrals.ReferralState", "withdrawn"),
        tracking.ReferralState.PERSON_DECLINED: pN_(
            "referrals.ReferralState", "declined by the person"
        ),
    },
)
register(
    "referrals.ReferralAction",
    tracking.ReferralAction,
    {
        tracking.ReferralAction.SEND: pN_("referrals.ReferralAction", "send"),
        tracking.ReferralAction.ACCEPT: pN_("referrals.ReferralAction", "accept"),
        tracking.ReferralAction.DECLINE: pN_("referrals.ReferralAction", "decline"),
        tracking.ReferralAction.START: pN_("referrals.ReferralAction", "start"),
        tracking.ReferralAction.COMPLETE: pN_("referrals.ReferralAction", "complete"),
        tracking.ReferralAction.WITHDRAW: pN_("referrals.ReferralAction", "withdraw"),
        tracking.ReferralAction.PERSON_DECLINE: pN_(
            "referrals.ReferralAction", "the person declines"
        ),
    },
)
# The reasons of a match keep their English texts in ``vocab`` (``.label``, used by the domain);
# the same texts are their terms.
register("referrals.ExclusionReason", vocab.ExclusionReason, vocab._EXCLUSION_LABELS)
register("referrals.FitReason", vocab.FitReason, vocab._FIT_LABELS)
register("referrals.CaveatReason", vocab.CaveatReason, vocab._CAVEAT_LABELS)
