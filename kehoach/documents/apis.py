"""apis of the documents app."""
