"""Load and validate the indicator catalogues shipped in ``screening/catalogues/*.yaml``.

Each file is versioned and declares one or more lists (ILO/EC 2009 lists A_L, A_S, C_L, C_S, and
Titian's supplementary lists). Every indicator names its dimension (D1-D6) and a weight per list
(S, M or W), and carries ``verified: false`` until someone has checked it against the primary ILO/EC
publication (screening-indicators.md, "Status of the weights"). A broken file is refused at load
with the file name and the line.
"""

from __future__ import annotations

from collections.abc import Iterator
from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from yaml.nodes import MappingNode, SequenceNode

from titian.i18n import N_
from titian.screening.answers import ExploitationKind, MigrationStatus, OtherForm

RULES_FILE = "scoring_rules.yaml"
RECRUITMENT_DIMENSIONS = ("D1", "D2", "D3")


class Dimension(StrEnum):
    """The six ILO/EC dimensions, following Palermo (act, means, purpose) by phase."""

    D1 = "D1"
    D2 = "D2"
    D3 = "D3"
    D4 = "D4"
    D5 = "D5"
    D6 = "D6"

    @property
    def label(self) -> str:
        return DIMENSION_TITLES[self]


DIMENSION_TITLES: dict[Dimension, str] = {
    Dimension.D1: N_("Deceptive recruitment"),
    Dimension.D2: N_("Coercive recruitment"),
    Dimension.D3: N_("Recruitment by abuse of vulnerability"),
    Dimension.D4: N_("Exploitative conditions"),
    Dimension.D5: N_("Coercion at destination"),
    Dimension.D6: N_("Abuse of vulnerability at destination"),
}


class Weight(StrEnum):
    """ILO/EC 2009 weights: strong, medium, weak. The child lists have no weak tier."""

    S = "S"
    M = "M"
    W = "W"

    @property
    def word(self) -> str:
        return {"S": "strong", "M": "medium", "W": "weak"}[self.value]


class AgeGroup(StrEnum):
    ADULT = "adult"
    CHILD = "child"


class CatalogueStatus(StrEnum):
    """``incomplete``: the list is not fully transcribed; ``to_verify``: complete, but some weights
    are not checked against the source; ``verified``: every entry checked."""

    VERIFIED = "verified"
    TO_VERIFY = "to_verify"
    INCOMPLETE = "incomplete"


class CatalogueError(ValueError):
    """A catalogue file is broken; the message names the file, the line and the reason."""

    def __init__(self, file: str, line: int | None, reason: str) -> None:
        where = f"{file}, line {line}" if line is not None else file
        super().__init__(f"{where}: {reason}")
        self.file = file
        self.line = line
        self.reason = reason


class LineMap(dict[str, Any]):
    """A YAML mapping that remembers its own line and the line of each key (1-based)."""

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.key_lines: dict[str, int] = {}


class LineSeq(list[Any]):
    """A YAML sequence that remembers its own line and the line of each item (1-based)."""

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.item_lines: list[int] = []


class _DuplicateKeyError(yaml.YAMLError):
    def __init__(self, key: object, line: int) -> None:
        super().__init__(f"duplicate key {key!r}")
        self.key = key
        self.line = line


class _LineLoader(yaml.SafeLoader):
    """SafeLoader that records ``start_mark`` lines and refuses duplicate keys."""


def _construct_map(loader: _LineLoader, node: MappingNode) -> LineMap:
    loader.flatten_mapping(node)
    result = LineMap(node.start_mark.line + 1)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in result:
            raise _DuplicateKeyError(key, key_node.start_mark.line + 1)
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _construct_seq(loader: _LineLoader, node: SequenceNode) -> LineSeq:
    result = LineSeq(node.start_mark.line + 1)
    for item in node.value:
        result.append(loader.construct_object(item, deep=True))
        result.item_lines.append(item.start_mark.line + 1)
    return result


_LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_map)
_LineLoader.add_constructor("tag:yaml.org,2002:seq", _construct_seq)


