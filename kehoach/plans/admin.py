"""admin of the plans app."""
