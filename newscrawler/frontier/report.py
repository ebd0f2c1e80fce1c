"""One crawl, several workers: each worker writes its own run report (runs/<run_id>/summary.json,
with the crawl's id); this sums them into the report of the crawl and judges the crawl's health
by the rules a single run is judged by (reporting/health.py), against the crawls before it."""

from __future__ import annotations

from typing import Any

from newscrawler.reporting.health import Problem, assess, exit_code, history_entry
from newscrawler.reporting.history import RECENT_RUNS

# Fields that are not counts: how they combine across workers.
_FIRST = {"archive", "crawl_id", "summary_location"}
_EARLIEST, _LATEST = {"started_at"}, {"finished_at"}


def merge_summaries(summaries: list[dict[str, Any]]) -> dict[str, Any]:
    """The crawl's report: counts summed (per site, per layer, ...), sites joined, the earliest
    start and the latest finish, the worst exit code; `workers` lists the runs it sums."""
    if not summaries:
        raise ValueError("no run reports to merge")
    merged: dict[str, Any] = {}
    for summary in summaries:
        merged = _combine(merged, summary)
    merged["run_id"] = f"crawl {summaries[0].get('crawl_id')}"
    merged["workers"] = [s["run_id"] for s in summaries]
    merged["sites"] = list(dict.fromkeys(site for s in summaries for site in s.get("sites", [])))
    reasons = sorted({str(s.get("finish_reason")) for s in summaries})
    merged["finish_reason"] = reasons[0] if len(reasons) == 1 else ",".join(reasons)
    merged["exit_code"] = max(int(s.get("exit_code") or 0) for s in summaries)
    merged.pop("summary_location", None)
    return merged


def _combine(total: dict[str, Any], summary: dict[str, Any]) -> dict[str, Any]:
    out = dict(total)
    for key, value in summary.items():
        if key not in out or out[key] is None:
            out[key] = value
        elif key in _FIRST or value is None:
            continue
        elif key in _EARLIEST:
            out[key] = min(out[key], value)
        elif key in _LATEST:
            out[key] = max(out[key], value)
        elif isinstance(value, dict) and isinstance(out[key], dict):
            out[key] = _combine(out[key], value)
        elif _addable(value, out[key]):
            out[key] = out[key] + value
    return out


def _addable(value: Any, total: Any) -> bool:
    """Counts add up, lists (shards, problems) join."""
    if isinstance(value, list):
        return isinstance(total, list)
    return all(isinstance(v, int | float) and not isinstance(v, bool) for v in (value, total))


def judge_crawl(
    summaries: list[dict[str, Any]], crawl_id: str
) -> tuple[dict[str, Any], list[Problem]]:
    """The crawl's merged report and its problems: its summed counts per site against the
    crawls before it in the same archive (a run without a frontier counts as a crawl). The
    report's `exit_code` and `problems` become the crawl's; each worker's stay in its own."""
    crawls: dict[str, list[dict[str, Any]]] = {}
    for summary in summaries:
        crawls.setdefault(summary.get("crawl_id") or summary["run_id"], []).append(summary)
    merged = merge_summaries(crawls[crawl_id])
    earlier = sorted(
        (merge_summaries(runs) for key, runs in crawls.items() if key != crawl_id),
        key=lambda crawl: str(crawl.get("started_at")),
    )
    started = str(merged.get("started_at"))
    entries = [history_entry(crawl) for crawl in earlier if str(crawl.get("started_at")) < started]
    history = [entry for entry in entries if entry is not None][-RECENT_RUNS:]
    problems = assess(merged, history)
    merged["exit_code"] = exit_code(problems)
    merged["problems"] = [problem.message for problem in problems]
    return merged, problems