def parse_yaml(text: str, file: str) -> Any:
    """YAML text to LineMap/LineSeq/scalars; syntax errors and duplicate keys name file and line."""
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - SafeLoader subclass
    except _DuplicateKeyError as exc:
        raise CatalogueError(file, exc.line, f"duplicate key {exc.key!r}") from exc
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise CatalogueError(file, line, f"YAML syntax: {exc.problem}") from exc
    except yaml.YAMLError as exc:
        raise CatalogueError(file, None, f"YAML: {exc}") from exc


def line_at(raw: Any, loc: tuple[int | str, ...]) -> int | None:
    """The line of the deepest node along a validation path (pydantic ``loc``)."""
    line: int | None = getattr(raw, "line", None)
    current = raw
    for part in loc:
        if isinstance(current, LineMap) and part in current:
            line = current.key_lines[str(part)]
            current = current[str(part)]
        elif isinstance(current, LineSeq) and isinstance(part, int) and part < len(current):
            line = current.item_lines[part]
            current = current[part]
        else:
            break
    return line


_FROZEN = ConfigDict(extra="forbid", frozen=True)


class _ListSpec(BaseModel):
    model_config = _FROZEN
    id: str = Field(pattern=r"^[A-Z]_[A-Z]{1,3}$")
    title: str
    age_group: AgeGroup
    kind: ExploitationKind
    form: OtherForm | None = None
    base: str | None = None
    complete: bool


class _IndicatorSpec(BaseModel):
    model_config = _FROZEN
    id: str = Field(pattern=r"^[a-z0-9]+\.[a-z0-9_]+$")
    dimension: Dimension
    label: dict[str, str]
    weight: dict[str, Weight]
    verified: bool
    implied_by_migration_status: list[MigrationStatus] = []


class _FileSpec(BaseModel):
    model_config = _FROZEN
    catalogue: str
    version: str
    source: str
    notes: str = ""
    lists: list[_ListSpec] = Field(min_length=1)
    indicators: list[_IndicatorSpec]


class Indicator(BaseModel):
    """One indicator as it stands on one list (its weight is the weight on that list)."""

    model_config = _FROZEN
    id: str
    dimension: Dimension
    label: str
    weight: Weight
    verified: bool
    implied_by_migration_status: tuple[MigrationStatus, ...] = ()
    line: int = Field(exclude=True, description="Line in the catalogue file (for error messages)")


class CatalogueInfo(BaseModel):
    """What a list is, without its indicators."""

    model_config = _FROZEN
    list_id: str
    title: str
    age_group: AgeGroup
    kind: ExploitationKind
    form: OtherForm | None
    base: str | None
    catalogue: str
    version: str
    status: CatalogueStatus
    source: str
    file: str
    indicator_count: int


class Catalogue(BaseModel):
    """One list with its indicators, ready for scoring."""

    model_config = _FROZEN
    info: CatalogueInfo
    notes: str
    indicators: tuple[Indicator, ...]

    def get(self, indicator_id: str) -> Indicator | None:
        return next((i for i in self.indicators if i.id == indicator_id), None)

    def in_dimension(self, dimension: Dimension) -> tuple[Indicator, ...]:
        return tuple(i for i in self.indicators if i.dimension is dimension)


def validation_error(file: str, raw: Any, exc: ValidationError) -> CatalogueError:
    err = exc.errors()[0]
    path = ".".join(str(p) for p in err["loc"])
    return CatalogueError(file, line_at(raw, err["loc"]), f"{path}: {err['msg']}")


def _check_lists(file: str, raw: LineMap, spec: _FileSpec) -> None:
    seen: set[str] = set()
    for index, lst in enumerate(spec.lists):
        line = line_at(raw, ("lists", index, "id"))
        if lst.id in seen:
            raise CatalogueError(file, line, f"duplicate list id {lst.id!r}")
        seen.add(lst.id)
        if (lst.kind is ExploitationKind.OTHER) != (lst.form is not None):
            raise CatalogueError(file, line, f"list {lst.id}: form is needed exactly for 'other'")


