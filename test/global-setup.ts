/** Says, before any test runs, which storage engines the backend suites will skip and why. */
export default function setup(): void {
  const skipped = [
    ['redis', 'REDIS_URL'],
    ['postgres', 'POSTGRES_URL'],
  ].filter(([, variable]) => !process.env[variable!]);
  if (skipped.length > 0) {
    process.stdout.write(
      `\nBackend suites skipped: ${skipped.map(([name, variable]) => `${name} (${variable} not set)`).join(', ')}. SQLite suites always run; .ci/run starts Redis and PostgreSQL.\n\n`,
    );
  } else {
    process.stdout.write('\nBackend suites run on SQLite, Redis and PostgreSQL.\n\n');
  }
}
