"""Accounts and access: agencies, users, memberships and roles, sessions, API tokens."""
