import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import { ExchangeGateway } from '../exchanges/index.js';
import type { Logger, SecretScrubber } from '../log.js';

/** The one gateway to every exchange, shared by key checks, balances and health checks. */
export function buildExchanges(config: Config, deps: { clock: Clock; log: Logger; scrubber: SecretScrubber }): ExchangeGateway {
  return new ExchangeGateway({
    overrides: config.EXCHANGE_API_OVERRIDES,
    sandbox: config.EXCHANGE_SANDBOX,
    concurrency: config.EXCHANGE_CONCURRENCY,
    allowWithdraw: config.ALLOW_WITHDRAW_KEYS,
    publicIps: config.PUBLIC_IPS,
    validationTimeoutMs: config.VALIDATION_TIMEOUT_MS,
    ...deps,
  });
}
