"""A Content-Security-Policy the built site works under, for the web server to send.

Material for MkDocs writes a few small inline scripts into every page; the portal serves them as
files instead (mkdocs_engine.shared_assets: assets/settings.<hash>.js), so the built sample has no
inline script and scripts come from the site only. An inline script a portal's own template
adds is not allowed blindly: the policy lists the SHA-256 of each one found in the built site.
Styles keep 'unsafe-inline': the theme sets style attributes, which hashes cannot allow
without 'unsafe-hashes'.
"""
from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>\s[^>]*)?>(?P<body>.*?)</script>", re.S)


def inline_script_hashes(site: Path) -> list[str]:
    found = set()
    for html in site.rglob("*.html"):
        for match in _INLINE_SCRIPT.finditer(html.read_text(encoding="utf-8")):
            attrs = match.group("attrs") or ""
            if "src=" in attrs or "application/json" in attrs or "application/ld+json" in attrs:
                continue   # external files are 'self'; JSON data is not executed
            digest = hashlib.sha256(match.group("body").encode("utf-8")).digest()
            found.add("'sha256-" + base64.b64encode(digest).decode("ascii") + "'")
    return sorted(found)


def policy(site: Path) -> str:
    scripts = " ".join(["'self'"] + inline_script_hashes(site))
    return "; ".join([
        "default-src 'self'", f"script-src {scripts} 'wasm-unsafe-eval'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data:",
        "font-src 'self' data:", "connect-src 'self'", "worker-src 'self' blob:", "object-src 'none'",
        "base-uri 'self'", "form-action 'self'", "frame-ancestors 'self'",
    ])


def nginx_include(site: Path) -> str:
    """The `add_header` line for nginx, to be included where the site is served."""
    return f'add_header Content-Security-Policy "{policy(site)}" always;\n'
