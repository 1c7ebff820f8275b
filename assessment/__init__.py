"""考核评价 (assessment, 集约化): the supervising bureau's yearly scoring of every unit's
政府信息公开 work from the data the platform already holds.

- `rules.py`: the arithmetic of each indicator, plain Python named after the indicators.
- `models.py`: the indicators' editable configuration (weight, threshold, deduction) and the
  assessment periods, seeded by the migrations with the defaults of `rules.DEFAULT_INDICATORS`.
- `scorecards.py`: a unit's scorecard for a period (points per indicator and the evidence
  behind every point: the documents, cases, reports and findings), and the ranking.
- `admin_views.py`: the assessor's screens (ranking, scorecard, XLSX, printable 通报).
"""
