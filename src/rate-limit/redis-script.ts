// The state machine of store.ts (mirrored by memory-store.ts) as one Lua script, so
// that every take and observe is atomic across all the processes sharing a Redis.
// KEYS[1]: the bucket's hash; KEYS[2]: its leases (a sorted set scored by expiry).
// ARGV: op, now, limit, windowMs, then take: leaseMs, probePollMs, lease ids…
//                                  or observe: lease, status, limit, remaining, resetAt, retryAfterMs, unused.
// Both keys expire one window after the last thing they know of: nothing outlives its use.

/** The Lua source run by `RedisRateLimitStore`. */
export const RATE_LIMIT_SCRIPT = `
local h, z = KEYS[1], KEYS[2]
local op, now, windowMs = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[4])
local s = redis.call('HMGET', h, 'limit', 'remaining', 'reset', 'paused', 'probe', 'probeUntil')
local limit = tonumber(s[1]) or tonumber(ARGV[3])
local remaining = tonumber(s[2]) or 0
local reset = tonumber(s[3]) or 0
local paused = tonumber(s[4]) or 0
local probe = s[5] or ''
local probeUntil = tonumber(s[6]) or 0
redis.call('ZREMRANGEBYSCORE', z, '-inf', now)
if probeUntil <= now then probeUntil = 0 end

local function finish(granted, waitMs)
  redis.call('HSET', h, 'limit', limit, 'remaining', remaining, 'reset', reset,
    'paused', paused, 'probe', probe, 'probeUntil', probeUntil)
  local last = math.max(reset, paused, probeUntil, now)
  local top = redis.call('ZRANGE', z, -1, -1, 'WITHSCORES')
  if top[2] then last = math.max(last, tonumber(top[2])) end
  local ttl = math.ceil(last - now + windowMs)
  redis.call('PEXPIRE', h, ttl)
  redis.call('PEXPIRE', z, ttl)
  return {granted, math.ceil(waitMs), limit, math.max(0, remaining), math.floor(reset), math.floor(paused)}
end

if op == 'take' then
  local leaseMs, poll = tonumber(ARGV[5]), tonumber(ARGV[6])
  if paused > now then return finish(0, paused - now) end
  if reset <= now then
    if probeUntil > now then return finish(0, math.min(poll, probeUntil - now)) end
    probe = ARGV[7]
    probeUntil = now + leaseMs
    redis.call('ZADD', z, now + leaseMs, ARGV[7])
    return finish(1, 0)
  end
  if remaining <= 0 then return finish(0, reset - now) end
  local granted = math.min(#ARGV - 6, remaining)
  remaining = remaining - granted
  for i = 1, granted do redis.call('ZADD', z, now + leaseMs, ARGV[6 + i]) end
  return finish(granted, 0)
end

local lease = ARGV[5]
local expiry = redis.call('ZSCORE', z, lease)
local held = redis.call('ZREM', z, lease) == 1
local wasProbe = lease == probe
if wasProbe then probe = ''; probeUntil = 0 end
local inFlight = redis.call('ZCARD', z)
local grantedAfter = inFlight
if expiry then grantedAfter = redis.call('ZCOUNT', z, '(' .. expiry, '+inf') end
local status, oLimit, oRemaining = tonumber(ARGV[6]), tonumber(ARGV[7]), tonumber(ARGV[8])
local oReset, oRetry, unused = tonumber(ARGV[9]), tonumber(ARGV[10]), ARGV[11] == '1'
if oLimit and oLimit > 0 then limit = oLimit end
if status == 429 then
  local waitMs = oRetry or (oReset and (oReset - now)) or windowMs
  paused = math.max(paused, now + waitMs)
  reset = paused
  remaining = 0
elseif status and oRemaining and oReset then
  if oReset > reset then
    reset = oReset
    remaining = oRemaining - inFlight
  elseif oReset == reset and oRemaining < remaining then
    remaining = math.min(remaining, oRemaining - grantedAfter)
  end
elseif wasProbe and status then
  reset = now + windowMs
  remaining = limit - 1
elseif unused and held and not wasProbe and reset > now then
  remaining = remaining + 1
end
return finish(0, 0)
`;
