import type { Person, PersonCreate, PersonListQuery, PersonPage, PersonPatch, ProfessionList } from '@lagverk/shared';
import { fetchAllPages, request } from '../api/client.ts';

const path = (id: string) => `/people/${encodeURIComponent(id)}`;

export const listPeople = (query: PersonListQuery) => request<PersonPage>('/people', { query });
export const listAllPeople = (query: PersonListQuery = {}) => fetchAllPages<Person>('/people', { ...query });
export const getPerson = (id: string) => request<Person>(path(id));
export const createPerson = (body: PersonCreate) => request<Person>('/people', { method: 'POST', body });
export const updatePerson = (id: string, version: number, body: PersonPatch) =>
  request<Person>(path(id), { method: 'PATCH', body, ifMatch: version });
export const setPersonActive = (id: string, version: number, active: boolean) =>
  request<Person>(`${path(id)}/${active ? 'reactivate' : 'deactivate'}`, { method: 'POST', ifMatch: version });
export const listProfessions = () => request<ProfessionList>('/professions');
