import { describe, expect, it } from 'vitest';
import { exchangeSnapshot } from '../../src/exchanges/catalog-snapshot.js';
import { loadCcxt } from '../../src/exchanges/ccxt-loader.js';
import { readExchangeMetadata } from '../../src/exchanges/ccxt-metadata.js';

describe('the catalog snapshot', () => {
  it('matches what the installed ccxt declares (after a ccxt upgrade, run `npm run catalog:snapshot`)', async () => {
    const live = readExchangeMetadata(await loadCcxt());
    expect(live.length).toBeGreaterThan(90);
    expect(exchangeSnapshot, 'the snapshot is stale: run `npm run catalog:snapshot` and commit src/exchanges/catalog-snapshot.ts').toEqual(live);
  });
});
