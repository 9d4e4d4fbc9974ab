import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { Coordination } from './coordination.js';

/** The few commands coordination needs, as @redis/client offers them. */
export interface RedisCommands {
  get(key: string): Promise<string | null>;
  del(key: string): Promise<number>;
  incr(key: string): Promise<number>;
  zScore(key: string, member: string): Promise<number | null>;
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
}

// Expiry is kept in the value ("expiresAt|payload", by the injected clock) so every engine agrees on
// time; Redis's own TTL, with a margin, only collects what is left behind.
const GC_MARGIN_MS = 60_000;
const ACQUIRE = `local v = redis.call('GET', KEYS[1])
if v and tonumber(string.match(v, '^(%d+)|')) > tonumber(ARGV[1]) then return nil end
redis.call('SET', KEYS[1], ARGV[2] .. '|' .. ARGV[3], 'PX', ARGV[4])
return ARGV[3]`;
const RELEASE = `local v = redis.call('GET', KEYS[1])
if v and string.match(v, '|(.*)$') == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;
const TAKE = `local v = redis.call('GET', KEYS[1])
if not v then return nil end
redis.call('DEL', KEYS[1])
if tonumber(string.match(v, '^(%d+)|')) <= tonumber(ARGV[1]) then return nil end
return string.match(v, '^%d+|(.*)$')`;
// SCAN inside a script: one pass over the keyspace, acceptable for the rare forget that uses it
const TAKE_PREFIX = `local out = {}
local cursor = '0'
repeat
  local page = redis.call('SCAN', cursor, 'MATCH', ARGV[1], 'COUNT', 1000)
  cursor = page[1]
  for _, key in ipairs(page[2]) do
    local v = redis.call('GET', key)
    redis.call('DEL', key)
    if v then table.insert(out, v) end
  end
until cursor == '0'
return out`;
const HIT = `local v = redis.call('GET', KEYS[1])
local now = tonumber(ARGV[1])
if v then
  local expires, count = string.match(v, '^(%d+)|(%d+)$')
  if tonumber(expires) > now then
    count = tonumber(count) + 1
    redis.call('SET', KEYS[1], expires .. '|' .. count, 'KEEPTTL')
    return {count, expires}
  end
end
local expires = now + tonumber(ARGV[2])
redis.call('SET', KEYS[1], expires .. '|1', 'PX', tonumber(ARGV[2]) + ${GC_MARGIN_MS})
return {1, tostring(expires)}`;
const SCHEDULE = `redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1]) redis.call('HDEL', KEYS[2], ARGV[1]) return 1`;
const UNSCHEDULE = `redis.call('ZREM', KEYS[1], ARGV[1]) redis.call('HDEL', KEYS[2], ARGV[1]) return 1`;
// A claimed member's score becomes its lease expiry, so it is due again by itself if the claimer dies.
const CLAIM = `local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'WITHSCORES', 'LIMIT', 0, tonumber(ARGV[2]))
local out = {}
for i = 1, #due, 2 do
  local member, score = due[i], due[i + 1]
  local held = redis.call('HGET', KEYS[2], member)
  local original = score
  if held then original = string.match(held, '|(.*)$') end
  redis.call('ZADD', KEYS[1], ARGV[3], member)
  redis.call('HSET', KEYS[2], member, ARGV[4] .. '|' .. original)
  table.insert(out, member)
  table.insert(out, original)
