/**
 * applySourceChange: carries an English edit into one translated file (README "How it works",
 * Sync). The translated text is never rewritten: changed sections are kept and
 * marked stale, added English sections are inserted in English and marked missing,
 * removed ones are dropped (the PR shows it, git keeps it), moved ones are moved,
 * renamed ones keep their translation and are marked stale under the new id.
 *
 * The result is computed from state, not replayed from the diff: every English section
 * of the new version is compared with the pin of its translated section. That is what
 * makes the operation idempotent (applying twice gives the text of applying once) and
 * lets a file that missed several syncs catch up in one go. The diff supplies identity
 * (renamed ids, removed sections) and the word diffs shown to translators.
 */
import {
  diffParsedDocuments,
  longestIncreasingSubsequence,
  parseDocument,
  type ChangeKind,
  type FrontmatterField,
  type ParsedDocument,
  type Section,
  type SectionChange,
  type SectionId,
  type WordChange,
} from '@i18n-drift/sections';
import { Document, isMap, type Node } from 'yaml';
import { adoptedPins, parseOptionsFor } from './adopt.js';
import { alignDocument, alignUnits, isEmptyIntro, type SourceUnit } from './align-sections.js';
import { findFrontmatter, frontmatterYaml, lineEnding, parseFrontmatterYaml, pinOf, readPins, setPin, topLevelPair, writePins } from './pins.js';
import { findMarkerLines, formatMarker, headingLength, placeMarkers, type MarkerLine, type MarkerSpec } from './stale-marker.js';
import { upgradePins } from './pin-hash.js';
import type { SourcePins } from './types.js';

/** What happened to one English section in the translated file. */
export type AppliedState = 'stale' | 'missing' | 'removed' | 'moved' | 'repinned';

/**
 * What happened to one English section (or frontmatter field) in the translated file: the
 * English diff entry (`kind`, `id`, `oldId`, `old`, `new`, `words`, `moved`) plus the state
 * the translation is now in. `kind` is `unchanged` only for a section the translation
 * lacked and now gets as `missing`.
 */
export interface AppliedChange extends SectionChange {
  /** What the translated file now says about it. `moved` and `repinned` mean current. */
  state: AppliedState;
  /** English heading (new version; old for `removed`); null for the intro and frontmatter fields. */
  heading: string | null;
  /** Id of the translated section it concerns (its possibly translated slug); null when there is none. */
  translationId: SectionId | null;
}

export interface ApplySourceChangeOptions {
  /** The source commit of `newSource`: written as `i18n.commit` and as the `since` of new markers. */
  sourceCommit: string | null;
  /** Translatable frontmatter keys (the config's `frontmatterKeys`). */
  frontmatterKeys?: readonly string[];
}

type Outcome = 'current' | 'stale' | 'missing';

/** One English unit of the merged (new + removed old) list, and what becomes of it. */
interface UnitPlan {
  unit: SourceUnit;
  /** The new-version section, or null for a removed one. */
  next: Section | null;
  old: Section | null;
  /** Index of the aligned translated section, or -1. */
  t: number;
  outcome: Outcome;
  /** Marker wanted for the section, or null. */
  marker: MarkerSpec | null;
  /** Hash to pin, or undefined for none. */
  pin: string | undefined;
  /** The new raw text when the section is inserted/refreshed in English, else null (keep the translation). */
  english: string | null;
}

/**
 * Applies the English change `oldSource -> newSource` to `translation`.
 * Invariants (property-tested): translated bytes outside touched sections are unchanged;
 * every translated section whose English still exists keeps its text; idempotent.
 * Pins: `commit` becomes `sourceCommit`; current sections are pinned to the new hash
 * (a formatting-only change re-pins silently); stale sections keep their old hash (their
 * text still translates the old English); missing sections are not pinned.
 * A file without pins is first adopted against `oldSource` (in memory).
 * @throws FrontmatterError for malformed frontmatter in any input or a malformed `i18n` block.
 */
export function applySourceChange(oldSource: string, newSource: string, translation: string, options: ApplySourceChangeOptions): { text: string; changes: AppliedChange[] } {
  const parseOptions = parseOptionsFor(options.frontmatterKeys);
  const before = parseDocument(oldSource, parseOptions);
  const after = parseDocument(newSource, parseOptions);
  const tr = parseDocument(translation, parseOptions);
  return applyParsed(before, after, tr, translation, options);
}

