"""Origins: the primary record of each story and what each record says of its source.

A story's primary is the record its copies point to. When an original arrives after a copy was
archived (`originality.judge`), it is archived as a new record that *supersedes* the earlier
primary: the state keeps the link (earlier -> original), and `primary_of` follows such links,
so later copies, found through any record of the story, are judged against its primary.

What a record says of its source (`Provenance`) is kept with it. While a record is in flight
(accepted, not yet committed) its provenance and its takeover are reserved: in memory for an
embedded store (one writer), in the store itself for a shared one, so that two workers never
both take over one primary. Not thread-safe alone: the `Deduplicator` calls it under its lock.
"""

from __future__ import annotations

from newscrawler.dedup.originality import Provenance
from newscrawler.dedup.verdict import Verdict
from newscrawler.state import StateStore

MAX_HOPS = 16  # takeovers followed from a record to its story's primary


class Origins:
    def __init__(self, state: StateStore, *, shared: bool) -> None:
        self.state = state
        self.shared = shared
        self._provenance: dict[str, Provenance] = {}  # records in flight in this process
        self._takeovers: dict[str, str] = {}  # earlier primary -> original in flight here

    def primary_of(self, record_id: str) -> str:
        """The story's primary: `record_id` after the takeovers committed or in flight."""
        current, seen = record_id, {record_id}
        for _ in range(MAX_HOPS):
            following = self._takeovers.get(current) or self.state.superseded_by(current)
            if following is None or following in seen:
                break
            current = following
            seen.add(current)
        return current

    def provenance(self, record_id: str) -> Provenance | None:
        """What the record says of its source; None for a record archived before it was kept."""
        kept = self._provenance.get(record_id)
        if kept is not None:
            return kept
        data = self.state.get_provenance(record_id)
        return Provenance.from_bytes(data) if data else None

    def reserve(self, verdict: Verdict, provenance: Provenance | None) -> str | None:
        """Reserve an accepted record's provenance and its takeover (`verdict.supersedes`), or
        name the other record that took over that primary first."""
        earlier = verdict.supersedes.record_id if verdict.supersedes else None
        holder = self._takeovers.get(earlier) if earlier else None
        if holder is not None and holder != verdict.record_id:
            return holder
        if self.shared and provenance is not None:
            holder = self.state.reserve_origin(verdict.record_id, provenance.to_bytes(), earlier)
            if holder is not None:
                return holder
        if provenance is not None:
            self._provenance[verdict.record_id] = provenance
        if earlier:
            self._takeovers[earlier] = verdict.record_id
        return None

    def settle(self, verdict: Verdict) -> None:
        """Drop the reservations of a record now committed to the state."""
        self._provenance.pop(verdict.record_id, None)
        earlier = verdict.supersedes.record_id if verdict.supersedes else None
        if earlier and self._takeovers.get(earlier) == verdict.record_id:
            del self._takeovers[earlier]

    def release(self, verdict: Verdict) -> None:
        """Drop the reservations of a record that is not archived."""
        self.settle(verdict)
        if self.shared and verdict.supersedes is not None:
            self.state.release_origin(verdict.record_id, verdict.supersedes.record_id)
