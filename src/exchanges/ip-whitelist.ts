import { BlockList, isIP } from 'node:net';

const family = (address: string) => (isIP(address) === 6 ? 'ipv6' : 'ipv4');

/** A whitelist entry as the exchange lists it: one address, or a range such as 192.168.0.1/24. */
function addEntry(list: BlockList, entry: string): void {
  const [address = '', prefix] = entry.trim().split('/');
  if (isIP(address) === 0) return;
  if (prefix === undefined) list.addAddress(address, family(address));
  else if (/^\d{1,3}$/.test(prefix)) list.addSubnet(address, Number(prefix), family(address));
}

/** The addresses a key's whitelist does not let through: the key would be refused from each of them. */
export function missingFromWhitelist(whitelist: readonly string[], addresses: readonly string[]): string[] {
  const list = new BlockList();
  for (const entry of whitelist) addEntry(list, entry);
  return addresses.filter((address) => !list.check(address, family(address)));
}

/**
 * A whitelist as the exchange listed it, or undefined when some entry is not a readable address or
 * range (kucoin masks them: "203.**.154"): a list Keyward cannot read is never compared.
 */
export function readableWhitelist(entries: readonly string[]): string[] | undefined {
  const readable = entries.every((entry) => {
    const [address = '', prefix] = entry.trim().split('/');
    return isIP(address) !== 0 && (prefix === undefined || /^\d{1,3}$/.test(prefix));
  });
  return readable && entries.length > 0 ? entries.map((e) => e.trim()) : undefined;
}
