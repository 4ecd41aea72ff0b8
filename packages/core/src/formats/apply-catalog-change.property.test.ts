/**
 * Invariants of applyCatalogChange on this repository's own catalogs
 * (locales/<lng>/i18n-drift.json) under random English edits, removals, additions,
 * renames, moves to another object and reorders: the translated values of keys whose
 * English did not change never change, the catalog always parses, a key renamed with its
 * English unchanged keeps its translation, and applying twice changes nothing.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyCatalogChange } from './apply-catalog-change.js';
import { readCatalog, sourceUnits, translationUnits } from './catalog-keys.js';
import { readCatalogState } from './catalog-state.js';

type Tree = { [key: string]: string | Tree };
const seed = (locale: string) => readFileSync(new URL(`../../../../locales/${locale}/i18n-drift.json`, import.meta.url), 'utf8');
const english = seed('en');

/** Every leaf path of a tree. */
function leaves(tree: Tree, path: string[] = []): string[][] {
  return Object.entries(tree).flatMap(([key, value]) => (typeof value === 'string' ? [[...path, key]] : leaves(value, [...path, key])));
}
function objects(tree: Tree, path: string[] = []): string[][] {
  return [path, ...Object.entries(tree).flatMap(([key, value]) => (typeof value === 'string' ? [] : objects(value, [...path, key])))];
}
const parentOf = (tree: Tree, path: string[]) => path.slice(0, -1).reduce((node, key) => node[key] as Tree, tree);

type Op = { op: 'edit' | 'remove' | 'rename' | 'move' | 'reorder' | 'add'; leaf: number; target: number; n: number };
const opArb: fc.Arbitrary<Op> = fc.record({
  op: fc.constantFrom('edit', 'remove', 'rename', 'move', 'reorder', 'add'),
  leaf: fc.nat(),
  target: fc.nat(),
  n: fc.nat({ max: 999 }),
});

/** Applies `ops` to a copy of the English tree; returns it and the keys whose value was moved to a new key unchanged. */
function edit(source: Tree, ops: Op[]): { tree: Tree; renamed: Map<string, string> } {
  const tree = structuredClone(source);
  const renamed = new Map<string, string>();
  for (const { op, leaf, target, n } of ops) {
    const all = leaves(tree);
    if (all.length === 0) break;
    const path = all[leaf % all.length]!;
    const parent = parentOf(tree, path);
    const key = path[path.length - 1]!;
    const value = parent[key] as string;
    if (op === 'edit') parent[key] = `${value} (edited ${n})`;
    else if (op === 'remove') delete parent[key];
    else if (op === 'add') parent[`added${n}`] = `A new string ${n}`;
    else if (op === 'reorder') {
      delete parent[key];
      parent[key] = value;
    } else {
      const to = op === 'rename' ? path.slice(0, -1) : objects(tree)[target % objects(tree).length]!;
      const newKey = op === 'rename' ? `${key}Renamed${n}` : key;
      const destination = to.reduce((node, k) => node[k] as Tree, tree);
      if (destination[newKey] !== undefined) continue;
      delete parent[key];
      destination[newKey] = value;
      renamed.set(path.join('.'), [...to, newKey].join('.'));
    }
  }
  return { tree, renamed };
}

describe.each(['fr', 'nl'])('applyCatalogChange on locales/%s/i18n-drift.json', (locale) => {
  const translation = seed(locale);
  const adopted = applyCatalogChange({ oldSource: english, newSource: english, translation, state: null, locale, sourceCommit: 'c0' });
  const before = sourceUnits(readCatalog(english));
  const ownBefore = translationUnits(readCatalog(translation), before).units;
  const tree = JSON.parse(english) as Tree;

  it('adopting changes no byte of the catalog', () => {
    expect(adopted.text).toBe(translation);
  });

  it('keeps unchanged keys, parses, follows renames, and is idempotent', () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 6 }), fc.boolean(), (ops, fill) => {
        const { tree: edited, renamed } = edit(tree, ops);
        const newSource = JSON.stringify(edited, null, 2) + '\n';
        const result = applyCatalogChange({ oldSource: english, newSource, translation: adopted.text, state: adopted.state, locale, sourceCommit: 'c1', fill });
        const parsed = readCatalog(result.text!);
        expect(() => JSON.parse(result.text!)).not.toThrow();
        const after = sourceUnits(readCatalog(newSource));

        // Keys whose English is the same before and after keep every translated form as it was.
        for (const [id, unit] of after) {
          const old = before.get(id);
          if (!old || old.hash !== unit.hash) continue;
          for (const [, entry] of ownBefore.get(id)?.forms ?? []) expect(parsed.entries.get(entry.key)?.value).toEqual(entry.value);
        }
        // A key moved or renamed with its English unchanged keeps its translation, when the pairing is unambiguous.
        const hashes = [...before.values()].map((u) => u.hash);
        for (const [from, to] of renamed) {
          const old = before.get(from);
          const own = ownBefore.get(from)?.forms.get('');
          if (!old || !own || !after.has(to) || after.get(to)!.hash !== old.hash || hashes.filter((h) => h === old.hash).length > 1) continue;
          expect(parsed.entries.get(to)?.value).toEqual(own.value);
        }
        // Keys English no longer has are gone from the state file.
        expect([...readCatalogState(result.state).keys.keys()].every((id) => after.has(id))).toBe(true);

        const again = applyCatalogChange({ oldSource: english, newSource, translation: result.text, state: result.state, locale, sourceCommit: 'c1', fill });
        expect(again.text).toBe(result.text);
        expect(again.state).toBe(result.state);
      }),
      { numRuns: 40 },
    );
  });
});
