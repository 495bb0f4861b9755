"""Terms of the service directory (``titian.services.vocab``).

The plain English label of every value, marked for translation with the vocabulary's name as
its context (``titian.i18n.terms``, docs/translations.md). Add a label here when you add a
member: registering a vocabulary with a member missing fails at import."""

from __future__ import annotations

from titian.i18n.terms import pN_, register
from titian.services import vocab as v

register(
    "services.ServiceType",
    v.ServiceType,
    {
        v.ServiceType.SHELTER: pN_("services.ServiceType", "shelter"),
        v.ServiceType.MEDICAL: pN_("services.ServiceType", "medical care"),
        v.ServiceType.PSYCHOSOCIAL: pN_("services.ServiceType", "psychosocial support"),
        v.ServiceType.LEGAL_AID: pN_("services.ServiceType", "legal aid"),
        v.ServiceType.INTERPRETATION: pN_("services.ServiceType", "interpretation"),
        v.ServiceType.LIVELIHOOD: pN_("services.ServiceType", "livelihood"),
        v.ServiceType.EDUCATION: pN_("services.ServiceType", "education"),
        v.ServiceType.FAMILY_TRACING: pN_("services.ServiceType", "family tracing"),
        v.ServiceType.REPATRIATION_SUPPORT: pN_("services.ServiceType", "repatriation support"),
        v.ServiceType.COMPENSATION_CLAIMS: pN_("services.ServiceType", "compensation claims"),
        v.ServiceType.CASE_MANAGEMENT: pN_("services.ServiceType", "case management"),
    },
)
register(
    "services.GenderAccepted",
    v.GenderAccepted,
    {
        v.GenderAccepted.WOMEN: pN_("services.GenderAccepted", "women"),
        v.GenderAccepted.MEN: pN_("services.GenderAccepted", "men"),
        v.GenderAccepted.GIRLS: pN_("services.GenderAccepted", "girls"),
        v.GenderAccepted.BOYS: pN_("services.GenderAccepted", "boys"),
        v.GenderAccepted.NON_BINARY: pN_("services.GenderAccepted", "non-binary people"),
    },
)
register(
    "services.CitizenshipAccepted",
    v.CitizenshipAccepted,
    {
        v.CitizenshipAccepted.CITIZENS: pN_("services.CitizenshipAccepted", "citizens"),
        v.CitizenshipAccepted.NON_CITIZENS: pN_("services.CitizenshipAccepted", "non-citizens"),
        v.CitizenshipAccepted.STATELESS: pN_("services.CitizenshipAccepted", "stateless people"),
        v.CitizenshipAccepted.UNDOCUMENTED: pN_(
            "services.CitizenshipAccepted", "undocumented people"
        ),
    },
)
register(
    "services.WgDomain",
    v.WgDomain,
    {
        v.WgDomain.SEEING: pN_("services.WgDomain", "seeing"),
        v.WgDomain.HEARING: pN_("services.WgDomain", "hearing"),
        v.WgDomain.MOBILITY: pN_("services.WgDomain", "mobility"),
        v.WgDomain.COGNITION: pN_("services.WgDomain", "cognition"),
        v.WgDomain.SELF_CARE: pN_("services.WgDomain", "self-care"),
        v.WgDomain.COMMUNICATION: pN_("services.WgDomain", "communication"),
    },
)
register(
    "services.AccessibilityFeature",
    v.AccessibilityFeature,
    {
        v.AccessibilityFeature.SCREEN_READER_FORMATS: pN_(
            "services.AccessibilityFeature", "screen-reader formats"
        ),
        v.AccessibilityFeature.LARGE_PRINT: pN_("services.AccessibilityFeature", "large print"),
        v.AccessibilityFeature.AUDIO_FORMATS: pN_("services.AccessibilityFeature", "audio formats"),
        v.AccessibilityFeature.GUIDED_ACCESS: pN_("services.AccessibilityFeature", "guided access"),
        v.AccessibilityFeature.SIGN_LANGUAGE: pN_("services.AccessibilityFeature", "sign language"),
        v.AccessibilityFeature.CAPTIONED_OR_WRITTEN: pN_(
            "services.AccessibilityFeature", "captioned or written communication"
        ),
        v.AccessibilityFeature.STEP_FREE_ACCESS: pN_(
            "services.AccessibilityFeature", "step-free access"
        ),
        v.AccessibilityFeature.ACCESSIBLE_TRANSPORT: pN_(
            "services.AccessibilityFeature", "accessible transport"
        ),
        v.AccessibilityFeature.EASY_READ: pN_(
            "services.AccessibilityFeature", "easy-read material"
        ),
        v.AccessibilityFeature.SHORTER_SESSIONS: pN_(
            "services.AccessibilityFeature", "shorter sessions"
        ),
        v.AccessibilityFeature.SUPPORTER_PRESENT: pN_(
            "services.AccessibilityFeature", "a supporter may be present"
        ),
        v.AccessibilityFeature.PERSONAL_ASSISTANCE: pN_(
            "services.AccessibilityFeature", "personal assistance"
        ),
        v.AccessibilityFeature.COMMUNICATION_SUPPORT: pN_(
            "services.AccessibilityFeature", "communication support"
        ),
    },
)
register(
    "services.CostType",
    v.CostType,
    {
        v.CostType.FREE: pN_("services.CostType", "free of charge"),
        v.CostType.REDUCED: pN_("services.CostType", "reduced cost"),
        v.CostType.FEE: pN_("services.CostType", "fee charged"),
    },
)
register(
    "services.LanguageMode",
    v.LanguageMode,
    {
        v.LanguageMode.SPOKEN: pN_("services.LanguageMode", "spoken by staff"),
        v.LanguageMode.INTERPRETATION: pN_("services.LanguageMode", "through an interpreter"),
    },
)
register(
    "services.AcceptsOther",
    v.AcceptsOther,
    {
        v.AcceptsOther.UNACCOMPANIED_CHILDREN: pN_(
            "services.AcceptsOther", "unaccompanied children"
        ),
        v.AcceptsOther.LGBTQI_AFFIRMING: pN_("services.AcceptsOther", "LGBTQI-affirming"),
    },
)
register(
    "services.ServiceStatus",
    v.ServiceStatus,
    {
        v.ServiceStatus.ACTIVE: pN_("services.ServiceStatus", "active"),
        v.ServiceStatus.INACTIVE: pN_("services.ServiceStatus", "inactive"),
        v.ServiceStatus.DEFUNCT: pN_("services.ServiceStatus", "defunct"),
        v.ServiceStatus.TEMPORARILY_CLOSED: pN_("services.ServiceStatus", "temporarily closed"),
    },
)
register(
    "services.LocationType",
    v.LocationType,
    {
        v.LocationType.PHYSICAL: pN_("services.LocationType", "physical"),
        v.LocationType.POSTAL: pN_("services.LocationType", "postal"),
        v.LocationType.VIRTUAL: pN_("services.LocationType", "virtual"),
    },
)
