"""Dashboard panels. Each area adds a function that returns a panel (or None) for a principal;
the dashboard shows the ones that apply, most urgent first.

A panel's title, empty text and lines are ``N_()`` messages: the dashboard translates them into
the reader's language (docs/developing.md). A line with a variable part is one whole sentence
with named placeholders, filled from ``values`` after translation, never fragments joined around
a value."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from titian.auth import policies
from titian.auth.models import User
from titian.auth.policies import Permission, Principal
from titian.i18n import N_, nN_
from titian.i18n.formatting import Formats

Gettext = Callable[[str], str]
Ngettext = Callable[[str, str, int], str]


@dataclass(frozen=True)
class Line:
    """One line of a panel, linking to ``link``.

    ``text`` is an ``N_()`` message; ``values`` fill its named placeholders as they are (a case
    number, a title typed by a person), ``terms`` with their own translation (a vocabulary
    label). With ``plural`` (from ``nN_()``) the form is chosen by ``values["count"]``.
    ``literal`` text is shown as stored (a notification or alert written by the domain)."""

    text: str
    link: str = ""
    values: Mapping[str, object] = field(default_factory=dict)
    terms: Mapping[str, str] = field(default_factory=dict)
    plural: str | None = None
    literal: bool = False

    def render(self, gettext: Gettext, ngettext: Ngettext, fmt: Formats | None = None) -> str:
        """The line in the reader's language: numbers and dates in their locale when ``fmt``
        is given (ISO dates otherwise)."""
        if self.literal:
            return self.text
        if self.plural is not None:
            message = ngettext(self.text, self.plural, int(str(self.values["count"])))
        else:
            message = gettext(self.text)
        if not self.values and not self.terms:
            return message
        filled = {k: _shown(v, fmt) for k, v in self.values.items()}
        filled.update({k: gettext(v) for k, v in self.terms.items()})
        return message % filled


def _shown(value: object, fmt: Formats | None) -> object:
    if isinstance(value, bool) or fmt is None:
        return value.isoformat() if isinstance(value, dt.date) else value
    if isinstance(value, int | float):
        return fmt.number(value)
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return fmt.date(value)
    return value


@dataclass(frozen=True)
class Panel:
    """``title`` and ``empty_text`` are ``N_()`` messages. ``lines`` are :class:`Line` or, for a
    line without a variable part, ``(N_(text), link)``."""

    title: str
    lines: list[Line | tuple[str, str]] = field(default_factory=list)
    urgency: int = 0  # 2 = red alert, 1 = attention, 0 = information
    empty_text: str = ""

    def rows(self) -> list[Line]:
        return [ln if isinstance(ln, Line) else Line(ln[0], ln[1]) for ln in self.lines]


PanelFn = Callable[[Session, Principal], Panel | None]
PANELS: list[PanelFn] = []


def panel(fn: PanelFn) -> PanelFn:
    PANELS.append(fn)
    return fn


def dashboard_panels(session: Session, principal: Principal) -> list[Panel]:
    found = [p for fn in PANELS if (p := fn(session, principal)) is not None]
    return sorted(found, key=lambda p: -p.urgency)


@panel
def administration(session: Session, principal: Principal) -> Panel | None:
    if not policies.has(principal, Permission.MANAGE_USERS):
        return None
    count = session.scalar(select(func.count(User.id)).where(User.agency_id == principal.agency_id))
    one, many = nN_(
        "%(count)s user account in your agency", "%(count)s user accounts in your agency"
    )
    lines: list[Line | tuple[str, str]] = [
        Line(one, "/admin/users", {"count": count or 0}, plural=many)
    ]
    if policies.can_manage_agencies(principal):
        lines.append((N_("Agencies"), "/admin/agencies"))
    return Panel(N_("Administration"), lines)


@panel
def audit_panel(session: Session, principal: Principal) -> Panel | None:
    if not policies.can_view_audit(principal):
        return None
    return Panel(N_("Audit"), [(N_("Audit log and chain verification"), "/audit")])
