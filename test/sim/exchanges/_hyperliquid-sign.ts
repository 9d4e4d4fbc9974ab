/**
 * Hyperliquid's L1 action signature, recomputed independently of ccxt: the action is msgpack-encoded,
 * followed by the nonce (8 bytes, big-endian) and a vault flag, and hashed with keccak-256 into the
 * connectionId of a phantom agent {source: 'a' on mainnet, connectionId}, which is signed as EIP-712
 * typed data in the domain {name 'Exchange', version '1', chainId 1337, verifyingContract 0x0…0}.
 * Sources: npm ccxt@4.5.84 js/src/hyperliquid.js actionHash, signL1Action, constructPhantomAgent;
 * https://docs.chainstack.com/docs/hyperliquid-l1-action-signing (third party: chain id 1337, domain "Exchange" version "1",
 * msgpack, source "a" on mainnet); the domain separator and Agent type hash match the constants of docs.rs
 * df-hyperliquid-core 0.2.6 src/utils/sign/l1.rs.
 * The curve and hash come from @noble/curves and @noble/hashes, which ccxt itself depends on.
 */
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { keccak_256 } from '@noble/hashes/sha3.js';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const fromHex = (h: string): Uint8Array => Uint8Array.from(Buffer.from(h.replace(/^0x/, ''), 'hex'));
const concat = (...parts: Uint8Array[]): Uint8Array => Uint8Array.from(Buffer.concat(parts));

/** The msgpack subset an action uses: maps, arrays, strings, booleans, null and non-negative integers. */
export function msgpack(value: unknown): Uint8Array {
  if (value === null || value === undefined) return Uint8Array.of(0xc0);
  if (value === true || value === false) return Uint8Array.of(value ? 0xc3 : 0xc2);
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value < 0) throw new Error(`msgpack: ${value} is not a non-negative integer`);
    if (value < 0x80) return Uint8Array.of(value);
    if (value < 0x100) return Uint8Array.of(0xcc, value);
    if (value < 0x10000) return Uint8Array.of(0xcd, value >> 8, value & 0xff);
    if (value < 0x100000000) {
      const b = Buffer.alloc(5);
      b[0] = 0xce;
      b.writeUInt32BE(value, 1);
      return Uint8Array.from(b);
    }
    const b = Buffer.alloc(9);
    b[0] = 0xcf;
    b.writeBigUInt64BE(BigInt(value), 1);
    return Uint8Array.from(b);
  }
  if (typeof value === 'string') {
    const s = utf8(value);
    if (s.length < 32) return concat(Uint8Array.of(0xa0 | s.length), s);
    if (s.length < 0x100) return concat(Uint8Array.of(0xd9, s.length), s);
    return concat(Uint8Array.of(0xda, s.length >> 8, s.length & 0xff), s);
  }
  if (Array.isArray(value)) {
    if (value.length >= 16) throw new Error('msgpack: arrays of 16 or more are not needed here');
    return concat(Uint8Array.of(0x90 | value.length), ...value.map(msgpack));
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length >= 16) throw new Error('msgpack: maps of 16 or more are not needed here');
  return concat(Uint8Array.of(0x80 | entries.length), ...entries.flatMap(([k, v]) => [msgpack(k), msgpack(v)]));
}

/** keccak-256 of msgpack(action) ‖ nonce (u64 big-endian) ‖ 0x00 (no vault address). */
export function actionHash(action: unknown, nonce: number): Uint8Array {
  const n = Buffer.alloc(8);
  n.writeBigUInt64BE(BigInt(nonce));
  return keccak_256(concat(msgpack(action), Uint8Array.from(n), Uint8Array.of(0)));
}

const word = (n: number): Uint8Array => {
  const b = Buffer.alloc(32);
  b.writeUInt32BE(n, 28);
  return Uint8Array.from(b);
};

const DOMAIN_TYPE = keccak_256(utf8('EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)'));
const AGENT_TYPE = keccak_256(utf8('Agent(string source,bytes32 connectionId)'));
const DOMAIN = keccak_256(concat(DOMAIN_TYPE, keccak_256(utf8('Exchange')), keccak_256(utf8('1')), word(1337), new Uint8Array(32)));

/** The EIP-712 digest a mainnet L1 action's signature covers. */
export function l1Digest(action: unknown, nonce: number): Uint8Array {
  const agent = keccak_256(concat(AGENT_TYPE, keccak_256(utf8('a')), actionHash(action, nonce)));
  return keccak_256(concat(Uint8Array.of(0x19, 0x01), DOMAIN, agent));
}

/** The address (0x…, lower case) of a secp256k1 public key, as Ethereum derives it. */
export const addressOfPublicKey = (uncompressed: Uint8Array): string => `0x${hex(keccak_256(uncompressed.slice(1)).slice(-20))}`;

/** The address of a private key (0x + 64 hex digits). */
export const addressOf = (privateKey: string): string => addressOfPublicKey(secp256k1.getPublicKey(fromHex(privateKey), false));

/** A signature component as 32 bytes: ccxt writes r and s with BigInt.toString(16), which drops leading zeros. */
const component = (value: string | undefined): Uint8Array => fromHex(String(value).replace(/^0x/, '').padStart(64, '0'));

/** The address that signed `digest` with {r, s, v}, or undefined when the signature is malformed. */
export function recoverSigner(digest: Uint8Array, sig: { r?: string; s?: string; v?: number }): string | undefined {
  try {
    const recovered = concat(Uint8Array.of(Number(sig.v) - 27), component(sig.r), component(sig.s));
    const pub = secp256k1.recoverPublicKey(recovered, digest, { prehash: false });
    return addressOfPublicKey(secp256k1.Point.fromBytes(pub).toBytes(false));
  } catch {
    return undefined;
  }
}