/** `applySourceChange` over documents already parsed with the same frontmatter keys (`tr` parsed from `translation`). */
export function applyParsed(before: ParsedDocument, after: ParsedDocument, tr: ParsedDocument, translation: string, options: ApplySourceChangeOptions): { text: string; changes: AppliedChange[] } {
  const since = options.sourceCommit;
  const diff = diffParsedDocuments(before, after);
  const pins: SourcePins = upgradePins(readPins(translation), after, before) ?? adoptedPins(before, tr, alignDocument(before, tr, null), null, null);

  // ---- identity: new units (with old ids as aliases) and removed old sections
  const oldIdOf = new Map<SectionId, SectionId>();
  const removedIds = new Set<SectionId>();
  for (const change of diff) {
    if (change.kind === 'removed') removedIds.add(change.id);
    else if (change.oldId !== null && change.oldId !== change.id) oldIdOf.set(change.id, change.oldId);
  }
  // A translation already brought to `after` (applied twice) speaks the new ids only: old
  // ids as aliases would pull its sections onto the wrong units when ids were swapped.
  const speaksOldIds = pins.commit === null || pins.commit !== since;
  const oldById = new Map(before.sections.map((s) => [s.id, s] as const));
  const plans: UnitPlan[] = [];
  const removedAfter = new Map<number, Section[]>(); // new-unit position -> removed old sections that followed it
  {
    let lastNewPos = -1;
    const newPosOfOld = new Map<SectionId, number>();
    after.sections.forEach((section) => {
      if (isEmptyIntro(section)) return;
      const oldId = oldIdOf.get(section.id) ?? section.id;
      newPosOfOld.set(oldId, plans.length);
      plans.push(plan({ id: section.id, aliases: oldId !== section.id && speaksOldIds ? [oldId] : [], section }, section, oldById.get(oldId) ?? null));
    });
    for (const section of before.sections) {
      if (isEmptyIntro(section)) continue;
      if (removedIds.has(section.id) && !newPosOfOld.has(section.id)) {
        const list = removedAfter.get(lastNewPos) ?? [];
        list.push(section);
        removedAfter.set(lastNewPos, list);
      } else lastNewPos = newPosOfOld.get(section.id) ?? lastNewPos;
    }
  }
  const newCount = plans.length;
  // Removed units sit after the new unit their old predecessor became: structure alignment sees the old order.
  const order: UnitPlan[] = [];
  for (const removed of removedAfter.get(-1) ?? []) order.push(plan({ id: removed.id, aliases: [], section: removed }, null, removed));
  for (let k = 0; k < newCount; k++) {
    order.push(plans[k]!);
    for (const removed of removedAfter.get(k) ?? []) order.push(plan({ id: removed.id, aliases: [], section: removed }, null, removed));
  }

  // ---- alignment of the translation to the merged units
  const alignment = alignUnits(
    order.map((p) => p.unit),
    tr,
    pins,
  );
  const planById = new Map(order.map((p) => [p.unit.id, p] as const));
  for (const pair of alignment.pairs) planById.get(pair.sourceId)!.t = pair.translationIndex;

  // ---- decide each unit's outcome, marker and pin
  const placed = placeMarkers(tr);
  const markersOf = (p: UnitPlan): MarkerLine[] => {
    if (p.unit.section.kind !== 'intro' && (p.t < 0 || !placed.bySection.has(p.t))) return [];
    const keys = new Set([p.unit.id, ...p.unit.aliases]);
    const inSection = p.t >= 0 ? (placed.bySection.get(p.t) ?? []) : [];
    const atStart = p.unit.section.kind === 'intro' ? placed.bodyStart : [];
    return [...atStart, ...inSection].filter((m) => keys.has(m.section));
  };
  const pinnedHash = (p: UnitPlan): string | undefined => {
    // The old id first: the pins were written against it, and the new id may be another section's old one.
    for (const key of [...p.unit.aliases, p.unit.id]) if (pinOf(pins, key) !== undefined) return pinOf(pins, key);
    return undefined;
  };
  for (const p of order) {
    if (!p.next) continue; // removed: dropped below
    const existing = markersOf(p);
    const stale = existing.find((m) => m.kind === 'stale');
    const missing = existing.find((m) => m.kind === 'missing');
    const pinned = pinnedHash(p);
    if (p.t < 0) {
      p.outcome = 'missing';
      p.english = p.next.raw;
      p.marker = { kind: 'missing', section: p.unit.id, since: missing?.since ?? since };
      continue;
    }
    if (pinned === undefined && (missing || p.old === null)) {
      // Still the English placeholder (or an unpinned section the old English did not have).
      const raw = stripMarkers(tr.sections[p.t]!.raw);
      p.outcome = 'missing';
      p.marker = { kind: 'missing', section: p.unit.id, since: missing?.since ?? since };
      if (missing && p.old && raw === p.old.raw && p.old.raw !== p.next.raw) p.english = p.next.raw;
      if (!missing) {
        // Text present without a marker or pin for an added section: a translator got there first; treat as stale.
        p.outcome = 'stale';
        p.marker = { kind: 'stale', section: p.unit.id, since: stale?.since ?? since };
      }
      continue;
    }
    const base = pinned ?? p.old?.hash;
    if (base === p.next.hash) {
      p.outcome = 'current';
      p.pin = p.next.hash;
    } else {
      p.outcome = 'stale';
      p.pin = base;
      p.marker = { kind: 'stale', section: p.unit.id, since: stale?.since ?? since };
    }
  }

  // ---- frontmatter fields
  const fieldPlans = planFields(before, after, tr, pins, placed.bodyStart, since);

  // ---- body: in-place sections, moved ones, insertions
  // The translation's line endings; a new translation (no line yet) takes the English ones.
  // A body with CR-only line endings keeps them (a frontmatter keeps its own, see addFrontmatterKey).
  const bodyText = translation.slice(tr.frontmatter.raw.length);
  const eol = bodyText.includes('\r') && !bodyText.includes('\n') ? '\r'
    : /[\r\n]/.test(translation) ? lineEnding(translation) : lineEnding([after.frontmatter.raw, ...after.sections.map((s) => s.raw)].find((raw) => /[\r\n]/.test(raw)) ?? '');
  const movedInDiff = new Set(diff.filter((c) => c.kind !== 'removed' && c.moved).map((c) => c.id));
  const body = assembleBody(translation, tr, order, fieldPlans, placed.bodyStart, eol, movedInDiff);

  // ---- frontmatter: add/remove fields, then pins
  let frontmatter = translation.slice(0, tr.frontmatter.raw.length);
  const frontmatterEol = findFrontmatter(frontmatter) ? lineEnding(frontmatter) : eol;
  for (const f of fieldPlans) {
    if (f.insertValue !== null) frontmatter = addFrontmatterKey(frontmatter, f.key, f.insertValue, frontmatterEol);
    if (f.removeKey) frontmatter = removeFrontmatterKey(frontmatter, f.key);
  }
  const nextPins: SourcePins = { commit: since, sections: {} };
  for (const f of fieldPlans) if (f.pin !== undefined) setPin(nextPins.sections, f.id, f.pin);
  for (const id of body.pinOrder) {
    const p = planById.get(id)!;
    if (p.pin !== undefined) setPin(nextPins.sections, id, p.pin);
  }
  const text = writePins(frontmatter + body.text, nextPins);

  return { text, changes: reportChanges(diff, order, fieldPlans, body.movedIds, tr) };

  function plan(unit: SourceUnit, next: Section | null, old: Section | null): UnitPlan {
    return { unit, next, old, t: -1, outcome: 'current', marker: null, pin: undefined, english: null };
  }
}

