"""apis of the consultation app."""
