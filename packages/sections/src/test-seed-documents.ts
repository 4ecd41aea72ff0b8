import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The text of every Markdown fixture of this package and every seed document in the repository's `locales/`: real input for comparing a fast path with the slow one. */
export function seedDocumentTexts(): string[] {
  const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
  const locales = fileURLToPath(new URL('../../../locales/', import.meta.url));
  return [
    ...readdirSync(fixtures).filter((f) => f.endsWith('.md')).map((f) => fixtures + f),
    ...readdirSync(locales, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.md')).map((f) => locales + f),
  ].map((file) => readFileSync(file, 'utf8'));
}
