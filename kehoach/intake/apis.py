"""apis of the intake app."""
