import { loadConfig, loadDotEnv } from '../config.js';

/** The Docker HEALTHCHECK: exit 0 when the running bot's /healthz answers 200, else 1. */
async function run(): Promise<number> {
  loadDotEnv();
  const port = loadConfig(process.env, 'tool').HEALTH_PORT;
  if (port === 0) {
    process.stderr.write('HEALTH_PORT is 0: the health endpoint is off\n');
    return 1;
  }
  try {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(4_000) });
    process.stdout.write(`${await res.text()}\n`);
    return res.status === 200 ? 0 : 1;
  } catch {
    process.stderr.write(`nothing answers on 127.0.0.1:${port}\n`);
    return 1;
  }
}

run().then(
  (code) => process.exit(code),
  () => process.exit(1),
);
