"""Import of the Counter Trafficking Data Collaborative (CTDC) public datasets.

Every public release generation (k-anonymised global datasets, the 2021 and v2024 global
synthetic datasets, the 2022 victim-perpetrator synthetic dataset), as CSV, TSV or XLSX, is
recognised and mapped onto one canonical, HTCDS-aligned schema, written as Parquet. CTDC terms of
use forbid redistribution: the repository holds no CTDC file, only this importer and generated
fixtures. See docs/ctdc-import.md.
"""

from titian.analytics.ctdc.canonical import (
    CtdcImportError,
    FlagGroup,
    Generation,
    GroupShares,
    Problem,
    canonical_schema,
    group_shares,
)
from titian.analytics.ctdc.importer import ImportReport, import_ctdc

__all__ = [
    "CtdcImportError",
    "FlagGroup",
    "Generation",
    "GroupShares",
    "ImportReport",
    "Problem",
    "canonical_schema",
    "group_shares",
    "import_ctdc",
]
