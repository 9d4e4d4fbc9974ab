import type { Balances } from 'ccxt';
import type { UsdPrices } from './market-data.js';

/** One asset of an account, with its USD estimate when the exchange's tickers price it. */
export interface AssetLine {
  asset: string;
  free: number;
  used: number;
  total: number;
  usd?: number;
}

/** What a key can see in one wallet, ready to show. */
export interface AccountBalance {
  /** the largest holdings, at most `maxAssets` */
  assets: AssetLine[];
  /** how many further non-zero assets were folded into "N other assets" (dust and the long tail) */
  otherAssets: number;
  /** the USD value of those folded assets, when priced */
  otherUsd?: number;
  /** estimated total in USD(T) of every priced asset; undefined when nothing could be priced */
  totalUsd?: number;
  /** assets that could not be priced, so the total leaves them out */
  unpriced: number;
}

export interface SummaryOptions {
  maxAssets: number;
  /** assets worth less than this many USD are folded away */
  dustUsd: number;
}

/** Non-zero assets, largest first (by USD where priced), dust and the long tail folded. */
export function summarizeBalance(raw: Balances, prices: UsdPrices | undefined, opts: SummaryOptions = { maxAssets: 10, dustUsd: 1 }): AccountBalance {
  const lines: AssetLine[] = [];
  const totals = (raw.total ?? {}) as unknown as Record<string, number | undefined>;
  for (const [asset, rawTotal] of Object.entries(totals)) {
    const total = Number(rawTotal ?? 0);
    if (!Number.isFinite(total) || total <= 0) continue;
    const entry = (raw as unknown as Record<string, { free?: number; used?: number } | undefined>)[asset];
    const price = prices?.get(asset);
    const line: AssetLine = { asset, total, free: Number(entry?.free ?? 0), used: Number(entry?.used ?? 0) };
    if (price !== undefined) line.usd = total * price;
    lines.push(line);
  }
  lines.sort((a, b) => (b.usd ?? -1) - (a.usd ?? -1) || b.total - a.total || a.asset.localeCompare(b.asset));
  const shown = lines.filter((l) => l.usd === undefined || l.usd >= opts.dustUsd).slice(0, opts.maxAssets);
  const folded = lines.filter((l) => !shown.includes(l));
  const priced = lines.filter((l) => l.usd !== undefined);
  const sum = (ls: AssetLine[]) => ls.reduce((n, l) => n + (l.usd ?? 0), 0);
  const out: AccountBalance = { assets: shown, otherAssets: folded.length, unpriced: lines.length - priced.length };
  if (priced.length > 0) out.totalUsd = sum(priced);
  if (folded.some((l) => l.usd !== undefined)) out.otherUsd = sum(folded);
  return out;
}
