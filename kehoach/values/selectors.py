"""selectors of the values app."""
