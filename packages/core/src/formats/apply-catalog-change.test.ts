import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyCatalogChange, type ApplyCatalogInput } from './apply-catalog-change.js';
import { readCatalogState } from './catalog-state.js';

const fixtures = new URL('./fixtures/', import.meta.url);

/** Golden output beside the case; `UPDATE=1` rewrites it, a missing one fails. */
function golden(name: string, text: string): void {
  const file = new URL(name, fixtures);
  if (!process.env.UPDATE && !existsSync(file)) throw new Error(`${file.pathname} is missing: run with UPDATE=1 to write it, then review it`);
  if (process.env.UPDATE) writeFileSync(file, text);
  expect(text).toBe(readFileSync(file, 'utf8'));
}

interface Case {
  about: string;
  locale: string;
  fill?: boolean;
  before: object;
  after: object;
  translation?: object;
  translationText?: string;
  /** The state file; left out, the translation is first adopted against `before` at commit c0. */
  state?: string;
}

const json = (value: object) => JSON.stringify(value, null, 2) + '\n';
const cases = readdirSync(fixtures)
  .filter((name) => name.endsWith('.json') && !name.includes('.expected.'))
  .map((name) => name.slice(0, -'.json'.length));

describe('applyCatalogChange golden cases (fixtures/<case>.json -> <case>.expected.json and .expected.txt)', () => {
  it('has a case per operation', () => {
    expect(cases).toEqual(expect.arrayContaining(['modify', 'insert', 'insert-fill', 'remove', 'rename', 'move', 'plural', 'sign-off']));
  });

  for (const name of cases) {
    it(name, () => {
      const spec = JSON.parse(readFileSync(new URL(`${name}.json`, fixtures), 'utf8')) as Case;
      const translation = spec.translationText ?? json(spec.translation!);
      const base = { locale: spec.locale, catalogName: `${name}.json`, fill: spec.fill ?? false };
      let state = spec.state ?? null;
      if (state === null) {
        const adopted = applyCatalogChange({ ...base, oldSource: json(spec.before), newSource: json(spec.before), translation, state: null, sourceCommit: 'c0', fill: false });
        expect(adopted.text).toBe(translation);
        expect(adopted.changes).toEqual([]);
        state = adopted.state;
      }
      const input: ApplyCatalogInput = { ...base, oldSource: json(spec.before), newSource: json(spec.after), translation, state, sourceCommit: 'c1' };
      const result = applyCatalogChange(input);
      expect(() => JSON.parse(result.text!)).not.toThrow();
      golden(`${name}.expected.json`, result.text!);
      const changes = result.changes.map((c) => `${c.kind} ${c.oldId !== null && c.oldId !== c.id ? `${c.oldId} -> ` : ''}${c.id}: ${c.state}`);
      golden(`${name}.expected.txt`, `${spec.about}\n\n== changes\n${changes.join('\n')}\n\n== ${name}.json.i18n-drift\n${result.state}`);
      // Applying twice changes nothing.
      const again = applyCatalogChange({ ...input, translation: result.text, state: result.state });
      expect(again.text).toBe(result.text);
      expect(again.state).toBe(result.state);
    });
  }
});

describe('applyCatalogChange', () => {
  const en = json({ a: 'A', b: 'B' });

  it('writes nothing for a locale without a catalog unless fill is given', () => {
    expect(applyCatalogChange({ oldSource: en, newSource: en, translation: null, state: null, locale: 'fr', sourceCommit: 'c1' })).toEqual({ text: null, state: null, changes: [] });
    const filled = applyCatalogChange({ oldSource: en, newSource: en, translation: null, state: null, locale: 'fr', sourceCommit: 'c1', fill: true });
    expect(JSON.parse(filled.text!)).toEqual({ a: 'A', b: 'B' });
    expect([...readCatalogState(filled.state).keys.values()].map((k) => k.mark?.kind)).toEqual(['missing', 'missing']);
  });

  it('leaves a French-only context variant alone while its English is unchanged, and removes it with its English', () => {
    const translation = json({ a: 'A fr', a_female: 'A fr (f)', b: 'B fr' });
    const kept = applyCatalogChange({ oldSource: en, newSource: json({ a: 'A', b: 'B2' }), translation, state: null, locale: 'fr', sourceCommit: 'c1' });
    expect(kept.text).toBe(translation);
    const removed = applyCatalogChange({ oldSource: en, newSource: json({ b: 'B' }), translation, state: null, locale: 'fr', sourceCommit: 'c1' });
    expect(JSON.parse(removed.text!)).toEqual({ b: 'B fr' });
  });

  it('keeps keys that belong to no English key', () => {
    const translation = json({ a: 'A fr', legacy: 'ancien' });
    const result = applyCatalogChange({ oldSource: en, newSource: json({ a: 'A2', b: 'B' }), translation, state: null, locale: 'fr', sourceCommit: 'c1' });
    expect(result.text).toBe(translation);
  });

  it('uses the configured key separator', () => {
    const before = json({ nav: { home: 'Home' } });
    const after = json({ nav: { home: 'Home page' } });
    const result = applyCatalogChange({ oldSource: before, newSource: after, translation: json({ nav: { home: 'Accueil' } }), state: null, locale: 'fr', sourceCommit: 'c1', options: { keySeparator: ':' } });
    expect(result.changes.map((c) => c.id)).toEqual(['nav:home']);
    expect(result.state).toContain('"nav:home"');
  });

  it('names the line and column of invalid JSON', () => {
    expect(() => applyCatalogChange({ oldSource: en, newSource: en, translation: '{\n  "a": "A fr",\n}\n', state: null, locale: 'fr', sourceCommit: 'c1' })).toThrow(
      expect.objectContaining({ name: 'CatalogSyntaxError', line: 3, column: 1 }),
    );
  });
});
