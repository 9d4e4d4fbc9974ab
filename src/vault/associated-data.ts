/**
 * Associated data binds a ciphertext to its place. Each field is written as a 4-byte big-endian
 * length followed by its UTF-8 bytes, so the encoding is injective: ("main|x", "binance") and
 * ("main", "x|binance") can never produce the same bytes, unlike joining with a separator.
 */
export function encodeAssociatedData(fields: readonly string[]): Uint8Array {
  const lengths = fields.map((f) => Buffer.byteLength(f, 'utf8'));
  const out = Buffer.allocUnsafe(lengths.reduce((n, l) => n + 4 + l, 0));
  let offset = 0;
  fields.forEach((field, i) => {
    offset = out.writeUInt32BE(lengths[i]!, offset);
    offset += out.write(field, offset, 'utf8');
  });
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}

/** Bumped if the layout of sealed records ever changes; part of every AD. */
export const FORMAT_VERSION = '1';

/** The ADs of recently used places, re-encoded only when they fall out (they are not secret). */
const recent = new Map<string, Uint8Array>();
function cached(fields: string[]): Uint8Array {
  const key = fields.map((f) => `${f.length}:${f}`).join('');
  let ad = recent.get(key);
  if (!ad) {
    if (recent.size >= 1_000) recent.delete(recent.keys().next().value!);
    ad = encodeAssociatedData(fields);
    recent.set(key, ad);
  }
  return ad;
}

export const dataKeyAd = (userId: string, kid: number) => cached(['keyward/dek', FORMAT_VERSION, userId, String(kid)]);
/**
 * A credential's AD. Format "2" adds the record's counter `n`, so an older copy of the same place's
 * ciphertext cannot be passed off as the current one; records sealed before it (no `n`) use "1".
 */
export const credentialAd = (userId: string, exchange: string, account: string, n: number | undefined) =>
  n === undefined ? cached(['keyward/cred', FORMAT_VERSION, userId, exchange, account]) : cached(['keyward/cred', '2', userId, exchange, account, String(n)]);
export const canaryAd = (kid: number) => encodeAssociatedData(['keyward/canary', FORMAT_VERSION, String(kid)]);
