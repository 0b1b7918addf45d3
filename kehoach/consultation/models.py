"""models of the consultation app."""