end
return out`;
const FINISH = `local held = redis.call('HGET', KEYS[2], ARGV[1])
if not held or string.sub(held, 1, string.len(ARGV[2]) + 1) ~= ARGV[2] .. '|' then return 0 end
redis.call('HDEL', KEYS[2], ARGV[1])
if ARGV[3] == '' then redis.call('ZREM', KEYS[1], ARGV[1]) else redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1]) end
return 1`;

/** Coordination on Redis: SET NX PX, GETDEL, INCR with PEXPIRE, and Lua scripts where several steps must be one. */
export class RedisCoordination implements Coordination {
  private readonly due: string;
  private readonly claims: string;

  constructor(
    private readonly redis: RedisCommands,
    private readonly prefix: string,
    private readonly clock: Clock,
  ) {
    this.due = `${prefix}:due`;
    this.claims = `${prefix}:due-claims`;
  }

  async acquire(name: string, ttlMs: number): Promise<string | undefined> {
    const token = randomUUID();
    const now = this.clock.now();
    const got = await this.redis.eval(ACQUIRE, {
      keys: [this.k('lease', name)],
      arguments: [String(now), String(now + ttlMs), token, String(ttlMs + GC_MARGIN_MS)],
    });
    return got === token ? token : undefined;
  }

  async release(name: string, token: string): Promise<void> {
    await this.redis.eval(RELEASE, { keys: [this.k('lease', name)], arguments: [token] });
  }

  async putOnce(id: string, value: string, ttlMs: number): Promise<boolean> {
    const now = this.clock.now();
    const got = await this.redis.eval(ACQUIRE, {
      keys: [this.k('once', id)],
      arguments: [String(now), String(now + ttlMs), value, String(ttlMs + GC_MARGIN_MS)],
    });
    return got === value;
  }

  async takeOnce(id: string): Promise<string | undefined> {
    return ((await this.redis.eval(TAKE, { keys: [this.k('once', id)], arguments: [String(this.clock.now())] })) as string | null) ?? undefined;
  }

  async peekOnce(id: string): Promise<string | undefined> {
    return this.fresh(await this.redis.get(this.k('once', id)));
  }

  async takeOnceByPrefix(prefix: string): Promise<string[]> {
    const pattern = `${this.k('once', prefix).replace(/[*?[\]\\]/g, '\\$&')}*`;
    const values = (await this.redis.eval(TAKE_PREFIX, { keys: [], arguments: [pattern] })) as string[];
    return values.map((v) => this.fresh(v)).filter((v): v is string => v !== undefined);
  }

  async peekHits(key: string): Promise<{ count: number; resetAt: number }> {
    const raw = await this.redis.get(this.k('window', key));
    const count = this.fresh(raw);
    return count === undefined ? { count: 0, resetAt: 0 } : { count: Number(count), resetAt: Number(raw!.split('|', 1)[0]) };
  }

  async hit(key: string, windowMs: number): Promise<{ count: number; resetAt: number }> {
    const [count, expires] = (await this.redis.eval(HIT, {
      keys: [this.k('window', key)],
      arguments: [String(this.clock.now()), String(Math.max(1, windowMs))],
    })) as [number, string];
    return { count: Number(count), resetAt: Number(expires) };
  }

  increment(key: string): Promise<number> {
    return this.redis.incr(this.k('counter', key));
  }

  async readCounter(key: string): Promise<number> {
    return Number((await this.redis.get(this.k('counter', key))) ?? 0);
  }

  async deleteCounter(key: string): Promise<void> {
    await this.redis.del(this.k('counter', key));
    await this.redis.del(this.k('window', key));
  }

  async schedule(member: string, dueAt: number): Promise<void> {
    await this.redis.eval(SCHEDULE, { keys: [this.due, this.claims], arguments: [member, String(dueAt)] });
  }

  async unschedule(member: string): Promise<void> {
    await this.redis.eval(UNSCHEDULE, { keys: [this.due, this.claims], arguments: [member] });
  }

  async claimDue(now: number, limit: number, leaseMs: number): Promise<Array<{ member: string; dueAt: number; token: string }>> {
    const token = randomUUID();
    const flat = (await this.redis.eval(CLAIM, {
      keys: [this.due, this.claims],
      arguments: [String(now), String(limit), String(now + leaseMs), token],
    })) as string[];
    const out: Array<{ member: string; dueAt: number; token: string }> = [];
    for (let i = 0; i < flat.length; i += 2) out.push({ member: String(flat[i]), dueAt: Number(flat[i + 1]), token });
    return out;
  }

  async finishClaim(member: string, token: string, nextDueAt: number | undefined): Promise<boolean> {
    const done = await this.redis.eval(FINISH, { keys: [this.due, this.claims], arguments: [member, token, nextDueAt === undefined ? '' : String(nextDueAt)] });
    return Number(done) === 1;
  }

  async dueAt(member: string): Promise<number | undefined> {
    return (await this.redis.zScore(this.due, member)) ?? undefined;
  }

  async sweep(): Promise<void> {
    // leases, one-time values and windows expire by themselves in Redis
  }

  /** The payload of an "expiresAt|payload" value while it is still valid. */
  private fresh(raw: string | null): string | undefined {
    if (raw === null) return undefined;
    const bar = raw.indexOf('|');
    return Number(raw.slice(0, bar)) > this.clock.now() ? raw.slice(bar + 1) : undefined;
  }

  private k(kind: string, name: string): string {
    return `${this.prefix}:${kind}:${name}`;
  }
}
