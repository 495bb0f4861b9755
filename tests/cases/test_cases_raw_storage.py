"""The raw database holds no plaintext identifier of any test case (C11).

The data is committed to a dedicated database (never the rolled-back test one), then the raw
storage is read: the SQLite file with its WAL, or a ``pg_dump`` of the PostgreSQL database when
TITIAN_TEST_DATABASE_URL points at PostgreSQL.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tests.cases.conftest import SECRET_IDENTITY, SECRETS, adult_profile
from tests.conftest import database_url_for
from tests.support.factories import create_agency, create_user
from titian.audit.service import bind_key
from titian.auth.models import AgencyKind, AgencySector
from titian.auth.policies import Permission, Role
from titian.auth.service import principal_for
from titian.cases import service, service_consent, service_justice
from titian.cases.repository import CaseFilters
from titian.cases.schemas import CaseCreate, CaseUpdate, ConsentCreate, ConsentWithdraw
from titian.db import migrate
from titian.db.engine import make_engine, make_sessionmaker
from titian.kit.crypto import bind_cipher
from titian.settings import Settings


def _fill(url: str, settings: Settings) -> list[str]:
    engine = make_engine(url)
    numbers: list[str] = []
    with make_sessionmaker(engine)() as db:
        bind_key(db, settings.secret_key.get_secret_value())
        bind_cipher(db, settings)
        shelter = create_agency(db, "Raw Shelter", country="TH", kind=AgencyKind.SHELTER)
        justice = create_agency(
            db,
            "Raw Prosecution",
            country="TH",
            kind=AgencyKind.PROSECUTION,
            sector=AgencySector.STATE,
        )
        other = create_agency(db, "Raw NGO", country="TH", kind=AgencyKind.NGO)
        worker = principal_for(
            create_user(
                db, shelter, [Role.CASE_WORKER], "raw_worker", grants=[Permission.SPECIAL_CATEGORY]
            )
        )
        prosecutor = principal_for(
            create_user(db, justice, [Role.JUSTICE_OFFICIAL], "raw_prosecutor")
        )
        profile = adult_profile(custody_status="police_cell")
        case = service.create_case(
            db,
            worker,
            CaseCreate(profile=profile, identity=SECRET_IDENTITY, justice_agency_id=justice.id),
        )
        numbers.append(case.number)
        service.read_case(db, worker, case.id)
        service.list_cases(db, worker, CaseFilters(number=case.number))
        service_justice.justice_view(db, prosecutor, case.id)
        service.update_case(
            db,
            worker,
            case.id,
            CaseUpdate(version=case.version, profile=adult_profile(pronouns="she")),
        )
        consent = service_consent.record_consent(
            db,
            worker,
            case.id,
            ConsentCreate(
                purpose="referral",
                receiver_agency_id=other.id,
                service_types=("shelter",),
                data_categories=("identity", "contact"),
                language="th",
                interpreter_present=True,
            ),
        )
        service_consent.grant_access(db, worker, case.id, other.id, consent.consent_id)
        service_consent.withdraw_consent(db, worker, case.id, consent.consent_id, ConsentWithdraw())
        db.commit()
    engine.dispose()
    return numbers


def _raw_bytes(url: str, tmp_path: Path) -> bytes:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        path = Path(str(parsed.database))
        files = [path, Path(f"{path}-wal"), Path(f"{path}-shm")]
        return b"".join(p.read_bytes() for p in files if p.exists())
    assert shutil.which("pg_dump"), "pg_dump is needed for the PostgreSQL run"
    plain = parsed.set(drivername="postgresql").render_as_string(hide_password=False)
    dump = subprocess.run(
        ["pg_dump", "--no-owner", "--data-only", plain], check=True, capture_output=True
    )
    return dump.stdout


def test_raw_database_holds_no_plaintext_identifier(tmp_path: Path, worker_id: str) -> None:
    url = database_url_for(f"cases_raw_{worker_id}", tmp_path)
    migrate.upgrade(url)
    settings = Settings(
        database_url=url,
        environment="test",
        secret_key="raw-test-secret-0123456789",
        data_dir=tmp_path,
    )
    numbers = _fill(url, settings)
    raw = _raw_bytes(url, tmp_path)
    assert numbers[0].encode() in raw, "the scan must see the stored data (positive control)"
    found = [s for s in SECRETS if s.encode() in raw or s.encode("utf-16-le") in raw]
    assert found == [], f"plaintext identifiers in the raw database: {len(found)}"
    if os.environ.get("TITIAN_TEST_DATABASE_URL"):
        admin = create_engine(make_url(url).set(database="postgres"), isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)'))
        admin.dispose()
