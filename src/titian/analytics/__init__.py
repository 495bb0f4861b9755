"""Analytics: DuckDB over de-identified snapshots and imported public data (CTDC)."""
