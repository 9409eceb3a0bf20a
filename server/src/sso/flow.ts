import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { OidcCallbackQuery, OidcStartQuery, SsoError } from '@lagverk/shared';
import type { DB } from '../db/types.ts';
import type { SessionSettings } from '../config.ts';
import { formatSessionCookie, hashSecret, newSecret, parseSessionCookie, sameSecret } from '../auth/secrets.ts';
import { endPreviousSession, setSignedInCookie, startSession } from '../auth/sign-in.ts';
import { countAttempt } from '../auth/rate-limit.ts';
import { authorizationRequest, connect, redeemCode } from './oidc.ts';
import { matchAccount, neededClaim } from './match.ts';
import { findProvider, saveAttempt, takeAttempt } from './repository.ts';
import type { SsoSettings } from './service.ts';

// A sign-in through an identity provider, in two requests that any replica may serve:
// `start` stores what the callback must check (state, nonce, PKCE verifier, where to go
// afterwards) in PostgreSQL and sends the browser to the provider; `finish` takes that row
// out (it works once), lets openid-client check the answer and the ID token, finds the
// account and starts a session the way a password sign-in does. Every way it can fail
// ends on the sign-in page with an error code, never on an error page; the log says why.

export const callbackPath = '/api/v1/auth/oidc/callback';
const attemptMinutes = 10;

export interface FlowContext {
  db: Kysely<DB>;
  session: SessionSettings;
  sso: SsoSettings;
}

/** Where the provider sends the browser back to: PUBLIC_URL, or the origin this request came to. */
export function redirectUri(request: FastifyRequest, sso: SsoSettings): string {
  return `${sso.publicUrl ?? `${request.protocol}://${request.host}`}${callbackPath}`;
}

/**
 * A path on this site, or `/`. Refuses what a browser would take to another site:
 * `//host`, `/\host`, and control characters or spaces (browsers drop tabs and newlines,
 * so `/\t/host` would become `//host`). The sign-in page itself would only loop.
 */
export function safeReturnPath(value: string | undefined): string {
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  if (!value || !/^\/(?![/\\])[^\x00-\x20\x7f]*$/.test(value)) return '/';
  if (value === '/sign-in' || value.startsWith('/sign-in?') || value.startsWith('/sign-in/')) return '/';
  return value;
}

/** The sign-in page with the reason, keeping where the user was going. */
function signInPage(error: SsoError, returnTo = '/') {
  const query = new URLSearchParams({ error });
  if (returnTo !== '/') query.set('redirect', returnTo);
  return `/sign-in?${query}`;
}

// The state carries the organisation in clear, shaped like a session cookie, so the
// callback (one URL for every organisation) finds the attempt by its full key.
const formatState = formatSessionCookie;
const parseState = parseSessionCookie;

// A random value in a cookie of the browser that started the sign-in; its hash is kept
// with the attempt. A callback URL opened in another browser (someone luring a victim
// into finishing the attacker's sign-in) then fails. Sent on the provider's redirect back
// because SameSite=Lax cookies travel with top-level GET navigations.
const bindingCookieName = (settings: SessionSettings) => (settings.secureCookies ? '__Host-lagverk-sso' : 'lagverk_sso');
const bindingValue = /^[A-Za-z0-9_-]{43}$/;

function browserBinding(request: FastifyRequest, reply: FastifyReply, settings: SessionSettings): string {
  const given = request.cookies[bindingCookieName(settings)];
  // Kept when present, so sign-ins started in two tabs both finish.
  const value = given && bindingValue.test(given) ? given : newSecret();
  reply.setCookie(bindingCookieName(settings), value, {
    path: '/', httpOnly: true, sameSite: 'lax', secure: settings.secureCookies, maxAge: attemptMinutes * 60,
  });
  return value;
}

const startsPerAddress = { max: 60, windowSeconds: 15 * 60 };

