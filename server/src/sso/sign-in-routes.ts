import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import { OidcCallbackQuery, OidcStartQuery, ProviderIdParams, SignInProviderList, SignInProvidersQuery } from '@lagverk/shared';
import type { DB } from '../db/types.ts';
import type { SessionSettings } from '../config.ts';
import { json, problemResponses } from '../http/responses.ts';
import { finishSignIn, startSignIn, type FlowContext } from './flow.ts';
import { listProviders } from './repository.ts';
import type { SsoSettings } from './service.ts';

// The public half of single sign-on: what the sign-in page offers, and the two browser
// redirects of the authorization code flow. Both redirects answer 302 whatever happens,
// since a person, not a program, follows them.

const tags = ['Sign-in and sessions'];

const redirect = (description: string) => ({
  description,
  type: 'null',
  headers: { location: { type: 'string', maxLength: 4000, description: 'Where the browser goes next.' } },
});

export const singleSignOnRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<DB>; settings: SessionSettings; sso: SsoSettings }> = async (app, { db, settings, sso }) => {
  const context: FlowContext = { db, session: settings, sso };

  app.get('/auth/providers', {
    config: { permission: 'public' },
    schema: {
      operationId: 'listSignInProviders', tags, summary: 'Single sign-on choices',
      description: 'The active identity providers of an organisation, by name, for the sign-in page\'s "Sign in with …" buttons. Nothing else about them is shown. An unknown organisation has none.',
      security: [],
      querystring: SignInProvidersQuery,
      response: { 200: json(SignInProviderList, 'The providers to offer.'), ...problemResponses() },
    },
  }, async (request) => {
    const rows = await listProviders(db, request.query.organisationId, { activeOnly: true });
    return { items: rows.map((row) => ({ id: row.id, name: row.name })) };
  });

  app.get('/auth/oidc/:providerId/start', {
    config: { permission: 'public' },
    schema: {
      operationId: 'startSingleSignOn', tags, summary: 'Sign in with an identity provider',
      description: 'For the browser, not for programs: redirects to the identity provider (authorization code flow with PKCE, state and nonce; the sign-in in progress is kept for 10 minutes). `returnTo` is where to land afterwards, a path on this site; anything else means `/`. An unknown or inactive provider, or one that cannot be reached, redirects to `/sign-in?error=sso-failed`.',
      security: [],
      params: ProviderIdParams,
      querystring: OidcStartQuery,
      // 404: a provider id such as `..` makes another path, which no route serves.
      response: { 302: redirect('To the identity provider, or back to the sign-in page with `error`.'), ...problemResponses(404) },
    },
  }, async (request, reply) => {
    const location = await startSignIn(context, request, reply, request.params.providerId, request.query);
    return reply.header('cache-control', 'no-store').redirect(location, 302);
  });

  app.get('/auth/oidc/callback', {
    config: { permission: 'public' },
    schema: {
      operationId: 'finishSingleSignOn', tags, summary: 'Return from an identity provider',
      description: 'The redirect URI to register at identity providers: `<PUBLIC_URL>/api/v1/auth/oidc/callback`. Checks the answer (state, once only and in the browser that started; PKCE; the ID token\'s signature, issuer, audience and nonce), finds the account by email or by `externalId` as the provider is configured, starts a session (cookie, audit event `signIn`) and redirects to where the sign-in started. Otherwise it redirects to `/sign-in?error=sso-no-account` (no active account for that identity) or `/sign-in?error=sso-failed` (anything else); the server log says why. Unknown parameters are accepted here: providers add their own.',
      security: [],
      querystring: OidcCallbackQuery,
      response: { 302: redirect('Into Lagverk, signed in; or back to the sign-in page with `error`.'), ...problemResponses() },
    },
  }, async (request, reply) => {
    const location = await finishSignIn(context, request, reply, request.query);
    return reply.header('cache-control', 'no-store').redirect(location, 302);
  });
};
