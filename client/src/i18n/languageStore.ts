import { defineStore, storeToRefs } from 'pinia';
import { computed, ref, watch } from 'vue';
import { useSessionStore } from '../auth/sessionStore.ts';
import { i18n, isLocale, type Locale } from './index.ts';

const storageKey = 'lagverk.language';

function readChoice(): Locale | null {
  try {
    const stored = localStorage.getItem(storageKey);
    return isLocale(stored) ? stored : null;
  } catch {
    return null; // Storage can be blocked; the organisation's default still applies.
  }
}

/**
 * The interface language: what the user chose on this device, otherwise the written
 * standard the organisation uses (bokmål or nynorsk), otherwise bokmål.
 */
export const useLanguageStore = defineStore('language', () => {
  const { session } = storeToRefs(useSessionStore());
  const chosen = ref<Locale | null>(readChoice());
  const locale = computed<Locale>(() => chosen.value ?? session.value?.organisation.writtenStandard ?? 'nb');

  function choose(next: Locale) {
    chosen.value = next;
    try {
      localStorage.setItem(storageKey, next);
    } catch {
      // Not remembered across visits, but still used now.
    }
  }

  watch(
    locale,
    (next) => {
      i18n.global.locale.value = next;
      document.documentElement.lang = next;
    },
    { immediate: true },
  );

  return { locale: computed(() => locale.value), chosen: computed(() => chosen.value), choose };
});
