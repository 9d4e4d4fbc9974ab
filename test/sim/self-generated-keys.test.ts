import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SELF_GENERATED_KEYS, selfGeneratedKeyExchanges } from '../../src/exchanges/self-generated-keys.js';
import { useSimExchange } from './fixture.js';

/** A key pair in the encodings the exchanges take (public: PEM SPKI) and ccxt signs with (private: PEM PKCS#8). */
function pair(type: 'ed25519' | 'rsa'): { publicKey: string; privateKey: string } {
  const keys = type === 'rsa' ? generateKeyPairSync('rsa', { modulusLength: 2048 }) : generateKeyPairSync('ed25519');
  return {
    publicKey: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privateKey: keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

describe('the simulator knows every exchange Keyward offers key pairs on', () => {
  it('covers binance and bybit, and nothing else is offered', () => {
    expect(selfGeneratedKeyExchanges().sort()).toEqual(['binance', 'bybit']);
    expect(SELF_GENERATED_KEYS.bitget?.supported).toBe(false);
  });
});

for (const [exchange, types, badSignature] of [
  ['binance', ['ed25519', 'rsa'], /-1022/],
  ['bybit', ['rsa'], /10004/],
] as const) {
  describe(`${exchange} on the simulator: keys whose public key was uploaded`, () => {
    const k = useSimExchange(exchange);
    for (const type of types) {
      it(`accepts ccxt's ${type} signatures made with the private key of the uploaded public key`, async () => {
        const { publicKey, privateKey } = pair(type);
        const key = k.register({ publicKey });
        const balance = await k.preloaded(key, privateKey).fetchBalance();
        expect(balance.total).toBeDefined();
        expect(k.sim.stats(exchange).privateRequests).toBeGreaterThan(0);
      });

      it(`refuses ${type} signatures made with another private key, with ${exchange}'s own signature error`, async () => {
        const key = k.register({ publicKey: pair(type).publicKey });
        const err = await k.failure(k.preloaded(key, pair(type).privateKey).fetchBalance());
        expect(err.message).toMatch(badSignature);
      });
    }

    it('refuses the HMAC secret of a key that was created from an uploaded public key', async () => {
      const key = k.register({ publicKey: pair(types[0]).publicKey });
      const err = await k.failure(k.preloaded(key).fetchBalance());
      expect(err.message).toMatch(badSignature);
    });
  });
}
