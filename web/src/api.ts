import type { Session } from './types';

/** An error answer of the API: `{error, field?}` with its HTTP status. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

let csrfToken: string | null = null;
let onUnauthorized: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when a request answers 401 (the session expired): the app goes back to the sign-in page. */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

type Query = Record<string, string | number | undefined | null>;

export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const q = params.toString();
  return q ? `${path}?${q}` : path;
}

const ANONYMOUS = new Set(['/api/session', '/api/users']);

/** A JSON request; state-changing requests carry the CSRF token. */
export async function request(
  method: string,
  path: string,
  body?: unknown,
  init: RequestInit = {},
): Promise<Response> {
  const headers = new Headers(init.headers);
  if (!headers.has('accept')) headers.set('accept', 'application/json');
  if (body !== undefined) headers.set('content-type', 'application/json');
  if (method !== 'GET' && csrfToken) headers.set('x-csrf-token', csrfToken);
  let res: Response;
  try {
    res = await fetch(path, {
      ...init,
      method,
      headers,
      credentials: 'same-origin',
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch {
    throw new ApiError(0, 'The pfm server cannot be reached. Is `pfm serve` running?');
  }
  if (!res.ok) {
    const error = await readError(res);
    if (res.status === 401 && !ANONYMOUS.has(path.split('?')[0] ?? '')) onUnauthorized?.();
    throw error;
  }
  return res;
}

async function readError(res: Response): Promise<ApiError> {
  let message = `${res.status} ${res.statusText}`.trim();
  let field: string | undefined;
  try {
    const data = (await res.json()) as { error?: unknown; message?: unknown; field?: unknown };
    if (typeof data.error === 'string') message = data.error;
    else if (typeof data.message === 'string') message = data.message;
    if (typeof data.field === 'string') field = data.field;
  } catch {
    // not JSON: keep the status line
  }
  if (res.status === 429 && !field) message = message || 'Too many attempts; wait a moment and try again.';
  return new ApiError(res.status, message, field);
}

async function json<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await request(method, path, body);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, query?: Query) => json<T>('GET', withQuery(path, query)),
  post: <T>(path: string, body: unknown = {}) => json<T>('POST', path, body),
  patch: <T>(path: string, body: unknown) => json<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown) => json<T>('PUT', path, body),
  del: <T = void>(path: string) => json<T>('DELETE', path),
};

export async function fetchSession(): Promise<Session | null> {
  try {
    return await api.get<Session>('/api/session');
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

/** One server-sent event. */
export interface StreamEvent {
  event: string;
  data: unknown;
}

/**
 * POSTs and reads a `text/event-stream` answer with a stream reader (EventSource cannot POST or send the
 * CSRF header), calling `onEvent` for each event as it arrives.
 */
export async function postEventStream(
  path: string,
  onEvent: (e: StreamEvent) => void,
  signal?: AbortSignal,
): Promise<void> {
  const res = await request(
    'POST',
    path,
    {},
    { headers: { accept: 'text/event-stream' }, signal: signal ?? null },
  );
  const type = res.headers.get('content-type') ?? '';
  if (!type.includes('text/event-stream') || !res.body) {
    // A server may answer a finished run as plain JSON.
    const text = await res.text();
    if (text) onEvent({ event: 'done', data: JSON.parse(text) as unknown });
    return;
  }
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value.replace(/\r\n?/g, '\n');
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const parsed = parseEvent(block);
      if (parsed) onEvent(parsed);
    }
  }
  const rest = parseEvent(buffer);
  if (rest) onEvent(rest);
}

export function parseEvent(block: string): StreamEvent | null {
  let event = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const name = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (name === 'event') event = value;
    else if (name === 'data') data.push(value);
  }
  if (data.length === 0) return null;
  const text = data.join('\n');
  try {
    return { event, data: JSON.parse(text) as unknown };
  } catch {
    return { event, data: text };
  }
}
