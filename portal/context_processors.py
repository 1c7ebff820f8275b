ELDER_MODE_COOKIE = "elder_mode"


def accessibility(request):
    """Whether the visitor switched on 长者模式 (kept in a cookie, so it works without JS)."""
    return {"elder_mode": request.COOKIES.get(ELDER_MODE_COOKIE) == "1"}
