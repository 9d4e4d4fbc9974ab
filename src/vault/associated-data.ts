/**
 * Associated data binds a ciphertext to its place. Each field is written as a 4-byte big-endian
 * length followed by its UTF-8 bytes, so the encoding is injective: ("main|x", "binance") and
 * ("main", "x|binance") can never produce the same bytes, unlike joining with a separator.
 */
export function encodeAssociatedData(fields: readonly string[]): Uint8Array {
  const parts = fields.map((f) => new TextEncoder().encode(f));
  const out = new Uint8Array(parts.reduce((n, p) => n + 4 + p.length, 0));
  const view = new DataView(out.buffer);
  let offset = 0;
  for (const part of parts) {
    view.setUint32(offset, part.length);
    out.set(part, offset + 4);
    offset += 4 + part.length;
  }
  return out;
}

/** Bumped if the layout of sealed records ever changes; part of every AD. */
export const FORMAT_VERSION = '1';

export const dataKeyAd = (userId: string, kid: number) => encodeAssociatedData(['keyward/dek', FORMAT_VERSION, userId, String(kid)]);
export const credentialAd = (userId: string, exchange: string, account: string) =>
  encodeAssociatedData(['keyward/cred', FORMAT_VERSION, userId, exchange, account]);
export const canaryAd = (kid: number) => encodeAssociatedData(['keyward/canary', FORMAT_VERSION, String(kid)]);
