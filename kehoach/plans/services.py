"""services of the plans app."""
