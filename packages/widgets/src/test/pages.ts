import type { HabitualConfig } from '@habitual/core';

/**
 * Every widget on, with targets in `targetsHtml`, and room for all of them on screen at once
 * (these pages check rendering, not the attention budget). The digest also needs a yesterday
 * to show: start the instance with `yesterday`.
 */
export const allWidgets: HabitualConfig = {
  locale: 'en',
  attention: { maxAtOnce: 5, perDay: 8 },
  features: {
    'invoice.sent': { label: 'Send an invoice', value: 'invoices' },
    'customer.created': { label: 'Add a customer' },
    'report.viewed': {},
    'app.opened': { label: 'Open the app', core: true },
  },
  // Reached by a use that is neither a checklist item nor a nudge: those stay as they are.
  milestones: [{ id: 'm', title: 'First report viewed', event: 'report.viewed' }],
  widgets: {
    digest: { enabled: true },
    checklist: {
      enabled: true,
      title: 'Get set up',
      items: [
        { id: 'customer', label: 'Add your first customer', event: 'customer.created', target: '#new-customer' },
        { id: 'invoice', label: 'Send an invoice', event: 'invoice.sent', target: '#send' },
      ],
    },
    rewards: { enabled: true, share: ['slack', 'discord'] },
    records: { enabled: true },
    reminders: { enabled: true },
    nudges: { enabled: true, items: [{ feature: 'invoice.sent', target: '#send', text: 'Send it straight from here' }] },
  },
};

export const targetsHtml = '<main><button id="new-customer">New customer</button><p>Invoices</p><button id="send">Send</button></main>';

/** A use the day before the tests' today (2025-03-12) that qualifies it: the digest has a yesterday. */
export const yesterday = { '2025-03-11': { 'app.opened': 1 } };
