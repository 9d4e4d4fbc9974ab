/**
 * ccxt raises errors whose message is "<exchange id> <the exchange's raw answer>". Where ccxt's class
 * is coarse, the exchange's own code or message text tells IP from key from passphrase from clock.
 */
export interface ExchangeErrorDetail {
  /** the exchange's own code (e.g. "-2015", "50113", "EAPI:Invalid key"), when one is found */
  code?: string;
  /** the exchange's own message text, when one is found */
  text?: string;
}

const CODE_FIELDS = ['code', 'retCode', 'ret_code', 'error_code', 'err-code', 'err_code', 'label'];
const TEXT_FIELDS = ['msg', 'message', 'retMsg', 'ret_msg', 'err-msg', 'err_msg', 'error', 'detail'];

/** Pulls the exchange's own code and text out of a ccxt error message (JSON body or kraken's "EAPI:..." list). */
export function exchangeErrorDetail(err: unknown): ExchangeErrorDetail {
  const message = err instanceof Error ? err.message : String(err);
  const start = message.search(/[[{]/);
  if (start >= 0) {
    try {
      const body: unknown = JSON.parse(message.slice(start));
      const detail = fromBody(body);
      if (detail.code !== undefined || detail.text !== undefined) return detail;
    } catch {
      // not JSON: fall through to the text forms below
    }
  }
  const kraken = message.match(/\b([EW][A-Za-z]+:[A-Za-z ]+[A-Za-z])/);
  if (kraken) return { code: kraken[1], text: kraken[1] };
  return {};
}

function fromBody(body: unknown): ExchangeErrorDetail {
  if (Array.isArray(body)) return fromBody(body[0]);
  if (!body || typeof body !== 'object') return {};
  const record = body as Record<string, unknown>;
  if (Array.isArray(record.errors) && record.errors[0] && typeof record.errors[0] === 'object') {
    const first = record.errors[0] as Record<string, unknown>; // coinbase v2: {"errors":[{"id":…,"message":…}]}
    return { code: typeof first.id === 'string' ? first.id : undefined, text: typeof first.message === 'string' ? first.message : undefined };
  }
  if (Array.isArray(record.error) && typeof record.error[0] === 'string') {
    return { code: record.error[0], text: record.error[0] };
  }
  const out: ExchangeErrorDetail = {};
  for (const f of CODE_FIELDS) {
    const v = record[f];
    if ((typeof v === 'string' && v !== '') || typeof v === 'number') {
      out.code = String(v);
      break;
    }
  }
  for (const f of TEXT_FIELDS) {
    const v = record[f];
    if (typeof v === 'string' && v !== '') {
      out.text = v;
      break;
    }
  }
  if (out.code === undefined && Array.isArray(record.data)) return fromBody(record.data[0]);
  // JSON-RPC (deribit) and upbit nest the code and message in an error object
  if (out.code === undefined && record.error && typeof record.error === 'object') return fromBody(record.error);
  return out;
}
