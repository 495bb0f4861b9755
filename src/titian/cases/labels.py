"""Terms of the victim case (``titian.cases.vocab`` and ``titian.cases.models``).

The plain English label of every value, marked for translation with the vocabulary's name as
its context (``titian.i18n.terms``, docs/translations.md). Add a label here when you add a
member: registering a vocabulary with a member missing fails at import."""

from __future__ import annotations

from titian.cases import models, vocab
from titian.i18n.terms import pN_, register

register(
    "cases.Gender",
    vocab.Gender,
    {
        vocab.Gender.WOMAN: pN_("cases.Gender", "woman"),
        vocab.Gender.MAN: pN_("cases.Gender", "man"),
        vocab.Gender.NON_BINARY: pN_("cases.Gender", "non-binary"),
        vocab.Gender.ANOTHER_TERM: pN_("cases.Gender", "another term"),
        vocab.Gender.PREFERS_NOT_TO_SAY: pN_("cases.Gender", "prefers not to say"),
    },
)
register(
    "cases.SexAtBirth",
    vocab.SexAtBirth,
    {
        vocab.SexAtBirth.FEMALE: pN_("cases.SexAtBirth", "female"),
        vocab.SexAtBirth.MALE: pN_("cases.SexAtBirth", "male"),
        vocab.SexAtBirth.ANOTHER_TERM: pN_("cases.SexAtBirth", "another term"),
        vocab.SexAtBirth.PREFERS_NOT_TO_SAY: pN_("cases.SexAtBirth", "prefers not to say"),
    },
)
register(
    "cases.AgeBand",
    vocab.AgeBand,
    {
        vocab.AgeBand.AGE_0_8: pN_("cases.AgeBand", "0–8 years"),
        vocab.AgeBand.AGE_9_17: pN_("cases.AgeBand", "9–17 years"),
        vocab.AgeBand.AGE_18_20: pN_("cases.AgeBand", "18–20 years"),
        vocab.AgeBand.AGE_21_23: pN_("cases.AgeBand", "21–23 years"),
        vocab.AgeBand.AGE_24_26: pN_("cases.AgeBand", "24–26 years"),
        vocab.AgeBand.AGE_27_29: pN_("cases.AgeBand", "27–29 years"),
        vocab.AgeBand.AGE_30_38: pN_("cases.AgeBand", "30–38 years"),
        vocab.AgeBand.AGE_39_47: pN_("cases.AgeBand", "39–47 years"),
        vocab.AgeBand.AGE_48_PLUS: pN_("cases.AgeBand", "48 years or older"),
    },
)
register(
    "cases.MinorStatus",
    vocab.MinorStatus,
    {
        vocab.MinorStatus.CHILD: pN_("cases.MinorStatus", "child"),
        vocab.MinorStatus.PRESUMED_CHILD: pN_("cases.MinorStatus", "presumed child"),
        vocab.MinorStatus.ADULT: pN_("cases.MinorStatus", "adult"),
    },
)
register(
    "cases.CitizenshipStatus",
    vocab.CitizenshipStatus,
    {
        vocab.CitizenshipStatus.KNOWN: pN_("cases.CitizenshipStatus", "citizenship known"),
        vocab.CitizenshipStatus.STATELESS: pN_("cases.CitizenshipStatus", "stateless"),
        vocab.CitizenshipStatus.UNDOCUMENTED: pN_("cases.CitizenshipStatus", "undocumented"),
        vocab.CitizenshipStatus.UNKNOWN: pN_("cases.CitizenshipStatus", "unknown"),
    },
)
register(
    "cases.MigrationStatus",
    vocab.MigrationStatus,
    {
        vocab.MigrationStatus.FAMILY_MIGRANT: pN_("cases.MigrationStatus", "family migrant"),
        vocab.MigrationStatus.VISITOR_TOURIST: pN_("cases.MigrationStatus", "visitor or tourist"),
        vocab.MigrationStatus.LABOUR_MIGRANT: pN_("cases.MigrationStatus", "labour migrant"),
        vocab.MigrationStatus.STUDENT: pN_("cases.MigrationStatus", "student"),
        vocab.MigrationStatus.IRREGULAR_MIGRANT: pN_("cases.MigrationStatus", "irregular migrant"),
        vocab.MigrationStatus.ASYLUM_SEEKER: pN_("cases.MigrationStatus", "asylum seeker"),
        vocab.MigrationStatus.REFUGEE: pN_("cases.MigrationStatus", "refugee"),
        vocab.MigrationStatus.COMPLEMENTARY_PROTECTION: pN_(
            "cases.MigrationStatus", "complementary protection"
        ),
        vocab.MigrationStatus.STATELESS_PERSON: pN_("cases.MigrationStatus", "stateless person"),
        vocab.MigrationStatus.ENVIRONMENTAL_MIGRANT: pN_(
            "cases.MigrationStatus", "environmental migrant"
        ),
        vocab.MigrationStatus.VULNERABLE_MIGRANT: pN_(
            "cases.MigrationStatus", "vulnerable migrant"
        ),
        vocab.MigrationStatus.STRANDED_MIGRANT: pN_("cases.MigrationStatus", "stranded migrant"),
        vocab.MigrationStatus.FORCED_MIGRANT: pN_("cases.MigrationStatus", "forced migrant"),
        vocab.MigrationStatus.DEPORTEE: pN_("cases.MigrationStatus", "deportee"),
        vocab.MigrationStatus.EX_COMBATANT: pN_("cases.MigrationStatus", "ex-combatant"),
        vocab.MigrationStatus.INTERNALLY_DISPLACED_PERSON: pN_(
            "cases.MigrationStatus", "internally displaced person"
        ),
        vocab.MigrationStatus.SEPARATED_OR_UNACCOMPANIED_CHILD: pN_(
            "cases.MigrationStatus", "separated or unaccompanied child"
        ),
        vocab.MigrationStatus.RETURNEE: pN_("cases.MigrationStatus", "returnee"),
    },
)
register(
    "cases.ExploitationForm",
    vocab.ExploitationForm,
    {
        vocab.ExploitationForm.FORCED_LABOUR: pN_("cases.ExploitationForm", "forced labour"),
        vocab.ExploitationForm.SEXUAL_EXPLOITATION: pN_(
            "cases.ExploitationForm", "sexual exploitation"
        ),
        vocab.ExploitationForm.CHILD_LABOUR: pN_("cases.ExploitationForm", "child labour"),
        vocab.ExploitationForm.FORCED_MARRIAGE: pN_("cases.ExploitationForm", "forced marriage"),
        vocab.ExploitationForm.SERVITUDE: pN_("cases.ExploitationForm", "servitude"),
        vocab.ExploitationForm.FORCED_MILITARY_BY_NON_STATE_ACTORS: pN_(
            "cases.ExploitationForm", "forced military service by non-state actors"
        ),
        vocab.ExploitationForm.ORGAN_REMOVAL: pN_("cases.ExploitationForm", "removal of organs"),
        vocab.ExploitationForm.FORCED_BEGGING: pN_("cases.ExploitationForm", "forced begging"),
        vocab.ExploitationForm.FORCED_ADOPTION: pN_("cases.ExploitationForm", "forced adoption"),
        vocab.ExploitationForm.SURROGACY: pN_("cases.ExploitationForm", "forced surrogacy"),
        vocab.ExploitationForm.FORCED_CRIMINALITY: pN_(
            "cases.ExploitationForm", "forced criminality"
        ),
        vocab.ExploitationForm.OTHER: pN_("cases.ExploitationForm", "other"),
    },
)
register(
    "cases.SexExploitationType",
    vocab.SexExploitationType,
    {
        vocab.SexExploitationType.PROSTITUTION: pN_("cases.SexExploitationType", "prostitution"),
        vocab.SexExploitationType.PORNOGRAPHY: pN_("cases.SexExploitationType", "pornography"),
        vocab.SexExploitationType.REMOTE_INTERACTIVE_SERVICES: pN_(
            "cases.SexExploitationType", "remote interactive sexual services"
        ),
        vocab.SexExploitationType.PRIVATE_SEXUAL_SERVICES: pN_(
            "cases.SexExploitationType", "private sexual services"
        ),
    },
)
register(
    "cases.MeansOfControl",
    vocab.MeansOfControl,
    {
        vocab.MeansOfControl.PHYSICAL_THREATS: pN_("cases.MeansOfControl", "physical threats"),
        vocab.MeansOfControl.THREATS_LAW_ENFORCEMENT: pN_(
            "cases.MeansOfControl", "threats of reporting to the authorities"
        ),
        vocab.MeansOfControl.THREATENS_CHILDREN_FAMILY: pN_(
            "cases.MeansOfControl", "threats against children or family"
        ),
        vocab.MeansOfControl.DEBT_BONDAGE: pN_("cases.MeansOfControl", "debt bondage"),
        vocab.MeansOfControl.FALSE_PROMISES: pN_("cases.MeansOfControl", "false promises"),
        vocab.MeansOfControl.PHYSICAL_ABUSE: pN_("cases.MeansOfControl", "physical abuse"),
        vocab.MeansOfControl.SEXUAL_ABUSE: pN_("cases.MeansOfControl", "sexual abuse"),
        vocab.MeansOfControl.TAKES_EARNINGS: pN_("cases.MeansOfControl", "takes earnings"),
        vocab.MeansOfControl.RESTRICTS_FINANCIAL_ACCESS: pN_(
            "cases.MeansOfControl", "restricts access to money"
        ),
        vocab.MeansOfControl.RESTRICTS_MEDICAL_CARE: pN_(
            "cases.MeansOfControl", "restricts medical care"
        ),
        vocab.MeansOfControl.WITHHOLDS_NECESSITIES: pN_(
            "cases.MeansOfControl", "withholds food, sleep or other necessities"
        ),
        vocab.MeansOfControl.PSYCHOLOGICAL_ABUSE: pN_(
            "cases.MeansOfControl", "psychological abuse"
        ),
        vocab.MeansOfControl.PSYCHOACTIVE_SUBSTANCE: pN_(
            "cases.MeansOfControl", "psychoactive substances"
        ),
        vocab.MeansOfControl.EXCESSIVE_WORKING_HOURS: pN_(
            "cases.MeansOfControl", "excessive working hours"
        ),
        vocab.MeansOfControl.WITHHOLDS_DOCUMENTS: pN_(
            "cases.MeansOfControl", "withholds identity documents"
        ),
        vocab.MeansOfControl.OTHER: pN_("cases.MeansOfControl", "other"),
    },
)
register(
    "cases.Sector",
    vocab.Sector,
    {
        vocab.Sector.FISHING: pN_("cases.Sector", "fishing"),
        vocab.Sector.AGRICULTURE: pN_("cases.Sector", "agriculture"),
        vocab.Sector.FORESTRY: pN_("cases.Sector", "forestry"),
        vocab.Sector.MINING: pN_("cases.Sector", "mining"),
        vocab.Sector.CONSTRUCTION: pN_("cases.Sector", "construction"),
        vocab.Sector.FACTORY: pN_("cases.Sector", "factory work"),
        vocab.Sector.DOMESTIC_WORK: pN_("cases.Sector", "domestic work"),
        vocab.Sector.HOSPITALITY: pN_("cases.Sector", "hospitality"),
        vocab.Sector.ENTERTAINMENT: pN_("cases.Sector", "entertainment"),
        vocab.Sector.TRANSPORT: pN_("cases.Sector", "transport"),
        vocab.Sector.RETAIL: pN_("cases.Sector", "retail"),
        vocab.Sector.ONLINE_SCAM: pN_("cases.Sector", "online scam operations"),
        vocab.Sector.BEGGING: pN_("cases.Sector", "begging"),
        vocab.Sector.OTHER: pN_("cases.Sector", "other"),
    },
)
register(
    "cases.RecruiterRelationship",
    vocab.RecruiterRelationship,
    {
        vocab.RecruiterRelationship.FAMILY: pN_("cases.RecruiterRelationship", "family member"),
        vocab.RecruiterRelationship.INTIMATE_PARTNER: pN_(
            "cases.RecruiterRelationship", "intimate partner"
        ),
        vocab.RecruiterRelationship.FRIEND: pN_("cases.RecruiterRelationship", "friend"),
        vocab.RecruiterRelationship.ACQUAINTANCE: pN_(
            "cases.RecruiterRelationship", "acquaintance"
        ),
        vocab.RecruiterRelationship.STRANGER: pN_("cases.RecruiterRelationship", "stranger"),
        vocab.RecruiterRelationship.OTHER: pN_("cases.RecruiterRelationship", "other"),
        vocab.RecruiterRelationship.UNKNOWN: pN_("cases.RecruiterRelationship", "unknown"),
    },
)
register(
    "cases.IdentificationStatus",
    vocab.IdentificationStatus,
    {
        vocab.IdentificationStatus.POSSIBLE: pN_("cases.IdentificationStatus", "possible victim"),
        vocab.IdentificationStatus.PRESUMED: pN_("cases.IdentificationStatus", "presumed victim"),
        vocab.IdentificationStatus.CONFIRMED: pN_("cases.IdentificationStatus", "confirmed victim"),
        vocab.IdentificationStatus.NOT_A_VICTIM: pN_("cases.IdentificationStatus", "not a victim"),
    },
)
register(
    "cases.DecidingBody",
    vocab.DecidingBody,
    {
        vocab.DecidingBody.POLICE: pN_("cases.DecidingBody", "police"),
        vocab.DecidingBody.NGO: pN_("cases.DecidingBody", "NGO"),
        vocab.DecidingBody.COURT_OR_PROSECUTION: pN_("cases.DecidingBody", "court or prosecution"),
        vocab.DecidingBody.NON_POLICE_GOVERNMENTAL_ORGANIZATION: pN_(
            "cases.DecidingBody", "government body other than the police"
        ),
        vocab.DecidingBody.OTHER: pN_("cases.DecidingBody", "other"),
    },
)
register(
    "cases.CustodyStatus",
    vocab.CustodyStatus,
    {
        vocab.CustodyStatus.NOT_IN_CUSTODY: pN_("cases.CustodyStatus", "not in custody"),
        vocab.CustodyStatus.SHELTER_OPEN: pN_("cases.CustodyStatus", "open shelter"),
        vocab.CustodyStatus.SHELTER_CLOSED: pN_("cases.CustodyStatus", "closed shelter"),
        vocab.CustodyStatus.IMMIGRATION_DETENTION: pN_(
            "cases.CustodyStatus", "immigration detention"
        ),
        vocab.CustodyStatus.POLICE_CELL: pN_("cases.CustodyStatus", "police cell"),
        vocab.CustodyStatus.PRISON: pN_("cases.CustodyStatus", "prison"),
        vocab.CustodyStatus.UNKNOWN: pN_("cases.CustodyStatus", "unknown"),
    },
)
register(
    "cases.OffenceType",
    vocab.OffenceType,
    {
        vocab.OffenceType.IMMIGRATION: pN_("cases.OffenceType", "immigration offence"),
        vocab.OffenceType.DOCUMENT_FRAUD: pN_("cases.OffenceType", "document fraud"),
        vocab.OffenceType.PROSTITUTION_RELATED: pN_(
            "cases.OffenceType", "prostitution-related offence"
        ),
        vocab.OffenceType.FORCED_CRIMINALITY: pN_(
            "cases.OffenceType", "offence committed under forced criminality"
        ),
        vocab.OffenceType.OTHER: pN_("cases.OffenceType", "other offence"),
    },
)
register(
    "cases.ChargeOutcome",
    vocab.ChargeOutcome,
    {
        vocab.ChargeOutcome.PENDING: pN_("cases.ChargeOutcome", "pending"),
        vocab.ChargeOutcome.DROPPED: pN_("cases.ChargeOutcome", "dropped"),
        vocab.ChargeOutcome.ACQUITTED: pN_("cases.ChargeOutcome", "acquitted"),
        vocab.ChargeOutcome.CONVICTED: pN_("cases.ChargeOutcome", "convicted"),
    },
)
register(
    "cases.Milestone",
    vocab.Milestone,
    {
        vocab.Milestone.REPORT: pN_("cases.Milestone", "report to the authorities"),
        vocab.Milestone.INVESTIGATION: pN_("cases.Milestone", "investigation"),
        vocab.Milestone.PROSECUTION: pN_("cases.Milestone", "prosecution"),
        vocab.Milestone.TRIAL: pN_("cases.Milestone", "trial"),
        vocab.Milestone.VERDICT: pN_("cases.Milestone", "verdict"),
        vocab.Milestone.COMPENSATION: pN_("cases.Milestone", "compensation"),
        vocab.Milestone.APPEAL: pN_("cases.Milestone", "appeal"),
    },
)
register(
    "cases.WgAnswer",
    vocab.WgAnswer,
    {
        vocab.WgAnswer.NO_DIFFICULTY: pN_("cases.WgAnswer", "no difficulty"),
        vocab.WgAnswer.SOME_DIFFICULTY: pN_("cases.WgAnswer", "some difficulty"),
        vocab.WgAnswer.A_LOT_OF_DIFFICULTY: pN_("cases.WgAnswer", "a lot of difficulty"),
        vocab.WgAnswer.CANNOT_DO_AT_ALL: pN_("cases.WgAnswer", "cannot do at all"),
        vocab.WgAnswer.REFUSED: pN_("cases.WgAnswer", "refused to answer"),
        vocab.WgAnswer.DONT_KNOW: pN_("cases.WgAnswer", "does not know"),
    },
)
register(
    "cases.InterviewerGender",
    vocab.InterviewerGender,
    {
        vocab.InterviewerGender.FEMALE: pN_("cases.InterviewerGender", "female"),
        vocab.InterviewerGender.MALE: pN_("cases.InterviewerGender", "male"),
        vocab.InterviewerGender.NO_PREFERENCE: pN_("cases.InterviewerGender", "no preference"),
        vocab.InterviewerGender.OTHER: pN_("cases.InterviewerGender", "other"),
    },
)
register(
    "cases.StaffGender",
    vocab.StaffGender,
    {
        vocab.StaffGender.FEMALE: pN_("cases.StaffGender", "female"),
        vocab.StaffGender.MALE: pN_("cases.StaffGender", "male"),
        vocab.StaffGender.OTHER: pN_("cases.StaffGender", "other"),
    },
)
register(
    "cases.SexualOrientation",
    vocab.SexualOrientation,
    {
        vocab.SexualOrientation.STRAIGHT: pN_("cases.SexualOrientation", "straight (heterosexual)"),
        vocab.SexualOrientation.GAY_OR_LESBIAN: pN_("cases.SexualOrientation", "gay or lesbian"),
        vocab.SexualOrientation.BISEXUAL: pN_("cases.SexualOrientation", "bisexual"),
        vocab.SexualOrientation.ANOTHER_TERM: pN_("cases.SexualOrientation", "another term"),
        vocab.SexualOrientation.DONT_KNOW: pN_("cases.SexualOrientation", "does not know"),
        vocab.SexualOrientation.PREFERS_NOT_TO_SAY: pN_(
            "cases.SexualOrientation", "prefers not to say"
        ),
    },
)
register(
    "cases.SexCharacteristicsVariation",
    vocab.SexCharacteristicsVariation,
    {
        vocab.SexCharacteristicsVariation.YES: pN_("cases.SexCharacteristicsVariation", "yes"),
        vocab.SexCharacteristicsVariation.NO: pN_("cases.SexCharacteristicsVariation", "no"),
        vocab.SexCharacteristicsVariation.DONT_KNOW: pN_(
            "cases.SexCharacteristicsVariation", "does not know"
        ),
        vocab.SexCharacteristicsVariation.PREFERS_NOT_TO_SAY: pN_(
            "cases.SexCharacteristicsVariation", "prefers not to say"
        ),
    },
)
register(
    "cases.JusticeEntryRemoval",
    vocab.JusticeEntryRemoval,
    {
        vocab.JusticeEntryRemoval.ENTERED_IN_ERROR: pN_(
            "cases.JusticeEntryRemoval", "entered in error"
        ),
        vocab.JusticeEntryRemoval.DUPLICATE: pN_("cases.JusticeEntryRemoval", "duplicate"),
        vocab.JusticeEntryRemoval.WRONG_CASE: pN_(
            "cases.JusticeEntryRemoval", "recorded on the wrong case"
        ),
    },
)
register(
    "cases.ChecklistStatus",
    vocab.ChecklistStatus,
    {
        vocab.ChecklistStatus.DUE: pN_("cases.ChecklistStatus", "due"),
        vocab.ChecklistStatus.DONE: pN_("cases.ChecklistStatus", "done"),
        vocab.ChecklistStatus.DECLINED: pN_("cases.ChecklistStatus", "declined"),
        vocab.ChecklistStatus.UNAVAILABLE: pN_("cases.ChecklistStatus", "unavailable"),
        vocab.ChecklistStatus.OVERDUE: pN_("cases.ChecklistStatus", "overdue"),
    },
)
register(
    "cases.ChecklistGroup",
    vocab.ChecklistGroup,
    {
        vocab.ChecklistGroup.EVERYONE: pN_("cases.ChecklistGroup", "everyone"),
        vocab.ChecklistGroup.CHILDREN: pN_("cases.ChecklistGroup", "children"),
        vocab.ChecklistGroup.WOMEN_AND_GIRLS: pN_("cases.ChecklistGroup", "women and girls"),
        vocab.ChecklistGroup.MEN_AND_BOYS: pN_("cases.ChecklistGroup", "men and boys"),
        vocab.ChecklistGroup.GENDER_PREFERENCE: pN_("cases.ChecklistGroup", "gender preference"),
        vocab.ChecklistGroup.DISABILITY: pN_("cases.ChecklistGroup", "persons with disabilities"),
        vocab.ChecklistGroup.ETHNIC_MINORITIES: pN_("cases.ChecklistGroup", "ethnic minorities"),
        vocab.ChecklistGroup.MIGRANTS: pN_("cases.ChecklistGroup", "migrants"),
        vocab.ChecklistGroup.STATELESS: pN_("cases.ChecklistGroup", "stateless people"),
        vocab.ChecklistGroup.LGBTQI: pN_("cases.ChecklistGroup", "LGBTQI people"),
        vocab.ChecklistGroup.JUSTICE: pN_("cases.ChecklistGroup", "justice proceedings"),
    },
)
register(
    "cases.RuleMode",
    vocab.RuleMode,
    {
        vocab.RuleMode.ENFORCE: pN_("cases.RuleMode", "enforced"),
        vocab.RuleMode.TRACK: pN_("cases.RuleMode", "tracked"),
        vocab.RuleMode.ENFORCE_AND_TRACK: pN_("cases.RuleMode", "enforced and tracked"),
    },
)
register(
    "cases.RiskLevel",
    vocab.RiskLevel,
    {
        vocab.RiskLevel.LOW: pN_("cases.RiskLevel", "low"),
        vocab.RiskLevel.MEDIUM: pN_("cases.RiskLevel", "medium"),
        vocab.RiskLevel.HIGH: pN_("cases.RiskLevel", "high"),
    },
)
register(
    "cases.ReturnWish",
    vocab.ReturnWish,
    {
        vocab.ReturnWish.WISHES_TO_RETURN: pN_("cases.ReturnWish", "wishes to return"),
        vocab.ReturnWish.WISHES_TO_STAY: pN_("cases.ReturnWish", "wishes to stay"),
        vocab.ReturnWish.UNDECIDED: pN_("cases.ReturnWish", "undecided"),
    },
)
register(
    "cases.ProceedingsState",
    vocab.ProceedingsState,
    {
        vocab.ProceedingsState.NONE: pN_("cases.ProceedingsState", "no proceedings"),
        vocab.ProceedingsState.ONGOING: pN_("cases.ProceedingsState", "ongoing"),
        vocab.ProceedingsState.CONCLUDED: pN_("cases.ProceedingsState", "concluded"),
        vocab.ProceedingsState.PERSON_NEEDED_AS_WITNESS: pN_(
            "cases.ProceedingsState", "the person is needed as a witness"
        ),
    },
)
register(
    "cases.ConsentPurpose",
    vocab.ConsentPurpose,
    {
        vocab.ConsentPurpose.REFERRAL: pN_("cases.ConsentPurpose", "referral"),
        vocab.ConsentPurpose.CASE_MANAGEMENT: pN_("cases.ConsentPurpose", "case management"),
        vocab.ConsentPurpose.INTERVIEW: pN_("cases.ConsentPurpose", "interview"),
        vocab.ConsentPurpose.LEGAL_PROCEEDINGS: pN_("cases.ConsentPurpose", "legal proceedings"),
        vocab.ConsentPurpose.FAMILY_TRACING: pN_("cases.ConsentPurpose", "family tracing"),
        vocab.ConsentPurpose.RETURN_AND_REINTEGRATION: pN_(
            "cases.ConsentPurpose", "return and reintegration"
        ),
        vocab.ConsentPurpose.SOGIESC_COLLECTION: pN_(
            "cases.ConsentPurpose", "recording SOGIESC data"
        ),
        vocab.ConsentPurpose.RESEARCH_AND_STATISTICS: pN_(
            "cases.ConsentPurpose", "research and statistics"
        ),
    },
)
register(
    "cases.ReceiverClass",
    vocab.ReceiverClass,
    {
        vocab.ReceiverClass.SHELTER_PROVIDERS: pN_("cases.ReceiverClass", "shelter providers"),
        vocab.ReceiverClass.HEALTH_PROVIDERS: pN_("cases.ReceiverClass", "health providers"),
        vocab.ReceiverClass.PSYCHOSOCIAL_PROVIDERS: pN_(
            "cases.ReceiverClass", "psychosocial support providers"
        ),
        vocab.ReceiverClass.LEGAL_AID_PROVIDERS: pN_("cases.ReceiverClass", "legal aid providers"),
        vocab.ReceiverClass.LIVELIHOOD_PROVIDERS: pN_(
            "cases.ReceiverClass", "livelihood providers"
        ),
        vocab.ReceiverClass.SOCIAL_WELFARE: pN_("cases.ReceiverClass", "social welfare"),
        vocab.ReceiverClass.LAW_ENFORCEMENT: pN_("cases.ReceiverClass", "law enforcement"),
        vocab.ReceiverClass.PROSECUTION: pN_("cases.ReceiverClass", "prosecution"),
        vocab.ReceiverClass.COURTS: pN_("cases.ReceiverClass", "courts"),
        vocab.ReceiverClass.LABOUR_INSPECTION: pN_("cases.ReceiverClass", "labour inspection"),
        vocab.ReceiverClass.IMMIGRATION: pN_("cases.ReceiverClass", "immigration"),
        vocab.ReceiverClass.CONSULAR: pN_("cases.ReceiverClass", "consular services"),
        vocab.ReceiverClass.INTERNATIONAL_ORGANISATIONS: pN_(
            "cases.ReceiverClass", "international organisations"
        ),
        vocab.ReceiverClass.NGO_CASE_MANAGEMENT: pN_("cases.ReceiverClass", "NGO case management"),
    },
)
register(
    "cases.DataCategory",
    vocab.DataCategory,
    {
        vocab.DataCategory.IDENTITY: pN_("cases.DataCategory", "identity"),
        vocab.DataCategory.CONTACT: pN_("cases.DataCategory", "contact details"),
        vocab.DataCategory.PROFILE: pN_("cases.DataCategory", "profile"),
        vocab.DataCategory.TRAFFICKING_DETAILS: pN_("cases.DataCategory", "trafficking details"),
        vocab.DataCategory.NEEDS: pN_("cases.DataCategory", "needs"),
        vocab.DataCategory.HEALTH: pN_("cases.DataCategory", "health"),
        vocab.DataCategory.HIV: pN_("cases.DataCategory", "HIV status"),
        vocab.DataCategory.SOGIESC: pN_("cases.DataCategory", "SOGIESC"),
        vocab.DataCategory.DISABILITY: pN_("cases.DataCategory", "disability"),
        vocab.DataCategory.JUSTICE: pN_("cases.DataCategory", "justice proceedings"),
        vocab.DataCategory.DOCUMENTS: pN_("cases.DataCategory", "documents"),
        vocab.DataCategory.PHOTOGRAPHS: pN_("cases.DataCategory", "photographs"),
        vocab.DataCategory.LOCATION: pN_("cases.DataCategory", "location"),
    },
)
register(
    "cases.ConsentState",
    vocab.ConsentState,
    {
        vocab.ConsentState.GIVEN: pN_("cases.ConsentState", "given"),
        vocab.ConsentState.REFUSED: pN_("cases.ConsentState", "refused"),
        vocab.ConsentState.WITHDRAWN: pN_("cases.ConsentState", "withdrawn"),
    },
)
register(
    "cases.InformedTopic",
    vocab.InformedTopic,
    {
        vocab.InformedTopic.PURPOSE: pN_("cases.InformedTopic", "the purpose"),
        vocab.InformedTopic.DATA_USE: pN_("cases.InformedTopic", "how the data is used"),
        vocab.InformedTopic.RESEARCH_USE: pN_("cases.InformedTopic", "use for research"),
        vocab.InformedTopic.RIGHT_TO_ACCESS: pN_(
            "cases.InformedTopic", "the right to see their data"
        ),
        vocab.InformedTopic.RETENTION: pN_("cases.InformedTopic", "how long the data is kept"),
        vocab.InformedTopic.HOW_TO_WITHDRAW: pN_("cases.InformedTopic", "how to withdraw consent"),
    },
)
register(
    "cases.CaseStatus",
    models.CaseStatus,
    {
        models.CaseStatus.ACTIVE: pN_("cases.CaseStatus", "active"),
        models.CaseStatus.FOLLOW_UP: pN_("cases.CaseStatus", "follow-up"),
        models.CaseStatus.CLOSED: pN_("cases.CaseStatus", "closed"),
        models.CaseStatus.CLOSED_REFERRED: pN_("cases.CaseStatus", "closed, referred"),
        models.CaseStatus.ANONYMISED: pN_("cases.CaseStatus", "anonymised"),
    },
)
register(
    "cases.InterviewPurpose",
    models.InterviewPurpose,
    {
        models.InterviewPurpose.SCREENING: pN_("cases.InterviewPurpose", "screening"),
        models.InterviewPurpose.STATEMENT: pN_("cases.InterviewPurpose", "statement"),
        models.InterviewPurpose.FOLLOW_UP: pN_("cases.InterviewPurpose", "follow-up"),
        models.InterviewPurpose.OTHER: pN_("cases.InterviewPurpose", "other"),
    },
)
register(
    "cases.RecordStatus",
    models.RecordStatus,
    {
        models.RecordStatus.OPEN: pN_("cases.RecordStatus", "open"),
        models.RecordStatus.CLOSED: pN_("cases.RecordStatus", "closed"),
    },
)
register(
    "cases.ReturnStatus",
    models.ReturnStatus,
    {
        models.ReturnStatus.DRAFT: pN_("cases.ReturnStatus", "draft"),
        models.ReturnStatus.READY: pN_("cases.ReturnStatus", "ready"),
        models.ReturnStatus.COMPLETED: pN_("cases.ReturnStatus", "completed"),
        models.ReturnStatus.CANCELLED: pN_("cases.ReturnStatus", "cancelled"),
    },
)
register(
    "cases.NoticeReceiver",
    models.NoticeReceiver,
    {
        models.NoticeReceiver.CONSULATE: pN_("cases.NoticeReceiver", "consulate"),
        models.NoticeReceiver.SENDING_STATE: pN_("cases.NoticeReceiver", "sending state"),
    },
)
