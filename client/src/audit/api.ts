import type { AuditPage, AuditQuery } from '@lagverk/shared';
import { request } from '../api/client.ts';

export const listAuditEvents = (query: AuditQuery) => request<AuditPage>('/audit-events', { query });
