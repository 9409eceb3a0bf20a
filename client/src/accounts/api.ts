import type { Account, AccountCreate, AccountListQuery, AccountPage, AccountPatch, PasswordSet } from '@lagverk/shared';
import { fetchAllPages, request } from '../api/client.ts';

const path = (id: string) => `/accounts/${encodeURIComponent(id)}`;

export const listAccounts = (query: AccountListQuery) => request<AccountPage>('/accounts', { query });
export const listAllAccounts = () => fetchAllPages<Account>('/accounts');
export const getAccount = (id: string) => request<Account>(path(id));
export const createAccount = (body: AccountCreate) => request<Account>('/accounts', { method: 'POST', body });
export const updateAccount = (id: string, version: number, body: AccountPatch) =>
  request<Account>(path(id), { method: 'PATCH', body, ifMatch: version });
export const setAccountPassword = (id: string, body: PasswordSet) => request<void>(`${path(id)}/password`, { method: 'POST', body });
