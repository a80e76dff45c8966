"""Write a brief: HTML with its charts inline, or Markdown with the charts as SVG files beside it."""
from __future__ import annotations

import re
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from ..analyze import Analysis
from ..errors import BilatError
from . import charts, context

FORMATS = (".html", ".htm", ".md")


def _md_escape(value) -> str:
    """Every value printed into Markdown: no table breaks, no raw HTML, no accidental emphasis or links."""
    if value is None:
        return ""
    if isinstance(value, Markup):
        return str(value)
    text = str(value).replace("\r", " ").replace("\n", " ")
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"([\\|*_`\[\]#])", r"\\\1", text)


def _html_env() -> Environment:
    return Environment(loader=PackageLoader("bilat.report"), autoescape=select_autoescape(["html", "j2"],
                       default=True), trim_blocks=True, lstrip_blocks=True)


def _md_cite(notes: list[dict]) -> Markup:
    return Markup("".join(f"[{int(n['n'])}](#ev-{int(n['n'])})" for n in notes))


def _md_sources(row: dict) -> Markup:
    many = f"{int(row['sources'])} docs " if row["sources"] > 1 else ""
    return Markup(many) + _md_cite(row["cites"])


def _md_env() -> Environment:
    env = Environment(loader=PackageLoader("bilat.report"), autoescape=False, finalize=_md_escape,
                      trim_blocks=True, lstrip_blocks=True)
    env.globals.update(cite=_md_cite, sources=_md_sources)
    return env


def _charts(a: Analysis) -> dict[str, str | None]:
    names = " – ".join(context.name_of(k) for k in a.scope.keys)
    return {"timeline": charts.timeline(a.indicators, f"{names}: events by QuadClass and mean Goldstein"),
            "figures": charts.figures(a.series, f"{names}: reported figures by year")}


def write_brief(a: Analysis, out: str | Path, workspace_label: str = "") -> list[Path]:
    """Write the brief; returns the files written, the brief first."""
    out = Path(out)
    if out.suffix.lower() not in FORMATS:
        raise BilatError(f"{out}: the brief is written as .html or .md")
    if not out.parent.exists():
        raise BilatError(f"cannot write {out}: folder {out.parent} does not exist")
    svgs = _charts(a)
    written = [out]
    if out.suffix.lower() == ".md":
        files = {}
        for name, svg in svgs.items():
            if svg:
                path = out.with_name(f"{out.stem}-{name}.svg")
                path.write_text(svg, encoding="utf-8")
                files[name] = Markup(path.name.replace(" ", "%20").replace("(", "%28").replace(")", "%29"))
                written.append(path)
        ctx = context.build(a, files, workspace_label)
        text = _md_env().get_template("brief.md.j2").render(**ctx)
    else:
        ctx = context.build(a, {k: Markup(v) if v else None for k, v in svgs.items()}, workspace_label)
        text = _html_env().get_template("brief.html.j2").render(**ctx)
    out.write_text(text, encoding="utf-8")
    return written
