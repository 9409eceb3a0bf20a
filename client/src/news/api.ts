import type { NewsItem, NewsItemCreate, NewsItemPatch, NewsListQuery, NewsPage, NewsPublish, TeamShowcase } from '@lagverk/shared';
import { request } from '../api/client.ts';

const path = (id: string) => `/news/${encodeURIComponent(id)}`;

export const listNews = (query: NewsListQuery) => request<NewsPage>('/news', { query: { ...query } });
export const getNews = (id: string) => request<NewsItem>(path(id));
export const createNews = (body: NewsItemCreate) => request<NewsItem>('/news', { method: 'POST', body });
export const updateNews = (id: string, version: number, body: NewsItemPatch) => request<NewsItem>(path(id), { method: 'PATCH', body, ifMatch: version });
export const deleteNews = (item: NewsItem) => request<undefined>(path(item.id), { method: 'DELETE', ifMatch: item.version });
export const publishNews = (item: NewsItem, body: NewsPublish = {}) =>
  request<NewsItem>(`${path(item.id)}/publish`, { method: 'POST', body, ifMatch: item.version });
export const unpublishNews = (item: NewsItem) => request<NewsItem>(`${path(item.id)}/unpublish`, { method: 'POST', body: {}, ifMatch: item.version });

export const getShowcase = (limit: number) => request<TeamShowcase>('/team-showcase', { query: { limit } });
