"""selectors of the evaluation app."""
