import { describe, expect, it } from 'vitest';
import { exchangeChoices } from '../../src/discord/exchange-choices.js';
import type { CatalogEntry } from '../../src/exchanges/index.js';

const entry = (id: string, name: string) => ({ id, name }) as CatalogEntry;

describe('exchange choices in autocomplete', () => {
  it('show the name alone, and add the id only where two offered names read alike', () => {
    expect(exchangeChoices([entry('okx', 'OKX'), entry('myokx', 'MyOKX (EEA)')])).toEqual([
      { name: 'OKX', value: 'okx' },
      { name: 'MyOKX (EEA)', value: 'myokx' },
    ]);
    expect(exchangeChoices([entry('gate', 'Gate.io'), entry('gateio', 'Gate io (legacy)')])).toEqual([
      { name: 'Gate.io · gate', value: 'gate' },
      { name: 'Gate io (legacy) · gateio', value: 'gateio' },
    ]);
  });
});
