"""services of the evaluation app."""
