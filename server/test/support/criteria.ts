import type { CriteriaSet, CriteriaSetCreate } from '@lagverk/shared';
import type { App } from '../../src/app.ts';
import { as, unique } from './factories.ts';

// Requests the criteria-set tests make over and over, acting as one organisation.

const ifMatch = (version: number | null): Record<string, string> => (version === null ? {} : { 'if-match': `"${version}"` });

export function criteriaRequests(getApp: () => App) {
  const url = (id?: string, action?: string) => `/api/v1/criteria-sets${id ? `/${id}` : ''}${action ? `/${action}` : ''}`;
  return {
    post: (org: string, payload: object, headers: Record<string, string> = {}) =>
      getApp().inject({ method: 'POST', url: url(), headers: as(org, headers), payload }),
    get: (org: string, id: string) => getApp().inject({ method: 'GET', url: url(id), headers: as(org) }),
    list: (org: string, query = '') => getApp().inject({ method: 'GET', url: `${url()}?${query}`, headers: as(org) }),
    patch: (org: string, id: string, version: number | null, payload: object) =>
      getApp().inject({ method: 'PATCH', url: url(id), headers: as(org, ifMatch(version)), payload }),
    remove: (org: string, id: string, version: number | null) =>
      getApp().inject({ method: 'DELETE', url: url(id), headers: as(org, ifMatch(version)) }),
    publish: (org: string, id: string, version: number | null = null) =>
      getApp().inject({ method: 'POST', url: url(id, 'publish'), headers: as(org, ifMatch(version)) }),
    revise: (org: string, id: string) => getApp().inject({ method: 'POST', url: url(id, 'revise'), headers: as(org) }),
  };
}

/** A draft with two criteria (a yes/no and a number), made through the API. */
export async function createDraft(app: App, organisationId: string, overrides: Partial<CriteriaSetCreate> = {}): Promise<CriteriaSet> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/criteria-sets',
    headers: as(organisationId),
    payload: {
      kind: 'establishment',
      name: `Kriterier ${unique()}`,
      criteria: [
        { title: 'Oppgaven krever flere fagområder', answerType: 'yesNo', required: true, weight: 30 },
        { title: 'Tid satt av', answerType: 'number', unit: 'timer per måned', weight: 10 },
      ],
      ...overrides,
    },
  });
  if (res.statusCode !== 201) throw new Error(`createDraft failed with ${res.statusCode}: ${res.body}`);
  return res.json<CriteriaSet>();
}

/** A published set (version 1 of its series), made through the API. */
export async function createPublished(app: App, organisationId: string, overrides: Partial<CriteriaSetCreate> = {}): Promise<CriteriaSet> {
  const draft = await createDraft(app, organisationId, overrides);
  const res = await app.inject({ method: 'POST', url: `/api/v1/criteria-sets/${draft.id}/publish`, headers: as(organisationId) });
  if (res.statusCode !== 200) throw new Error(`publish failed with ${res.statusCode}: ${res.body}`);
  return res.json<CriteriaSet>();
}
