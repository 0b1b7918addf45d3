"""apis of the units app."""
