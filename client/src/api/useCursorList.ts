import { computed, ref, shallowRef, watch } from 'vue';
import { ApiError } from './client.ts';

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * A list that grows page by page ("Show more") through the API's cursors, and starts
 * again when its query changes. Answers to an older query are dropped.
 */
export function useCursorList<T, Q extends object>(fetchPage: (query: Q & { cursor?: string }) => Promise<Page<T>>, query: () => Q) {
  const items = shallowRef<T[]>([]);
  const nextCursor = ref<string | null>(null);
  const loading = ref(false);
  const error = shallowRef<ApiError | null>(null);
  let generation = 0;

  async function load(reset: boolean) {
    const mine = ++generation;
    loading.value = true;
    error.value = null;
    try {
      const cursor = reset ? undefined : (nextCursor.value ?? undefined);
      const page = await fetchPage(cursor ? { ...query(), cursor } : query());
      if (mine !== generation) return;
      items.value = reset ? page.items : [...items.value, ...page.items];
      nextCursor.value = page.nextCursor;
    } catch (caught) {
      if (mine !== generation) return;
      error.value = caught instanceof ApiError ? caught : new ApiError(0, 'unknown', String(caught));
    } finally {
      if (mine === generation) loading.value = false;
    }
  }

  watch(query, () => load(true), { immediate: true, deep: true });

  return {
    items,
    loading,
    error,
    hasMore: computed(() => nextCursor.value !== null),
    loadMore: () => load(false),
    reload: () => load(true),
  };
}
