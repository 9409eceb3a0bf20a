// oidc-provider ships no types; ours are referenced here so the client's browser test,
// which imports this file, sees them too.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./oidc-provider-module.d.ts" />
import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

// A real OpenID Connect provider (oidc-provider, the certified implementation) on a free
// loopback port, so single sign-on is tested against the protocol itself: discovery,
// authorization code with PKCE, signed ID tokens, UserInfo. Its users are the claims a
// test puts in `users`; anyone signs in with any password through its login form.

export interface TestIdentityProvider {
  issuer: string;
  /** Users by login name (their `sub`): the claims the provider vouches for. */
  users: Map<string, Record<string, unknown>>;
  close(): Promise<void>;
}

export const confidentialClient = { clientId: 'lagverk', clientSecret: 'lagverk-test-hemmelegheit' };
export const publicClient = { clientId: 'lagverk-public' };

export async function startIdentityProvider(redirectUri: string): Promise<TestIdentityProvider> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const users = new Map<string, Record<string, unknown>>();
  const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: confidentialClient.clientId, client_secret: confidentialClient.clientSecret,
        redirect_uris: [redirectUri], grant_types: ['authorization_code'], response_types: ['code'],
      },
      {
        client_id: publicClient.clientId, token_endpoint_auth_method: 'none',
        redirect_uris: [redirectUri], grant_types: ['authorization_code'], response_types: ['code'],
      },
    ],
    jwks: { keys: [{ ...signingKey, kid: 'test-signing-key', use: 'sig', alg: 'RS256' }] },
    cookies: { keys: ['test-provider-cookie-key'] },
    ttl: { Interaction: 600, Session: 600, Grant: 600, AccessToken: 600, IdToken: 600 },
    // employeeId stands for the HR key a municipality's directory sends (Entra ID: employeeId).
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'employeeId'] },
    findAccount: (_ctx, id) => {
      const claims = users.get(id);
      return claims ? { accountId: id, claims: () => ({ sub: id, ...claims }) } : undefined;
    },
  });
  // The provider reports refused requests as events; the tests look at what reaches Lagverk.
  provider.on('server_error', (error) => console.error('oidc-provider server_error', error));
  server.on('request', provider.callback());
  return {
    issuer,
    users,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

/** Cookies as a browser keeps them for one site: name → value, from Set-Cookie headers. */
export class CookieJar {
  readonly cookies = new Map<string, string>();

  take(setCookie: string | string[] | undefined | null) {
    for (const line of [setCookie ?? []].flat()) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      const name = pair!.slice(0, at).trim();
      const value = pair!.slice(at + 1).trim();
      // An expired or emptied cookie is how a server removes it.
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line) || /max-age=0\b/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

/**
 * Signs `login` in at the provider as a person would: follows its redirects, fills in the
 * login form and approves the consent form, until it sends the browser back to
 * `redirectUri`. Returns that callback URL (with code and state).
 */
export async function signInAtProvider(authorizationUrl: string, login: string, redirectUri: string): Promise<URL> {
  const jar = new CookieJar();
  let url = authorizationUrl;
  let form: URLSearchParams | null = null;
  for (let step = 0; step < 12; step++) {
    if (url.startsWith(redirectUri)) return new URL(url);
    const res: Response = await fetch(url, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: { cookie: jar.header(), ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      body: form?.toString() ?? null,
    });
    jar.take(res.headers.getSetCookie());
    form = null;
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      url = new URL(location, url).href;
      continue;
    }
    const page: string = await res.text();
    const action: string | undefined = /<form[^>]*action="([^"]+)"/.exec(page)?.[1];
    const prompt: string | undefined = /name="prompt" value="(\w+)"/.exec(page)?.[1];
    if (res.status !== 200 || !action || !prompt) throw new Error(`the provider answered ${res.status} without a form: ${page.slice(0, 500)}`);
    url = new URL(action, url).href;
    form = new URLSearchParams(prompt === 'login' ? { prompt, login, password: 'any' } : { prompt });
  }
  throw new Error('the provider never sent the browser back');
}
