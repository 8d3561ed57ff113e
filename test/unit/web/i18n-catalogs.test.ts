import { describe, expect, it } from 'vitest';
import { de } from '../../../web/src/i18n/de.js';
import { en } from '../../../web/src/i18n/en.js';

type Tree = { readonly [key: string]: string | Tree };

/** Every text of a catalog by its dotted key. */
function texts(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of texts(value, path)) out.set(k, v);
  }
  return out;
}

const variables = (text: string) => [...text.matchAll(/\{\{\s*(\w+)[^}]*\}\}/g)].map((m) => m[1]).sort();

const english = texts(en);
const german = texts(de);

describe('the English and German catalogs', () => {
  it('have the same keys', () => {
    expect([...german.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it('use the same {{variables}} in each text, so nothing typed into one is lost in the other', () => {
    const differ = [...english]
      .filter(([key, text]) => variables(text).join() !== variables(german.get(key) ?? '').join())
      .map(([key]) => key);
    expect(differ).toEqual([]);
  });

  it('have no empty text', () => {
    const empty = [...english, ...german].filter(([, text]) => text.trim() === '').map(([key]) => key);
    expect(empty).toEqual([]);
  });

  it('give each plural its "one" and "other" forms', () => {
    for (const catalog of [english, german]) {
      const plurals = [...catalog.keys()].filter((k) => /_(one|other)$/.test(k));
      const stems = new Set(plurals.map((k) => k.replace(/_(one|other)$/, '')));
      for (const stem of stems) {
        expect(catalog.has(`${stem}_one`), stem).toBe(true);
        expect(catalog.has(`${stem}_other`), stem).toBe(true);
      }
      expect(stems.size).toBeGreaterThan(0);
    }
  });

  it('are really translated: most German texts differ from the English ones', () => {
    const same = [...english].filter(([key, text]) => german.get(key) === text).map(([key]) => key);
    expect(same.length / english.size).toBeLessThan(0.1);
  });
});
