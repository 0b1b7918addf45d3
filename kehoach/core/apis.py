"""apis of the core app."""
