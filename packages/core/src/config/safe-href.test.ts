import { describe, expect, it } from 'vitest';
import { safeHref } from './safe-href';
import { validateConfig } from './validate-config';

// Issue 11, item 2: the browser strips tabs, newlines and leading control characters
// before it reads the scheme, so these all run script when clicked.
const hostile = [
  'javascript:alert(1)',
  'java\tscript:alert(1)',
  '\x01javascript:alert(1)',
  ' JaVaScRiPt:alert(1)',
  'java\nscript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
];
const fine = [
  'https://ledgerly.example/help',
  'http://x.example',
  'mailto:help@ledgerly.example',
  '/help/import',
  'help#csv',
  '?tab=import',
  '//cdn.example/x',
];

describe('safeHref', () => {
  it.each(hostile)('drops %j', (href) => expect(safeHref(href, 'https://app.example/page')).toBeUndefined());
  it.each(fine)('keeps %j', (href) => expect(safeHref(href, 'https://app.example/page')).toBe(href));

  it('drops what is not a link at all', () => {
    for (const x of [undefined, '', 5, 'http://[bad']) expect(safeHref(x as never)).toBeUndefined();
  });

  it.each(hostile)('config validation rejects %j at the field that holds it', (href) => {
    const config = {
      features: { 'invoice.sent': {} },
      funnels: [{ id: 'f', start: 'a.b', done: 'invoice.sent', help: { text: 'Help', href } }],
      widgets: { nudges: { items: [{ feature: 'invoice.sent', target: '#x', text: 't', href }] } },
    };
    const problems = validateConfig(config);
    expect(problems.map((p) => p.path)).toEqual(['funnels.0.help.href', 'widgets.nudges.items.0.href']);
    expect(problems[0].message).toMatch(/must be an http:, https:, mailto: or relative link/);
  });
});
