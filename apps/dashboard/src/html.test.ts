import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeHtml, html, join, raw } from './html.js';

describe('html', () => {
  it('escapes interpolated text and attributes', () => {
    const heading = `<script>alert("x")</script> & 'y'`;
    expect(html`<th title="${heading}">${heading}</th>`.__html).toBe(
      '<th title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;</th>',
    );
  });

  it('keeps markup it built, flattens lists and drops empty values', () => {
    const items = ['a<b', 'c'].map((x) => html`<li>${x}</li>`);
    expect(html`<ul>${items}${null}${undefined}${false}${0}</ul>`.__html).toBe('<ul><li>a&lt;b</li><li>c</li>0</ul>');
    expect(join(['<x>', html`<b>y</b>`], raw(' · ')).__html).toBe('&lt;x&gt; · <b>y</b>');
  });

  it('never lets a tag or quote through from text', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const out = escapeHtml(text);
        expect(out).not.toMatch(/[<>"']/);
        expect(out.replace(/&(lt|gt|quot|#39|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[e]!)).toBe(text);
      }),
    );
  });
});
