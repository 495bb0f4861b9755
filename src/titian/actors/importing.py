"""CSV import of organisations: all-or-nothing, with a report of every rejected row.

Columns (header required, order free): ``name``, ``country``, ``kind`` (required); ``areas``,
``groups``, ``languages`` (``;``-separated codes), ``description``, ``website`` (optional).
Unknown columns are refused, so a misspelt column never drops data silently. Contact people are
not imported: they are personal data of staff and are entered one by one.

Every row is validated first; duplicates are then found by normalised name + country
(``titian.actors.dedupe``) within the file and against the register, and merged. If any row is
rejected nothing is written and the report lists every rejected row (DESIGN.md, "Clear errors,
nothing lost").
"""

from __future__ import annotations

import csv
import io
import uuid

from pydantic import ValidationError
from sqlalchemy.orm import Session

from titian.actors import repository
from titian.actors.dedupe import CandidateRow, ExistingActor, ImportPlan, PlannedActor, plan_import
from titian.actors.models import Actor
from titian.actors.schemas import ActorCreate, DuplicateRead, ImportReport, RowProblem
from titian.actors.service import join, new_actor, split
from titian.audit import service as audit
from titian.auth.policies import Principal
from titian.errors import Invalid

REQUIRED = ("name", "country", "kind")
OPTIONAL = ("areas", "groups", "languages", "description", "website")
LIST_COLUMNS = ("areas", "groups", "languages")
MAX_ROWS = 20_000


class ImportRejected(Invalid):
    """The import was refused; ``report`` lists every rejected row and nothing was written."""

    def __init__(self, report: ImportReport) -> None:
        super().__init__(f"import refused: {len(report.rejected)} problem(s); nothing was written")
        self.report = report
        self.details["report"] = report.model_dump(mode="json")


def _header_problems(header: list[str]) -> list[RowProblem]:
    problems = [
        RowProblem(line=1, field=c, message="required column is missing")
        for c in REQUIRED
        if c not in header
    ]
    known = set(REQUIRED) | set(OPTIONAL)
    problems += [
        RowProblem(line=1, field=c or "(blank)", message="unknown column")
        for c in header
        if c not in known
    ]
    return problems


def _parse_row(line: int, raw: dict[str, str]) -> tuple[ActorCreate | None, list[RowProblem]]:
    values: dict[str, object] = {k: (v or "").strip() for k, v in raw.items() if k}
    for column in LIST_COLUMNS:
        values[column] = split(str(values.get(column, "")).replace(" ", ""))
    try:
        return ActorCreate.model_validate(values), []
    except ValidationError as exc:
        problems = [
            RowProblem(
                line=line, field=".".join(str(p) for p in e["loc"]) or "row", message=e["msg"]
            )
            for e in exc.errors()
        ]
        return None, problems


def parse(text: str) -> tuple[list[tuple[int, ActorCreate]], list[RowProblem], int]:
    """Valid rows with their line numbers, every problem found, and the number of data rows."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = [h.strip() for h in reader.fieldnames or []]
    reader.fieldnames = header
    problems = _header_problems(header)
    if problems:
        return [], problems, 0
    rows: list[tuple[int, ActorCreate]] = []
    count = 0
    for count, raw in enumerate(reader, start=1):
        if count > MAX_ROWS:
            problems.append(RowProblem(line=count + 1, field="row", message="too many rows"))
            break
        if None in raw:
            problems.append(
                RowProblem(line=count + 1, field="row", message="more cells than columns")
            )
            continue
        data, found = _parse_row(count + 1, raw)
        problems += found
        if data is not None:
            rows.append((count + 1, data))
    if count == 0:
        problems.append(RowProblem(line=1, field="row", message="the file has no data rows"))
    return rows, problems, count


def _candidates(rows: list[tuple[int, ActorCreate]]) -> list[CandidateRow]:
    return [
        CandidateRow(
            line=line,
            name=d.name,
            country=d.country,
            kind=d.kind.value,
            areas=frozenset(d.areas),
            groups=frozenset(g.value for g in d.groups),
            languages=frozenset(d.languages),
        )
        for line, d in rows
    ]


def _write(session: Session, plan: PlannedActor, data: ActorCreate) -> Actor:
    if plan.existing_id is None:
        actor = new_actor(data)
        session.add(actor)
    else:
        found = session.get(Actor, uuid.UUID(plan.existing_id))
        assert found is not None
        actor = found
    actor.areas = join(split(actor.areas) + sorted(plan.areas))
    actor.groups = join(split(actor.groups) + sorted(plan.groups))
    actor.languages = join(split(actor.languages) + sorted(plan.languages))
    return actor


def _report(rows: int, plan: ImportPlan) -> ImportReport:
    return ImportReport(
        rows=rows,
        created=sum(1 for p in plan.actors if p.existing_id is None),
        merged=sum(1 for p in plan.actors if p.existing_id is not None),
        duplicates=[
            DuplicateRead(
                line=d.line,
                name_key=d.key[1],
                merged_into_line=d.into_line,
                merged_into_actor=d.into_id,
            )
            for d in plan.duplicates
        ],
    )


def import_csv(session: Session, principal: Principal | None, text: str) -> ImportReport:
    """Import organisations from CSV text (``principal`` None = command line)."""
    if principal is not None:
        repository.require_edit(principal)
    rows, problems, count = parse(text)
    existing = repository.keys_in(session, {d.country for _, d in rows})
    plan = plan_import(
        _candidates(rows),
        {k: ExistingActor(str(a.id), a.kind.value) for k, a in existing.items()},
    )
    problems += [
        RowProblem(
            line=c.line,
            field="kind",
            message=f"duplicate of {c.where} (same name and country) but of kind {c.other_kind}",
        )
        for c in plan.clashes
    ]
    report = _report(count, plan)
    if problems:
        report.created = report.merged = 0
        report.rejected = sorted(problems, key=lambda p: (p.line, p.field))
        raise ImportRejected(report)
    by_line = dict(rows)
    for planned in plan.actors:
        _write(session, planned, by_line[planned.first.line])
    session.flush()
    audit.record(
        session,
        principal,
        "actor.import",
        "actor",
        "",
        {"rows": count, "created": report.created, "merged": report.merged},
    )
    return report
