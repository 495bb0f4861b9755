"""What a referral shares, as data (``data/referral_rules.yaml``; rights-checklist C1 and C11;
IOM DP 4 and 5).

C1: no identifying data leaves the agency in a referral unless the person consented for that
receiving organisation and that service type. Which data categories identify the person, and the
class of receivers a provider of each service type belongs to (a consent may name a class
instead of one agency, C2), are read from the rules file.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

RULES_FILE = "referral_rules.yaml"


class SharingRulesError(ValueError):
    """The rules file is malformed; the message names the file and the key."""


@dataclass(frozen=True)
class SharingRules:
    version: str
    identifying: frozenset[str]
    special: frozenset[str]
    receiver_class_by_service_type: dict[str, str]


def _strings(raw: Any, key: str) -> frozenset[str]:
    if not isinstance(raw, list) or not all(isinstance(v, str) for v in raw):
        raise SharingRulesError(f"referrals/data/{RULES_FILE}: {key} must be a list of strings")
    return frozenset(raw)


@cache
def sharing_rules() -> SharingRules:
    text = resources.files("titian.referrals").joinpath("data", RULES_FILE).read_text("utf-8")
    raw = yaml.safe_load(text)
    if not isinstance(raw, dict):
        raise SharingRulesError(f"referrals/data/{RULES_FILE}: must be a mapping")
    classes = raw.get("receiver_class_by_service_type")
    if not isinstance(classes, dict):
        raise SharingRulesError(
            f"referrals/data/{RULES_FILE}: receiver_class_by_service_type must be a mapping"
        )
    return SharingRules(
        version=str(raw.get("version", "")),
        identifying=_strings(raw.get("identifying"), "identifying"),
        special=_strings(raw.get("special"), "special"),
        receiver_class_by_service_type={str(k): str(v) for k, v in classes.items()},
    )


def identifying_categories(categories: Iterable[str]) -> tuple[str, ...]:
    """The categories among ``categories`` that need a consent before they are sent (C1):
    identifying and special-category data, in the given order."""
    rules = sharing_rules()
    needs = rules.identifying | rules.special
    return tuple(dict.fromkeys(c for c in categories if c in needs))


def is_identifying(categories: Iterable[str]) -> bool:
    return bool(identifying_categories(categories))


def receiver_class_for(service_type: str) -> str | None:
    """The receiver class a provider of ``service_type`` belongs to, or None."""
    return sharing_rules().receiver_class_by_service_type.get(service_type)
