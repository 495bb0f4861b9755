"""Actors: state and non-state organisations and their contact people, by country and sector."""