// ------------------------------------------------------------------ frontmatter fields

interface FieldPlan {
  id: SectionId;
  key: string;
  outcome: Outcome | 'removed';
  marker: MarkerSpec | null;
  pin: string | undefined;
  /** English value to add to the translation's frontmatter (a field it lacks), else null. */
  insertValue: string | null;
  removeKey: boolean;
}

function planFields(before: ParsedDocument, after: ParsedDocument, tr: ParsedDocument, pins: SourcePins, bodyStart: readonly MarkerLine[], since: string | null): FieldPlan[] {
  const oldFields = new Map(before.fields.map((f) => [f.id, f] as const));
  const trFields = new Set(tr.fields.map((f) => f.id));
  const out: FieldPlan[] = [];
  const markerFor = (id: SectionId, kind: 'stale' | 'missing') => bodyStart.find((m) => m.section === id && m.kind === kind);
  for (const field of after.fields) {
    const plan: FieldPlan = { id: field.id, key: field.key, outcome: 'current', marker: null, pin: undefined, insertValue: null, removeKey: false };
    out.push(plan);
    const old: FrontmatterField | undefined = oldFields.get(field.id);
    if (!trFields.has(field.id)) {
      plan.outcome = 'missing';
      plan.insertValue = field.value;
      plan.marker = { kind: 'missing', section: field.id, since: markerFor(field.id, 'missing')?.since ?? since };
      continue;
    }
    const missing = markerFor(field.id, 'missing');
    const base = pinOf(pins, field.id) ?? (missing ? undefined : old?.hash);
    if (base === undefined) {
      plan.outcome = 'missing';
      plan.marker = { kind: 'missing', section: field.id, since: missing?.since ?? since };
    } else if (base === field.hash) {
      plan.pin = field.hash;
    } else {
      plan.outcome = 'stale';
      plan.pin = base;
      plan.marker = { kind: 'stale', section: field.id, since: markerFor(field.id, 'stale')?.since ?? since };
    }
  }
  const kept = new Set(after.fields.map((f) => f.id));
  for (const field of before.fields) {
    if (kept.has(field.id)) continue;
    out.push({ id: field.id, key: field.key, outcome: 'removed', marker: null, pin: undefined, insertValue: null, removeKey: trFields.has(field.id) });
  }
  return out;
}

