"""Plain-Python rules of content monitoring: no Django, no request in sight."""
