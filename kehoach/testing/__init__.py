"""What the tests of every app share, outside the core layer (which imports no domain app): the
fixed cast of units and users (``cast``, a pytest plugin of the root ``conftest.py``), the
factories of every app's rows (``factories``), and in ``tests/`` the tests of the whole system
(several apps at once: demo, backup, concurrency, admin writes, exports and fuzzed readers)."""

#: The password of every user of the cast.
PASSWORD = "mat-khau-thu"
