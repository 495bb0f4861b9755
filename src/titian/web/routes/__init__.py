"""Web routes, one module per area."""
