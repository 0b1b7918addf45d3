"""views of the indicators app."""
