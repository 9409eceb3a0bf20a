import type { ApiToken, ApiTokenCreate, ApiTokenCreated, ApiTokenList } from '@lagverk/shared';
import { request } from '../api/client.ts';

export const listTokens = () => request<ApiTokenList>('/tokens');
export const createToken = (body: ApiTokenCreate) => request<ApiTokenCreated>('/tokens', { method: 'POST', body });
export const revokeToken = (id: string) => request<ApiToken>(`/tokens/${encodeURIComponent(id)}/revoke`, { method: 'POST' });
