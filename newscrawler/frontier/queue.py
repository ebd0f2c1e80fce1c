"""The frontier's request queue: scrapy-redis's priority queue, plus leases so that a request a
worker popped is not lost when that worker dies before finishing it.

Requests are stored as scrapy-redis stores them (the pickled `Request.to_dict`), except that a
request's `site` argument travels as the site's name and is looked up in the worker's own site
list: a request stays small and a worker always uses its current site configuration.
"""

from __future__ import annotations

import logging
import os
import secrets
import socket
from collections.abc import Iterable
from typing import Any

from scrapy import Request, Spider
from scrapy.utils.request import request_from_dict
from scrapy_redis.queue import PriorityQueue

from newscrawler.sites import Site

logger = logging.getLogger(__name__)

LEASE_META = "newscrawler_lease"
# Meta keys that belong to one worker's handling of a request, not to the request.
LOCAL_META = (LEASE_META, "is_start_request")
SITE_KEY = "newscrawler_site"

# KEYS: queue, own lease hash; ARGV: lease id. Pop the best request and lease it, atomically.
_POP = """
local popped = redis.call('ZPOPMIN', KEYS[1])
if #popped == 0 then return false end
redis.call('HSET', KEYS[2], ARGV[1], popped[2] .. ' ' .. popped[1])
return popped[1]
"""

# KEYS: queue, workers set; ARGV: key prefix, a worker to requeue regardless of its heartbeat.
# Every lease of a worker without a heartbeat goes back in the queue at its old priority.
_REQUEUE = """
local moved = 0
for _, worker in ipairs(redis.call('SMEMBERS', KEYS[2])) do
  if worker == ARGV[2] or redis.call('EXISTS', ARGV[1] .. ':alive:' .. worker) == 0 then
    local leases = redis.call('HGETALL', ARGV[1] .. ':lease:' .. worker)
    for i = 2, #leases, 2 do
      local value = leases[i]
      local space = string.find(value, ' ', 1, true)
      redis.call('ZADD', KEYS[1], string.sub(value, 1, space - 1), string.sub(value, space + 1))
      moved = moved + 1
    end
    redis.call('DEL', ARGV[1] .. ':lease:' .. worker)
    redis.call('SREM', KEYS[2], worker)
  end
end
return moved
"""


def new_worker_id() -> str:
    return f"{socket.gethostname()}-{os.getpid()}-{secrets.token_hex(3)}"


class LeasedQueue(PriorityQueue):
    """scrapy-redis's PriorityQueue whose `pop` leases what it returns (`ack` ends the lease)."""

    def __init__(
        self,
        server: Any,
        spider: Spider,
        key: str,
        serializer: Any = None,
        *,
        base_key: str | None = None,
        worker: str | None = None,
        lease_ttl: float = 60.0,
    ) -> None:
        super().__init__(server, spider, key, serializer)
        self.base = base_key or self.key.rsplit(":", 1)[0]
        self.worker = worker or new_worker_id()
        self.lease_ttl = max(1, round(lease_ttl))
        self.lease_key = f"{self.base}:lease:{self.worker}"
        self.workers_key = f"{self.base}:workers"
        self.alive_key = f"{self.base}:alive:{self.worker}"
        self._sites = {site.name: site for site in getattr(spider, "sites", [])}
        self._next_lease = 0
        self._pop = server.register_script(_POP)
        self._requeue = server.register_script(_REQUEUE)

    # --- requests in and out ----------------------------------------------------------------

    def _encode_request(self, request: Request) -> bytes:
        data = request.to_dict(spider=self.spider)
        data["meta"] = {k: v for k, v in data["meta"].items() if k not in LOCAL_META}
        site = data["cb_kwargs"].get("site")
        if isinstance(site, Site):
            data["cb_kwargs"] = {k: v for k, v in data["cb_kwargs"].items() if k != "site"}
            data[SITE_KEY] = site.name
        return self.serializer.dumps(data)

    def _decode_request(self, encoded: bytes) -> Request:
        data = self.serializer.loads(encoded)
        name = data.pop(SITE_KEY, None)
        if name is not None:
            if name not in self._sites:
                raise UnknownSite(name)
            data["cb_kwargs"] = {**data["cb_kwargs"], "site": self._sites[name]}
        return request_from_dict(data, spider=self.spider)

    def pop(self, timeout: float = 0) -> Request | None:
        """The highest-priority request, leased to this worker until `ack`."""
        self._next_lease += 1
        lease = str(self._next_lease)
        data = self._pop(keys=[self.key, self.lease_key], args=[lease])
        if data is None:
            return None
        try:
            request = self._decode_request(data)
        except UnknownSite as exc:
            self.ack([lease])
            logger.error(
                "frontier: a request for site %r, which this worker's site list does not name,"
                " was dropped: %s",
                exc.name,
                self.serializer.loads(data).get("url"),
            )
            return None
        request.meta[LEASE_META] = lease
        return request

    # --- leases -----------------------------------------------------------------------------

    def ack(self, leases: Iterable[str]) -> None:
        """Done with these requests: fetched, parsed, their items through the pipelines."""
        leases = list(leases)
        if leases:
            self.server.hdel(self.lease_key, *leases)

    def heartbeat(self) -> None:
        """Say this worker is alive: its leases hold for another `lease_ttl` seconds."""
        pipe = self.server.pipeline(transaction=False)
        pipe.set(self.alive_key, "1", ex=self.lease_ttl)
        pipe.sadd(self.workers_key, self.worker)
        pipe.execute()

    def requeue_dead(self) -> int:
        """Put the leases of workers whose heartbeat expired back in the queue; how many."""
        return int(self._requeue(keys=[self.key, self.workers_key], args=[self.base, ""]))

    def release_all(self) -> int:
        """At close: what this worker still holds goes back in the queue; it leaves the set."""
        moved = int(self._requeue(keys=[self.key, self.workers_key], args=[self.base, self.worker]))
        self.server.delete(self.alive_key)
        return moved

    def leased_elsewhere(self) -> int:
        """Requests other live workers hold: they may still add requests to the queue."""
        others = [w.decode() for w in self.server.smembers(self.workers_key)]
        others = [w for w in others if w != self.worker]
        if not others:
            return 0
        pipe = self.server.pipeline(transaction=False)
        for worker in others:
            pipe.exists(f"{self.base}:alive:{worker}")
            pipe.hlen(f"{self.base}:lease:{worker}")
        answers = pipe.execute()
        return sum(held for alive, held in zip(answers[::2], answers[1::2], strict=True) if alive)


class UnknownSite(KeyError):
    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name
