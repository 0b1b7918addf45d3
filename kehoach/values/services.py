"""services of the values app."""
