"""apis of the reporting app."""
