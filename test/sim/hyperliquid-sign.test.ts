import { secp256k1 } from '@noble/curves/secp256k1.js';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { describe, expect, it } from 'vitest';
import { addressOf, recoverSigner } from './exchanges/_hyperliquid-sign.js';

const KEY = '4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318'; // made-up test key

describe('the simulated hyperliquid reading a signature', () => {
  it('recovers the signer when ccxt writes r or s without their leading zeros (BigInt.toString(16))', () => {
    // find, deterministically, a digest whose signature has an r or s below 2^252: its hex is shorter than 64 digits
    for (let i = 0; ; i++) {
      const digest = keccak_256(new TextEncoder().encode(`message ${i}`));
      const sig = secp256k1.Signature.fromBytes(
        secp256k1.sign(digest, Buffer.from(KEY, 'hex'), { prehash: false, lowS: true, format: 'recovered' }),
        'recovered',
      );
      const r = sig.r.toString(16);
      const s = sig.s.toString(16);
      if (r.length === 64 && s.length === 64) continue;
      expect(recoverSigner(digest, { r: `0x${r}`, s: `0x${s}`, v: 27 + sig.recovery! })).toBe(addressOf(KEY));
      return;
    }
  });
});
