"""models of the projects app."""
