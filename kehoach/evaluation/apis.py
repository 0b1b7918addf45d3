"""apis of the evaluation app."""
