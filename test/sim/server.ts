/**
 * The loopback exchange simulator: one HTTP server that emulates several exchanges at
 * http://127.0.0.1:PORT/<ccxt id>/..., recomputing their real signatures. Point Keyward at it with
 * EXCHANGE_API_OVERRIDES = sim.overrides, or a plain ccxt instance with sim.rewrite(exchange).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { readdir } from 'node:fs/promises';
import type { Fault, KeyProfile, ResolvedKey, SimExchange, SimRequest, SimResponse, SimStats } from './types.js';

export interface ExchangeSimulator {
  /** http://127.0.0.1:PORT */
  url: string;
  /** ccxt id → base URL, the shape of EXCHANGE_API_OVERRIDES */
  overrides: Record<string, string>;
  exchanges: string[];
  addKey(exchange: string, profile: KeyProfile): ResolvedKey;
  updateKey(exchange: string, apiKey: string, patch: Partial<KeyProfile>): ResolvedKey;
  removeKey(exchange: string, apiKey: string): void;
  setFault(exchange: string, fault: Fault): void;
  clearFaults(exchange?: string): void;
  stats(exchange: string): SimStats;
  resetStats(exchange?: string): void;
  close(): Promise<void>;
}

interface ActiveFault extends Fault {
  remaining: number;
}

const emptyStats = (): SimStats => ({ requests: 0, privateRequests: 0, bytesIn: 0, bytesOut: 0, byRoute: {}, maxInFlight: 0, unsourced: {} });

/** Loads every module under exchanges/ (each default-exports a SimExchange). */
async function loadExchangeModules(): Promise<SimExchange[]> {
  const dir = new URL('./exchanges/', import.meta.url);
  const files = (await readdir(dir)).filter((f) => /\.(ts|js)$/.test(f) && !f.endsWith('.d.ts') && !f.startsWith('_'));
  const modules = await Promise.all(files.map(async (f) => (await import(new URL(f, dir).href)).default as SimExchange));
  return modules.filter((m) => m && typeof m.handle === 'function');
}

