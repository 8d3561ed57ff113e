import { readEventStream, type StreamEvent } from './event-stream';

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

export type Query = Record<string, string | number | undefined | null>;

export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const q = params.toString();
  return q ? `${path}?${q}` : path;
}

/** What a client knows of the session: the token state-changing requests carry, and what a 401 does. */
export interface ClientOptions {
  csrfToken: string | null;
  /** Called when a request answers 401 (the session expired): the app goes back to the sign-in page. */
  onUnauthorized: () => void;
  /** What a request that reached no server says, in the reader's language. */
  unreachable: string;
}

export interface ApiClient {
  get<T>(path: string, query?: Query): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
  patch<T>(path: string, body: unknown): Promise<T>;
  put<T>(path: string, body: unknown): Promise<T>;
  del<T = void>(path: string): Promise<T>;
  /** DELETE a row; the answer is the id of the undo operation that brings it back (null when none). */
  delUndoable(path: string): Promise<string | null>;
  /**
   * POSTs and reads a `text/event-stream` answer (EventSource cannot POST or send the CSRF header), calling
   * `onEvent` for each event as it arrives.
   */
  stream(path: string, onEvent: (e: StreamEvent) => void, signal?: AbortSignal): Promise<void>;
}

// Answering 401 is how these say "wrong name or password" or "not signed in yet", not "session expired".
const ANONYMOUS = new Set(['/api/session', '/api/users']);

/**
 * A client bound to one session. The app makes a new one when the session changes, so nothing about the
 * session lives in module state.
 */
export function createApiClient({ csrfToken, onUnauthorized, unreachable }: ClientOptions): ApiClient {
  async function request(method: string, path: string, body?: unknown, init: RequestInit = {}) {
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
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') throw e;
      throw new ApiError(0, unreachable);
    }
    if (!res.ok) {
      const error = await readError(res);
      if (res.status === 401 && !ANONYMOUS.has(path.split('?')[0] ?? '')) onUnauthorized();
      throw error;
    }
    return res;
  }

  async function json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await request(method, path, body);
    if (res.status === 204) return undefined as T;
    const text = await res.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  return {
    get: (path, query) => json('GET', withQuery(path, query)),
    post: (path, body = {}) => json('POST', path, body),
    patch: (path, body) => json('PATCH', path, body),
    put: (path, body) => json('PUT', path, body),
    del: (path) => json('DELETE', path),
    delUndoable: async (path) => (await request('DELETE', path)).headers.get('x-undo-operation'),
    async stream(path, onEvent, signal) {
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
      await readEventStream(res.body, onEvent);
    },
  };
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

/** The text to show for anything a request threw. */
export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
