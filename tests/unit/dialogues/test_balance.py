"""Participation figures checked by hand (titian.dialogues.balance)."""

from __future__ import annotations

import pytest

from titian.actors.vocab import Gender
from titian.dialogues.balance import Attendee, Share, balance, default_role
from titian.dialogues.vocab import ParticipantRole
from titian.network.vocab import ActorKind, Group

W, M, N, U = Gender.WOMAN, Gender.MAN, Gender.NON_BINARY, Gender.UNDISCLOSED
J, S, OT = ParticipantRole.JUSTICE, ParticipantRole.SUPPORT, ParticipantRole.OTHER


def a(
    actor: str,
    kind: ActorKind,
    gender: Gender,
    groups: tuple[Group, ...] = (),
    role: ParticipantRole = OT,
) -> Attendee:
    return Attendee(actor, kind, frozenset(groups), role, gender)


# A small dialogue, worked out by hand:
# organisations: police (justice), shelter (support, women+girls), legal aid (support, migrant),
# international organisation (coordination) -> 4 organisations, 2 support -> 2/4.
# people: police W, police M, shelter W, shelter U, legal aid N, intl M -> 6 participants;
# gender given by 5 (one undisclosed); women 2 -> 2/5.
# groups represented: women, girls (shelter), migrant (legal aid); the other 7 missing.
SMALL = [
    a("police", ActorKind.POLICE, W, role=J),
    a("police", ActorKind.POLICE, M, role=J),
    a("shelter", ActorKind.SHELTER, W, (Group.WOMEN, Group.GIRLS), S),
    a("shelter", ActorKind.SHELTER, U, (Group.WOMEN, Group.GIRLS), S),
    a("legal", ActorKind.LEGAL_AID, N, (Group.MIGRANT,), S),
    a("intl", ActorKind.INTERNATIONAL_ORG, M),
]


def test_small_dialogue_by_hand() -> None:
    f = balance(SMALL)
    assert (f.participants, f.organisations) == (6, 4)
    assert f.support_agencies == Share(2, 4) and f.support_agencies.value == 0.5
    assert f.women == Share(2, 5) and f.women.value == pytest.approx(0.4)
    assert f.gender_undisclosed == 1
    assert f.by_role == {J: 2, S: 3, OT: 1}
    assert f.groups_represented == (Group.WOMEN, Group.GIRLS, Group.MIGRANT)
    assert f.groups_missing == (
        Group.MEN,
        Group.BOYS,
        Group.CHILDREN,
        Group.DISABILITY,
        Group.ETHNIC_MINORITY,
        Group.STATELESS,
        Group.LGBTQI,
    )
    assert f.represented_by[Group.WOMEN] == ("shelter",)


@pytest.mark.parametrize(
    ("rows", "support", "women", "represented"),
    [
        # nobody: no base, no figure (None), every group missing
        ([], Share(0, 0), Share(0, 0), ()),
        # only undisclosed genders: the women share has no base, not 0 %
        ([a("p", ActorKind.POLICE, U), a("p", ActorKind.POLICE, U)], Share(0, 1), Share(0, 0), ()),
        # children implies girls and boys; a girls-only shelter does not represent children
        (
            [
                a("n", ActorKind.NGO, W, (Group.CHILDREN,)),
                a("g", ActorKind.SHELTER, W, (Group.GIRLS,)),
            ],
            Share(2, 2),
            Share(2, 2),
            (Group.GIRLS, Group.BOYS, Group.CHILDREN),
        ),
        # a ministry of social welfare is a support agency; a ministry of labour is not
        (
            [
                a("msw", ActorKind.MINISTRY_SOCIAL_WELFARE, M),
                a("mol", ActorKind.MINISTRY_LABOUR, W),
            ],
            Share(1, 2),
            Share(1, 2),
            (),
        ),
        # non-binary counts in the base, not as women
        (
            [a("l", ActorKind.LGBTQI_ORG, N, (Group.LGBTQI,))],
            Share(1, 1),
            Share(0, 1),
            (Group.LGBTQI,),
        ),
    ],
)
def test_table(
    rows: list[Attendee], support: Share, women: Share, represented: tuple[Group, ...]
) -> None:
    f = balance(rows)
    assert f.support_agencies == support
    assert f.women == women
    assert f.groups_represented == represented
    assert set(f.groups_represented) | set(f.groups_missing) == set(Group)


def test_pooled_country_counts_seats_and_distinct_organisations() -> None:
    second = [
        a("police", ActorKind.POLICE, W, role=J),
        a("dpo", ActorKind.DISABLED_PERSONS_ORG, M, (Group.DISABILITY,), S),
    ]
    f = balance(SMALL + second, dialogues=2)
    assert f.dialogues == 2
    assert (f.participants, f.organisations) == (8, 5)  # police counted once as an organisation
    assert f.support_agencies == Share(3, 5)
    assert f.women == Share(3, 7)
    assert Group.DISABILITY in f.groups_represented


@pytest.mark.parametrize(
    ("share", "text"), [(Share(0, 0), "—"), (Share(1, 3), "33 %"), (Share(2, 2), "100 %")]
)
def test_percent(share: Share, text: str) -> None:
    assert share.percent() == text


@pytest.mark.parametrize(
    ("kind", "role"),
    [
        (ActorKind.POLICE, J),
        (ActorKind.LABOUR_INSPECTION, J),
        (ActorKind.SHELTER, S),
        (ActorKind.MINISTRY_SOCIAL_WELFARE, S),
        (ActorKind.INTERNATIONAL_ORG, OT),
        (ActorKind.ACADEMIA, OT),
    ],
)
def test_default_role(kind: ActorKind, role: ParticipantRole) -> None:
    assert default_role(kind) is role
