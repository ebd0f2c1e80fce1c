"""The health page: a run's verdict and each site's yield over the recent runs, as one
self-contained HTML file in the archive.

    runs/{run_id}/report.html   the run's page
    runs/index.html             the latest run's page (rewritten by each run)

Built from the runs' reports (runs/*/summary.json) alone, and the run's shards for the links to
each site's latest records. Charts are inline SVG (pygal), no script, nothing fetched (a Content
Security Policy says so), so the file opens from the archive as it is, on a phone or on paper.
Every string taken from the archive is escaped.
"""

from __future__ import annotations

import re
from html import escape
from typing import Any

import pygal
from lxml import etree
from pygal.style import Style

from newscrawler.archive.layout import run_key
from newscrawler.reporting.recentruns import (
    RecordLink,
    latest_records,
    list_runs,
    recent_summaries,
    run_sites,
)
from newscrawler.storage import Storage

HTML_TYPE = "text/html; charset=utf-8"
PAGE_NAME = "report.html"
INDEX_KEY = "runs/index.html"
VERDICTS = {
    0: "healthy: the run did its job",
    2: "configuration error",
    3: "the archive was unusable",
    4: "storage failed: work waits in the spool for the next run",
    5: "a site stopped yielding",
    6: "another crawl was running",
    7: "an output could not be written",
}
GROUPS = (  # per-site figures shown by kind: (summary field, heading)
    ("duplicates", "duplicates by layer"),
    ("quarantined", "quarantined by reason"),
    ("removed", "boilerplate removed by family"),
    ("errors", "errors by kind"),
)
CHART_STYLE = Style(
    background="white",
    plot_background="white",
    colors=("#1f6feb", "#9aa4ae", "#d1242f"),
    font_family="system-ui, sans-serif",
    label_font_size=12,
    major_label_font_size=12,
    legend_font_size=13,
    guide_stroke_color="#d0d7de",
    major_guide_stroke_color="#afb8c1",
)


def write_health_pages(
    storage: Storage, summary: dict[str, Any] | None = None, *, run_id: str | None = None
) -> list[str]:
    """Write the page of `run_id` (default: `summary`'s run, else the latest run), and the index
    when that run is the latest; return the keys written. `summary`, when given, is the run's
    report as the crawl holds it (its summary.json may still be on its way to the archive)."""
    runs, pages = list_runs(storage, PAGE_NAME)
    if summary is not None:
        run_id = run_id or summary["run_id"]
        runs = sorted({*runs, summary["run_id"]})
    run_id = run_id or (runs[-1] if runs else None)
    if run_id is None or run_id not in runs:
        raise KeyError(f"no run {run_id} in {storage.location()}")
    summaries = recent_summaries(storage, runs[: runs.index(run_id) + 1], summary)
    if not summaries or summaries[-1]["run_id"] != run_id:
        raise KeyError(f"no report for run {run_id} in {storage.location()}")
    links = latest_records(storage, summaries)
    pages.add(run_id)
    written = [(run_key(run_id, PAGE_NAME), "../../")]
    if run_id == runs[-1]:
        written.append((INDEX_KEY, "../"))
    for key, root in written:
        html = render_page(summaries, links, root=root, pages=pages)
        storage.replace(key, html.encode("utf-8"), content_type=HTML_TYPE)
    return [key for key, _ in written]


def render_page(
    summaries: list[dict[str, Any]],
    links: dict[str, list[RecordLink]],
    *,
    root: str,
    pages: set[str] | frozenset[str] = frozenset(),
) -> str:
    """The page of the last of `summaries` (oldest first). `root`: the archive's root relative
    to the page; `pages`: the runs with a page of their own (the others link their summary)."""
    current = summaries[-1]
    run_id = str(current.get("run_id", "?"))
    sites = "".join(
        _site_section(site, summaries, links.get(site, []), root) for site in run_sites(current)
    )
    return (
        "<!doctype html>\n<html lang=en><head><meta charset=utf-8>"
        "<meta name=viewport content='width=device-width, initial-scale=1'>"
        "<meta http-equiv=Content-Security-Policy content=\"default-src 'none'; "
        "style-src 'unsafe-inline'; img-src data:\">"
        f"<title>newscrawler run {escape(run_id)}</title><style>{CSS}</style></head><body>"
        f"<h1>Run {escape(run_id)}</h1>{_verdict(current)}{_totals(current)}"
        f"<div class=sites>{sites}</div>{_runs_table(summaries, root, pages)}</body></html>\n"
    )


