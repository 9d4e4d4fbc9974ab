/** The REST side over loopback HTTP: parses bodies, checks the bot token, routes, and records every request. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, refuse } from './errors.js';
import type { UploadedFile } from './messages.js';
import type { JsonObject } from './types.js';
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
}

interface CompiledRoute {
  route: Route;
  pattern: RegExp;
}

const PREFIX = '/api/v10';

/** Builds the HTTP request listener for a list of routes. */
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
  const fault = world.faults.take(method, path);
  if (fault?.network) {
    world.requests.push({ method, path, query: Object.fromEntries(url.searchParams), authorization: req.headers.authorization, body: undefined, rawBody: raw.toString('utf8'), files: [], status: 0, receivedAt });
    req.socket.destroy(); // the connection drops without an answer
    return;
  }
  try {
    parsed = await parseBody(raw, req.headers['content-type']);
    if (fault?.error) throw fault.error;
    const hit = pathname.startsWith(`${PREFIX}/`) ? match(routes, method, path) : undefined;
    if (!hit) throw refuse.notFound();
    if (hit.route.auth && req.headers.authorization !== `Bot ${world.config.token}`) throw refuse.unauthorized();
    const result = hit.route.handle({ params: hit.params, query: url.searchParams, ...parsed, receivedAt });
    status = result.status;
    answer = result.body;
  } catch (error) {
    const refusal = error instanceof ApiError ? error : internalError(error);
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
