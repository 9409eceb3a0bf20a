import type { LocationQueryValue, RouteLocationRaw } from 'vue-router';

/** Why the sign-in page is shown, when there is something to say about it. */
export type SignInReason = 'signed-out' | 'session-ended';

/** The sign-in page, coming back to `path` afterwards. */
export function signInLocation(path: string, reason?: SignInReason): RouteLocationRaw {
  const query: Record<string, string> = {};
  if (path !== '/' && !path.startsWith('/sign-in')) query.redirect = path;
  if (reason) query.reason = reason;
  return { name: 'sign-in', query };
}

/**
 * Where to go after signing in. Only a path inside the app: a link to the sign-in page
 * must not be able to send the user on to another site ("//evil.example" or "/\\evil").
 */
export function redirectTarget(value: LocationQueryValue | LocationQueryValue[] | undefined): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  if (value.startsWith('/sign-in')) return '/';
  return value;
}
