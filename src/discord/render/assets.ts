/** One wallet's holdings as a few lines, shared by the connect preview and /balance. */
import type { AccountBalance, AssetLine } from '../../exchanges/index.js';
import { assetAmount, plural, safe, truncate, usd } from './format.js';

/** "**BTC** 0.5 · $30,000.00". */
function assetLine(line: AssetLine): string {
  return `**${safe(line.asset, 24)}** ${assetAmount(line.total)}${line.usd === undefined ? '' : ` · ${usd(line.usd)}`}`;
}

/** The closing lines: what was folded away and the estimate, which must survive any cut. */
function tailLines(balance: AccountBalance, hidden: readonly AssetLine[]): string[] {
  const others = balance.otherAssets + hidden.length;
  const hiddenUsd = hidden.some((l) => l.usd !== undefined) ? hidden.reduce((n, l) => n + (l.usd ?? 0), 0) : undefined;
  const otherUsd = balance.otherUsd === undefined && hiddenUsd === undefined ? undefined : (balance.otherUsd ?? 0) + (hiddenUsd ?? 0);
  const lines: string[] = [];
  if (others > 0) lines.push(`${plural(others, 'other asset')}${otherUsd === undefined ? '' : ` · ${usd(otherUsd)}`}`);
  if (balance.totalUsd === undefined) lines.push('No USD estimate: none of these assets has a price.');
  else {
    const unpriced = balance.unpriced > 0 ? ` (${plural(balance.unpriced, 'asset')} without a price not counted)` : '';
    lines.push(`Estimated total: **${usd(balance.totalUsd)}**${unpriced}`);
  }
  return lines;
}

/**
 * The largest holdings (at most `maxAssets`), the rest folded into "N other assets", and the
 * estimate, within `maxChars`: when space runs out more assets are folded, never the total.
 */
export function balanceText(balance: AccountBalance, maxAssets: number, maxChars: number): string {
  if (balance.assets.length === 0 && balance.otherAssets === 0) return 'No funds in this wallet.';
  for (let shown = Math.min(maxAssets, balance.assets.length); shown >= 0; shown -= 1) {
    const kept = balance.assets.slice(0, shown);
    const text = [...kept.map(assetLine), ...tailLines(balance, balance.assets.slice(shown))].join('\n');
    if (text.length <= maxChars) return text;
  }
  return truncate(tailLines(balance, balance.assets).join('\n'), maxChars);
}
