"""Translations (Babel/gettext) and locale negotiation."""