def _verdict(summary: dict[str, Any]) -> str:
    code = summary.get("exit_code")
    meaning = VERDICTS.get(code, "unknown") if isinstance(code, int) else "not judged"
    reasons = "".join(f"<li>{escape(str(p))}</li>" for p in summary.get("problems", []))
    state = "ok" if code == 0 else "bad"
    return (
        f"<section class='verdict {state}' id=verdict><h2>Health: exit "
        f"<span data-figure=exit_code>{escape(str(code))}</span>, {escape(meaning)}</h2>"
        + (f"<ul class=reasons>{reasons}</ul>" if reasons else "")
        + "</section>"
    )


def _totals(summary: dict[str, Any]) -> str:
    figures = [
        ("pages fetched", "pages_fetched", summary.get("pages_fetched", 0)),
        ("articles archived", "articles_archived", summary.get("articles_archived", 0)),
        ("duplicates", "duplicates", sum(_flat(summary.get("duplicates", {})).values())),
        ("quarantined", "quarantined", sum(_flat(summary.get("quarantined", {})).values())),
        ("finished", "finished_at", _time(summary.get("finished_at"))),
    ]
    cells = "".join(
        f"<div><span>{label}</span> <b data-figure={name}>{escape(str(value))}</b></div>"
        for label, name, value in figures
    )
    return f"<section class=totals>{cells}</section>"


def _site_section(
    site: str, summaries: list[dict[str, Any]], links: list[RecordLink], root: str
) -> str:
    stats = summaries[-1].get("per_site", {}).get(site, {})
    drops = [s["run_id"] for s in summaries if _dropped(s, site)]
    note = (
        f"<p class=drops>drop marked in run(s) {escape(', '.join(map(str, drops)))}</p>"
        if drops
        else ""
    )
    return (
        f"<section class=site data-site='{escape(site)}'><h2>{escape(site)}</h2>"
        f"<figure>{site_chart(site, summaries)}<figcaption>articles archived and pages fetched, "
        f"last {len(summaries)} run(s)</figcaption></figure>{note}"
        f"{_figures(stats)}{_links(links, root)}</section>"
    )


def site_chart(site: str, summaries: list[dict[str, Any]]) -> str:
    """An inline SVG line chart of a site's articles archived (and pages fetched) per run, the
    runs the health check flagged for it marked."""
    archived = [_figure(s, site, "articles_archived") for s in summaries]
    chart = pygal.Line(
        js=[],  # pygal's tooltips script would be fetched from the network
        disable_xml_declaration=True,
        style=CHART_STYLE,
        width=600,  # the viewBox: the SVG scales to its box, text with it
        height=260,
        x_label_rotation=30,
        legend_at_bottom=True,
        include_x_axis=True,
        show_y_guides=True,
        dots_size=3,
    )
    chart.x_labels = [_run_label(str(s.get("run_id", ""))) for s in summaries]
    chart.add("articles archived", archived)
    chart.add("pages fetched", [_figure(s, site, "fetched") for s in summaries])
    marks = [a if _dropped(s, site) else None for s, a in zip(summaries, archived, strict=True)]
    chart.add("drop", marks, stroke=False, dots_size=7)
    svg = chart.render_tree()
    for script in svg.findall(".//script"):  # pygal's config for its (unused) tooltips
        script.getparent().remove(script)
    return etree.tostring(svg, encoding="unicode")


def _figure(summary: dict[str, Any], site: str, name: str) -> int | None:
    """A site's count in one run; None when the run did not crawl the site."""
    if site not in summary.get("sites", []) and site not in summary.get("per_site", {}):
        return None
    value = summary.get("per_site", {}).get(site, {}).get(name, 0)
    return value if isinstance(value, int) else None


def _dropped(summary: dict[str, Any], site: str) -> bool:
    """The run's health check named the site among its problems."""
    return any(str(p).startswith(f"site {site}:") for p in summary.get("problems", []))


def _time(value: Any) -> str:
    """`2026-12-05T17:08:05.8+00:00` -> `2026-12-05 17:08:05 UTC`."""
    text = str(value or "?")
    return f"{text[:10]} {text[11:19]} UTC" if re.match(r"\d{4}-\d\d-\d\dT", text) else text


def _run_label(run_id: str) -> str:
    """`20261205T170754Z-6277` -> `12-05 17:07`; other ids as they are."""
    match = re.match(r"\d{4}(\d\d)(\d\d)T(\d\d)(\d\d)", run_id)
    return f"{match[1]}-{match[2]} {match[3]}:{match[4]}" if match else run_id


