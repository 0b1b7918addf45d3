"""views of the values app."""
