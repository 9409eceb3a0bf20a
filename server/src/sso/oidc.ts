import * as oidc from 'openid-client';
import { openSecret } from './secret-box.ts';

// The one place that talks to identity providers, through openid-client (which checks the
// issuer, the state, PKCE, the nonce and the ID token's signature and claims).

/** What connecting to a provider needs from its row. */
export interface ProviderConnection {
  organisation_id: string;
  id: string;
  version: number;
  issuer: string;
  client_id: string;
  client_secret: string | null;
}

const timeoutSeconds = 10;
const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

// In production not even loopback: an administrator could otherwise point the server at
// a service on its own machine.
const inProduction = () => process.env.NODE_ENV === 'production';

/**
 * Why an issuer URL cannot be used, or null. Plain HTTP is refused (tokens would cross
 * the network in clear) except on this machine's loopback, where tests run a provider.
 */
export function issuerProblem(issuer: string): string | null {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    return 'is not a URL';
  }
  if (url.search || url.hash) return 'must not have a query or fragment';
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && loopbackHosts.has(url.hostname) && !inProduction()) return null;
  return 'must use https (plain http only for localhost or 127.0.0.1, and not in production)';
}

const discoveryOptions = (url: URL): oidc.DiscoveryRequestOptions => ({
  timeout: timeoutSeconds,
  // Only ever for a loopback issuer: issuerProblem refuses plain HTTP anywhere else.
  execute: url.protocol === 'http:' && issuerProblem(url.href) === null ? [oidc.allowInsecureRequests] : [],
});

/** Reads the issuer's metadata; throws when it cannot be read or names another issuer. */
export async function discoverIssuer(issuer: string, clientId: string): Promise<void> {
  const url = new URL(issuer);
  await oidc.discovery(url, clientId, undefined, oidc.None(), discoveryOptions(url));
}

// Discovered configurations are kept a while, keyed by the row's version, so a sign-in
// does not read the provider's metadata twice and an edit takes effect at once. This is a
// cache: a replica without it discovers again.
const cacheMinutes = 10;
const cacheLimit = 200;
const cache = new Map<string, { config: oidc.Configuration; until: number }>();

export async function connect(provider: ProviderConnection, secretsKey: Buffer | undefined): Promise<oidc.Configuration> {
  const key = `${provider.organisation_id}/${provider.id}/${provider.version}`;
  const cached = cache.get(key);
  if (cached && cached.until > Date.now()) return cached.config;

  const url = new URL(provider.issuer);
  const options = discoveryOptions(url);
  const discovered = await oidc.discovery(url, provider.client_id, undefined, oidc.None(), options);
  const metadata = discovered.serverMetadata();
  const secret = provider.client_secret === null ? null : openSecret(provider.client_secret, secretsKey, secretBinding(provider));
  const config = new oidc.Configuration(metadata, provider.client_id, secret ?? undefined, secret === null ? oidc.None() : clientAuthentication(metadata, secret));
  for (const apply of options.execute ?? []) apply(config);
  config.timeout = timeoutSeconds;

  if (cache.size >= cacheLimit) cache.delete(cache.keys().next().value!);
  cache.set(key, { config, until: Date.now() + cacheMinutes * 60_000 });
  return config;
}

/** What a sealed client secret is bound to: its row. */
export const secretBinding = (provider: { organisation_id: string; id: string }) => `identity_providers/${provider.organisation_id}/${provider.id}`;

/**
 * HTTP Basic unless the provider offers only client_secret_post: Basic is the default
 * OpenID Connect names, and what Feide and most providers register a client with.
 */
function clientAuthentication(metadata: oidc.ServerMetadata, secret: string): oidc.ClientAuth {
  const supported = metadata.token_endpoint_auth_methods_supported ?? ['client_secret_basic'];
  return !supported.includes('client_secret_basic') && supported.includes('client_secret_post')
    ? oidc.ClientSecretPost(secret)
    : oidc.ClientSecretBasic(secret);
}

export interface AuthorizationRequest {
  url: URL;
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** Where to send the browser: authorization code flow with PKCE (S256), state and nonce. */
export async function authorizationRequest(config: oidc.Configuration, redirectUri: string, scopes: string, state: string): Promise<AuthorizationRequest> {
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const nonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: scopes,
    response_type: 'code',
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  return { url, state, nonce, codeVerifier };
}

/**
 * Checks the provider's answer and redeems the code: the claims of the verified ID token,
 * with the UserInfo endpoint's claims for any the ID token leaves out (Feide and others
 * put email there).
 */
export async function redeemCode(
  config: oidc.Configuration, callbackUrl: URL, checks: { state: string; nonce: string; codeVerifier: string }, needed: string,
): Promise<Record<string, unknown>> {
  const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
    expectedState: checks.state,
    expectedNonce: checks.nonce,
    pkceCodeVerifier: checks.codeVerifier,
    idTokenExpected: true,
  });
  const claims = tokens.claims();
  if (!claims) throw new Error('the provider returned no ID token');
  if (claims[needed] !== undefined || !config.serverMetadata().userinfo_endpoint) return claims;
  const userInfo = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
  // The ID token's own claims win: they are signed, UserInfo is only fetched over TLS.
  return { ...userInfo, ...claims };
}