def _check_indicator(file: str, raw: LineMap, index: int, ind: _IndicatorSpec) -> None:
    where = ("indicators", index)
    prefix = ind.id.split(".", 1)[0]
    named = prefix.upper()
    if named in Dimension.__members__ and named != ind.dimension.value:
        line = line_at(raw, (*where, "dimension"))
        reason = f"indicator {ind.id!r} is in dimension {ind.dimension}, not {named}"
        raise CatalogueError(file, line, reason)
    if "en" not in ind.label:
        raise CatalogueError(file, line_at(raw, (*where, "label")), f"{ind.id}: no 'en' label")
    if not ind.weight:
        raise CatalogueError(file, line_at(raw, (*where, "weight")), f"{ind.id}: no weight")


def _check_weights(file: str, raw: LineMap, spec: _FileSpec) -> None:
    lists = {lst.id: lst for lst in spec.lists}
    ids: dict[str, int] = {}
    for index, ind in enumerate(spec.indicators):
        line = line_at(raw, ("indicators", index, "id"))
        if ind.id in ids:
            reason = f"duplicate indicator id {ind.id!r} (first at line {ids[ind.id]})"
            raise CatalogueError(file, line, reason)
        ids[ind.id] = line or 0
        _check_indicator(file, raw, index, ind)
        for list_id, weight in ind.weight.items():
            wline = line_at(raw, ("indicators", index, "weight", list_id))
            if list_id not in lists:
                reason = f"{ind.id}: weight refers to unknown list {list_id!r}"
                raise CatalogueError(file, wline, reason)
            if lists[list_id].age_group is AgeGroup.CHILD and weight is Weight.W:
                reason = f"{ind.id}: child list {list_id} has no weak tier"
                raise CatalogueError(file, wline, reason)
    for lst in spec.lists:
        if not any(lst.id in ind.weight for ind in spec.indicators):
            raise CatalogueError(file, raw.line, f"list {lst.id} has no indicators")


def parse_catalogue_file(text: str, file: str) -> tuple[_FileSpec, LineMap]:
    """Parse and validate one catalogue file's text; ``file`` names it in every error."""
    raw = parse_yaml(text, file)
    if not isinstance(raw, LineMap):
        raise CatalogueError(file, 1, "a catalogue file must be a mapping")
    try:
        spec = _FileSpec.model_validate(dict(raw))
    except ValidationError as exc:
        raise validation_error(file, raw, exc) from exc
    _check_lists(file, raw, spec)
    _check_weights(file, raw, spec)
    return spec, raw


def _status(lst: _ListSpec, indicators: list[_IndicatorSpec]) -> CatalogueStatus:
    if not lst.complete:
        return CatalogueStatus.INCOMPLETE
    if all(i.verified for i in indicators):
        return CatalogueStatus.VERIFIED
    return CatalogueStatus.TO_VERIFY


def catalogues_from_spec(spec: _FileSpec, file: str, raw_lines: dict[str, int]) -> list[Catalogue]:
    """Split a validated file into one :class:`Catalogue` per declared list."""
    result: list[Catalogue] = []
    for lst in spec.lists:
        members = [i for i in spec.indicators if lst.id in i.weight]
        info = CatalogueInfo(
            list_id=lst.id,
            title=lst.title,
            age_group=lst.age_group,
            kind=lst.kind,
            form=lst.form,
            base=lst.base,
            catalogue=spec.catalogue,
            version=spec.version,
            status=_status(lst, members),
            source=spec.source,
            file=file,
            indicator_count=len(members),
        )
        indicators = tuple(
            Indicator(
                id=i.id,
                dimension=i.dimension,
                label=i.label["en"],
                weight=i.weight[lst.id],
                verified=i.verified,
                implied_by_migration_status=tuple(i.implied_by_migration_status),
                line=raw_lines.get(i.id, 0),
            )
            for i in members
        )
        result.append(Catalogue(info=info, notes=spec.notes, indicators=indicators))
    return result


