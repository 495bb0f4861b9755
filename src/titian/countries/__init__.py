"""Per-country settings: languages, retention, day limits, shelter and SOGIESC rules."""
