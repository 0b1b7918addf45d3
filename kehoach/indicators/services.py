"""services of the indicators app."""
