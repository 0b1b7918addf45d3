"""apis of the values app."""
