/** The choice between a key pair Keyward creates and a pasted key, and the card that shows the public key. */
import type { SelfGeneratedKeySupported } from '../../exchanges/index.js';
import type { CreatedKeyPair } from '../../keys/key-service.js';
import { relativeStamp, safe } from './format.js';

export const GENERATE_LABEL = 'Generate a key pair here (recommended — no secret to copy)';
export const PASTE_LABEL = 'Paste an existing key';
export const CREATED_LABEL = 'I created it';

const TYPE_WORDS = { ed25519: 'Ed25519', rsa: 'RSA' } as const;

/** Why generating is the better way, in two sentences. */
export function keyChoiceText(exchangeName: string, account: string): string {
  const name = safe(exchangeName, 80);
  return [
    `**${name} · ${safe(account, 64)}** — ${name} accepts a key pair you create yourself.`,
    'Keyward can create it here: you paste only its **public** key on the exchange, and the private key is sealed the moment it exists. No secret passes through your clipboard or Discord, and nobody — you included — ever sees it.',
  ].join('\n');
}

/**
 * The public key exactly as the exchange's upload box takes it (a code block keeps its line breaks;
 * the attached .pem file is there in case a client's copy joins them), with the exchange's steps.
 */
export function keyPairCardText(exchangeName: string, support: SelfGeneratedKeySupported, pair: CreatedKeyPair): string {
  const name = safe(exchangeName, 80);
  const steps = support.steps.map((step, i) => `${i + 1}. ${step}`);
  return [
    `🔐 **A new ${TYPE_WORDS[pair.keyType]} key pair for ${name} · ${safe(pair.account, 64)}.** Its private key is already sealed; only the public key below leaves Keyward.`,
    '```',
    pair.publicKey.trimEnd(),
    '```',
    `(Also attached as a .pem file.) On ${name}:`,
    ...steps,
    `${steps.length + 1}. **Read + Trade only — never withdrawals.** Then press **${CREATED_LABEL}** and paste only the API key ${name} shows.`,
    `This key pair is destroyed ${relativeStamp(pair.expiresAt)} if no key passes by then, or at once if you press Cancel.`,
  ].join('\n');
}

/** Said when the user cancels a waiting pair. */
export function keyPairDiscardedText(exchangeName: string): string {
  const name = safe(exchangeName, 80);
  return `Cancelled: the key pair was destroyed and nothing was stored. If you already created an API key for it on ${name}, delete it there — it cannot be used without the destroyed private key anyway.`;
}
