"""admin of the evaluation app."""
