import { defineStore } from 'pinia';
import { ref } from 'vue';
import { ApiError } from '../api/client.ts';
import { listNotifications } from './api.ts';

// How many of the signed-in person's notifications are unread: the header's bell shows
// it. It is fetched when the bell appears, every two minutes while the tab is visible,
// and whenever the notifications page changes it.
export const useUnreadNotifications = defineStore('unreadNotifications', () => {
  const count = ref<number | null>(null);

  async function refresh() {
    try {
      count.value = (await listNotifications({ limit: 1, unread: true })).unreadCount;
    } catch (caught) {
      // The bell is not worth an error on every page; the notifications page shows it.
      if (!(caught instanceof ApiError)) throw caught;
    }
  }

  function set(next: number) {
    count.value = next;
  }

  return { count, refresh, set };
});
