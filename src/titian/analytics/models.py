"""Analytics records: the log of imported public datasets (CTDC).

Only metadata is stored here (file name, hash, generation, shape, when, who); the imported data
itself is a Parquet file under ``TITIAN_DATA_DIR/ctdc/`` that DuckDB reads (analytics never keeps
public data in the operational database).
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from titian.db.base import Entity
from titian.kit.clock import utcnow


class CtdcImport(Entity):
    """One import of a CTDC file (issue 7, item 1)."""

    __tablename__ = "ctdc_import"

    file_name: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    generation: Mapped[str] = mapped_column(String(40))
    rows: Mapped[int] = mapped_column(Integer)
    columns: Mapped[int] = mapped_column(Integer)
    output_path: Mapped[str] = mapped_column(String(1000))
    imported_at: Mapped[datetime] = mapped_column(default=utcnow)
    imported_by: Mapped[str] = mapped_column(String(120))
    user_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), default=None
    )
