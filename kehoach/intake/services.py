"""services of the intake app."""
