"""apis of the projects app."""
