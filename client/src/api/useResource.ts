import { ref, shallowRef, watch, type Ref } from 'vue';
import { ApiError } from './client.ts';

/** One resource loaded by id, loaded again when the id changes. */
export function useResource<T>(load: (id: string) => Promise<T>, id: () => string | null | undefined) {
  const data = shallowRef<T | null>(null) as Ref<T | null>;
  const error = shallowRef<ApiError | null>(null);
  const loading = ref(false);
  let generation = 0;

  async function reload() {
    const current = id();
    const mine = ++generation;
    if (!current) {
      data.value = null;
      return;
    }
    loading.value = true;
    try {
      const result = await load(current);
      if (mine !== generation) return;
      data.value = result;
      error.value = null;
    } catch (caught) {
      if (mine !== generation) return;
      data.value = null;
      error.value = caught instanceof ApiError ? caught : new ApiError(0, 'unknown', String(caught));
    } finally {
      if (mine === generation) loading.value = false;
    }
  }

  watch(id, reload, { immediate: true });
  return { data, error, loading, reload };
}
