import { join } from 'node:path';
import type { FakeMessage } from '../fakes/discord/index.js';
import { openVault } from '../../src/vault/index.js';
import { captureLogs } from '../helpers/logs.js';
import type { E2E } from './harness.js';

/** The choice that makes Keyward create the key pair, and the button pressed once the exchange has it. */
export const GENERATE_LABEL = 'Generate a key pair here (recommended — no secret to copy)';
export const CREATED_LABEL = 'I created it';

/** True for the card that shows a new public key. */
export const isKeyPairCard = (m: FakeMessage): boolean => (m.content ?? '').includes('BEGIN PUBLIC KEY');

/** The public key a card shows in its code block, as the user copies it. */
export function publicKeyOf(card: FakeMessage): string {
  const match = /```\n(-----BEGIN PUBLIC KEY-----\n[\s\S]+?\n-----END PUBLIC KEY-----)\n```/.exec(card.content ?? '');
  if (!match) throw new Error(`no public key in: ${card.content}`);
  return `${match[1]}\n`;
}

/**
 * Every private key Keyward holds for a stored self-generated key, opened as only Keyward can (with
 * the keyring file), and the public keys they belong to: what the leak scans look for.
 */
export async function storedKeyPairs(h: E2E): Promise<{ privateKeys: string[]; publicKeys: string[] }> {
  const vault = await openVault({ keyringPath: join(h.dir, 'secrets', 'keyring.json'), dataKeys: h.app.store, state: h.app.store, log: captureLogs().log });
  const out = { privateKeys: [] as string[], publicKeys: [] as string[] };
  for await (const userId of h.app.store.users()) {
    for (const record of await h.app.store.listCredentials(userId)) {
      if (!record.selfGenerated) continue;
      out.privateKeys.push((await vault.openParts(record, [record.sealed, record.sealedApiKey])).secret!);
      out.publicKeys.push(record.selfGenerated.publicKey);
    }
  }
  return out;
}

/**
 * The part of a private key PEM that is its own: the base64 body without the DER header, which an
 * RSA key shares with its public half and an Ed25519 key with every other Ed25519 key.
 */
export function privateKeyCanary(pem: string): string {
  return pem.replace(/-----[A-Z ]+-----|\s/g, '').slice(40);
}
