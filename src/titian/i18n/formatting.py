"""Numbers and dates in the reader's locale, from CLDR through Babel (languages.md, advice 7).

``1234.5`` is ``1.234,5`` in Indonesian and ``1,234.5`` in Thai; a date is ``14 มี.ค. 2026`` in
Thai. Dates use the Gregorian calendar (Babel has no Buddhist-era calendar); digits are Latin, the
default numbering system of every shipped locale."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from babel import dates, numbers


@dataclass(frozen=True)
class Formats:
    """Formatting bound to one locale; templates get it as ``fmt``."""

    locale: str

    def number(self, value: float | Decimal | None, digits: int | None = None) -> str:
        """``1234.5`` → ``1,234.5`` / ``1.234,5``; ``digits`` fixes the decimals shown."""
        if value is None:
            return ""
        pattern = None
        if digits is not None:
            pattern = "#,##0." + "0" * digits if digits > 0 else "#,##0"
        return numbers.format_decimal(value, format=pattern, locale=self.locale)

    def percent(self, value: float | Decimal | None, digits: int = 0) -> str:
        """A share (``0.25``) as a percentage in the locale's style."""
        if value is None:
            return ""
        pattern = "#,##0%" if not digits else "#,##0." + "0" * digits + "%"
        return numbers.format_percent(value, format=pattern, locale=self.locale)

    def date(self, value: dt.date | None, format: str = "medium") -> str:
        if value is None:
            return ""
        return dates.format_date(value, format=format, locale=self.locale)

    def datetime(
        self, value: dt.datetime | None, format: str = "medium", tz: dt.tzinfo | None = None
    ) -> str:
        """A timestamp, in ``tz`` (default UTC: Titian stores UTC and says so on the page)."""
        if value is None:
            return ""
        zone = tz or dt.UTC
        aware = value if value.tzinfo else value.replace(tzinfo=dt.UTC)
        return dates.format_datetime(aware, format=format, tzinfo=zone, locale=self.locale)


def formats(locale: str) -> Formats:
    return Formats(locale)
