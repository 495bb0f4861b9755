"""Relationships between actors and their analysis: gaps between justice and support agencies,
brokers, suggested links, and exports for Gephi (docs/network-analysis.md)."""
