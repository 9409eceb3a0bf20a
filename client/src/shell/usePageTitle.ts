import { watchEffect } from 'vue';
import { useI18n } from 'vue-i18n';

/** Sets document.title for the page; it follows the language and loaded data. */
export function usePageTitle(title: () => string | null | undefined) {
  const { t } = useI18n();
  watchEffect(() => {
    const text = title();
    document.title = text ? `${text} – ${t('app.name')}` : t('app.name');
  });
}
