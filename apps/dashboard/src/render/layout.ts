/**
 * The page shell: document language, skip link, header with the main navigation and
 * the interface-language switch, main landmark, footer with the revision and the
 * link to coverage.json.
 */
import { html, type SafeHtml } from '../html.js';
import { interfaceLanguages } from '../interface-strings.js';
import { shortSha } from './format.js';
import type { RenderContext } from './render-context.js';

/** A whole HTML document around `main`. */
export function layout(ctx: RenderContext, pageTitle: string, main: SafeHtml): string {
  const { f, links, data, route } = ctx;
  const lang = f.lang;
  const locales = data.report.locales;
  const here = (candidate: typeof route) =>
    candidate.page === 'overview' ? route.page === 'overview' : JSON.stringify(candidate) === JSON.stringify(route);
  const page = html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="i18n-drift">
<title>${pageTitle} · ${f.t('app.name')}</title>
<link rel="stylesheet" href="${links.asset('dashboard.css')}">
<link rel="alternate" type="application/json" href="${links.asset('coverage.json')}">
${route.page === 'overview' ? html`<script src="${links.asset('dashboard.js')}" defer></script>` : ''}
</head>
<body>
<a class="skip" href="#main">${f.t('nav.skip')}</a>
<header class="site">
<a class="brand" href="${links.page({ page: 'overview' }, lang)}">${f.t('app.name')}</a>
<nav aria-label="${f.t('nav.main')}"><ul>
<li><a href="${links.page({ page: 'overview' }, lang)}"${here({ page: 'overview' }) ? html` aria-current="page"` : ''}>${f.t('nav.overview')}</a></li>
${locales.length <= 30
  ? locales.map((locale) => {
      const target = { page: 'locale' as const, locale };
      return html`<li><a href="${links.page(target, lang)}"${here(target) ? html` aria-current="page"` : ''}>${f.languageName(locale)} (${locale})</a></li>`;
    })
  : ''}
</ul></nav>
<nav aria-label="${f.t('nav.language')}"><ul>
${interfaceLanguages().map(
  (other) =>
    html`<li><a href="${links.page(route, other)}" hreflang="${other}" lang="${other}"${other === lang ? html` aria-current="true"` : ''}>${formatNative(other)}</a></li>`,
)}
</ul></nav>
</header>
<main id="main" tabindex="-1">
${main}
</main>
<footer>
<p>${data.report.revision ? html`${f.t('footer.revision')} <code>${shortSha(data.report.revision)}</code> · ` : ''}${f.t('footer.generated', { date: f.dateTime(data.generatedAt) })} · <a href="${links.asset('coverage.json')}">coverage.json</a></p>
</footer>
</body>
</html>
`;
  return page.__html;
}

const nativeNames = new Map<string, string>();

/** A language's name in that language (`français`), so a reader finds their own. Memoised: every page of an export asks. */
function formatNative(code: string): string {
  let name = nativeNames.get(code);
  if (name !== undefined) return name;
  try {
    const found = new Intl.DisplayNames([code], { type: 'language' }).of(code) ?? code;
    name = found.charAt(0).toLocaleUpperCase(code) + found.slice(1);
  } catch {
    name = code;
  }
  nativeNames.set(code, name);
  return name;
}
