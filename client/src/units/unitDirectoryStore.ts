import type { Unit } from '@lagverk/shared';
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { ApiError } from '../api/client.ts';
import { listAllUnits } from './api.ts';

/**
 * Every unit of the organisation, for the tree and for pickers and names elsewhere.
 * A municipality has a few hundred units at most, so one shared copy is cheap; it is
 * fetched again after the user changes a unit.
 */
export const useUnitDirectoryStore = defineStore('unitDirectory', () => {
  const units = shallowRef<Unit[]>([]);
  const error = shallowRef<ApiError | null>(null);
  const fresh = ref(false);
  let pending: Promise<void> | null = null;

  const byId = computed(() => new Map(units.value.map((unit) => [unit.id, unit])));

  function ensureLoaded(): Promise<void> {
    if (fresh.value) return Promise.resolve();
    pending ??= listAllUnits()
      .then((all) => {
        units.value = all;
        error.value = null;
        fresh.value = true;
      })
      .catch((caught: unknown) => {
        error.value = caught instanceof ApiError ? caught : new ApiError(0, 'unknown', String(caught));
      })
      .finally(() => {
        pending = null;
      });
    return pending;
  }

  /** Call after a unit was created or changed, so the next reader fetches again. */
  function invalidate() {
    fresh.value = false;
  }

  return { units: computed(() => units.value), loaded: computed(() => fresh.value), byId, error: computed(() => error.value), ensureLoaded, invalidate };
});
