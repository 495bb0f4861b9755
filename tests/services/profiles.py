# ruff: noqa: E501 (a table of cases, one per line)
"""The table of need profiles over the small test directory (tests/services/conftest.py) and
what matching must answer: the eligible services (best first), the excluded ones with a reason
code each, and the gap kind (None when a suitable service exists). Shared by the API and CLI
tests so both doors answer the same."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Case:
    id: str
    profile: dict[str, Any]
    eligible: tuple[str, ...]
    excluded: dict[str, str] = field(default_factory=dict)  # name -> one expected reason code
    gap: str | None = None


def p(need: str, area: str, **kw: Any) -> dict[str, Any]:
    return {"need": need, "country": area.split("-")[0], "area": area, "age": 30, **kw}


CASES: tuple[Case, ...] = (
    Case("woman-bangkok-shelter", p("shelter", "TH-10", gender="woman"),
         ("Rainbow house Bangkok", "Women shelter Bangkok")),
    Case("man-bangkok-shelter", p("shelter", "TH-10", gender="man"),
         ("Rainbow house Bangkok",), {"Women shelter Bangkok": "gender_not_accepted"}),
    Case("man-chiang-mai-shelter", p("shelter", "TH-50", gender="man"), ("Men shelter Chiang Mai",)),
    Case("boy-chiang-mai-shelter", p("shelter", "TH-50", gender="man", age=15, unaccompanied=True),
         (), {"Men shelter Chiang Mai": "children_not_accepted"}, "no_eligible_service"),
    Case("stateless-woman-bangkok", p("shelter", "TH-10", gender="woman", citizenship="stateless"),
         ("Rainbow house Bangkok",), {"Women shelter Bangkok": "stateless_not_accepted"}),
    Case("hearing-legal-aid", p("legal_aid", "TH-57", wg_domains=["hearing"]), ("National legal aid",)),
    Case("hearing-bangkok-shelter", p("shelter", "TH-10", gender="woman", wg_domains=["hearing"]),
         (), {"Women shelter Bangkok": "no_sign_language", "Rainbow house Bangkok": "no_sign_language"},
         "no_eligible_service"),
    Case("lgbtqi-bangkok-shelter", p("shelter", "TH-10", sogiesc_consented=True, lgbtqi=True),
         ("Rainbow house Bangkok", "Women shelter Bangkok")),
    Case("lgbtqi-man-chiang-mai", p("shelter", "TH-50", gender="man", sogiesc_consented=True, lgbtqi=True),
         ("Men shelter Chiang Mai",), {}, "no_affirming_service"),
    Case("burmese-man-chiang-mai", p("shelter", "TH-50", gender="man", languages_preferred=["my"]),
         ("Men shelter Chiang Mai",)),
    Case("karen-man-chiang-mai", p("shelter", "TH-50", gender="man", languages_preferred=["ksw"]),
         (), {"Men shelter Chiang Mai": "no_common_language"}, "no_eligible_service"),
    Case("woman-medical-cambodia", p("medical", "KH-12", gender="woman"), ("Clinic Phnom Penh",)),
    Case("woman-medical-bangkok", p("medical", "TH-10", gender="woman"), (), {}, "no_eligible_service"),
)  # fmt: skip


def check(case: Case, body: dict[str, Any]) -> None:
    """The result body (``service_matching.result_json``) agrees with the case."""
    names = tuple(e["name"] for e in body["eligible"])
    if case.profile.get("lgbtqi") or len(case.eligible) < 2:
        assert names == case.eligible, (case.id, names)
    else:
        assert set(names) == set(case.eligible), (case.id, names)
    excluded = {x["name"]: {r["code"] for r in x["reasons"]} for x in body["excluded"]}
    assert set(excluded) == set(case.excluded), (case.id, excluded)
    for name, code in case.excluded.items():
        assert code in excluded[name], (case.id, name, excluded[name])
    assert (body["gap"] or {}).get("kind") == case.gap, (case.id, body["gap"])
    if case.gap:
        assert body["gap_text"] and body["gap"]["country"] == case.profile["country"]
        assert "age" not in body["gap"] and "gender" not in body["gap"]
