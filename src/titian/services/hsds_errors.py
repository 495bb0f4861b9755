"""Errors of HSDS import: each names the file, the row (JSON index or CSV line) and the field.

DESIGN.md, "Clear errors, nothing lost": an import is all-or-nothing, with a report of every
rejected row. So readers collect every problem, and ``parse_directory`` raises once with all.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from titian.errors import Invalid
from titian.services.vocab import IssueLevel


@dataclass(frozen=True)
class HsdsError:
    """One problem. ``row`` is the 0-based index of the object in a JSON list (``None`` for a
    single object) or the 1-based physical line of a CSV record; ``field`` is a dotted path
    inside that object (``phones[0].number``) or a CSV column name."""

    file: str
    row: int | None
    field: str
    message: str
    level: IssueLevel = IssueLevel.ERROR

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f":{self.row}" if self.file.endswith(".csv") else f"[{self.row}]"
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{field} {self.message}"

    def sort_key(self) -> tuple[str, int, str, str]:
        """File, row (a single JSON object first), field, message."""
        return (self.file, -1 if self.row is None else self.row, self.field, self.message)

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "row": self.row,
            "field": self.field,
            "message": self.message,
            "level": self.level.value,
        }


def unique(issues: Iterable[HsdsError]) -> list[HsdsError]:
    """Drop repeated issues, keeping the first occurrence order."""
    seen: set[HsdsError] = set()
    out: list[HsdsError] = []
    for issue in issues:
        if issue not in seen:
            seen.add(issue)
            out.append(issue)
    return out


class HsdsImportError(Invalid):
    """The HSDS input is refused as a whole; ``errors`` lists every problem found."""

    def __init__(self, errors: Iterable[HsdsError]) -> None:
        self.errors: tuple[HsdsError, ...] = tuple(unique(errors))
        files = sorted({e.file for e in self.errors})
        super().__init__(
            f"HSDS import refused: {len(self.errors)} error(s) in {', '.join(files) or '-'}"
        )
        self.details = {"errors": [e.as_dict() for e in self.errors]}

    def __str__(self) -> str:
        return "\n".join([self.message, *(f"  {e}" for e in self.errors)])
