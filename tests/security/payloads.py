"""Hostile input for the fuzz suite (test_fuzz.py): what an attacker or a broken client sends.

`PAYLOADS` are text values, sent URL-encoded as query values and form fields. `RAW_QUERY_VALUES`
are sent as they are, already percent-encoded, because they are bad encodings themselves
(truncated escapes, invalid UTF-8, overlong and surrogate sequences). `PATH_SEGMENTS` go into
URL paths.
"""

MARKER = "fz7q"  # in the markup payloads, so a reflection is easy to spot

MARKUP = [
    f'<script>alert("{MARKER}")</script>',
    f"<img src=x onerror=alert('{MARKER}')>",
    f'"><svg onload=alert("{MARKER}")>',
    f"'><iframe src=javascript:alert('{MARKER}')>",
    f"</title><script>{MARKER}</script>",
    f"</textarea><b>{MARKER}</b>",
    f'<a href="javascript:alert(1)">{MARKER}</a>',
    f"<style>*{{color:red}}</style>{MARKER}",
    f"<!--{MARKER}-->",
    f'<meta http-equiv="refresh" content="0;url=//evil.example/{MARKER}">',
    f'<input autofocus onfocus=alert("{MARKER}")>',
    f"<details open ontoggle=alert('{MARKER}')>",
    f'<math><mi xlink:href="javascript:alert(1)">{MARKER}</mi></math>',
    f"<![CDATA[{MARKER}]]>",
    f'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;{MARKER}</x>',
    f"&lt;script&gt;{MARKER}&lt;/script&gt;",
    f"&#60;script&#62;{MARKER}",
    f"\\u003cscript\\u003e{MARKER}",
    f"<scr<script>ipt>{MARKER}</scr</script>ipt>",
    f'" onmouseover="alert({MARKER})',
    f"' onmouseover='alert({MARKER})",
    f"javascript:alert('{MARKER}')",
    f"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=={MARKER}",
    f"vbscript:msgbox({MARKER})",
    f"<body onload=alert({MARKER})>",
    f"<object data=javascript:alert({MARKER})>",
    f"<base href=//evil.example/{MARKER}>",
    f"<form action=//evil.example><button>{MARKER}</button></form>",
    f"<svg><animate onbegin=alert({MARKER}) attributeName=x>",
    f"<x contenteditable onblur=alert({MARKER})>",
]

TEMPLATE = [
    "{{ 7*7 }}",
    "{{ settings.SECRET_KEY }}",
    "{% debug %}",
    "{% load static %}{% static 'x' %}",
    "{{ request.user.password }}",
    "{% csrf_token %}",
    "${7*7}",
    "#{7*7}",
    "<%= 7*7 %>",
    "{{constructor.constructor('alert(1)')()}}",
    "{% include '/etc/passwd' %}",
    "{{ ''.__class__.__mro__ }}",
    "{#",
    "{%",
    "}}",
]

SQL = [
    "' OR '1'='1",
    "' OR 1=1--",
    '" OR ""="',
    "1; DROP TABLE wagtailcore_page;--",
    "1' UNION SELECT username, password FROM auth_user--",
    "'; SELECT pg_sleep(5);--",
    "1 AND SLEEP(5)",
    "admin'--",
    "%' AND 1=0 UNION ALL SELECT NULL--",
    "\\'",
    "\\",
    "'",
    '"',
    "`",
    "1)) OR ((1=1",
    "' || (SELECT sqlite_version()) || '",
    "1 ORDER BY 1000",
    "-1 OR 1=1",
    "');--",
    "%00' OR '1'='1",
]

FTS = [
    '">',
    '"',
    '""',
    '"unterminated',
    "AND",
    "OR",
    "NOT",
    "NEAR(a b)",
    "a NEAR/2 b",
    "*",
    "a*",
    "^a",
    "title:政策",
    "(a OR b",
    ")",
    "a:",
    "-",
    "+",
    "!",
    "&|!():*",
    "a & b | !c",
    "'a' <-> 'b'",
    "~",
    "a~2",
    "/regex.*/",
    "\\*",
    "[a TO z]",
    "{a TO z}",
    "data:",
    "?",
]

