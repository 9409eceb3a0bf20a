import type { Organisation } from '@lagverk/shared';
import { request } from '../api/client.ts';

export const getCurrentOrganisation = () => request<Organisation>('/organisations/current');