def _figures(stats: dict[str, Any]) -> str:
    rows = [
        _row("pages fetched", "fetched", stats.get("fetched", 0)),
        _row("articles archived", "articles_archived", stats.get("articles_archived", 0)),
    ]
    if "extract_ms_median" in stats:  # runs before 2026-12-05 did not measure it
        rows.append(
            _row("median extraction time (ms)", "extract_ms_median", stats["extract_ms_median"])
        )
    for field, heading in GROUPS:
        counts = _flat(stats.get(field, {}))
        items = "".join(
            f"<li>{escape(kind)} <b data-figure='{escape(f'{field}/{kind}')}'>{n}</b></li>"
            for kind, n in sorted(counts.items())
        )
        rows.append(f"<tr><th>{heading}</th><td>{f'<ul>{items}</ul>' if items else 'none'}</td>")
    return f"<table class=figures>{''.join(rows)}</table>"


def _row(label: str, name: str, value: Any) -> str:
    return f"<tr><th>{label}</th><td><b data-figure={name}>{escape(str(value))}</b></td></tr>"


def _links(links: list[RecordLink], root: str) -> str:
    if not links:
        return ""
    items = "".join(
        f"<li><a href='{escape(root + link.key)}'>{escape(link.title)}</a></li>" for link in links
    )
    run = escape(links[0].run_id)
    return f"<div class=records><h3>latest records (run {run})</h3><ul>{items}</ul></div>"


def _runs_table(
    summaries: list[dict[str, Any]], root: str, pages: set[str] | frozenset[str]
) -> str:
    rows = []
    for summary in reversed(summaries):
        run_id = str(summary.get("run_id", "?"))
        target = PAGE_NAME if run_id in pages else "summary.json"
        href = escape(f"{root}runs/{run_id}/{target}")
        rows.append(
            f"<tr><td><a href='{href}'>{escape(run_id)}</a></td>"
            f"<td>{escape(str(summary.get('exit_code', '?')))}</td>"
            f"<td>{escape(str(summary.get('pages_fetched', 0)))}</td>"
            f"<td>{escape(str(summary.get('articles_archived', 0)))}</td></tr>"
        )
    return (
        "<section class=runs><h2>Recent runs</h2><table><tr><th>run</th><th>exit</th>"
        f"<th>pages</th><th>articles</th></tr>{''.join(rows)}</table></section>"
    )


def _flat(tree: dict[str, Any], head: str = "") -> dict[str, int]:
    """{"download": {"timeout": 2}} -> {"download/timeout": 2}; non-counts left out."""
    flat: dict[str, int] = {}
    for key, value in tree.items():
        if isinstance(value, dict):
            flat.update(_flat(value, f"{head}{key}/"))
        elif isinstance(value, int) and not isinstance(value, bool):
            flat[f"{head}{key}"] = value
    return flat


CSS = """
body{font:15px/1.4 system-ui,sans-serif;margin:0 auto;padding:1rem;max-width:80rem;color:#1f2328}
h1{font-size:1.4rem;margin:.2rem 0 .8rem}h2{font-size:1.1rem;margin:.2rem 0 .5rem}
h3{font-size:.95rem;margin:.6rem 0 .2rem}.records ul{margin:0;padding-left:1.2rem;font-size:.9rem}
.verdict{padding:.6rem .9rem;border-radius:6px;margin-bottom:.8rem}
.verdict.ok{background:#dafbe1;border:1px solid #4ac26b}
.verdict.bad{background:#ffebe9;border:1px solid #d1242f}
.reasons{margin:.3rem 0 0;padding-left:1.2rem}
.totals{display:flex;flex-wrap:wrap;gap:.4rem 1.2rem;margin-bottom:1rem}
.totals span{color:#59636e}
.sites{display:grid;gap:1rem;grid-template-columns:repeat(auto-fit,minmax(min(100%,28rem),1fr))}
.site{border:1px solid #d1d9e0;border-radius:6px;padding:.7rem;overflow-wrap:anywhere}
figure{margin:0}figure svg{width:100%;height:auto;display:block}
figcaption,.drops{font-size:.85rem;color:#59636e}.drops{color:#d1242f}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{text-align:left;vertical-align:top;padding:.2rem .4rem;border-top:1px solid #eef1f4}
th{font-weight:600;width:40%}td ul{margin:0;padding-left:1rem}
.runs{margin-top:1.2rem}
@media (max-width:40rem){body{padding:.5rem;font-size:14px}th{width:auto}}
@media print{body{max-width:none;font-size:10pt;padding:0}
.site,.verdict,tr{break-inside:avoid}a{color:inherit}
.sites{display:block}.site{margin-bottom:.6rem}}
"""
