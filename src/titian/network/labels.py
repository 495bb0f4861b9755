"""Terms of the actor network (``titian.network.vocab`` and ``gaps``).

The plain English label of every value, marked for translation with the vocabulary's name as
its context (``titian.i18n.terms``, docs/translations.md). Add a label here when you add a
member: registering a vocabulary with a member missing fails at import."""

from __future__ import annotations

from titian.i18n.terms import pN_, register
from titian.network import gaps, vocab

register(
    "network.Sector",
    vocab.Sector,
    {
        vocab.Sector.STATE: pN_("network.Sector", "state"),
        vocab.Sector.NON_STATE: pN_("network.Sector", "non-state"),
    },
)
register(
    "network.Role",
    vocab.Role,
    {
        vocab.Role.JUSTICE: pN_("network.Role", "justice"),
        vocab.Role.SUPPORT: pN_("network.Role", "support"),
        vocab.Role.COORDINATION: pN_("network.Role", "coordination"),
        vocab.Role.OTHER: pN_("network.Role", "other"),
    },
)
register(
    "network.ActorKind",
    vocab.ActorKind,
    {
        vocab.ActorKind.POLICE: pN_("network.ActorKind", "police"),
        vocab.ActorKind.PROSECUTION: pN_("network.ActorKind", "prosecution"),
        vocab.ActorKind.JUDICIARY: pN_("network.ActorKind", "judiciary (courts)"),
        vocab.ActorKind.MINISTRY_SOCIAL_WELFARE: pN_(
            "network.ActorKind", "ministry of social welfare"
        ),
        vocab.ActorKind.MINISTRY_LABOUR: pN_("network.ActorKind", "ministry of labour"),
        vocab.ActorKind.MINISTRY_FOREIGN_AFFAIRS: pN_(
            "network.ActorKind", "ministry of foreign affairs"
        ),
        vocab.ActorKind.IMMIGRATION: pN_("network.ActorKind", "immigration"),
        vocab.ActorKind.LABOUR_INSPECTION: pN_("network.ActorKind", "labour inspection"),
        vocab.ActorKind.ANTI_TRAFFICKING_COMMITTEE: pN_(
            "network.ActorKind", "national anti-trafficking committee"
        ),
        vocab.ActorKind.NGO: pN_("network.ActorKind", "NGO"),
        vocab.ActorKind.SHELTER: pN_("network.ActorKind", "shelter"),
        vocab.ActorKind.LEGAL_AID: pN_("network.ActorKind", "legal aid"),
        vocab.ActorKind.HEALTH: pN_("network.ActorKind", "health service"),
        vocab.ActorKind.FAITH_BASED: pN_("network.ActorKind", "faith-based organisation"),
        vocab.ActorKind.MIGRANT_ASSOCIATION: pN_("network.ActorKind", "migrant association"),
        vocab.ActorKind.DISABLED_PERSONS_ORG: pN_(
            "network.ActorKind", "organisation of persons with disabilities"
        ),
        vocab.ActorKind.LGBTQI_ORG: pN_("network.ActorKind", "LGBTQI organisation"),
        vocab.ActorKind.WOMENS_ORG: pN_("network.ActorKind", "women's organisation"),
        vocab.ActorKind.ETHNIC_COMMUNITY_ORG: pN_(
            "network.ActorKind", "ethnic community organisation"
        ),
        vocab.ActorKind.UNION: pN_("network.ActorKind", "trade union"),
        vocab.ActorKind.EMPLOYER: pN_("network.ActorKind", "employer"),
        vocab.ActorKind.RECRUITMENT_AGENCY: pN_("network.ActorKind", "recruitment agency"),
        vocab.ActorKind.INTERNATIONAL_ORG: pN_("network.ActorKind", "international organisation"),
        vocab.ActorKind.ACADEMIA: pN_("network.ActorKind", "academia"),
    },
)
register(
    "network.RelationshipType",
    vocab.RelationshipType,
    {
        vocab.RelationshipType.REFERRAL_PARTNER: pN_(
            "network.RelationshipType", "referral partner"
        ),
        vocab.RelationshipType.MOU_SOP: pN_("network.RelationshipType", "MoU or SOP"),
        vocab.RelationshipType.DIALOGUE: pN_("network.RelationshipType", "dialogue"),
        vocab.RelationshipType.TRAINING: pN_("network.RelationshipType", "training"),
        vocab.RelationshipType.INFORMATION_SHARING: pN_(
            "network.RelationshipType", "information sharing"
        ),
        vocab.RelationshipType.FUNDING: pN_("network.RelationshipType", "funding"),
    },
)
register(
    "network.Direction",
    vocab.Direction,
    {
        vocab.Direction.ONE_WAY: pN_("network.Direction", "one way"),
        vocab.Direction.MUTUAL: pN_("network.Direction", "mutual"),
    },
)
register(
    "network.GapStatus",
    gaps.GapStatus,
    {
        gaps.GapStatus.CONNECTED: pN_("network.GapStatus", "connected"),
        gaps.GapStatus.LONG_PATH: pN_("network.GapStatus", "long path"),
        gaps.GapStatus.NO_PATH: pN_("network.GapStatus", "no path"),
        gaps.GapStatus.NO_SUPPORT: pN_("network.GapStatus", "no support organisation"),
    },
)

# The groups keep their English labels in ``vocab`` (used in explanations); they are their terms.
register("network.Group", vocab.Group, vocab.GROUP_LABELS)
