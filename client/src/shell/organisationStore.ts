import type { Organisation } from '@lagverk/shared';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { ApiError } from '../api/client.ts';
import { getCurrentOrganisation } from './api.ts';

/** The organisation (municipality) the user works in; its name and written standard. */
export const useOrganisationStore = defineStore('organisation', () => {
  const organisation = ref<Organisation | null>(null);
  const loadError = ref<ApiError | null>(null);

  async function load() {
    try {
      organisation.value = await getCurrentOrganisation();
      loadError.value = null;
    } catch (error) {
      loadError.value = error instanceof ApiError ? error : new ApiError(0, 'unknown', String(error));
    }
  }

  return {
    organisation: computed(() => organisation.value),
    loadError: computed(() => loadError.value),
    load,
  };
});
