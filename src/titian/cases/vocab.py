"""Vocabularies of the victim-case profile (issue 3, item 1).

Values are Titian's own stable system names (snake_case). Where a standard exists, the mapping to it
is data, not code: ``catalogue/htcds-2.0.yaml`` maps these values to HTCDS v2.0 system names
(data-standards.md (a)). Labels for people are the terms in ``labels.py``
(``titian.i18n.terms``).
"""

from __future__ import annotations

from enum import StrEnum

from titian.services.vocab import ServiceType as ServiceType
from titian.services.vocab import WgDomain as WgDomain


class Gender(StrEnum):
    """Gender as the person describes it (ABS 2020 gender variable; data-standards.md (e))."""

    WOMAN = "woman"
    MAN = "man"
    NON_BINARY = "non_binary"
    ANOTHER_TERM = "another_term"
    PREFERS_NOT_TO_SAY = "prefers_not_to_say"


class SexAtBirth(StrEnum):
    """Sex recorded at birth, optional (ABS 2020; every question has "prefer not to answer")."""

    FEMALE = "female"
    MALE = "male"
    ANOTHER_TERM = "another_term"
    PREFERS_NOT_TO_SAY = "prefers_not_to_say"


class AgeBand(StrEnum):
    """Estimated age band when the date of birth is not known.

    The bands are the CTDC ``ageBroad`` bands (data-standards.md (b)), so that no band straddles
    the age of 18 and an estimate can be compared with imported public data.
    """

    AGE_0_8 = "0-8"
    AGE_9_17 = "9-17"
    AGE_18_20 = "18-20"
    AGE_21_23 = "21-23"
    AGE_24_26 = "24-26"
    AGE_27_29 = "27-29"
    AGE_30_38 = "30-38"
    AGE_39_47 = "39-47"
    AGE_48_PLUS = "48+"

    @property
    def min_age(self) -> int:
        """Youngest age in the band."""
        return int(self.value.rstrip("+").split("-")[0])

    @property
    def max_age(self) -> int | None:
        """Oldest age in the band, ``None`` for the open band."""
        parts = self.value.split("-")
        return int(parts[1]) if len(parts) == 2 else None


class MinorStatus(StrEnum):
    """Outcome of the minority rule in :func:`titian.cases.profile.minor_status`."""

    CHILD = "child"
    PRESUMED_CHILD = "presumed_child"
    ADULT = "adult"


class CitizenshipStatus(StrEnum):
    """Whether a citizenship is known (data-standards.md (a): ``prs_Citizenship``, ISO 3166)."""

    KNOWN = "known"
    STATELESS = "stateless"
    UNDOCUMENTED = "undocumented"
    UNKNOWN = "unknown"


class MigrationStatus(StrEnum):
    """Migration and protection status: the value sets of the HTCDS v2.0 guidance."""

    FAMILY_MIGRANT = "family_migrant"
    VISITOR_TOURIST = "visitor_tourist"
    LABOUR_MIGRANT = "labour_migrant"
    STUDENT = "student"
    IRREGULAR_MIGRANT = "irregular_migrant"
    ASYLUM_SEEKER = "asylum_seeker"
    REFUGEE = "refugee"
    COMPLEMENTARY_PROTECTION = "complementary_protection"
    STATELESS_PERSON = "stateless_person"
    ENVIRONMENTAL_MIGRANT = "environmental_migrant"
    VULNERABLE_MIGRANT = "vulnerable_migrant"
    STRANDED_MIGRANT = "stranded_migrant"
    FORCED_MIGRANT = "forced_migrant"
    DEPORTEE = "deportee"
    EX_COMBATANT = "ex_combatant"
    INTERNALLY_DISPLACED_PERSON = "internally_displaced_person"
    SEPARATED_OR_UNACCOMPANIED_CHILD = "separated_or_unaccompanied_child"
    RETURNEE = "returnee"


class ExploitationForm(StrEnum):
    """HTCDS v2.0 ``vic_TypeOfExploitation`` plus forced criminality (a Titian extension)."""

    FORCED_LABOUR = "forced_labour"
    SEXUAL_EXPLOITATION = "sexual_exploitation"
    CHILD_LABOUR = "child_labour"
    FORCED_MARRIAGE = "forced_marriage"
    SERVITUDE = "servitude"
    FORCED_MILITARY_BY_NON_STATE_ACTORS = "forced_military_by_non_state_actors"
    ORGAN_REMOVAL = "organ_removal"
    FORCED_BEGGING = "forced_begging"
    FORCED_ADOPTION = "forced_adoption"
    SURROGACY = "surrogacy"
    FORCED_CRIMINALITY = "forced_criminality"
    OTHER = "other"


