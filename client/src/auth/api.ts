import type { CurrentSession, PasswordChange, SessionList, SignIn, SignInOrganisationList, SignInProviderList } from '@lagverk/shared';
import { queryString, request } from '../api/client.ts';

// Whether someone is signed in is the answer these calls are asked for, so their 401 does
// not send the user to the sign-in page (see `redirectWhenSignedOut`).
const quiet = { redirectWhenSignedOut: false } as const;

export const getSession = () => request<CurrentSession>('/auth/session', quiet);
export const signIn = (body: SignIn) => request<CurrentSession>('/auth/session', { ...quiet, method: 'POST', body });
export const signOut = () => request<void>('/auth/session', { ...quiet, method: 'DELETE' });
export const listSignInOrganisations = () => request<SignInOrganisationList>('/auth/organisations', quiet);
export const listSignInProviders = (organisationId: string) => request<SignInProviderList>('/auth/providers', { ...quiet, query: { organisationId } });

/** Single sign-on is a page load, not a call: the browser goes to the provider and back. */
export const singleSignOnHref = (providerId: string, organisationId: string, returnTo: string) =>
  `/api/v1/auth/oidc/${encodeURIComponent(providerId)}/start${queryString({ organisationId, returnTo: returnTo === '/' ? undefined : returnTo })}`;

export const listSessions = () => request<SessionList>('/auth/sessions');
export const endSession = (id: string) => request<void>(`/auth/sessions/${encodeURIComponent(id)}`, { method: 'DELETE' });
export const changePassword = (body: PasswordChange) => request<void>('/auth/password', { method: 'POST', body });
