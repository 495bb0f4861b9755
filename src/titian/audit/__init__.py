"""Append-only, hash-chained audit log written in the same transaction as the change."""
