"""Benchmarks of `brief`: a brief should cost little more than its layout.

Run with `python -m benchmarks` (see README.md). Each module measures one group of
figures and returns `Figure` rows; `__main__` runs them in turn and `report` prints the
table and writes the JSON. Speed is measured here, never asserted in tests.
"""
