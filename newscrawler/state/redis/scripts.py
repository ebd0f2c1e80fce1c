"""The Lua scripts that make the Redis state store's multi-key steps atomic (one Redis server:
the scripts touch keys they compute, so not Redis Cluster)."""

from __future__ import annotations

# A band's record ids live in a field of a bucket hash (the key layout is in __init__.py), as one
# string of ids separated by spaces: these helpers read, add to and remove from such a field.
BAND_HELPERS = """
local function band_ids(key, field)
  local ids = {}
  local value = redis.call('HGET', key, field)
  if value then for id in string.gmatch(value, '%S+') do ids[#ids + 1] = id end end
  return ids
end
local function band_add(key, field, id)
  local ids = band_ids(key, field)
  for _, other in ipairs(ids) do if other == id then return end end
  ids[#ids + 1] = id
  redis.call('HSET', key, field, table.concat(ids, ' '))
end
local function band_remove(key, field, id)
  local kept = {}
  for _, other in ipairs(band_ids(key, field)) do
    if other ~= id then kept[#kept + 1] = other end
  end
  if #kept == 0 then redis.call('HDEL', key, field)
  else redis.call('HSET', key, field, table.concat(kept, ' ')) end
end
"""

# A URL's reservation is "record-id claimant milliseconds": who holds it (a run) since when.
RESERVATION_HELPERS = """
local function reservation(value)
  local id, who, at = string.match(value, '^(%S+) (%S+) (%d+)$')
  if not id then return value, '', 0 end
  return id, who, tonumber(at)
end
local function now_ms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
"""

# KEYS: url reservation, url record, fingerprint, own signature, band buckets...
# ARGV: id, base id, expected version, signature, threshold, ttl, signature key prefix, known,
#       claimant, takeover after (ms), takeover key, an owner the text may have (or ''),
#       band fields (one per bucket key)...
CLAIM = (
    BAND_HELPERS
    + RESERVATION_HELPERS
    + """
local id, prefix, expected, sig = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local threshold, ttl, sig_prefix, known = tonumber(ARGV[5]), tonumber(ARGV[6]), ARGV[7], ARGV[8]
local claimant, takeover_ms, takeover_key = ARGV[9], tonumber(ARGV[10]), ARGV[11]
local may_copy = ARGV[12]
local now = now_ms()
local taking_over = false
local held = redis.call('GET', KEYS[1])
if held then
  local holder, who, since = reservation(held)
  if holder ~= id then return {'url', holder, '1'} end
  if who ~= claimant then
    -- The same record, held by another run: in flight there, unless held for so long (more
    -- than a frontier lease) that its run is dead and the request came back to this one.
    if since == 0 or now - since < takeover_ms then return {'url', holder, '1'} end
    taking_over = true
  end
end
local record = redis.call('GET', KEYS[2])
local version = ''
if record then version = string.match(record, '|([^|]*)|[^|]*$') end
if version ~= expected then return {'stale', '', '0'} end
local owner = redis.call('GET', KEYS[3])
if owner and owner ~= id and owner ~= may_copy
   and not (known == '1' and string.sub(owner, 1, #prefix) == prefix) then
  return {'exact', owner, '1'}
end
if sig ~= '' and known ~= '1' then
  local best, best_id, seen, n = 0, false, {}, #sig / 4
  for i = 5, #KEYS do
    for _, cand in ipairs(band_ids(KEYS[i], ARGV[i + 8])) do
      if not seen[cand] and string.sub(cand, 1, #prefix) ~= prefix then
        seen[cand] = true
        local other = redis.call('GET', sig_prefix .. cand)
        if not other then
          band_remove(KEYS[i], ARGV[i + 8], cand)  -- an expired claim
        elseif #other == #sig then
          local same = 0
          for j = 1, #sig, 4 do
            if string.sub(sig, j, j + 3) == string.sub(other, j, j + 3) then same = same + 1 end
          end
          if same / n > best then best, best_id = same / n, cand end
        end
      end
    end
  end
  if best_id and best >= threshold then return {'near', best_id, tostring(best)} end
end
redis.call('SET', KEYS[1], id .. ' ' .. claimant .. ' ' .. now, 'EX', ttl)
if taking_over then redis.call('SET', takeover_key, claimant, 'EX', 2592000) end
if not owner then redis.call('SET', KEYS[3], id, 'EX', ttl) end
if sig ~= '' then
  redis.call('SET', KEYS[4], sig, 'EX', ttl)
  for i = 5, #KEYS do band_add(KEYS[i], ARGV[i + 8], id) end
end
return {'new', '', '0'}
"""
)

