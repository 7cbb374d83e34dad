"""The Jinja2 environment every page renders with: templates, globals and filters."""

from __future__ import annotations

from importlib import resources
from urllib.parse import urlencode

from fastapi.templating import Jinja2Templates

from communique.web import charts

__all__ = ["TEMPLATES"]

TEMPLATES = Jinja2Templates(directory=str(resources.files("communique.web") / "templates"))
TEMPLATES.env.globals["qs"] = lambda **kw: urlencode({k: v for k, v in kw.items() if v not in (None, "")})
TEMPLATES.env.globals["align_chart"] = charts.align_chart_of
TEMPLATES.env.globals["period_axis"] = charts.axis
TEMPLATES.env.filters["safe_url"] = lambda url: url if isinstance(url, str) and url.lower().startswith(("http://", "https://")) else None
