/**
 * The dashboard's one stylesheet, served as `dashboard.css` and written by the static
 * export. Colours are chosen for WCAG AA contrast (dark text on light tints); every
 * coloured cell also prints its percentage and state, so colour is never the only signal.
 */
export const DASHBOARD_CSS = `
:root { --text: #1b1f23; --muted: #4a5360; --link: #0b4fc4; --border: #c5ccd3; --focus: #1a4ed8;
  --complete: #d7f0df; --high: #e9f3cf; --medium: #fcefc7; --low: #f9dcd8; --absent: #e8ebee; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--text); background: #fff; }
a { color: var(--link); }
a:focus-visible, summary:focus-visible, [tabindex]:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.skip { position: absolute; left: -9999px; top: 0; background: #fff; padding: .5rem 1rem; z-index: 2; }
.skip:focus { left: .5rem; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
header.site { display: flex; flex-wrap: wrap; gap: .5rem 2rem; align-items: center; padding: .75rem 1.5rem; border-bottom: 1px solid var(--border); background: #f6f8fa; }
header.site .brand { font-weight: 700; text-decoration: none; color: var(--text); }
header.site ul { list-style: none; display: flex; flex-wrap: wrap; gap: .25rem 1rem; margin: 0; padding: 0; }
header.site [aria-current="page"], header.site [aria-current="true"] { font-weight: 700; color: var(--text); }
main { padding: 1rem 1.5rem 2rem; max-width: 100%; }
footer { padding: 1rem 1.5rem; border-top: 1px solid var(--border); color: var(--muted); font-size: .875rem; }
h1 { font-size: 1.6rem; margin: .5rem 0 .25rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .5rem; }
.lead { color: var(--muted); margin-top: 0; }
code { font-size: .9em; overflow-wrap: anywhere; }
.scroll { overflow-x: auto; max-width: 100%; }
table { border-collapse: collapse; margin: .25rem 0 1rem; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; }
th, td { border: 1px solid var(--border); padding: .35rem .55rem; vertical-align: top; text-align: left; }
thead th { background: #f0f2f5; position: sticky; top: 0; }
th[scope="row"] { font-weight: normal; max-width: 28rem; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.path { display: block; color: var(--muted); font-size: .8rem; }
.cell { min-width: 7.5rem; }
.cell .pct { font-weight: 700; }
.cell .words, .cell .counts, .cell .age { display: block; font-size: .8rem; }
.band-complete { background: var(--complete); }
.band-high { background: var(--high); }
.band-medium { background: var(--medium); }
.band-low { background: var(--low); }
.band-absent { background: var(--absent); }
.state { display: inline-block; white-space: nowrap; font-weight: 600; }
.state-current { color: #1d5e34; }
.state-stale { color: #7a4100; }
.state-missing { color: #a1261a; }
.state-untranslated { color: #5b2a86; }
.meta { display: block; font-size: .8rem; color: var(--muted); }
.level-1, .level-2 { font-weight: 600; }
.level-3 { padding-left: .75rem; } .level-4 { padding-left: 1.5rem; } .level-5, .level-6 { padding-left: 2.25rem; }
details { margin-top: .25rem; }
summary { cursor: pointer; color: var(--link); }
.diff { white-space: pre-wrap; max-width: 48rem; background: #fafbfc; border: 1px solid var(--border); padding: .5rem; margin: .25rem 0; font-size: .875rem; }
.diff ins { background: #cdeed8; color: #0d3b1c; text-decoration: underline; }
.diff del { background: #f8d3cf; color: #5c130b; text-decoration: line-through; }
.diff del + ins, .diff ins + del { margin-left: .2em; }
thead th .path, thead th .words, thead th .counts, thead th .meta { font-weight: normal; }
.warnings { border: 2px solid #7a4100; background: #fff8e6; padding: .5rem 1rem; }
.charts { display: flex; flex-wrap: wrap; gap: 1rem 2rem; }
figure.chart { margin: 0; }
figure.chart figcaption { font-size: .875rem; }
.chart .grid { stroke: #d0d5db; stroke-width: 1; }
.chart .axis { fill: #4a5360; font-size: 11px; }
.chart .line-sections { fill: none; stroke: #0b4fc4; stroke-width: 2; }
.chart .line-words { fill: none; stroke: #7a4100; stroke-width: 2; stroke-dasharray: 5 3; }
.chart .dot-sections { fill: #0b4fc4; }
.chart .dot-words { fill: #7a4100; }
.legend-sections { color: #0b4fc4; font-weight: 700; }
.legend-words { color: #7a4100; font-weight: 700; }
[hidden] { display: none !important; }
/* Wide tables scroll sideways inside their region; the first column stays in view. */
table.sticky th[scope="row"], table.sticky thead th:first-child { position: sticky; left: 0; z-index: 1; background: #fff; box-shadow: 1px 0 0 var(--border); }
table.sticky thead th:first-child { z-index: 2; background: #f0f2f5; }
table.sticky tfoot th[scope="row"] { background: #f6f8fa; }
table.matrix th[scope="row"] { min-width: 14rem; }
table.matrix .cell { min-width: 8.5rem; }
tfoot th, tfoot td { font-weight: 600; background: #f6f8fa; }
form.find { display: flex; flex-wrap: wrap; gap: .25rem 1.5rem; align-items: flex-end; padding: .5rem .75rem; border: 1px solid var(--border); background: #f6f8fa; margin-bottom: .5rem; }
form.find p { margin: .25rem 0; }
form.find label { font-weight: 600; }
form.find fieldset { border: 0; margin: 0; padding: 0; }
form.find fieldset label { font-weight: normal; white-space: nowrap; margin-right: .5rem; }
form.find legend { font-weight: 600; padding: 0; }
form.find input[type="search"] { min-width: 16rem; max-width: 100%; }
input, select, button { font: inherit; }
button { padding: .2rem .9rem; }
nav.views ul { list-style: none; display: flex; flex-wrap: wrap; gap: .25rem 1rem; margin: .25rem 0 .5rem; padding: 0; font-size: .9rem; }
nav.views [aria-current="page"] { font-weight: 700; color: var(--text); }
details.folder { margin: .25rem 0; border-top: 1px solid var(--border); }
details.folder > summary { padding: .35rem 0; }
details.folder .folder-name { font-weight: 600; color: var(--text); overflow-wrap: anywhere; }
details.folder > summary .meta { display: inline; }
.roll { display: inline-block; padding: 0 .3rem; border-radius: 3px; color: var(--text); white-space: nowrap; }
@media (max-width: 600px) {
  main { padding: .75rem .75rem 1.5rem; }
  header.site { padding: .5rem .75rem; }
  table.sticky th[scope="row"], table.sticky thead th:first-child { min-width: 0; max-width: 45vw; }
  table.matrix th[scope="row"] { min-width: 9rem; }
  form.find input[type="search"] { min-width: 0; width: 100%; }
  .cell { min-width: 6.5rem; }
}
`;
