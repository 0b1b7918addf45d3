"""admin of the consultation app."""