CONTROL = [chr(code) for code in range(0x20) if code not in (0x09, 0x0A, 0x0D)] + [
    "\x7f",
    "\x85",
    "\x9f",
    "a\x00b",
    "\x00" * 10,
    "\r\n\r\nInjected: header",
    "\t\t\t",
    "\n",
]

BIDI = [
    "\u202a",
    "\u202b",
    "\u202c",
    "\u202d",
    "\u202e",
    "\u2066",
    "\u2067",
    "\u2068",
    "\u2069",
    "abc\u202etxt.exe",
    "\u200b",
    "\u200d",
    "\ufeff",
    "\u2028",
    "\u2029",
]

NUMBERS = [
    "10" * 10,
    str(10**20),
    str(-(10**20)),
    str(2**63),
    str(2**64),
    str(2**31),
    "-1",
    "0",
    "-0",
    "00000000000000000000001",
    "1e309",
    "-1e309",
    "NaN",
    "inf",
    "-inf",
    "0x7fffffff",
    "1.5",
    "1,000",
    "１２３",  # full-width digits
    "٣",  # Arabic-Indic digit
    "9" * 400,
]

HUGE = [
    "a" * 100_000,
    "政" * 20_000,
    "<" * 10_000,
    "%" * 5_000,
    "a " * 20_000,
    "一 二 三 " * 3_000,
]

UNICODE = [
    "😀" * 50,
    "e\u0301" * 100,
    "Ａ Ｂ Ｃ",
    "𠀀𪚥",
    "ﷺ" * 20,
    "١٢٣",
    "ß\u0130",
    "\u3000\u3000",
    " ",
    "   ",
]

URLS_AND_PATHS = [
    "//evil.example",
    "http://evil.example/",
    "https://evil.example@127.0.0.1/",
    "/\\evil.example",
    "\\\\evil.example",
    "../../../../etc/passwd",
    "..\\..\\..\\windows\\win.ini",
    "/etc/passwd",
    "....//....//etc/passwd",
    "%2e%2e%2f%2e%2e%2f",
    "file:///etc/passwd",
    "/admin/",
    "foo",
    ".",
    "..",
    "~",
    "/media/../../settings.py",
    "C:\\boot.ini",
]

FORMATS = [
    "2025-13-45",
    "2025-02-30",
    "0000-00-00",
    "9999-12-31",
    "99999-01-01",
    "2025/03/12",
    "昨天",
    "1900-01-01T25:61:61",
    "true",
    "false",
    "null",
    "None",
    "[]",
    "{}",
    '{"$gt": ""}',
    "[object Object]",
    "a@b",
    "-" * 3,
]

PAYLOADS = (
    MARKUP + TEMPLATE + SQL + FTS + CONTROL + BIDI + NUMBERS + HUGE + UNICODE + URLS_AND_PATHS
) + FORMATS

# Already percent-encoded: broken escapes and byte sequences that are not UTF-8.
RAW_QUERY_VALUES = [
    "%",
    "%%",
    "%zz",
    "%4",
    "%ff%fe",
    "%c0%ae%c0%ae%c0%af",
    "%ed%a0%80",
    "%f4%90%80%80",
    "%80",
    "%e4%b8",
    "%00",
    "%0d%0aSet-Cookie:%20x=1",
    "a%26b%3Dc",
    "%u003cscript%u003e",
    "+%2B+",
]

PATH_SEGMENTS = [
    "..%2f..%2fetc%2fpasswd",
    "%2e%2e",
    "%00",
    "%ff",
    "%3Cscript%3E",
    "a" * 2000,
    "9" * 30,
    "-1",
    "%E2%80%AE",
    "~root",
]
