"""services of the units app."""
