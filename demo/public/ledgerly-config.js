// Ledgerly's Habitual config: what a product team would write. Plain data, so the page
// passes it to `habitual('init')` and demo/start.mjs saves the same object as the
// collector's remote config (the dashboard's widget editor then starts from it).

/** @type {import('@habitual/core').HabitualConfig} */
export const ledgerlyConfig = {
  locale: 'en',
  // `href`: where each feature is in the app, for the shortcuts (a feature without one, such
  // as opening the import, is no shortcut).
  features: {
    'customer.created': { label: 'Add a customer', key: true, href: '#/customers/new' },
    'invoice.sent': { label: 'Send an invoice', key: true, value: { one: 'invoice', other: 'invoices' }, href: '#/invoices/new' },
    'payment.recorded': { label: 'Record a payment', key: true, href: '#/invoices' },
    'import.completed': { label: 'Import customers', key: true, href: '#/customers/import' },
    'report.viewed': { label: 'View reports', key: true, href: '#/reports' },
    'import.opened': { label: 'Open import' },
    'records.exported': { label: 'Export records', href: '#/reports' },
  },
  engagement: { activeMinutes: 5, streak: { period: 'weekday' }, intensityTarget: 20 },
  activation: [
    { event: 'customer.created', count: 3, label: 'Add three customers' },
    { event: 'invoice.sent', count: 1, label: 'Send an invoice' },
  ],
  funnels: [
    {
      id: 'import',
      start: 'import.opened',
      done: 'import.completed',
      withinDays: 1,
      label: 'Import customers',
      help: { text: 'Importing from a spreadsheet? Save it as CSV with a header row.', href: '/help/import.html' },
    },
  ],
  milestones: [
    { id: 'first-invoice', event: 'invoice.sent', count: 1, title: 'First invoice sent' },
    { id: 'first-payment', event: 'payment.recorded', count: 1, title: 'First payment recorded' },
    { id: 'ten-invoices', event: 'invoice.sent', count: 10, title: 'Ten invoices sent' },
    { id: 'streak-5', streak: 5, title: 'Five working days in a row' },
  ],
  // The demo's visitor is one person trying every widget, so none holds them out (a real app
  // keeps the 5% default of the widgets that show themselves, and sees each one's effect on
  // retention on the dashboard's Experiments page).
  widgets: {
    digest: { enabled: true, holdout: 0 },
    checklist: {
      enabled: true,
      title: 'Get set up',
      items: [
        { id: 'customer', label: 'Add your first customer', event: 'customer.created', count: 1, target: '#new-customer' },
        { id: 'invoice', label: 'Send your first invoice', event: 'invoice.sent', count: 1, target: '#new-invoice' },
        { id: 'payment', label: 'Record a payment', event: 'payment.recorded', count: 1, target: '#nav-invoices' },
        { id: 'import', label: 'Import customers from CSV', event: 'import.completed', count: 1, target: '#import-customers' },
        { id: 'report', label: 'See who owes you', event: 'report.viewed', count: 1, target: '#nav-reports' },
      ],
    },
    rewards: { enabled: true, holdout: 0, share: ['slack', 'discord'] },
    records: { enabled: true },
    // Exit reasons from the Cancel button (Settings); the demo offers no form unasked.
    survey: { enabled: true, appName: 'Ledgerly' },
    reminders: { enabled: true, holdout: 0, maxPerWeek: 2, quietHours: ['20:00', '08:00'] },
    nudges: {
      enabled: true,
      holdout: 0,
      items: [
        // Help at the step the user is stuck on, only for them.
        {
          funnel: 'import',
          target: '#import-customers',
          text: 'Stuck on the import? A CSV with a header row is all it takes.',
          href: '/help/import.html',
          when: { stuckOn: ['import'] },
        },
        // Reports matter once there is something owed: after the first invoice.
        { feature: 'report.viewed', target: '#nav-reports', text: 'Reports show who owes you, at a glance.', when: { used: { 'invoice.sent': 1 } } },
      ],
    },
    // The user's most used features, one click away, with their own pins first.
    shortcuts: { enabled: true },
    // What's new, for users who have not found it yet; not in their first two days (onboarding
    // has the attention then), so it comes on the third.
    announce: {
      enabled: true,
      holdout: 0,
      items: [
        {
          id: 'csv-export',
          feature: 'records.exported',
          title: 'New: your books as a CSV file',
          text: 'Reports now has a Download CSV button: every invoice, ready for your accountant.',
          cta: { text: 'Open reports' },
          when: { notUsed: ['records.exported'], withinDays: 90, daysSinceFirstSeen: { min: 2 } },
        },
      ],
    },
    // A private note per day (shareable with the rest of the workspace) and the month in review.
    journal: { enabled: true, team: true, share: ['slack', 'discord'] },
    // Team progress: the account's week from the collector (the dev bar's "Add teammates" fills it).
    team: { enabled: true, holdout: 0 },
  },
  // The two experiments the demo ships (its seed fills them with simulated users, so the
  // dashboard's Experiments page opens on real intervals): how often reminders may come, and
  // whether the digest waits for the morning or greets the first visit of the day.
  experiments: [
    {
      id: 'reminder-cadence',
      widget: 'reminders',
      variants: [
        { id: 'weekly', config: { maxPerWeek: 1 } },
        { id: 'daily', config: { maxPerWeek: 7 } },
      ],
    },
    {
      id: 'digest-time',
      widget: 'digest',
      variants: [
        { id: 'first-visit', config: {} },
        { id: 'at-0800', config: { at: '08:00' } },
      ],
    },
  ],
};
