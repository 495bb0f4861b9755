# ruff: noqa: E501 (the template table reads best one service per line)
"""Demo service directory: about 20 fictional services in each of the eight demo countries, run by
the demo's non-state agencies and state social-welfare offices, with real ISO 3166-2 area codes.

The variation is deliberate and shows real gaps in the coverage scan (issue 4, item 8): few
shelters accept adult men (TH and PH, and affirming safe houses in the TH, PH and VN capitals);
sign language is rare (TH, PH, ID, VN only); in KH, LA, MM and VN the services that declare whom
they accept by citizenship leave stateless people out.
Every name is invented. Idempotent: objects have stable UUIDv5 ids and are upserted.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

import pycountry
from sqlalchemy import select
from sqlalchemy.orm import Session

from titian.countries.registry import get_country
from titian.demo.agencies import DEMO_COUNTRIES, PLACE
from titian.demo.loader import DemoState
from titian.referrals import gaps_store
from titian.services import hsds_model as m
from titian.services.hsds import BED_UNIT
from titian.services.models import Organization, Service
from titian.services.service_edit import language_name
from titian.services.service_import import write_directory
from titian.services.vocab import AccessibilityFeature as F
from titian.services.vocab import CitizenshipAccepted as C
from titian.services.vocab import CostType, LanguageMode
from titian.services.vocab import GenderAccepted as G
from titian.services.vocab import ServiceType as T

NAMESPACE = uuid.UUID("5b0f7c8e-3a43-5d2e-9a61-7e3c2d4b1f00")
UPDATED = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)


@dataclass(frozen=True)
class CountryPlan:
    """Where services are (main area of the demo agencies, capital, border, another), the
    languages of migrants met there, and which scarce services the country has."""

    areas: tuple[str, str, str, str]
    migrant_languages: tuple[str, ...]
    stateless_ok: bool
    mens_shelter: bool
    sign_language: bool
    lgbtqi_shelter: bool


PLANS: dict[str, CountryPlan] = {
    "TH": CountryPlan(("TH-57", "TH-10", "TH-63", "TH-20"), ("my", "km", "lo", "shn"), True, True, True, True),
    "KH": CountryPlan(("KH-2", "KH-12", "KH-22", "KH-18"), ("vi", "th"), False, False, False, False),
    "LA": CountryPlan(("LA-SV", "LA-VT", "LA-BK", "LA-CH"), ("th", "vi"), False, False, False, False),
    "MM": CountryPlan(("MM-15", "MM-06", "MM-13", "MM-17"), ("th", "zh"), False, False, False, False),
    "ID": CountryPlan(("ID-NT", "ID-JK", "ID-KB", "ID-RI"), ("ms", "tet"), True, False, True, False),
    "PH": CountryPlan(("PH-09", "PH-00", "PH-14", "PH-07"), ("ms", "zh"), True, True, True, True),
    "VN": CountryPlan(("VN-02", "VN-HN", "VN-44", "VN-13"), ("zh", "km", "lo"), False, False, True, True),
    "MY": CountryPlan(("MY-12", "MY-14", "MY-13", "MY-01"), ("id", "my", "bn", "tl"), True, False, False, False),
}  # fmt: skip

ALL_GENDERS = frozenset(G)
ADULTS = frozenset({G.WOMEN, G.MEN, G.NON_BINARY})
WOMEN_GIRLS = frozenset({G.WOMEN, G.GIRLS})
CHILDREN = frozenset({G.GIRLS, G.BOYS, G.NON_BINARY})
CITIZENS_AND_MIGRANTS = frozenset({C.CITIZENS, C.NON_CITIZENS, C.UNDOCUMENTED})
EVERYONE = frozenset(C)


@dataclass(frozen=True)
class Template:
    """One kind of service, instantiated in each country where ``applies`` holds."""

    key: str
    agency: str
    name: str
    types: frozenset[T]
    where: str  # country | main | capital | main+capital | border | main+border | all4
    genders: frozenset[G] = frozenset()
    citizenship: frozenset[C] = frozenset()
    ages: tuple[int | None, int | None] = (None, None)
    unaccompanied: bool = False
    access: frozenset[F] = frozenset()
    lgbtqi: bool = False
    cost: CostType = CostType.FREE
    beds: int | None = None
    interpret: str = ""  # "" | migrant | minority | any
    eligibility: str = ""
    needs: str = ""  # a CountryPlan flag that must be true


_STEP = frozenset({F.STEP_FREE_ACCESS})
TEMPLATES: tuple[Template, ...] = (
    Template("cm", "welfare", "Victim protection and case management", frozenset({T.CASE_MANAGEMENT}), "country", ALL_GENDERS, CITIZENS_AND_MIGRANTS, interpret="migrant", eligibility="Presumed and identified victims of trafficking of any age."),
    Template("shelter-wc", "welfare", "Government protection shelter for women and children", frozenset({T.SHELTER}), "main+capital", frozenset({G.WOMEN, G.GIRLS, G.BOYS}), CITIZENS_AND_MIGRANTS, unaccompanied=True, access=_STEP, beds=24, eligibility="Women, girls and boys up to 12; boys over 12 are placed elsewhere."),
    Template("shelter-men", "welfare", "Protection shelter for men", frozenset({T.SHELTER}), "border", frozenset({G.MEN}), CITIZENS_AND_MIGRANTS, ages=(18, None), beds=12, needs="mens_shelter", eligibility="Adult men, including fishers and migrant workers."),
    Template("repat", "welfare", "Repatriation and family tracing desk", frozenset({T.REPATRIATION_SUPPORT, T.FAMILY_TRACING}), "country", interpret="migrant"),
    Template("safehouse", "shelter", "Safe house for women and girls", frozenset({T.SHELTER, T.PSYCHOSOCIAL}), "main", WOMEN_GIRLS, EVERYONE, unaccompanied=True, beds=16, access=frozenset({F.SUPPORTER_PRESENT})),
    Template("transition", "shelter", "Transitional housing for young women", frozenset({T.SHELTER, T.LIVELIHOOD}), "capital", frozenset({G.WOMEN}), CITIZENS_AND_MIGRANTS, ages=(18, 25), beds=8, cost=CostType.REDUCED),
    Template("ngo-cm", "ngo", "Case management and reintegration", frozenset({T.CASE_MANAGEMENT, T.LIVELIHOOD}), "main+border", ALL_GENDERS, EVERYONE, interpret="minority"),
    Template("child", "ngo", "Child protection drop-in centre", frozenset({T.PSYCHOSOCIAL, T.EDUCATION}), "main", CHILDREN, EVERYONE, ages=(None, 17), unaccompanied=True, access=frozenset({F.EASY_READ, F.SHORTER_SESSIONS})),
    Template("tracing", "ngo", "Family tracing and safe return", frozenset({T.FAMILY_TRACING, T.REPATRIATION_SUPPORT}), "all4", ALL_GENDERS, EVERYONE, interpret="migrant"),
    Template("legal", "legalaid", "Legal aid for victims of trafficking", frozenset({T.LEGAL_AID, T.COMPENSATION_CLAIMS}), "country", ALL_GENDERS, CITIZENS_AND_MIGRANTS, interpret="any", access=frozenset({F.LARGE_PRINT, F.EASY_READ})),
    Template("clinic", "health", "Medical care and counselling", frozenset({T.MEDICAL, T.PSYCHOSOCIAL}), "main+capital", access=frozenset({F.STEP_FREE_ACCESS, F.LARGE_PRINT, F.SIGN_LANGUAGE}), needs="sign_language", cost=CostType.REDUCED),
    Template("clinic-basic", "health", "Community health clinic", frozenset({T.MEDICAL}), "main+capital", access=_STEP, cost=CostType.REDUCED),
    Template("mobile", "health", "Mobile clinic for border areas", frozenset({T.MEDICAL}), "border", interpret="migrant"),
    Template("migrants", "migrants", "Migrant worker help desk", frozenset({T.LEGAL_AID, T.CASE_MANAGEMENT, T.INTERPRETATION}), "main+border", ADULTS, frozenset({C.NON_CITIZENS, C.UNDOCUMENTED, C.STATELESS}), ages=(18, None), interpret="migrant"),
    Template("dpo", "dpo", "Disability support and sign language interpreting", frozenset({T.INTERPRETATION, T.PSYCHOSOCIAL}), "capital", access=frozenset({F.SIGN_LANGUAGE, F.CAPTIONED_OR_WRITTEN, F.EASY_READ, F.COMMUNICATION_SUPPORT, F.PERSONAL_ASSISTANCE}), needs="sign_language"),
    Template("dpo-peer", "dpo", "Disability peer support", frozenset({T.PSYCHOSOCIAL}), "capital", access=frozenset({F.EASY_READ, F.SUPPORTER_PRESENT, F.COMMUNICATION_SUPPORT, F.GUIDED_ACCESS})),
    Template("rainbow", "lgbtqi", "LGBTQI-affirming counselling", frozenset({T.PSYCHOSOCIAL, T.CASE_MANAGEMENT}), "capital", ALL_GENDERS, EVERYONE, lgbtqi=True),
    Template("rainbow-house", "lgbtqi", "Rainbow safe house", frozenset({T.SHELTER}), "capital", frozenset({G.WOMEN, G.MEN, G.NON_BINARY}), EVERYONE, ages=(18, None), lgbtqi=True, beds=6, needs="lgbtqi_shelter"),
    Template("women", "women", "Women's livelihood and savings groups", frozenset({T.LIVELIHOOD, T.EDUCATION}), "main+capital", frozenset({G.WOMEN}), ages=(18, None)),
    Template("ethnic", "ethnic", "Community interpreting in ethnic languages", frozenset({T.INTERPRETATION}), "main+border", interpret="minority"),
    Template("union", "union", "Fishers' and farmworkers' rights desk", frozenset({T.LEGAL_AID, T.COMPENSATION_CLAIMS}), "border", frozenset({G.MEN, G.WOMEN}), CITIZENS_AND_MIGRANTS, ages=(18, None), interpret="migrant"),
    Template("jobs", "employer", "Ethical recruitment and job placement", frozenset({T.LIVELIHOOD}), "country", ages=(18, None), cost=CostType.FREE),
)  # fmt: skip


def _id(*parts: str) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join(parts)))


def _applies(t: Template, plan: CountryPlan) -> bool:
    return not t.needs or bool(getattr(plan, t.needs))


def _areas(t: Template, country: str, plan: CountryPlan) -> tuple[str, ...]:
    main, capital, border, other = plan.areas
    return {
        "country": (country,),
        "main": (main,),
        "capital": (capital,),
        "border": (border,),
        "main+capital": (main, capital),
        "main+border": (main, border),
        "all4": (main, capital, border, other),
    }[t.where]


def _language(owner: str, tag: str, mode: LanguageMode) -> m.DirectoryLanguage:
    return m.DirectoryLanguage(_id(owner, "lang", mode, tag), tag, language_name(tag), mode=mode)


def _languages(
    t: Template, sid: str, country: str, plan: CountryPlan
) -> tuple[m.DirectoryLanguage, ...]:
    settings = get_country(country)
    spoken = (
        [*settings.official_languages, "en"]
        if t.interpret == "any"
        else list(settings.official_languages)
    )
    interp: list[str] = []
    if t.interpret == "migrant":
        interp = list(plan.migrant_languages)
    elif t.interpret == "minority":
        interp = list(settings.minority_languages[:3])
    out = [_language(sid, tag, LanguageMode.SPOKEN) for tag in dict.fromkeys(spoken)]
    out += [_language(sid, tag, LanguageMode.INTERPRETATION) for tag in interp if tag not in spoken]
    return tuple(out)


def _service_areas(sid: str, codes: tuple[str, ...]) -> tuple[m.DirectoryServiceArea, ...]:
    out = []
    for code in codes:
        found = pycountry.subdivisions.get(code=code) or pycountry.countries.get(alpha_2=code)  # type: ignore[no-untyped-call]
        out.append(
            m.DirectoryServiceArea(
                _id(sid, "area", code), found.name if found else code, None, code, "text"
            )
        )
    return tuple(out)


def _citizenship(t: Template, plan: CountryPlan) -> frozenset[C]:
    if plan.stateless_ok or not t.citizenship:
        return t.citizenship
    return t.citizenship - {C.STATELESS}


def _service(
    t: Template, country: str, plan: CountryPlan, org_id: str, place: str
) -> m.DirectoryService:
    sid = _id(country, "service", t.key)
    gesi = m.GesiProfile(
        genders_accepted=t.genders,
        citizenship_accepted=_citizenship(t, plan),
        accepts_unaccompanied_children=t.unaccompanied,
        minimum_age=t.ages[0],
        maximum_age=t.ages[1],
        accessibility=t.access,
        lgbtqi_affirming=t.lgbtqi,
        service_types=t.types,
        cost=t.cost,
    )
    beds = () if t.beds is None else (
        m.DirectoryCapacity(_id(sid, "beds"), BED_UNIT, float(_free_beds(t, country)), UPDATED, float(t.beds)),
    )  # fmt: skip
    return m.DirectoryService(
        id=sid,
        name=f"{t.name} ({place})",
        status="active",
        organization_id=org_id,
        description=f"{t.name}, run by a fictional demo organisation in {place}.",
        eligibility_description=t.eligibility or None,
        gesi=gesi,
        languages=_languages(t, sid, country, plan),
        service_areas=_service_areas(sid, _areas(t, country, plan)),
        capacities=beds,
        phones=(
            m.DirectoryPhone(
                _id(sid, "phone"), f"+00 555 {uuid.UUID(sid).int % 10000:04d}", type="voice"
            ),
        ),
        locations=(m.DirectoryServiceAtLocation(_id(sid, "sal"), _id(org_id, "location")),),
        extra_fields=(("titian_interpretation_any_language", True),)
        if t.interpret == "any"
        else (),
    )


def _free_beds(t: Template, country: str) -> int:
    """Fictional occupancy: some shelters full (no capacity is an exclusion, C10)."""
    full = {("KH", "safehouse"), ("TH", "shelter-wc"), ("MY", "transition")}
    return 0 if (country, t.key) in full else max(1, (t.beds or 0) // 3)


def _organization(agency_key: str, name: str, place: str) -> m.DirectoryOrganization:
    return m.DirectoryOrganization(
        id=_id(agency_key, "organization"),
        name=name,
        description=f"{name}: fictional demo organisation ({place}).",
    )


def _location(org_id: str, name: str, country: str, area: str, place: str) -> m.DirectoryLocation:
    sub = pycountry.subdivisions.get(code=area)  # type: ignore[no-untyped-call]
    address = m.DirectoryAddress(
        _id(org_id, "address"),
        "1 Demo Road",
        place,
        sub.name if sub else area,
        "00000",
        country,
        "physical",
    )
    access = (m.DirectoryAccessibility(_id(org_id, "access"), "Ground floor entrance"),)
    return m.DirectoryLocation(
        _id(org_id, "location"),
        "physical",
        name,
        org_id,
        addresses=(address,),
        accessibility=access,
    )


def demo_directory(state: DemoState) -> tuple[m.Directory, dict[str, uuid.UUID]]:
    """The demo directory and, per organization id, the agency that runs it."""
    orgs: dict[str, m.DirectoryOrganization] = {}
    locations: list[m.DirectoryLocation] = []
    services: list[m.DirectoryService] = []
    links: dict[str, uuid.UUID] = {}
    for country in DEMO_COUNTRIES:
        plan, (place, area) = PLANS[country], PLACE[country]
        for t in TEMPLATES:
            agency = state.agencies.get(f"{country}-{t.agency}")
            if agency is None or not _applies(t, plan):
                continue
            org = orgs.get(agency.name) or _organization(
                f"{country}-{t.agency}", agency.name, place
            )
            if agency.name not in orgs:
                orgs[agency.name] = org
                locations.append(_location(org.id, agency.name, country, area, place))
                links[org.id] = agency.id
            services.append(_service(t, country, plan, org.id, place))
    directory = m.Directory(tuple(orgs.values()), tuple(services), tuple(locations))
    return directory, links


def load_services(session: Session, state: DemoState) -> None:
    """Upsert the demo directory, link each organization to its agency, and scan Thailand's
    coverage once (other countries: ``titian referrals gaps --country XX`` or the gaps page)."""
    directory, links = demo_directory(state)
    ids = [uuid.UUID(s.id) for s in directory.services]
    present = set(session.scalars(select(Service.id).where(Service.id.in_(ids))))
    if len(present) < len(ids):
        write_directory(session, None, directory, ["demo"])
    org_ids = [uuid.UUID(k) for k in links]
    for org in session.scalars(select(Organization).where(Organization.id.in_(org_ids))):
        if org.agency_id is None:
            org.agency_id = links[str(org.id)]
    session.flush()
    if gaps_store.last_scan(session, SCANNED) is None:
        gaps_store.run_coverage_scan(session, None, SCANNED)
    state.summary["services"] = len(ids)


SCANNED = "TH"
STEPS = [(30, load_services)]
