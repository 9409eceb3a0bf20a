import { shallowRef } from 'vue';
import { ApiError } from '../api/client.ts';

/**
 * What a "really delete?" dialog is asking about, and where focus goes back to when it
 * closes without deleting: the button that opened it.
 */
export function useDeleteDialog<T>() {
  const deleting = shallowRef<T | null>(null);
  const busy = shallowRef(false);
  let opener: HTMLElement | null = null;

  function ask(item: T, from: HTMLElement) {
    opener = from;
    deleting.value = item;
  }

  function close() {
    deleting.value = null;
    opener?.focus();
  }

  /**
   * Deletes what the dialog asks about with `remove`; true when it is gone. On a refusal
   * the dialog closes, focus goes back to the opener and `onError` shows why.
   */
  async function confirm(remove: (item: T) => Promise<unknown>, onError: (error: ApiError) => void): Promise<boolean> {
    const item = deleting.value;
    if (item === null) return false;
    busy.value = true;
    try {
      await remove(item);
      deleting.value = null;
      return true;
    } catch (caught) {
      if (!(caught instanceof ApiError)) throw caught;
      onError(caught);
      close();
      return false;
    } finally {
      busy.value = false;
    }
  }

  return { deleting, busy, ask, close, confirm };
}
