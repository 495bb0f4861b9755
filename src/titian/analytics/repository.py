"""Queries of analytics' own records (the CTDC import log). Never the operational case tables."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from titian.analytics.models import CtdcImport


def list_imports(session: Session, limit: int = 100) -> Sequence[CtdcImport]:
    """Imports of public data, newest first (public data: visible to every analytics user)."""
    stmt = select(CtdcImport).order_by(CtdcImport.imported_at.desc()).limit(limit)
    return session.scalars(stmt).all()


def latest_import(session: Session) -> CtdcImport | None:
    return session.scalars(
        select(CtdcImport).order_by(CtdcImport.imported_at.desc()).limit(1)
    ).first()
