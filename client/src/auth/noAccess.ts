import { shallowRef } from 'vue';
import type { ApiError } from '../api/client.ts';

/**
 * Set when the page's data was refused (403 on a read): the page then shows the no-access
 * view instead of half its content. Cleared on every navigation.
 */
export const readRefused = shallowRef<ApiError | null>(null);
