"""selectors of the intake app."""
