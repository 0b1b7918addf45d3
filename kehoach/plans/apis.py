"""apis of the plans app."""
