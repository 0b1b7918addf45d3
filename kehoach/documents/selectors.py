"""selectors of the documents app."""
