"""selectors of the consultation app."""
