import type { Dashboard, DashboardQuery, ManagementReview, ManagementReviewQuery, PublicDashboard, PublicDashboardSettings, PublicDashboardSettingsPut } from '@lagverk/shared';
import { queryString, request } from '../api/client.ts';

export const getDashboard = (query: DashboardQuery) => request<Dashboard>('/dashboard', { query: { ...query } });

export const getManagementReview = (query: ManagementReviewQuery) => request<ManagementReview>('/reports/management-review', { query: { ...query } });

/** Where the browser downloads the report (the session cookie goes with a plain link). */
export const managementReviewUrl = (format: 'json' | 'pdf', query: ManagementReviewQuery) =>
  `/api/v1/reports/management-review${format === 'pdf' ? '.pdf' : ''}${queryString({ ...query })}`;

export const getPublicDashboardSettings = () => request<PublicDashboardSettings>('/public-dashboard');
export const putPublicDashboardSettings = (current: PublicDashboardSettings, body: PublicDashboardSettingsPut) =>
  request<PublicDashboardSettings>('/public-dashboard', { method: 'PUT', body, ifMatch: current.version });

/** The public page: no session needed, and none is used. */
export const getPublicDashboard = (orgNumber: string) =>
  request<PublicDashboard>(`/public/organisations/${encodeURIComponent(orgNumber)}/dashboard`, { redirectWhenSignedOut: false });
