// Ledgerly's screens. Each returns a fresh element; app.js swaps it in and passes the
// actions, which change the books and tell Habitual what the user did.
import { customerName, figures, owedByCustomer } from './books.js';
import { addDays, today } from './clock.js';
import { date, eur, h } from './dom.js';

const SAMPLE_CSV =
  'name,email\nBirchwood Bakery,hello@birchwood.example\nHarbour Lights Cafe,accounts@harbour.example\nKestrel Design,studio@kestrel.example\n';

const kpi = (label, value, id) => h('div', { class: 'kpi', 'data-kpi': id }, h('span', {}, label), h('b', {}, value));

export function overview(books, session) {
  const f = figures(books);
  const recent = [...books.invoices].reverse().slice(0, 5);
  return h(
    'section',
    {},
    h('h1', {}, `Hello, ${session.name}`),
    h('p', { class: 'muted' }, `${session.company} · ${date(today())}`),
    h(
      'div',
      { class: 'kpis' },
      kpi('Amount due', eur(f.due), 'due'),
      kpi('Overdue', eur(f.overdue), 'overdue'),
      kpi('Paid this month', eur(f.paidThisMonth), 'paid'),
      kpi('Customers', String(books.customers.length), 'customers'),
    ),
    h('h2', {}, 'Recent invoices'),
    recent.length ? invoiceTable(books, recent) : h('p', { class: 'muted' }, 'No invoices yet. Add a customer, then send your first invoice.'),
  );
}

export function customers(books) {
  return h(
    'section',
    {},
    h('h1', {}, 'Customers'),
    books.customers.length
      ? h(
          'table',
          { 'data-table': 'customers' },
          h('thead', {}, h('tr', {}, h('th', {}, 'Name'), h('th', {}, 'Email'), h('th', {}, 'Added'))),
          h(
            'tbody',
            {},
            books.customers.map((c) => h('tr', {}, h('td', {}, c.name), h('td', {}, c.email || '—'), h('td', {}, date(c.created)))),
          ),
        )
      : h('p', { class: 'muted' }, 'No customers yet: add one, or import a list from a spreadsheet.'),
  );
}

export function newCustomer({ onCreate }) {
  const submit = (e) => {
    e.preventDefault();
    const form = e.currentTarget;
    onCreate(form.elements.name.value, form.elements.email.value);
  };
  return h(
    'section',
    {},
    h('h1', {}, 'New customer'),
    h(
      'form',
      { class: 'form', id: 'customer-form', onsubmit: submit },
      h('label', {}, 'Name', h('input', { name: 'name', required: true, autocomplete: 'organization' })),
      h('label', {}, 'Email', h('input', { name: 'email', type: 'email', autocomplete: 'email' })),
      h(
        'div',
        { class: 'acts' },
        h('button', { type: 'submit', class: 'primary', id: 'save-customer' }, 'Add customer'),
        h('a', { href: '#/customers' }, 'Cancel'),
      ),
    ),
  );
}

export function importCustomers({ onImport }) {
  const status = h('p', { class: 'muted', role: 'status' });
  const text = h('textarea', { name: 'csv', rows: 7, placeholder: 'name,email\nAcme Ltd,billing@acme.example' });
  const file = h('input', { type: 'file', accept: '.csv,text/csv', onchange: async () => (text.value = (await file.files?.[0]?.text()) ?? text.value) });
  const submit = (e) => {
    e.preventDefault();
    status.textContent = onImport(text.value);
  };
  return h(
    'section',
    {},
    h('h1', {}, 'Import customers'),
    h('p', {}, 'Pick a CSV file, or paste its text. The first row names the columns: ', h('code', {}, 'name,email'), '.'),
    h(
      'form',
      { class: 'form', id: 'import-form', onsubmit: submit },
      h('label', {}, 'CSV file', file),
      h('label', {}, 'or paste it', text),
      h(
        'div',
        { class: 'acts' },
        h('button', { type: 'submit', class: 'primary', id: 'run-import' }, 'Import'),
        h('button', { type: 'button', id: 'use-sample', onclick: () => (text.value = SAMPLE_CSV) }, 'Use a sample file'),
        h('a', { href: '#/customers', id: 'cancel-import' }, 'Cancel'),
      ),
      status,
    ),
  );
}

export function invoices(books, { onPay }) {
  return h(
    'section',
    {},
    h('h1', {}, 'Invoices'),
    books.invoices.length ? invoiceTable(books, [...books.invoices].reverse(), onPay) : h('p', { class: 'muted' }, 'No invoices yet.'),
  );
}

