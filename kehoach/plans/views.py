"""views of the plans app."""
