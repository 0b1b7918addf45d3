"""services of the projects app."""