/** Appends `key: value` (YAML-quoted as needed) as the last line of the frontmatter block (creating one if needed). */
function addFrontmatterKey(frontmatter: string, key: string, value: string, eol: string): string {
  const line = new Document({ [key]: value }).toString({ lineWidth: 0 }).replace(/\n/g, eol);
  const fm = findFrontmatter(frontmatter);
  if (!fm) return `${frontmatter}---${eol}${line}---${eol}`;
  const yaml = frontmatterYaml(frontmatter, fm);
  const lead = yaml.length > 0 && !yaml.endsWith('\n') ? eol : '';
  return frontmatter.slice(0, fm.yamlEnd) + lead + line + frontmatter.slice(fm.yamlEnd);
}

/** Removes the top-level `key:` pair (its lines) from the frontmatter block; unchanged when absent. */
function removeFrontmatterKey(frontmatter: string, key: string): string {
  const fm = findFrontmatter(frontmatter);
  if (!fm) return frontmatter;
  const { yaml, doc } = parseFrontmatterYaml(frontmatter, fm);
  const pair = topLevelPair(doc, key);
  if (!pair || !isMap(doc.contents) || doc.contents.flow) return frontmatter;
  const keyStart = (pair.key as Node).range?.[0] ?? 0;
  const from = yaml.lastIndexOf('\n', keyStart - 1) + 1;
  if (yaml.slice(from, keyStart).trim() !== '') return frontmatter;
  let to = (pair.value as Node | null)?.range?.[2] ?? (pair.key as Node).range?.[2] ?? keyStart;
  if (to > 0 && yaml[to - 1] !== '\n') {
    const nl = yaml.indexOf('\n', to);
    to = nl === -1 ? yaml.length : nl + 1;
  }
  return frontmatter.slice(0, fm.yamlStart + from) + frontmatter.slice(fm.yamlStart + to);
}

// ------------------------------------------------------------------ body assembly

function stripMarkers(raw: string): string {
  const lines = findMarkerLines(raw);
  if (lines.length === 0) return raw;
  let out = '';
  let from = 0;
  for (const m of lines) {
    out += raw.slice(from, m.start);
    from = m.end;
  }
  return out + raw.slice(from);
}

/**
 * Rebuilds the body: translated sections in their order with markers updated, removed
 * ones dropped, out-of-order ones (and inserted English ones) placed after the section
 * of the English unit that precedes them. Returns the text and the pin order (units in output order).
 */
