// What any bot built on discord.js and ccxt pays before its first line of its own: both libraries
// imported, then idle. Keyward's idle memory is compared with this process.
await import('discord.js');
await import('ccxt');
process.stdout.write('imports are loaded\n');
setInterval(() => undefined, 60_000);
process.on('SIGTERM', () => process.exit(0));
