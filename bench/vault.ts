import { generateMasterKey, type DataKeyPort, type WrappedKey } from '../src/vault/index.js';
import { Vault } from '../src/vault/vault.js';

/** Data keys kept in memory: the benchmark measures the cryptography, not a database. */
function memoryDataKeys(): DataKeyPort {
  const keys = new Map<string, WrappedKey>();
  const counters = new Map<string, number>();
  return {
    getDataKey: async (u) => keys.get(u),
    createDataKey: async (u, k) => {
      if (!keys.has(u)) keys.set(u, k);
      return keys.get(u)!;
    },
    replaceDataKey: async () => false,
    deleteDataKey: async (u) => {
      keys.delete(u);
    },
    async *usersWithDataKeys() {
      yield* keys.keys();
    },
    nextSealCounter: async (u) => {
      counters.set(u, (counters.get(u) ?? 0) + 1);
      return counters.get(u)!;
    },
    getSealingState: async (p) => ({ key: keys.get(p.userId) }),
  };
}

/** Sealing and opening 200-byte secrets, as /connect and /balance do: round trips per second (median of 5 one-second rounds). */
export async function vaultOpsPerSec(rounds = 5): Promise<number> {
  const rates: number[] = [];
  for (let i = 0; i < rounds; i++) rates.push(await round(1_000));
  return rates.sort((a, b) => a - b)[Math.floor(rounds / 2)]!;
}

async function round(ms: number): Promise<number> {
  const vault = await Vault.create({ current: 1, keys: new Map([[1, generateMasterKey()]]) }, memoryDataKeys());
  const place = { userId: '100000000000000001', exchange: 'binance', account: 'main' };
  const secrets = { apiKey: 'k'.repeat(64), secret: 's'.repeat(120) }; // about 200 bytes once serialised
  await vault.seal(place, secrets);
  const until = performance.now() + ms;
  let pairs = 0;
  const started = performance.now();
  while (performance.now() < until) {
    for (let i = 0; i < 500; i++) await vault.open(place, await vault.seal(place, secrets));
    pairs += 500;
  }
  return Math.round(pairs / ((performance.now() - started) / 1000));
}
