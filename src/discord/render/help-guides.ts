/** The words of the /help guides: short, practical, and true for every exchange unless one is named. */

/** One guide: a title and its paragraphs. */
export interface Guide {
  title: string;
  paragraphs: readonly string[];
}

/** Every command in one place, the guide shown when no topic is chosen. */
export const COMMANDS: Guide = {
  title: 'Keyward commands',
  paragraphs: [
    'Keyward keeps your exchange API keys encrypted and tells you, privately, whether they work. Everything it shows you is visible to you alone.',
    [
      '**/connect** exchange:<name> [account] — add a key through a private form; it is checked before it is stored',
      '**/balance** [exchange] [account] — the balances of every connected account',
      '**/keys list** — your keys, their health, permissions and rotation dates',
      '**/keys test** key:<key> — check a key against its exchange now',
      '**/keys rotate** key:<key> — swap in a new key; the old one stays until the new one passes',
      '**/keys remove** key:<key> — delete one key from Keyward',
      '**/keys forget** — delete everything Keyward holds about you',
      '**/keys audit** — what happened to your keys recently',
      '**/keys remind** days:<30–365 or off> — how often to be reminded to rotate',
      "**/exchanges** [search] — what each exchange's key needs",
      '**/help** [topic] — these guides',
    ].join('\n'),
  ],
};

/** The guides behind each topic other than the command overview. */
export const GUIDES = {
  'create-key': {
    title: 'Creating an API key',
    paragraphs: [
      "1. Sign in on the exchange's website and make sure two-factor authentication is on; most exchanges insist on it before issuing keys.\n" +
        '2. Open the API management page (usually under your profile or security settings) and create a new key. If asked for a type, the system-generated (HMAC) one is the simplest.\n' +
        '3. Name it after what will use it, e.g. "Keyward" or "grid bot", tick **Read** and **Trade** only, and leave withdrawals off.\n' +
        '4. If the exchange asks for a passphrase, invent one for this key and keep it: Keyward asks for it, and the exchange cannot show it again.\n' +
        '5. Copy the key and the secret straight away (the secret is shown once), then run /connect.',
    ],
  },
  permissions: {
    title: 'Which permissions to grant',
    paragraphs: [
      '**Read** lets Keyward and your bot see balances and orders. **Trade** lets your bot place and cancel orders; enable it for the products the bot uses (spot, futures, or a unified account).',
      '**Never grant Withdraw.** No trading bot needs it, and a leaked key that can withdraw can empty the account. Keyward refuses such keys unless the server operator has chosen to allow them, and then warns loudly.',
      'Leave **Transfer** off too, unless you deliberately move funds between sub-accounts.',
      'Some exchanges split Trade by product: Bybit unified accounts need the Unified Trading permission, KuCoin futures needs its Futures permission, and a sub-account key may need the grant from the main account as well.',
    ],
  },
  'ip-whitelist': {
    title: 'Binding a key to an IP address',
    paragraphs: [
      'A key bound to IP addresses works only from those machines, so a copy in the wrong hands is useless. It is the strongest protection a key can have.',
      "Add Keyward's addresses (listed below) to the key's whitelist, next to your bot's own address.",
      'Binance asks for an IP restriction on new keys. Bybit keys without a whitelist expire after 90 days; with one, they keep working.',
      'Whitelist changes can take a few minutes to apply. If a check says the IP is not allowed right after an edit, wait a little and run /keys test.',
    ],
  },
  clock: {
    title: 'Clock errors',
    paragraphs: [
      'Every signed request carries a timestamp, and exchanges refuse requests whose time is too far from theirs. Binance, for example, allows about one second by default.',
      "Keyward measures the difference each time it checks a key and shows it as **Clock**. When it is off, the machine running Keyward needs its clock synced (NTP): ask the server operator. Your own computer's clock plays no part.",
      "On Kraken, several tools sharing one key can also trip its nonce check: give each tool its own key, or widen the key's nonce window.",
    ],
  },
  'rate-limits': {
    title: 'Rate limits',
    paragraphs: [
      'Exchanges cap how many requests they accept in a given time, and most count them per IP address rather than per account.',
      'So every bot running on one server shares one allowance: a busy bot next to Keyward can use it up for everyone. Keyward spaces out its own requests and limits how many key checks each member can run in a short time.',
      'When a check says the exchange is rate-limiting, wait the time shown and try again. If you hit limits often, run heavy bots on machines with different IP addresses.',
    ],
  },
  safety: {
    title: 'Keeping keys safe',
    paragraphs: [
      [
        '• Make a separate key for each bot or tool: if one leaks, you revoke that one alone.',
        '• Grant Read and Trade only, never Withdraw, and bind the key to an IP address.',
        '• Rotate keys every 60–90 days: create a new key, run /keys rotate, then delete the old key on the exchange. Keyward reminds you.',
        '• Look through your order history now and then for trades you did not place.',
        "• On the exchange's API page, delete any key you do not recognise or no longer use.",
        '• Protect the exchange account itself with two-factor authentication.',
        '• Never paste a key into a channel or a DM. Keyward only takes keys through its private form; anyone asking for a key in chat is not Keyward.',
      ].join('\n'),
    ],
  },
  reminders: {
    title: 'Rotation reminders',
    paragraphs: [
      "Keyward sends you a DM when a key is due for rotation: after the server's default number of days, or sooner when the exchange says the key expires earlier.",
      'Choose your own interval with **/keys remind** days:<30–365>, or stop age reminders with **/keys remind** days:off. Reminders about an expiry the exchange reported still arrive.',
      'Each reminder has a **Rotate** button that opens the form for the new key, and a **Snooze** button to be reminded again later.',
      'Keyward can only reach you if your DMs are open to members of this server. If they are closed, it tells you the next time you use a command.',
    ],
  },
  troubleshooting: {
    title: 'When a key is refused',
    paragraphs: [
      [
        '**Key not recognised**: copy the key again in one piece, and check it was made on this exchange (Binance and Binance.US keys differ, as do KuCoin spot and futures keys).',
        '**Signature rejected**: the secret does not match the key. Copy it again, or create a new key if you no longer have it.',
        '**Wrong passphrase**: it is the one you set for this key, not your login password, and capitals matter.',
        "**IP not allowed**: add the server's IP to the key's whitelist (see the IP whitelist guide).",
        '**Permission missing**: edit the key on the exchange and enable Read, and Trade if your bot trades.',
        '**Timestamp refused**: see the clock guide.',
      ].join('\n'),
      'A refused key is never stored and never replaces a key you already have.',
    ],
  },
} as const satisfies Record<string, Guide>;
