import '@digdir/designsystemet-css';
import '@digdir/designsystemet-theme';
import './styles.css';
import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import { i18n } from './i18n/index.ts';
import { router } from './router.ts';
import { useOrganisationStore } from './shell/organisationStore.ts';
import { useLanguageStore } from './i18n/languageStore.ts';

const app = createApp(App).use(createPinia()).use(i18n).use(router);
// The language store applies the user's choice at once; the organisation's written
// standard follows when it has loaded.
useLanguageStore();
void useOrganisationStore().load();
app.mount('#app');
