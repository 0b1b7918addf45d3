"""admin of the projects app."""
