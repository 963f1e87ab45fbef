import { language } from '../i18n.ts';

/** The profile's title in the interface language (titleRu in Russian where the profile has one). */
export const profileTitle = (p: { title: string; titleRu?: string }): string =>
  language() === 'ru' && p.titleRu ? p.titleRu : p.title;
