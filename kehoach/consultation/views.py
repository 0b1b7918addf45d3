"""views of the consultation app."""
