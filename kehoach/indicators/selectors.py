"""selectors of the indicators app."""
