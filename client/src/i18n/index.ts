import { createI18n } from 'vue-i18n';
import { nb } from './nb.ts';
import { nn } from './nn.ts';
import { en } from './en.ts';

export const locales = ['nb', 'nn', 'en'] as const;
export type Locale = (typeof locales)[number];

export const isLocale = (value: unknown): value is Locale => locales.includes(value as Locale);

export const i18n = createI18n({
  legacy: false,
  locale: 'nb',
  fallbackLocale: 'nb',
  messages: { nb, nn, en },
});
