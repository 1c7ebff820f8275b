"""What every app may import and that imports no app of the project.

- ``core.rules``: the regulation's rules in plain Python (no Django): identifiers, 索引号,
  working days, statutory deadlines, fees and annual-report arithmetic.

See docs/ARCHITECTURE.md for the layers and what may import what.
"""
