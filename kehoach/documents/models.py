"""models of the documents app."""
