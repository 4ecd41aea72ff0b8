/**
 * Pins across hash versions. Section hashes are of a normalised form; when that form
 * learnt to compare inline markup by its parse (`_x_` and `*x*`, reference and inline
 * links), the sections holding such markup got a new hash, and the pins written before
 * hold the old one (`legacyHash`). A pin equal to the English section's `legacyHash`
 * names the same English as its `hash`: it is read as that, and written as that at the
 * next sync. Sections whose form did not change have no `legacyHash`: nothing to do.
 */
import type { ParsedDocument } from '@i18n-drift/sections';
import type { SourcePins } from './types.js';

interface Hashed {
  hash: string;
  legacyHash?: string;
}

/** True when `pin` names the English of `unit`: its hash, or the hash the earlier form gave it. */
export function pinMatches(pin: string | undefined, unit: Hashed | undefined): boolean {
  return pin !== undefined && unit !== undefined && (pin === unit.hash || (unit.legacyHash !== undefined && pin === unit.legacyHash));
}

/** The unit (frontmatter field or section) of `doc` with id `id`. */
export function unitById(doc: ParsedDocument, id: string): Hashed | undefined {
  return doc.fields.find((field) => field.id === id) ?? doc.sections.find((section) => section.id === id);
}

/**
 * `unitById` for many ids of one document: indexed once, so looking up every pin of a
 * 10,000-section document is linear, not quadratic. The same unit for every id (the
 * first field, else the first section, with it).
 */
export function unitsById(doc: ParsedDocument): (id: string) => Hashed | undefined {
  const index = new Map<string, Hashed>();
  for (const unit of [...doc.fields, ...doc.sections]) if (!index.has(unit.id)) index.set(unit.id, unit);
  return (id) => index.get(id);
}

/**
 * `pins` with every pin that holds the earlier hash of a unit of `docs` (same id) holding
 * its current hash; the same object when none does. The first document naming a unit
 * decides (give the newest English first).
 */
export function upgradePins(pins: SourcePins | null, ...docs: ParsedDocument[]): SourcePins | null {
  if (pins === null) return null;
  const legacy = new Map<string, Map<string, string>>();
  for (const doc of docs) {
    for (const unit of [...doc.fields, ...doc.sections]) {
      if (unit.legacyHash === undefined) continue;
      let byHash = legacy.get(unit.id);
      if (!byHash) legacy.set(unit.id, (byHash = new Map()));
      if (!byHash.has(unit.legacyHash)) byHash.set(unit.legacyHash, unit.hash);
    }
  }
  if (legacy.size === 0) return pins;
  let sections: Record<string, string> | null = null;
  for (const [id, pin] of Object.entries(pins.sections)) {
    const current = legacy.get(id)?.get(pin);
    if (current === undefined || current === pin) continue;
    sections ??= { ...pins.sections };
    sections[id] = current;
  }
  return sections === null ? pins : { commit: pins.commit, sections };
}