class SexExploitationType(StrEnum):
    """HTCDS v2.0 ``vic_TypeOfSexExploitation``."""

    PROSTITUTION = "prostitution"
    PORNOGRAPHY = "pornography"
    REMOTE_INTERACTIVE_SERVICES = "remote_interactive_services"
    PRIVATE_SEXUAL_SERVICES = "private_sexual_services"


class MeansOfControl(StrEnum):
    """HTCDS v2.0 ``vic_MethodsOfControl``."""

    PHYSICAL_THREATS = "physical_threats"
    THREATS_LAW_ENFORCEMENT = "threats_law_enforcement"
    THREATENS_CHILDREN_FAMILY = "threatens_children_family"
    DEBT_BONDAGE = "debt_bondage"
    FALSE_PROMISES = "false_promises"
    PHYSICAL_ABUSE = "physical_abuse"
    SEXUAL_ABUSE = "sexual_abuse"
    TAKES_EARNINGS = "takes_earnings"
    RESTRICTS_FINANCIAL_ACCESS = "restricts_financial_access"
    RESTRICTS_MEDICAL_CARE = "restricts_medical_care"
    WITHHOLDS_NECESSITIES = "withholds_necessities"
    PSYCHOLOGICAL_ABUSE = "psychological_abuse"
    PSYCHOACTIVE_SUBSTANCE = "psychoactive_substance"
    EXCESSIVE_WORKING_HOURS = "excessive_working_hours"
    WITHHOLDS_DOCUMENTS = "withholds_documents"
    OTHER = "other"


class Sector(StrEnum):
    """Sector of exploitation as case workers name it; mapped to ISIC sections for HTCDS."""

    FISHING = "fishing"
    AGRICULTURE = "agriculture"
    FORESTRY = "forestry"
    MINING = "mining"
    CONSTRUCTION = "construction"
    FACTORY = "factory"
    DOMESTIC_WORK = "domestic_work"
    HOSPITALITY = "hospitality"
    ENTERTAINMENT = "entertainment"
    TRANSPORT = "transport"
    RETAIL = "retail"
    ONLINE_SCAM = "online_scam"
    BEGGING = "begging"
    OTHER = "other"


class RecruiterRelationship(StrEnum):
    """Relationship to the recruiter (CTDC detail; HTCDS ``vic_RelationshipToTrafficker``)."""

    FAMILY = "family"
    INTIMATE_PARTNER = "intimate_partner"
    FRIEND = "friend"
    ACQUAINTANCE = "acquaintance"
    STRANGER = "stranger"
    OTHER = "other"
    UNKNOWN = "unknown"


class IdentificationStatus(StrEnum):
    """Identification as a victim. ``presumed`` is enough to trigger C6 and C7."""

    POSSIBLE = "possible"
    PRESUMED = "presumed"
    CONFIRMED = "confirmed"
    NOT_A_VICTIM = "not_a_victim"


class DecidingBody(StrEnum):
    """HTCDS v2.0 ``vic_TraffickingStatusDecisionMakingOrg``."""

    POLICE = "police"
    NGO = "ngo"
    COURT_OR_PROSECUTION = "court_or_prosecution"
    NON_POLICE_GOVERNMENTAL_ORGANIZATION = "non_police_governmental_organization"
    OTHER = "other"


class CustodyStatus(StrEnum):
    """Where the person is held, if anywhere (C6)."""

    NOT_IN_CUSTODY = "not_in_custody"
    SHELTER_OPEN = "shelter_open"
    SHELTER_CLOSED = "shelter_closed"
    IMMIGRATION_DETENTION = "immigration_detention"
    POLICE_CELL = "police_cell"
    PRISON = "prison"
    UNKNOWN = "unknown"


DETENTION_STATUSES: frozenset[CustodyStatus] = frozenset(
    {CustodyStatus.IMMIGRATION_DETENTION, CustodyStatus.POLICE_CELL, CustodyStatus.PRISON}
)
"""Custody statuses that C6 treats as detention (rights-checklist.md C6)."""


