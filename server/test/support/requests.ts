import { expect } from 'vitest';
import type { App } from '../../src/app.ts';
import { as } from './factories.ts';

// The requests the unit and people tests make over and over, acting as one organisation.

type Resource = 'units' | 'people';

const ifMatch = (version: number | null): Record<string, string> => (version === null ? {} : { 'if-match': `"${version}"` });

/** `app` is read on each call, so the helpers can be made before the app exists. */
export function resourceRequests<Row>(getApp: () => App, resource: Resource) {
  return {
    post: (org: string, payload: object) =>
      getApp().inject({ method: 'POST', url: `/api/v1/${resource}`, headers: as(org), payload }),
    patch: (org: string, id: string, version: number | null, payload: object) =>
      getApp().inject({ method: 'PATCH', url: `/api/v1/${resource}/${id}`, headers: as(org, ifMatch(version)), payload }),
    remove: (org: string, id: string, version: number | null) =>
      getApp().inject({ method: 'DELETE', url: `/api/v1/${resource}/${id}`, headers: as(org, ifMatch(version)) }),
    action: (org: string, id: string, name: 'deactivate' | 'reactivate', headers: Record<string, string> = {}) =>
      getApp().inject({ method: 'POST', url: `/api/v1/${resource}/${id}/${name}`, headers: as(org, headers) }),
    upsert: (org: string, externalId: string, payload: object, headers: Record<string, string> = {}) =>
      getApp().inject({
        method: 'PUT',
        url: `/api/v1/${resource}/by-external-id/${encodeURIComponent(externalId)}`,
        headers: as(org, headers),
        payload,
      }),
    /** A page of the list; the request must succeed. */
    async list(org: string, query: string) {
      const res = await getApp().inject({ method: 'GET', url: `/api/v1/${resource}?${query}`, headers: as(org) });
      expect(res.statusCode, res.body).toBe(200);
      return res.json<{ items: Row[]; nextCursor: string | null }>();
    },
  };
}
