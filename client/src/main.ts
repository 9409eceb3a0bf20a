import '@digdir/designsystemet-css';
import '@digdir/designsystemet-theme';
import './styles.css';
import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import { i18n } from './i18n/index.ts';
import { router } from './router.ts';
import { useLanguageStore } from './i18n/languageStore.ts';

const app = createApp(App).use(createPinia()).use(i18n).use(router);
// The language store applies the user's choice at once; the organisation's written
// standard follows when the session has loaded (the router loads it before the first page).
useLanguageStore();
app.mount('#app');
