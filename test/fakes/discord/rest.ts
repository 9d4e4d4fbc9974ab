/** The REST side over loopback HTTP: parses bodies, checks the bot token, routes, and records every request. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, refuse } from './errors.js';
import type { UploadedFile } from './messages.js';
import { REQUEST_BODIES, checkBody } from './spec.js';
import type { JsonObject } from './types.js';
import { reportViolation } from './violations.js';
import type { World } from './world.js';

/** What a route sees of a request. */
export interface RouteRequest {
  params: Record<string, string>;
  query: URLSearchParams;
  body: JsonObject | undefined;
  files: UploadedFile[];
  /** performance.now() when the request reached the fake, before its body was read. */
  receivedAt: number;
}

/** A route's answer; no body means 204. */
export interface RouteResult {
  status: number;
  body?: unknown;
}

/** One REST route: `path` uses `:name` placeholders; `auth` demands `Authorization: Bot <token>`. */
export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  auth: boolean;
  handle(request: RouteRequest): RouteResult;
  /** Told when the body was refused before `handle` ran (it broke the spec), for routes that keep a history. */
  refused?(request: RouteRequest, error: ApiError): void;
}

interface CompiledRoute {
  route: Route;
  pattern: RegExp;
}

const PREFIX = '/api/v10';

/**
 * Builds the HTTP request listener for a list of routes. Answers carry no X-RateLimit-* headers:
 * @discordjs/rest 2.6.3 (dist/index.js, SequentialHandler.runRequest) then takes the bucket limit as
 * unlimited, so tests never wait on a rate limit the fake does not model.
 */
export function restListener(world: World, routes: Route[]): (req: IncomingMessage, res: ServerResponse) => void {
  const compiled = routes.map((route) => ({
    route,
    pattern: new RegExp(`^${route.path.replace(/[.@]/g, '\\$&').replace(/:(\w+)/g, '(?<$1>[^/]+)')}$`),
  }));
  return (req, res) => {
    serve(world, compiled, req, res).catch((error: unknown) => {
      console.error('fake discord: could not answer a request', error);
      res.destroy();
    });
  };
}

async function serve(world: World, routes: CompiledRoute[], req: IncomingMessage, res: ServerResponse): Promise<void> {
  const receivedAt = performance.now();
  const url = new URL(req.url ?? '/', 'http://fake');
  const raw = await readBody(req);
  const method = req.method ?? 'GET';
  const pathname = decodePath(url.pathname);
  const path = pathname.startsWith(`${PREFIX}/`) ? pathname.slice(PREFIX.length) : pathname;
  let status: number;
  let answer: unknown;
  let code: number | undefined;
  let parsed: { body: JsonObject | undefined; files: UploadedFile[] } = { body: undefined, files: [] };
  let route = `${method} ${path}`;
  const violation = (issue: string) => reportViolation({ route, path, issue, owner: world });
  const fault = world.faults.take(method, path);
  if (fault?.network) {
    world.requests.push({
      method,
      path,
      query: Object.fromEntries(url.searchParams),
      authorization: req.headers.authorization,
      body: undefined,
      rawBody: raw.toString('utf8'),
      files: [],
      status: 0,
      receivedAt,
    });
    req.socket.destroy(); // the connection drops without an answer
    return;
  }
  try {
    parsed = await parseBody(raw, req.headers['content-type']);
    if (fault?.error) throw fault.error;
    const hit = pathname.startsWith(`${PREFIX}/`) ? match(routes, method, path) : undefined;
    if (!hit) {
      violation('the fake has no such route, so nothing checks this request against the spec');
      throw refuse.notFound();
    }
    route = `${method} ${hit.route.path}`;
    if (hit.route.auth && req.headers.authorization !== `Bot ${world.config.token}`) throw refuse.unauthorized();
    const request = { params: hit.params, query: url.searchParams, ...parsed, receivedAt };
    try {
      checkAgainstSpec(route, parsed.body, violation);
    } catch (error) {
      if (error instanceof ApiError) hit.route.refused?.(request, error);
      throw error;
    }
    const result = hit.route.handle(request);
    status = result.status;
    answer = result.body;
  } catch (error) {
    const refusal = error instanceof ApiError ? error : internalError(error);
    if (refusal.malformed && !(error instanceof SpecRefusal))
      for (const issue of refusal.issues()) violation(`${issue} (documented rule the spec cannot express)`);
    status = refusal.status;
    answer = refusal.body();
    code = refusal.code;
  }
  world.requests.push({
    method,
    path,
    query: Object.fromEntries(url.searchParams),
    authorization: req.headers.authorization,
    body: parsed.body,
    rawBody: raw.toString('utf8'),
    files: parsed.files,
    status,
    ...(code === undefined ? {} : { code }),
    receivedAt,
  });
  if (answer === undefined) {
    res.writeHead(status).end();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json', ...fault?.headers }).end(JSON.stringify(answer));
}

/** A 50035 for a body that breaks the spec; its violations are already reported with the schema's words. */
class SpecRefusal extends ApiError {}

/** Refuses a body its route's schema rejects, as Discord would (50035), and reports a route with no schema. */
function checkAgainstSpec(route: string, body: JsonObject | undefined, violation: (issue: string) => void): void {
  const spec = REQUEST_BODIES[route];
  if (!spec) return violation('no request schema for this route in spec.ts, so its body goes unchecked');
  const breach = checkBody(spec, body);
  if (!breach) return;
  for (const issue of breach.issues) violation(issue);
  throw new SpecRefusal(400, 50035, 'Invalid Form Body', breach.errors);
}

/** discord.js escapes `@original` as `%40original`; a malformed escape is left as sent and matches no route. */
function decodePath(pathname: string): string {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return pathname;
  }
}

/** A bug in the fake itself: answered as Discord's 500 so the request is still recorded, and reported. */
function internalError(error: unknown): ApiError {
  console.error('fake discord: a route failed', error);
  return new ApiError(500, 0, '500: Internal Server Error');
}

function match(routes: CompiledRoute[], method: string, path: string): { route: Route; params: Record<string, string> } | undefined {
  for (const { route, pattern } of routes) {
    if (route.method !== method) continue;
    const found = pattern.exec(path);
    if (found) return { route, params: { ...found.groups } };
  }
  return undefined;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** JSON as is; multipart as its payload_json plus the list of files, which is how discord.js uploads. */
async function parseBody(raw: Buffer, contentType: string | undefined): Promise<{ body: JsonObject | undefined; files: UploadedFile[] }> {
  if (raw.length === 0) return { body: undefined, files: [] };
  if (contentType?.startsWith('multipart/form-data')) {
    const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
    let body: JsonObject | undefined;
    const files: UploadedFile[] = [];
    for (const [field, value] of form.entries()) {
      if (typeof value === 'string') {
        if (field === 'payload_json') body = parseJson(value);
      } else {
        files.push({ field, name: value.name, contentType: value.type, size: value.size });
      }
    }
    return { body, files };
  }
  return { body: parseJson(raw.toString('utf8')), files: [] };
}

function parseJson(text: string): JsonObject {
  try {
    return JSON.parse(text) as JsonObject;
  } catch {
    throw new ApiError(400, 50109, 'The request body contains invalid JSON.');
  }
}