/** Starts a sign-in: the provider's authorization URL, or the sign-in page with an error. */
export async function startSignIn(context: FlowContext, request: FastifyRequest, reply: FastifyReply, providerId: string, query: OidcStartQuery): Promise<string> {
  const { db, sso } = context;
  const returnTo = safeReturnPath(query.returnTo);
  const log = request.log.child({ organisationId: query.organisationId, providerId, event: 'oidc-start-failed' });
  const provider = await findProvider(db, query.organisationId, providerId);
  if (!provider?.active) {
    log.info('single sign-on refused: no such active identity provider');
    return signInPage('sso-failed', returnTo);
  }
  // Each start stores an attempt: an address may start a few dozen in a quarter of an hour.
  if (await countAttempt(db, query.organisationId, [{ key: `sso-start:${request.ip}`, ...startsPerAddress }]) > 0) {
    log.warn('single sign-on refused: too many starts from this address');
    return signInPage('sso-failed', returnTo);
  }
  let authorization;
  const state = formatState(query.organisationId, newSecret());
  try {
    authorization = await authorizationRequest(await connect(provider, sso.secretsKey), redirectUri(request, sso), provider.scopes, state);
  } catch (error) {
    log.warn({ reason: reasonOf(error) }, 'single sign-on could not start: the identity provider is unavailable or misconfigured');
    return signInPage('sso-failed', returnTo);
  }
  await saveAttempt(db, {
    organisationId: query.organisationId,
    state: parseState(state)!.secret,
    providerId,
    nonce: authorization.nonce,
    codeVerifier: authorization.codeVerifier,
    browserHash: hashSecret(browserBinding(request, reply, context.session)),
    returnTo,
    lifetimeMinutes: attemptMinutes,
  });
  return authorization.url.href;
}

/** Finishes a sign-in: where to send the browser, with the session cookie set when it worked. */
export async function finishSignIn(context: FlowContext, request: FastifyRequest, reply: FastifyReply, query: OidcCallbackQuery): Promise<string> {
  const { db, sso, session } = context;
  const parsed = parseState(query.state);
  const log = request.log.child({ organisationId: parsed?.organisationId, event: 'oidc-sign-in-failed' });
  if (!parsed) {
    log.info('single sign-on refused: no valid state');
    return signInPage('sso-failed');
  }
  const attempt = await takeAttempt(db, parsed.organisationId, parsed.secret);
  if (!attempt?.fresh) {
    log.info({ known: attempt !== undefined }, 'single sign-on refused: the state is unknown, used or expired');
    return signInPage('sso-failed');
  }
  const returnTo = attempt.return_to;
  const binding = request.cookies[bindingCookieName(session)];
  if (!binding || !sameSecret(hashSecret(binding), attempt.browser_hash)) {
    log.warn({ providerId: attempt.provider_id }, 'single sign-on refused: the callback came to another browser than the one that started it');
    return signInPage('sso-failed', returnTo);
  }
  if (query.error !== undefined) {
    // The provider's own refusal (the user cancelled, or is not allowed to use the app).
    log.info({ providerId: attempt.provider_id, providerError: query.error.slice(0, 100) }, 'single sign-on refused by the identity provider');
    return signInPage('sso-failed', returnTo);
  }
  const provider = await findProvider(db, parsed.organisationId, attempt.provider_id);
  if (!provider?.active) {
    log.info({ providerId: attempt.provider_id }, 'single sign-on refused: the identity provider was removed or deactivated meanwhile');
    return signInPage('sso-failed', returnTo);
  }

  let claims: Record<string, unknown>;
  try {
    const config = await connect(provider, sso.secretsKey);
    const currentUrl = new URL(redirectUri(request, sso));
    const queryStart = request.url.indexOf('?');
    currentUrl.search = queryStart < 0 ? '' : request.url.slice(queryStart);
    claims = await redeemCode(config, currentUrl, { state: query.state!, nonce: attempt.nonce, codeVerifier: attempt.code_verifier }, neededClaim(provider));
  } catch (error) {
    log.warn({ providerId: provider.id, reason: reasonOf(error) }, 'single sign-on failed: the answer or the ID token did not pass the checks');
    return signInPage('sso-failed', returnTo);
  }

  const match = await matchAccount(db, parsed.organisationId, provider, claims);
  if ('refused' in match) {
    // The provider's subject id lets an administrator find who tried; no token is logged.
    log.info({ providerId: provider.id, reason: match.refused, matchBy: provider.match_by, subject: claims.sub }, 'single sign-on: no active account for this identity');
    return signInPage('sso-no-account', returnTo);
  }
  const signedIn = await startSession(db, session, parsed.organisationId, match.account, {
    ipAddress: request.ip, userAgent: request.headers['user-agent'] ?? null, requestId: request.id,
  }, request.log, 'oidc');
  await endPreviousSession(db, session, request);
  setSignedInCookie(reply, session, signedIn);
  return returnTo;
}

/** What went wrong, for the log: openid-client's message and code, never a token. */
function reasonOf(error: unknown): Record<string, unknown> | string {
  if (!(error instanceof Error)) return String(error);
  const { code, error: oauthError, error_description: description } = error as Error & { code?: unknown; error?: unknown; error_description?: unknown };
  return { message: error.message, code, error: oauthError, description };
}
