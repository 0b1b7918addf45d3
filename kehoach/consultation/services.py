"""services of the consultation app."""
