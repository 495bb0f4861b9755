"""Titian."""
