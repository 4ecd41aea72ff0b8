import { expect, test } from 'vitest';
import { ConfigError } from '@i18n-drift/core';
import { lineOf } from './config-failure.js';

const text = 'sourceLocale: en\nfiles:\n  - docs/{locale}.md\ntranslators:\n  fr: 42\n';

test('the annotation goes where the bad key is written, or on the YAML error line', () => {
  expect(lineOf(new ConfigError('translators.fr', 'expected a list of logins'), text)).toBe(4);
  expect(lineOf(new ConfigError('files.0', 'bad pattern'), text)).toBe(2);
  expect(lineOf(new ConfigError('(yaml)', 'invalid YAML at line 7: bad indentation'), text)).toBe(7);
  expect(lineOf(new ConfigError('locales', 'expected a list'), text)).toBe(1);
  expect(lineOf(new ConfigError('(root)', 'expected a mapping'), null)).toBe(1);
});
