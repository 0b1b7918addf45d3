"""views of the units app."""
