"""Fictional agencies for eight demo countries: the state agencies a trafficking case passes
through and the non-state organisations that serve each group named in the brief. Every name is
invented; any likeness to a real organisation is accidental."""

from __future__ import annotations

from dataclasses import dataclass

from titian.auth.models import AgencyKind as K
from titian.auth.models import AgencySector as S

DEMO_COUNTRIES: tuple[str, ...] = ("TH", "KH", "LA", "MM", "ID", "PH", "VN", "MY")

# Fictional place names per country, used to make names read naturally.
PLACE = {
    "TH": ("Chiang Rai", "TH-57"),
    "KH": ("Battambang", "KH-2"),
    "LA": ("Savannakhet", "LA-SV"),
    "MM": ("Mawlamyine", "MM-15"),
    "ID": ("Kupang", "ID-NT"),
    "PH": ("Zamboanga", "PH-09"),
    "VN": ("Lào Cai", "VN-02"),
    "MY": ("Kota Kinabalu", "MY-12"),
}


@dataclass(frozen=True)
class DemoAgency:
    key: str
    name: str
    kind: K
    sector: S


STATE = (
    ("police", "Anti-Trafficking Police Unit", K.POLICE),
    ("prosecution", "Office of the Public Prosecutor, Trafficking Division", K.PROSECUTION),
    ("court", "Provincial Court", K.COURT),
    ("welfare", "Ministry of Social Welfare, Victim Protection Office", K.SOCIAL_WELFARE),
    ("immigration", "Immigration Bureau, Border Office", K.IMMIGRATION),
    ("labour", "Labour Inspection Office", K.LABOUR_INSPECTION),
)

NON_STATE = (
    ("shelter", "Safe Harbour Women's Shelter", K.SHELTER),
    ("ngo", "Bridges Anti-Trafficking Network", K.NGO),
    ("legalaid", "Open Door Legal Aid Clinic", K.LEGAL_AID),
    ("health", "Riverside Community Health Centre", K.HEALTH),
    ("migrants", "Migrant Workers' Solidarity Group", K.MIGRANT_GROUP),
    ("dpo", "Disabled Persons' Self-Help Association", K.DPO),
    ("lgbtqi", "Rainbow Path Collective", K.LGBTQI),
    ("women", "Women's Voice Association", K.WOMENS_GROUP),
    ("ethnic", "Highland Peoples' Community Council", K.ETHNIC_COMMUNITY),
    ("union", "Fishers' and Farmworkers' Union", K.UNION),
    ("employer", "Responsible Employers' Forum", K.EMPLOYER),
)


def demo_agencies(country: str) -> list[DemoAgency]:
    """The agencies of one demo country, each with a stable key like ``TH-police``."""
    place = PLACE[country][0]
    rows = [DemoAgency(f"{country}-{k}", f"{n} ({place})", kind, S.STATE) for k, n, kind in STATE]
    rows += [
        DemoAgency(f"{country}-{k}", f"{n} {place}", kind, S.NON_STATE) for k, n, kind in NON_STATE
    ]
    return rows


OPERATOR = DemoAgency(
    "ASEAN-operator", "Titian Regional Secretariat (demo)", K.OPERATOR, S.NON_STATE
)