# KEYS: band buckets...; ARGV: record id, band fields...
ADD_BANDS = (
    BAND_HELPERS
    + """
for i = 1, #KEYS do band_add(KEYS[i], ARGV[i + 1], ARGV[1]) end
return 1
"""
)

# KEYS: band buckets...; ARGV: record id, band fields... (one record off stale bands: reband)
REMOVE_BANDS = (
    BAND_HELPERS
    + """
for i = 1, #KEYS do band_remove(KEYS[i], ARGV[i + 1], ARGV[1]) end
return 1
"""
)

# KEYS: url reservation, fingerprint, signature, band buckets...
# ARGV: record id, claimant, takeover key, band fields...
RELEASE = (
    BAND_HELPERS
    + RESERVATION_HELPERS
    + """
local id, claimant, takeover_key = ARGV[1], ARGV[2], ARGV[3]
local held = redis.call('GET', KEYS[1])
if held then
  local holder, who = reservation(held)
  if holder == id and (who == claimant or who == '') then
    redis.call('DEL', KEYS[1])
    -- Still reserved, so not committed (a commit ends the reservation): a takeover that did
    -- not archive the record after all is no takeover.
    if redis.call('GET', takeover_key) == claimant then redis.call('DEL', takeover_key) end
  end
end
if redis.call('GET', KEYS[2]) == id and redis.call('TTL', KEYS[2]) > 0 then
  redis.call('DEL', KEYS[2])
end
if redis.call('TTL', KEYS[3]) > 0 then
  redis.call('DEL', KEYS[3])
  for i = 4, #KEYS do band_remove(KEYS[i], ARGV[i], id) end
end
return 1
"""
)

# Make a fingerprint permanent unless another record already holds it.
KEEP_FINGERPRINT = """
local owner = redis.call('GET', KEYS[1])
if not owner or owner == ARGV[1] then redis.call('SET', KEYS[1], ARGV[1]) end
return 1
"""

# KEYS: provenance, [takeover of the earlier primary]; ARGV: record id, provenance, ttl.
# The provenance of a record in flight, readable by every worker; the takeover, unless another
# record holds it (its id is returned). Both expire unless `put_origins` keeps them.
RESERVE_ORIGIN = """
redis.call('SET', KEYS[1], ARGV[2], 'NX', 'EX', ARGV[3])
if #KEYS > 1 then
  local holder = redis.call('GET', KEYS[2])
  if holder and holder ~= ARGV[1] then return holder end
  if not holder then redis.call('SET', KEYS[2], ARGV[1], 'EX', ARGV[3]) end
end
return false
"""

# KEYS: takeover; ARGV: record id. A reserved (expiring) takeover of this record is freed.
RELEASE_ORIGIN = """
if redis.call('GET', KEYS[1]) == ARGV[1] and redis.call('TTL', KEYS[1]) > 0 then
  redis.call('DEL', KEYS[1])
end
return 1
"""

SOURCE_MODIFIED = """
local current = redis.call('GET', KEYS[1])
if not current or tonumber(current) < tonumber(ARGV[1]) then redis.call('SET', KEYS[1], ARGV[1]) end
return 1
"""

TEMPLATE_PAGE = """
if redis.call('SADD', KEYS[1], ARGV[1]) == 0 then return {} end
local counts = {}
for i = 2, #ARGV do counts[i - 1] = redis.call('HINCRBY', KEYS[2], ARGV[i], 1) end
return counts
"""
