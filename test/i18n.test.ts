import { describe, expect, it } from 'vitest';
import { AREAS, catalog, catalogArea, LANGS, languageFrom, placeholders, t } from '../src/i18n.ts';

describe('the message catalogs', () => {
  it('have every key in both languages, with the same placeholders, and no empty message', () => {
    const en = catalog('en');
    for (const lang of LANGS) {
      const other = catalog(lang);
      expect(Object.keys(other).sort(), lang).toEqual(Object.keys(en).sort());
      for (const [key, text] of Object.entries(other)) {
        expect(text.trim(), `${lang} ${key}`).not.toBe('');
        expect(placeholders(text), `${lang} ${key}`).toEqual(placeholders(en[key]!));
      }
    }
  });

  it('keep each key in one area, and every area in every language', () => {
    const seen = new Map<string, string>();
    for (const area of AREAS) {
      const en = catalogArea('en', area);
      for (const key of Object.keys(en)) {
        expect(seen.get(key), `${key} in ${area} and ${seen.get(key)}`).toBeUndefined();
        seen.set(key, area);
      }
      for (const lang of LANGS)
        expect(Object.keys(catalogArea(lang, area)).sort()).toEqual(Object.keys(en).sort());
    }
    expect(seen.size).toBe(Object.keys(catalog('en')).length);
  });

  it('fills placeholders and reads the language from HD_LANG, then the locale', () => {
    expect(t('sla.soonIn', { span: '2h' }, 'ru')).toBe('скоро: через 2h');
    expect(t('status.inProgress', {}, 'ru')).toBe('в работе');
    expect(t('status.inProgress', {}, 'en')).toBe('in progress');
    expect(languageFrom({ HD_LANG: 'ru' })).toBe('ru');
    expect(languageFrom({ HD_LANG: 'en', LANG: 'ru_RU.UTF-8' })).toBe('en');
    expect(languageFrom({ LANG: 'ru_RU.UTF-8' })).toBe('ru');
    expect(languageFrom({ LC_ALL: 'C.UTF-8', LANG: 'ru_RU.UTF-8' })).toBe('en');
    expect(languageFrom({ LC_MESSAGES: 'ru_BY.UTF-8' })).toBe('ru');
    expect(languageFrom({})).toBe('en');
  });
});
