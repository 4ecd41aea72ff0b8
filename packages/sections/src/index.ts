export * from './types.js';
export { parseDocument } from './parse-document.js';
export { FrontmatterError } from './frontmatter-error.js';
export { normaliseMarkdown } from './normalise-markdown.js';
export { contentHash } from './content-hash.js';
export { countWords } from './count-words.js';
export { createSlugger, INTRO_ID, type Slugger, type SlugResult } from './create-slugger.js';
export { DEFAULT_FRONTMATTER_KEYS } from './frontmatter-fields.js';
