"""What every app may import and that imports no app of the project (portal, disclosure,
search, monitoring). It may use Django and libraries.

- ``core.rules``: the regulation's rules in plain Python (no Django): identifiers (with the
  one 文号 pattern), 索引号, working days, statutory deadlines, fees and annual-report
  arithmetic.
- ``core.tabular``: reading CSV (UTF-8, GB18030/GBK, UTF-16 with BOM) and XLSX tables into a
  header and numbered rows; one TableError with a Chinese message.
- ``core.extract``: the plain text of PDF, DOCX, XLSX, TXT and CSV attachments.
- ``core.charts``: accessible server-drawn SVG bar and line charts.
- ``core.clients``: the client's address (TRUSTED_PROXIES, X-Forwarded-For) and the salted
  digest rate limits count by.
- ``core.redirects``: following a "next" parameter only to this site.
- ``core.text``: cleaning text typed into public forms.

See docs/ARCHITECTURE.md for the layers and what may import what.
"""
