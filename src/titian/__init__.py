"""Titian: a footbridge between ASEAN justice agencies and victim support agencies."""

__version__ = "0.1.0"
