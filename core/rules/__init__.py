"""Plain-Python domain rules of 政府信息公开 (no Django): identifiers, 索引号, working days,
statutory deadlines, fees and annual-report arithmetic."""