def load_catalogue_text(text: str, file: str) -> list[Catalogue]:
    """Every list declared in one catalogue file's text (validated)."""
    spec, raw = parse_catalogue_file(text, file)
    lines = {str(ind.get("id")): ind.line for ind in _indicator_maps(raw)}
    return catalogues_from_spec(spec, file, lines)


def _indicator_maps(raw: LineMap) -> Iterator[LineMap]:
    for item in raw.get("indicators", []):
        if isinstance(item, LineMap):
            yield item


def _catalogue_files() -> list[tuple[str, str]]:
    folder = resources.files("titian.screening") / "catalogues"
    names = sorted(p.name for p in folder.iterdir() if p.name.endswith(".yaml"))
    return [
        (f"catalogues/{n}", (folder / n).read_text(encoding="utf-8"))
        for n in names
        if n != RULES_FILE
    ]


def check_registry(catalogues: list[Catalogue]) -> dict[str, Catalogue]:
    """Cross-file checks: list ids are unique; a base list exists, is in the same age group and
    has no base itself; a supplement does not redefine an indicator of its base."""
    registry: dict[str, Catalogue] = {}
    for cat in catalogues:
        first = registry.get(cat.info.list_id)
        if first is not None:
            reason = f"list {cat.info.list_id} is already declared in {first.info.file}"
            raise CatalogueError(cat.info.file, None, reason)
        registry[cat.info.list_id] = cat
    for cat in registry.values():
        _check_base(cat, registry)
    return registry


def _check_base(cat: Catalogue, registry: dict[str, Catalogue]) -> None:
    base_id = cat.info.base
    if base_id is None:
        return
    base = registry.get(base_id)
    if base is None or base.info.base is not None or base.info.age_group != cat.info.age_group:
        reason = f"list {cat.info.list_id}: base {base_id!r} is not a plain list of its age group"
        raise CatalogueError(cat.info.file, None, reason)
    base_ids = {i.id for i in base.indicators}
    for ind in cat.indicators:
        if ind.id in base_ids:
            reason = f"{ind.id} is already on base list {base_id} ({base.info.file})"
            raise CatalogueError(cat.info.file, ind.line, reason)


@cache
def _registry() -> dict[str, Catalogue]:
    catalogues = [c for file, text in _catalogue_files() for c in load_catalogue_text(text, file)]
    return check_registry(catalogues)


def load_catalogue(list_id: str) -> Catalogue:
    """One list by id (``A_L``, ``C_S``, ``A_FM`` ...), with its status. Never substitutes another
    list: an unknown id raises :class:`CatalogueError`."""
    registry = _registry()
    if list_id not in registry:
        known = ", ".join(sorted(registry))
        raise CatalogueError("catalogues", None, f"no list {list_id!r} (known: {known})")
    return registry[list_id]


def available_catalogues() -> list[CatalogueInfo]:
    """Every shipped list, with version and status (``to_verify`` or ``incomplete`` shown as is)."""
    return [cat.info for cat in _registry().values()]


def find_list(age_group: AgeGroup, kind: ExploitationKind, form: OtherForm | None) -> Catalogue:
    """The list declared for an age group and purpose. There is no fallback to another list
    (screening-indicators.md: "It never falls back silently to the labour list")."""
    for cat in _registry().values():
        info = cat.info
        if (info.age_group, info.kind, info.form) == (age_group, kind, form):
            return cat
    reason = f"no list for {age_group} / {kind}" + (f" / {form}" if form else "")
    raise CatalogueError("catalogues", None, reason)


def known_indicator_ids() -> frozenset[str]:
    """Every indicator id on any shipped list (an id outside this set is a typo, not an answer)."""
    return frozenset(i.id for cat in _registry().values() for i in cat.indicators)
