import type { IdentityProvider, IdentityProviderCreate, IdentityProviderList, IdentityProviderPatch } from '@lagverk/shared';
import { request } from '../api/client.ts';

const path = (id: string) => `/identity-providers/${encodeURIComponent(id)}`;

export const listProviders = () => request<IdentityProviderList>('/identity-providers');
export const getProvider = (id: string) => request<IdentityProvider>(path(id));
export const createProvider = (body: IdentityProviderCreate) => request<IdentityProvider>('/identity-providers', { method: 'POST', body });
export const updateProvider = (id: string, version: number, body: IdentityProviderPatch) =>
  request<IdentityProvider>(path(id), { method: 'PATCH', body, ifMatch: version });
export const deleteProvider = (id: string, version: number) => request<void>(path(id), { method: 'DELETE', ifMatch: version });