function resolveKey(profile: KeyProfile, now: number): ResolvedKey {
  return {
    read: true,
    spotTrade: true,
    futuresTrade: false,
    withdraw: false,
    transfer: false,
    ips: [],
    createdAt: now,
    state: 'active',
    balances: { BTC: { free: 0.5, used: 0.01 }, USDT: { free: 1250.5, used: 0 }, ETH: { free: 2, used: 0 } },
    ...profile,
  } as ResolvedKey;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startExchangeSimulator(opts: { port?: number; only?: string[] } = {}): Promise<ExchangeSimulator> {
  const modules = (await loadExchangeModules()).filter((m) => !opts.only || opts.only.includes(m.id));
  const byId = new Map(modules.map((m) => [m.id, m]));
  const keys = new Map<string, Map<string, ResolvedKey>>(modules.map((m) => [m.id, new Map()]));
  const faults = new Map<string, ActiveFault>();
  const stats = new Map<string, SimStats>(modules.map((m) => [m.id, emptyStats()]));
  const inFlight = new Map<string, number>();
  const sockets = new Set<Socket>();

  const send = (res: ServerResponse, st: SimStats, out: SimResponse, signed?: { mod: SimExchange; route: string }): void => {
    // a signed answer must name its source: a documented error, or a route whose shape is documented
    if (signed && out.source === undefined && !(out.status < 300 && signed.mod.routeSources?.[signed.route])) {
      const key = `${signed.route} ${out.status}`;
      st.unsourced[key] = (st.unsourced[key] ?? 0) + 1;
    }
    const text = typeof out.body === 'string' ? out.body : JSON.stringify(out.body);
    const headers = { 'content-type': typeof out.body === 'string' ? 'text/plain' : 'application/json', ...out.headers };
    st.bytesOut += Buffer.byteLength(text);
    res.writeHead(out.status, headers).end(text);
  };

  const takeFault = (id: string, isPrivate: boolean): Fault | undefined => {
    const f = faults.get(id);
    if (!f || (f.scope === 'public' && isPrivate) || (f.scope === 'private' && !isPrivate)) return undefined;
    if (f.remaining <= 0) return undefined;
    f.remaining -= 1;
    return f;
  };

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://sim');
    const [, id = '', ...rest] = url.pathname.split('/');
    const mod = byId.get(id);
    if (!mod) return void res.writeHead(404, { 'content-type': 'text/plain' }).end(`no simulated exchange "${id}"`);
    const st = stats.get(id)!;
    const body = await readBody(req);
    const rawQuery = url.search.startsWith('?') ? url.search.slice(1) : '';
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k.toLowerCase()] = v;
    const simReq: SimRequest = {
      method: (req.method ?? 'GET').toUpperCase(),
      path: '/' + rest.join('/'),
      rawQuery,
      query: new URLSearchParams(rawQuery),
      headers,
      body,
      ip: req.socket.remoteAddress ?? '127.0.0.1',
    };
    const isPrivate = mod.isPrivate(simReq);
    st.requests += 1;
    if (isPrivate) st.privateRequests += 1;
    st.bytesIn += Buffer.byteLength(body) + (req.url?.length ?? 0);
    const route = `${simReq.method} ${simReq.path}`;
    st.byRoute[route] = (st.byRoute[route] ?? 0) + 1;
    const now = (inFlight.get(id) ?? 0) + 1;
    inFlight.set(id, now);
    st.maxInFlight = Math.max(st.maxInFlight, now);
    res.on('close', () => inFlight.set(id, (inFlight.get(id) ?? 1) - 1));

    const signed = isPrivate ? { mod, route } : undefined;
    const persistent = faults.get(id);
    const fault = takeFault(id, isPrivate);
    if (fault?.latencyMs) await new Promise((r) => setTimeout(r, fault.latencyMs));
    if (fault?.hang) return; // the client's own timeout ends it
    if (fault?.rateLimit) {
      const out = mod.rateLimited(fault.rateLimit.retryAfterSec);
      return send(res, st, { ...out, headers: { 'retry-after': String(fault.rateLimit.retryAfterSec), ...out.headers } }, signed);
    }
    if (fault?.serverError) return send(res, st, { status: fault.serverError, body: `${fault.serverError} upstream error` });
    if (fault?.maintenance) return send(res, st, mod.maintenance(), signed);
    if (fault?.restrictedLocation) return send(res, st, mod.restrictedLocation(), signed);
    if (fault?.malformedJson) return send(res, st, { status: 200, headers: { 'content-type': 'application/json' }, body: '{"data": [ {"oops' });
    // clock skew applies to every request while the fault is set, even when `times` counted it out
    const skew = persistent?.clockSkewMs ?? 0;
    try {
      const out = await mod.handle(simReq, {
        now: () => Date.now() + skew,
        key: (apiKey) => keys.get(id)!.get(apiKey),
        keys: () => [...keys.get(id)!.values()],
        rejectTimestamps: Boolean(fault?.rejectTimestamps),
      });
      send(res, st, out, signed);
    } catch (err) {
      send(res, st, { status: 500, body: `simulator bug: ${(err as Error).message}` });
    }
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(opts.port ?? 0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const keysOf = (exchange: string): Map<string, ResolvedKey> => {
    const m = keys.get(exchange);
    if (!m) throw new Error(`the simulator has no exchange "${exchange}"`);
    return m;
  };

  return {
    url: base,
    overrides: Object.fromEntries(modules.map((m) => [m.id, `${base}/${m.id}`])),
    exchanges: modules.map((m) => m.id),
    addKey(exchange, profile) {
      const k = resolveKey(profile, Date.now());
      keysOf(exchange).set(profile.apiKey, k);
      return k;
    },
    updateKey(exchange, apiKey, patch) {
      const old = keysOf(exchange).get(apiKey);
      if (!old) throw new Error(`no simulated key ${apiKey.slice(-4)} on ${exchange}`);
      const k = { ...old, ...patch } as ResolvedKey;
      keysOf(exchange).set(apiKey, k);
      return k;
    },
    removeKey(exchange, apiKey) {
      keysOf(exchange).delete(apiKey);
    },
    setFault(exchange, fault) {
      keysOf(exchange);
      faults.set(exchange, { ...fault, remaining: fault.times ?? Infinity });
    },
    clearFaults(exchange) {
      if (exchange) faults.delete(exchange);
      else faults.clear();
    },
    stats(exchange) {
      keysOf(exchange);
      return structuredClone(stats.get(exchange)!);
    },
    resetStats(exchange) {
      for (const id of exchange ? [exchange] : [...stats.keys()]) stats.set(id, emptyStats());
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
