"""apis of the indicators app."""
