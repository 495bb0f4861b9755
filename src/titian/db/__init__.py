"""Database plumbing: declarative base, engine, sessions, migrations."""
