"""One crawl, several workers: each worker writes its own run report (runs/<run_id>/summary.json,
with the crawl's id); this sums them into the report of the crawl."""

from __future__ import annotations

from typing import Any

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
