"""selectors of the reporting app."""
