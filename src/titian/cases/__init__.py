"""Victim cases: the GESI profile, consent records, the rights checklist and the E-rule checks.

Pure rule modules: ``vocab``, ``profile``, ``htcds``, ``consent``, ``rights``, ``enforcement``.
"""