function assembleBody(source: string, tr: ParsedDocument, order: UnitPlan[], fields: FieldPlan[], bodyStart: readonly MarkerLine[], eol: string, movedInDiff: ReadonlySet<SectionId>): { text: string; pinOrder: SectionId[]; movedIds: Set<SectionId> } {
  const sections = tr.sections;
  const planOfT = new Map<number, UnitPlan>();
  for (const p of order) if (p.t >= 0) planOfT.set(p.t, p);

  // Body-start markers (frontmatter fields, intro): managed ones are rebuilt, foreign ones kept in place.
  const introPlan = order.find((p) => p.unit.section.kind === 'intro' && p.next);
  const managed = new Set<SectionId>([...fields.map((f) => f.id), ...(introPlan ? [introPlan.unit.id, ...introPlan.unit.aliases] : [])]);
  const wantedStart: MarkerSpec[] = [...fields.flatMap((f) => (f.marker ? [f.marker] : [])), ...(introPlan?.marker ? [introPlan.marker] : [])];
  const prefixLines: string[] = [];
  const written = new Set<string>();
  for (const m of bodyStart) {
    if (!managed.has(m.section)) {
      prefixLines.push(source.slice(m.start, m.end));
      continue;
    }
    const wanted = wantedStart.find((w) => (w.section === m.section || (introPlan && introPlan.unit.aliases.includes(m.section) && w.section === introPlan.unit.id)) && w.kind === m.kind);
    if (wanted && !written.has(key(wanted))) {
      written.add(key(wanted));
      prefixLines.push(sameMarker(m, wanted) ? source.slice(m.start, m.end) : formatMarker(wanted) + eol);
    }
  }
  for (const w of wantedStart) {
    if (!written.has(key(w))) {
      written.add(key(w));
      prefixLines.push(formatMarker(w) + eol);
    }
  }
  const startMarkerEnd = bodyStart.length ? bodyStart[bodyStart.length - 1]!.end : -1;

  // The chain of aligned translated sections already in English order stays in place.
  const aligned = [...planOfT.entries()].filter(([, p]) => p.next).sort((a, b) => a[0] - b[0]);
  const positionOf = new Map(order.filter((p) => p.next).map((p, k) => [p.unit.id, k] as const));
  // Sections the English diff calls moved are re-placed; of the others, the longest run already in order stays.
  const steady = aligned.filter(([, p]) => !movedInDiff.has(p.unit.id));
  const member = longestIncreasingSubsequence(steady.map(([, p]) => positionOf.get(p.unit.id)!));
  const inPlace = new Set(steady.filter((_, k) => member[k]).map(([i]) => i));
  const movedIds = new Set<SectionId>(aligned.filter(([t]) => !inPlace.has(t)).map(([, p]) => p.unit.id));

  // Everything not in place hangs after the unit that precedes it in the new English order.
  const after = new Map<SectionId | null, UnitPlan[]>();
  let previous: SectionId | null = null;
  for (const p of order) {
    if (!p.next) continue;
    if (!(p.t >= 0 && inPlace.has(p.t))) {
      const list = after.get(previous) ?? [];
      list.push(p);
      after.set(previous, list);
    }
    previous = p.unit.id;
  }

  const pinOrder: SectionId[] = [];
  // Original adjacency: a chunk that follows its original predecessor needs no separating blank line.
  let lastT = -2;
  let out = '';
  let prefixLength = 0;
  // Only the last bytes are looked at: testing the growing output itself would be quadratic.
  let tail = '';
  const emit = (text: string, t: number) => {
    if (text === '') return;
    if (out.length > prefixLength && t !== lastT + 1) {
      let gap = tail.endsWith('\n') ? '' : eol;
      if (!/\n[ \t]*\r?\n$/.test(tail + gap)) gap += eol;
      out += gap;
      tail = (tail + gap).slice(-64);
    }
    out += text;
    tail = text.length >= 64 ? text.slice(-64) : (tail + text).slice(-64);
    lastT = t;
  };
  const emitPlan = (p: UnitPlan) => {
    pinOrder.push(p.unit.id);
    // English inserted into the translation takes the translation's line endings, not the English file's.
    if (p.english !== null) emit(withMarker(withLineEndings(p.english, eol), p.next!, p.marker, [], eol, p.unit.section.kind === 'intro'), -10);
    else emit(sectionText(p.t), p.t);
    for (const q of after.get(p.unit.id) ?? []) emitPlan(q);
  };
  const sectionText = (t: number): string => {
    const section = sections[t]!;
    const p = planOfT.get(t);
    let raw = section.raw;
    if (t === 0 && startMarkerEnd > 0) raw = source.slice(startMarkerEnd, section.end);
    if (!p) return raw;
    if (p.unit.section.kind === 'intro') return raw;
    const keys = new Set([p.unit.id, ...p.unit.aliases]);
    const own = findMarkerLines(raw).filter((m) => keys.has(m.section));
    return withMarker(raw, section, p.marker, own, eol, false);
  };

  // Prefix first; then an intro inserted or moved to the front; then the sections.
  out = prefixLines.join('');
  tail = out.slice(-64);
  // Marker lines are complete HTML blocks: whatever follows them needs no blank line.
  prefixLength = out.length;
  lastT = -1;
  const front = after.get(null) ?? [];
  const frontIntro = front.filter((p) => p.unit.section.kind === 'intro');
  for (const p of frontIntro) emitPlan(p);
  let frontDone = false;
  for (let t = 0; t < sections.length; t++) {
    const p = planOfT.get(t);
    if (p && !p.next) continue; // removed
    if (p && !inPlace.has(t)) continue; // moved: emitted after its English predecessor
    if (p && !frontDone) {
      frontDone = true;
      for (const q of front) if (q.unit.section.kind !== 'intro') emitPlan(q);
    }
    if (p) {
      // Units hung after this one come after the unaligned sections that follow it.
      pinOrder.push(p.unit.id);
      emit(sectionText(t), t);
      let u = t + 1;
      while (u < sections.length && !planOfT.has(u)) {
        emit(sections[u]!.raw, u);
        u++;
      }
      for (const q of after.get(p.unit.id) ?? []) emitPlan(q);
      t = u - 1;
    } else {
      emit(t === 0 && startMarkerEnd > 0 ? source.slice(startMarkerEnd, sections[0]!.end) : sections[t]!.raw, t);
    }
  }
  if (!frontDone) for (const q of front) if (q.unit.section.kind !== 'intro') emitPlan(q);
  return { text: out, pinOrder, movedIds };
}

