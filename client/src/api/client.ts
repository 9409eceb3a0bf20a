import type { Problem, ProblemFieldError } from '@lagverk/shared';

// The one way the web client talks to the API: JSON in and out, RFC 9457 problems turned
// into ApiError, If-Match sent from the version the user loaded, and the session's CSRF
// token sent on every write.

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly errors: ProblemFieldError[];
  readonly currentVersion: number | undefined;
  /** When a 429 may be tried again (from Retry-After). */
  readonly retryAt: Date | undefined;

  constructor(status: number, code: string, message: string, problem?: Partial<Problem>, retryAt?: Date) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.errors = problem?.errors ?? [];
    this.currentVersion = problem?.currentVersion;
    this.retryAt = retryAt;
  }

  /** Someone else saved a newer version since this one was loaded. */
  get isStale() {
    return this.status === 412;
  }
}

export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** The version the user loaded; sent as If-Match so a stale edit is refused, not lost. */
  ifMatch?: number;
  signal?: AbortSignal;
  /**
   * False for the calls that find out whether the user is signed in (loading the session,
   * signing in and out): their 401 is an answer, not a session that ended under the user.
   */
  redirectWhenSignedOut?: boolean;
  /**
   * Sent without the session cookie or CSRF token (the survey answer routes): the server
   * must not be able to tell who answers, so the browser does not tell it.
   */
  anonymous?: boolean;
}

/** What the client needs from the session; the auth module connects it at start-up. */
export interface SessionHooks {
  csrfToken: () => string | null;
  /** A call answered 401: the session ended (signed out elsewhere, expired, revoked). */
  signedOut: () => void;
  /** A read answered 403: the user may not see what the page shows. */
  readForbidden: (error: ApiError) => void;
}

let hooks: SessionHooks | null = null;

export function connectSession(next: SessionHooks) {
  hooks = next;
}

const readMethods = new Set(['GET', 'HEAD']);

export function queryString(query: Record<string, QueryValue> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    // Empty filters are left out: the API rejects an empty `q` rather than ignoring it.
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  // A file upload: the browser sets multipart/form-data with its boundary itself.
  const form = options.body instanceof FormData ? options.body : null;
  if (options.body !== undefined && !form) headers['content-type'] = 'application/json';
  if (options.ifMatch !== undefined) headers['if-match'] = `"${options.ifMatch}"`;
  const csrfToken = options.anonymous ? null : hooks?.csrfToken();
  if (csrfToken && !readMethods.has(method)) headers['x-csrf-token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(`/api/v1${path}${queryString(options.query)}`, {
      method,
      headers,
      body: form ?? (options.body === undefined ? null : JSON.stringify(options.body)),
      credentials: options.anonymous ? 'omit' : 'same-origin',
      signal: options.signal ?? null,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network', 'The server could not be reached.');
  }

  if (response.ok) {
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }
  const error = await toApiError(response);
  if (!options.anonymous) {
    if (error.status === 401 && options.redirectWhenSignedOut !== false) hooks?.signedOut();
    if (isForbidden(error) && readMethods.has(method)) hooks?.readForbidden(error);
  }
  throw error;
}

/** The role does not allow it, or the resource is outside the user's units or teams. */
export const isForbidden = (error: ApiError) => error.status === 403 && (error.code === 'forbidden' || error.code === 'out-of-scope');

/** Retry-After is either seconds or an HTTP date. */
function retryAtOf(response: Response): Date | undefined {
  const header = response.headers.get('retry-after');
  if (!header) return undefined;
  const seconds = Number(header);
  const at = Number.isFinite(seconds) ? new Date(Date.now() + seconds * 1000) : new Date(header);
  return Number.isNaN(at.getTime()) ? undefined : at;
}

async function toApiError(response: Response): Promise<ApiError> {
  const type = response.headers.get('content-type') ?? '';
  const retryAt = retryAtOf(response);
  if (type.includes('json')) {
    try {
      const problem = (await response.json()) as Partial<Problem>;
      return new ApiError(response.status, problem.code ?? 'unknown', problem.detail ?? response.statusText, problem, retryAt);
    } catch {
      // Fall through: a broken error body still becomes a typed error.
    }
  }
  return new ApiError(response.status, 'unknown', response.statusText, undefined, retryAt);
}

/** Every page of a list, for the few views that need the whole set (tree, pickers). */
export async function fetchAllPages<T>(path: string, query: Record<string, QueryValue> = {}): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: T[]; nextCursor: string | null } = await request(path, { query: { ...query, limit: 200, cursor } });
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}