class OffenceType(StrEnum):
    """Kinds of charge met in trafficking cases; C7 names the ones most often linked."""

    IMMIGRATION = "immigration"
    DOCUMENT_FRAUD = "document_fraud"
    PROSTITUTION_RELATED = "prostitution_related"
    FORCED_CRIMINALITY = "forced_criminality"
    OTHER = "other"


NON_PUNISHMENT_OFFENCES: frozenset[OffenceType] = frozenset(
    {
        OffenceType.IMMIGRATION,
        OffenceType.DOCUMENT_FRAUD,
        OffenceType.PROSTITUTION_RELATED,
        OffenceType.FORCED_CRIMINALITY,
    }
)
"""Offences that C7 lists as typically linked to the trafficking situation."""


class ChargeOutcome(StrEnum):
    """Where a charge stands."""

    PENDING = "pending"
    DROPPED = "dropped"
    ACQUITTED = "acquitted"
    CONVICTED = "convicted"


class Milestone(StrEnum):
    """Justice milestones of the proceedings (issue 3, Titian extension to HTCDS)."""

    REPORT = "report"
    INVESTIGATION = "investigation"
    PROSECUTION = "prosecution"
    TRIAL = "trial"
    VERDICT = "verdict"
    COMPENSATION = "compensation"
    APPEAL = "appeal"


class WgAnswer(StrEnum):
    """WG-SS answer categories; refused and don't know are non-substantive (count as missing)."""

    NO_DIFFICULTY = "no_difficulty"
    SOME_DIFFICULTY = "some_difficulty"
    A_LOT_OF_DIFFICULTY = "a_lot_of_difficulty"
    CANNOT_DO_AT_ALL = "cannot_do_at_all"
    REFUSED = "refused"
    DONT_KNOW = "dont_know"

    @property
    def code(self) -> int:
        """WG numeric code (1-4; 7 refused and 9 don't know, to verify against WG syntax)."""
        return _WG_CODES[self]


_WG_CODES: dict[WgAnswer, int] = {
    WgAnswer.NO_DIFFICULTY: 1,
    WgAnswer.SOME_DIFFICULTY: 2,
    WgAnswer.A_LOT_OF_DIFFICULTY: 3,
    WgAnswer.CANNOT_DO_AT_ALL: 4,
    WgAnswer.REFUSED: 7,
    WgAnswer.DONT_KNOW: 9,
}


class InterviewerGender(StrEnum):
    """Preferred gender of interviewer and interpreter (C5: female / male / none / other)."""

    FEMALE = "female"
    MALE = "male"
    NO_PREFERENCE = "no_preference"
    OTHER = "other"


class StaffGender(StrEnum):
    """Gender of the interviewer or interpreter actually present (C4, C5)."""

    FEMALE = "female"
    MALE = "male"
    OTHER = "other"


class SexualOrientation(StrEnum):
    """Optional SOGIESC module (ABS 2020 categories, wording to verify)."""

    STRAIGHT = "straight"
    GAY_OR_LESBIAN = "gay_or_lesbian"
    BISEXUAL = "bisexual"
    ANOTHER_TERM = "another_term"
    DONT_KNOW = "dont_know"
    PREFERS_NOT_TO_SAY = "prefers_not_to_say"


class SexCharacteristicsVariation(StrEnum):
    """Optional SOGIESC module: variations of sex characteristics (ABS 2020)."""

    YES = "yes"
    NO = "no"
    DONT_KNOW = "dont_know"
    PREFERS_NOT_TO_SAY = "prefers_not_to_say"


class JusticeEntryRemoval(StrEnum):
    """Why a charge or milestone is removed from the justice record. Only data errors: a charge
    that was dropped keeps its row with the outcome ``dropped`` (C7 reports count flagged cases
    that still end in charges, so a real charge is never erased)."""

    ENTERED_IN_ERROR = "entered_in_error"
    DUPLICATE = "duplicate"
    WRONG_CASE = "wrong_case"


class ChecklistStatus(StrEnum):
    """Status of a rights checklist item. ``declined`` is a valid outcome, not non-compliance (C3).

    ``done``, ``declined`` and ``unavailable`` come from what was recorded; ``overdue`` means no
    outcome was recorded by the due date; ``unavailable`` feeds the service-gap report (C9, C10).
    """

    DUE = "due"
    DONE = "done"
    DECLINED = "declined"
    UNAVAILABLE = "unavailable"
    OVERDUE = "overdue"