/** `text` with every line ending (`\n` or `\r\n`) written as `eol`. */
function withLineEndings(text: string, eol: string): string {
  return text.replace(/\r?\n/g, eol);
}

function key(m: MarkerSpec): string {
  return `${m.kind}\u0000${m.section}`;
}

function sameMarker(line: MarkerLine, spec: MarkerSpec): boolean {
  // A marker missing its `-->` is written anew: as it is, it hides the rest of the file.
  return !line.unterminated && line.kind === spec.kind && line.section === spec.section && line.since === spec.since;
}

/**
 * A section's text with exactly the wanted marker among its own markers (`own`, lines of
 * `raw`): an existing line of the same kind is kept (its `since` with it: no churn) or
 * re-keyed, others are dropped, a new one goes right after the heading.
 */
function withMarker(raw: string, section: Pick<Section, 'kind' | 'raw'>, wanted: MarkerSpec | null, own: MarkerLine[], eol: string, intro: boolean): string {
  let keep: MarkerLine | undefined = wanted ? own.find((m) => m.kind === wanted.kind) : undefined;
  let out = '';
  let from = 0;
  for (const m of own) {
    out += raw.slice(from, m.start);
    if (m === keep && wanted) out += sameMarker(m, wanted) ? raw.slice(m.start, m.end) : formatMarker(wanted) + (/\r\n$|\n$|\r$/.exec(raw.slice(m.start, m.end))?.[0] ?? '');
    from = m.end;
  }
  out += raw.slice(from);
  if (!wanted || keep || intro) return out;
  const at = headingLength({ kind: section.kind, raw: out });
  const head = out.slice(0, at);
  return `${head}${head.endsWith('\n') || head.endsWith('\r') || head === '' ? '' : eol}${formatMarker(wanted)}${eol}${out.slice(at)}`;
}


// ------------------------------------------------------------------ report

function reportChanges(diff: SectionChange[], order: UnitPlan[], fields: FieldPlan[], movedIds: Set<SectionId>, tr: ParsedDocument): AppliedChange[] {
  const planById = new Map(order.map((p) => [p.unit.id, p] as const));
  const fieldById = new Map(fields.map((f) => [f.id, f] as const));
  const out: AppliedChange[] = [];
  for (const change of diff) {
    const unit = change.new ?? change.old;
    const heading = unit && unit.kind !== 'frontmatter' ? unit.heading : null;
    const field = fieldById.get(change.id);
    const p = planById.get(change.id);
    const translationId = p && p.t >= 0 ? tr.sections[p.t]!.id : null;
    if (change.kind === 'removed') {
      out.push({ ...change, state: 'removed', heading, translationId: field ? (field.removeKey ? change.id : null) : translationId });
      continue;
    }
    const moved = movedIds.has(change.id) || change.kind === 'moved';
    const outcome = field ? field.outcome : p?.outcome;
    if (outcome === undefined || outcome === 'removed') continue;
    // Unchanged English: report only what this application did (a section now inserted as
    // missing) — one already carrying its missing marker was reported by the commit that added it.
    const insertedNow = field ? field.insertValue !== null : p !== undefined && p.t < 0;
    if (change.kind === 'unchanged' && !(outcome === 'missing' && insertedNow) && !moved) continue;
    const state: AppliedState = outcome === 'current' ? (moved ? 'moved' : 'repinned') : outcome;
    out.push({ ...change, moved: moved || change.moved, state, heading, translationId: field ? (field.insertValue === null ? change.id : null) : translationId });
  }
  return out;
}
