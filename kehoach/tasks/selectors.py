"""selectors of the tasks app."""
