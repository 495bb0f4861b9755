"""Terms of policy dialogues (``titian.dialogues.vocab``).

The plain English label of every value, marked for translation with the vocabulary's name as
its context (``titian.i18n.terms``, docs/translations.md). Add a label here when you add a
member: registering a vocabulary with a member missing fails at import."""

from __future__ import annotations

from titian.dialogues import vocab as v
from titian.i18n.terms import pN_, register

register(
    "dialogues.DialogueFormat",
    v.DialogueFormat,
    {
        v.DialogueFormat.IN_PERSON: pN_("dialogues.DialogueFormat", "in person"),
        v.DialogueFormat.ONLINE: pN_("dialogues.DialogueFormat", "online"),
        v.DialogueFormat.HYBRID: pN_("dialogues.DialogueFormat", "hybrid"),
    },
)
register(
    "dialogues.DialogueStatus",
    v.DialogueStatus,
    {
        v.DialogueStatus.PLANNED: pN_("dialogues.DialogueStatus", "planned"),
        v.DialogueStatus.HELD: pN_("dialogues.DialogueStatus", "held"),
        v.DialogueStatus.CANCELLED: pN_("dialogues.DialogueStatus", "cancelled"),
    },
)
register(
    "dialogues.ParticipantRole",
    v.ParticipantRole,
    {
        v.ParticipantRole.JUSTICE: pN_("dialogues.ParticipantRole", "justice"),
        v.ParticipantRole.SUPPORT: pN_("dialogues.ParticipantRole", "support"),
        v.ParticipantRole.OTHER: pN_("dialogues.ParticipantRole", "other"),
    },
)
register(
    "dialogues.CommitmentStatus",
    v.CommitmentStatus,
    {
        v.CommitmentStatus.OPEN: pN_("dialogues.CommitmentStatus", "open"),
        v.CommitmentStatus.IN_PROGRESS: pN_("dialogues.CommitmentStatus", "in progress"),
        v.CommitmentStatus.DONE: pN_("dialogues.CommitmentStatus", "done"),
        v.CommitmentStatus.DROPPED: pN_("dialogues.CommitmentStatus", "dropped"),
    },
)
