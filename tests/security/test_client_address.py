"""Every rate limit and log counts clients by core.clients (TRUSTED_PROXIES). The error-report
form's limit behind a trusted proxy (two visitors limited separately, a forged
X-Forwarded-For from an untrusted peer ignored) is tested in tests/portal/test_error_report.py;
login throttling in test_admin_security.py; 热门搜索 in test_search_store.py. Here: no other
module reads the address itself."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_no_module_but_core_clients_reads_the_client_address():
    readers = []
    for path in ROOT.glob("**/*.py"):
        parts = path.relative_to(ROOT).parts
        if parts[0] in (".venv", "node_modules", "tests", "var", "bench") or "migrations" in parts:
            continue
        if path == ROOT / "core" / "clients.py" or parts[:2] == ("portal", "settings"):
            continue
        text = path.read_text(encoding="utf-8")
        if "REMOTE_ADDR" in text or "X_FORWARDED_FOR" in text:
            readers.append(str(path.relative_to(ROOT)))
    assert readers == []