function invoiceTable(books, list, onPay) {
  const day = today();
  const status = (i) => (i.status === 'paid' ? `Paid ${date(i.paidOn)}` : i.due < day ? 'Overdue' : `Due ${date(i.due)}`);
  return h(
    'table',
    { 'data-table': 'invoices' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', {}, '#'),
        h('th', {}, 'Customer'),
        h('th', {}, 'For'),
        h('th', { class: 'num' }, 'Amount'),
        h('th', {}, 'Status'),
        onPay && h('th', {}),
      ),
    ),
    h(
      'tbody',
      {},
      list.map((i) =>
        h(
          'tr',
          { 'data-invoice': i.number, class: i.status },
          h('td', {}, String(i.number)),
          h('td', {}, customerName(books, i.customerId)),
          h('td', {}, i.text),
          h('td', { class: 'num' }, eur(i.amount)),
          h('td', {}, status(i)),
          onPay && h('td', {}, i.status === 'sent' && h('button', { type: 'button', class: 'record-payment', onclick: () => onPay(i.id) }, 'Record payment')),
        ),
      ),
    ),
  );
}

export function newInvoice(books, { onSend }) {
  if (!books.customers.length) {
    return h(
      'section',
      {},
      h('h1', {}, 'New invoice'),
      h('p', {}, 'Invoices go to a customer: ', h('a', { href: '#/customers/new' }, 'add your first customer'), ' first.'),
    );
  }
  const submit = (e) => {
    e.preventDefault();
    const form = e.currentTarget;
    onSend(form.elements.customer.value, form.elements.text.value, Number(form.elements.amount.value));
  };
  return h(
    'section',
    {},
    h('h1', {}, 'New invoice'),
    h(
      'form',
      { class: 'form', id: 'invoice-form', onsubmit: submit },
      h(
        'label',
        {},
        'Customer',
        h(
          'select',
          { name: 'customer', required: true },
          books.customers.map((c) => h('option', { value: c.id }, c.name)),
        ),
      ),
      h('label', {}, 'For', h('input', { name: 'text', required: true, value: 'Design work' })),
      h('label', {}, 'Amount (EUR)', h('input', { name: 'amount', type: 'number', min: '1', step: '0.01', required: true, value: '480' })),
      h('p', { class: 'muted' }, `Due ${date(addDays(today(), 14))} (14 days).`),
      h(
        'div',
        { class: 'acts' },
        h('button', { type: 'submit', class: 'primary', id: 'send-invoice' }, 'Send invoice'),
        h('a', { href: '#/invoices' }, 'Cancel'),
      ),
    ),
  );
}

export function reports(books, { onExport } = {}) {
  const f = figures(books);
  const owed = owedByCustomer(books);
  return h(
    'section',
    {},
    h('div', { class: 'toolbar' }, h('h1', {}, 'Reports'), onExport && h('button', { id: 'export-books', type: 'button', onclick: onExport }, 'Download CSV')),
    h(
      'div',
      { class: 'kpis' },
      kpi('Amount due', eur(f.due), 'due'),
      kpi('Overdue', eur(f.overdue), 'overdue'),
      kpi('Paid this month', eur(f.paidThisMonth), 'paid'),
      kpi('Open invoices', String(f.openCount), 'open'),
    ),
    h('h2', {}, 'Who owes you'),
    owed.length
      ? h(
          'table',
          { 'data-table': 'owed' },
          h(
            'tbody',
            {},
            owed.map((o) => h('tr', {}, h('td', {}, o.name), h('td', { class: 'num' }, eur(o.amount)))),
          ),
        )
      : h('p', { class: 'muted' }, 'Nobody: every invoice is paid.'),
  );
}

// The Cancel button asks why through Habitual's exit survey: `data-habitual-survey="exit"` is
// all it takes (a click on it opens the form; `habitual('survey', 'exit')` does the same).
export function settings(session) {
  return h(
    'section',
    {},
    h('h1', {}, 'Settings'),
    h('h2', {}, 'Subscription'),
    h('p', {}, `${session.company} is on the Starter plan: 3 seats, €29 a month.`),
    h('button', { id: 'cancel-subscription', type: 'button', 'data-habitual-survey': 'exit' }, 'Cancel subscription'),
    h('p', { class: 'muted' }, 'This demo cancels nothing: the button asks why, as your own Cancel button would.'),
  );
}

export function signUp({ onStart }) {
  const submit = (e) => {
    e.preventDefault();
    const form = e.currentTarget;
    form.elements.start.disabled = true;
    onStart(form.elements.company.value, form.elements.name.value).catch((error) => {
      form.elements.start.disabled = false;
      form.querySelector('[role=alert]').textContent = String(error.message ?? error);
    });
  };
  return h(
    'section',
    { class: 'signup' },
    h('h1', {}, 'Welcome to Ledgerly'),
    h('p', {}, 'Invoices out, payments in. Start a free workspace to try it.'),
    h(
      'form',
      { class: 'form', id: 'signup-form', onsubmit: submit },
      h('label', {}, 'Company', h('input', { name: 'company', required: true, value: 'Northwind Studio', maxlength: 80 })),
      h('label', {}, 'Your name', h('input', { name: 'name', required: true, value: 'Maya', maxlength: 80 })),
      h('div', { class: 'acts' }, h('button', { type: 'submit', class: 'primary', name: 'start', id: 'start' }, 'Start free workspace')),
      h('p', { role: 'alert', class: 'error' }),
    ),
  );
}
