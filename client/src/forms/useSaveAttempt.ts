import { ref, shallowRef } from 'vue';
import { ApiError } from '../api/client.ts';
import type { FieldErrors } from './fieldErrors.ts';

/**
 * The part every editor shares: one save at a time, errors reset before each try, the
 * form checked first, a stale version (412) turned into a conflict to resolve, and any
 * other refusal shown next to its fields. The editor supplies only what saving means.
 */
export function useSaveAttempt(toFieldErrors: (error: ApiError) => FieldErrors) {
  const saving = ref(false);
  const attempts = ref(0);
  const serverErrors = ref<FieldErrors>({});
  const problem = shallowRef<ApiError | null>(null);
  const conflict = ref(false);
  const mergedLatest = ref(false);

  async function attempt<T>(validate: () => boolean, save: () => Promise<T>): Promise<T | null> {
    if (saving.value) return null;
    attempts.value += 1;
    problem.value = null;
    serverErrors.value = {};
    if (!validate()) return null;
    saving.value = true;
    try {
      return await save();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.isStale) {
        conflict.value = true;
        mergedLatest.value = false;
      } else {
        serverErrors.value = toFieldErrors(error);
        problem.value = error;
      }
      return null;
    } finally {
      saving.value = false;
    }
  }

  return { saving, attempts, serverErrors, problem, conflict, mergedLatest, attempt };
}