class ChecklistGroup(StrEnum):
    """The group a rights checklist item protects (``group`` in ``catalogue/rights-*.yaml``). The
    catalogue stores the string; this list gives each one a term for the checklist page."""

    EVERYONE = "everyone"
    CHILDREN = "children"
    WOMEN_AND_GIRLS = "women_and_girls"
    MEN_AND_BOYS = "men_and_boys"
    GENDER_PREFERENCE = "gender_preference"
    DISABILITY = "disability"
    ETHNIC_MINORITIES = "ethnic_minorities"
    MIGRANTS = "migrants"
    STATELESS = "stateless"
    LGBTQI = "lgbtqi"
    JUSTICE = "justice"


class RuleMode(StrEnum):
    """E: the software blocks the action; T: it tracks and alerts (rights-checklist.md)."""

    ENFORCE = "E"
    TRACK = "T"
    ENFORCE_AND_TRACK = "E/T"


class RiskLevel(StrEnum):
    """Assessed risk of return (C12: a return stays blocked while the risk is ``high``)."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class ReturnWish(StrEnum):
    """The person's informed wish about return (C12)."""

    WISHES_TO_RETURN = "wishes_to_return"
    WISHES_TO_STAY = "wishes_to_stay"
    UNDECIDED = "undecided"


class ProceedingsState(StrEnum):
    """State of legal proceedings involving the person, recorded before return (C12)."""

    NONE = "none"
    ONGOING = "ongoing"
    CONCLUDED = "concluded"
    PERSON_NEEDED_AS_WITNESS = "person_needed_as_witness"


class ConsentPurpose(StrEnum):
    """What a consent is for (C2: consent names its purpose; IOM DP 2 and 4)."""

    REFERRAL = "referral"
    CASE_MANAGEMENT = "case_management"
    INTERVIEW = "interview"
    LEGAL_PROCEEDINGS = "legal_proceedings"
    FAMILY_TRACING = "family_tracing"
    RETURN_AND_REINTEGRATION = "return_and_reintegration"
    SOGIESC_COLLECTION = "sogiesc_collection"
    RESEARCH_AND_STATISTICS = "research_and_statistics"


class ReceiverClass(StrEnum):
    """A class of receivers, when consent names a kind of organisation rather than one agency."""

    SHELTER_PROVIDERS = "shelter_providers"
    HEALTH_PROVIDERS = "health_providers"
    PSYCHOSOCIAL_PROVIDERS = "psychosocial_providers"
    LEGAL_AID_PROVIDERS = "legal_aid_providers"
    LIVELIHOOD_PROVIDERS = "livelihood_providers"
    SOCIAL_WELFARE = "social_welfare"
    LAW_ENFORCEMENT = "law_enforcement"
    PROSECUTION = "prosecution"
    COURTS = "courts"
    LABOUR_INSPECTION = "labour_inspection"
    IMMIGRATION = "immigration"
    CONSULAR = "consular"
    INTERNATIONAL_ORGANISATIONS = "international_organisations"
    NGO_CASE_MANAGEMENT = "ngo_case_management"


class DataCategory(StrEnum):
    """Categories of case data a consent names (C2). Health, HIV and SOGIESC are special (C11)."""

    IDENTITY = "identity"
    CONTACT = "contact"
    PROFILE = "profile"
    TRAFFICKING_DETAILS = "trafficking_details"
    NEEDS = "needs"
    HEALTH = "health"
    HIV = "hiv"
    SOGIESC = "sogiesc"
    DISABILITY = "disability"
    JUSTICE = "justice"
    DOCUMENTS = "documents"
    PHOTOGRAPHS = "photographs"
    LOCATION = "location"


SPECIAL_CATEGORIES: frozenset[DataCategory] = frozenset(
    {DataCategory.HEALTH, DataCategory.HIV, DataCategory.SOGIESC}
)
"""Special-category data (C11): an extra permission, never in default exports."""


class ConsentState(StrEnum):
    """State of one version of a consent record."""

    GIVEN = "given"
    REFUSED = "refused"
    WITHDRAWN = "withdrawn"


class InformedTopic(StrEnum):
    """What the person was told before consenting (HTCDS v2.0 ``con_Consent`` guidance)."""

    PURPOSE = "purpose"
    DATA_USE = "data_use"
    RESEARCH_USE = "research_use"
    RIGHT_TO_ACCESS = "right_to_access"
    RETENTION = "retention"
    HOW_TO_WITHDRAW = "how_to_withdraw"
