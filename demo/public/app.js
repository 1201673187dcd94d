// Ledgerly: a small invoicing app with Habitual embedded the way a customer embeds it.
// Every real action changes the books and makes one `habitual('track', ...)` call.
import { addCustomer, loadBooks, parseCustomersCsv, recordPayment, saveBooks, sendInvoice } from './books.js';
import { today } from './clock.js';
import { renderDevBar } from './dev-bar.js';
import { habitual, startHabitual } from './habitual-setup.js';
import * as views from './views.js';

const SESSION = 'ledgerly:session';
const $ = (id) => document.getElementById(id);

let session = readSession();
let books = session ? loadBooks(session.userId) : undefined;

function readSession() {
  try {
    const s = JSON.parse(localStorage.getItem(SESSION) ?? 'null');
    return s?.userId && s?.accountId ? s : undefined;
  } catch {
    return undefined;
  }
}

/** Signing up: the backend (demo/lib) makes the ids, registers the account's plan with the collector and signs the user id. */
async function signUp(company, name) {
  const res = await fetch('/api/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ company, name }) });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(body.error ?? `Sign-up failed (HTTP ${res.status}); try again.`);
  localStorage.setItem(SESSION, JSON.stringify(body));
  session = body;
  books = loadBooks(session.userId);
  boot();
}

const save = () => saveBooks(session.userId, books);

const actions = {
  onCreate(name, email) {
    addCustomer(books, name, email);
    save();
    habitual('track', 'customer.created');
    location.hash = '#/customers';
  },
  onSend(customerId, text, amount) {
    const invoice = sendInvoice(books, customerId, text, amount);
    save();
    // One invoice is one unit of the value Ledgerly delivers ('invoices' in the config).
    habitual('track', 'invoice.sent', { value: 1, amount: invoice.amount });
    location.hash = '#/invoices';
  },
  onExport() {
    // Every invoice as CSV, for the accountant (the feature the demo's "what's new" announces).
    const name = (id) => books.customers.find((c) => c.id === id)?.name ?? '';
    const cell = (v) => `"${String(v).replace(/"/g, '""')}"`;
    const rows = [
      ['number', 'customer', 'amount', 'issued', 'status'],
      ...books.invoices.map((i) => [i.number, name(i.customerId), i.amount, i.issued, i.status]),
    ];
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([rows.map((r) => r.map(cell).join(',')).join('\r\n')], { type: 'text/csv' }));
    a.download = 'ledgerly-invoices.csv';
    a.click();
    URL.revokeObjectURL(a.href);
    habitual('track', 'records.exported');
  },
  onPay(invoiceId) {
    if (!recordPayment(books, invoiceId)) return;
    save();
    habitual('track', 'payment.recorded');
    render();
  },
  onImport(text) {
    const { rows, skipped = [], problem } = parseCustomersCsv(text);
    if (problem) return problem;
    if (!rows.length) return 'No rows with a name were found below the header.';
    for (const row of rows) addCustomer(books, row.name, row.email);
    save();
    habitual('track', 'import.completed', { rows: rows.length });
    location.hash = '#/customers';
    return `Imported ${rows.length} customers${skipped.length ? `; skipped rows ${skipped.join(', ')} (no name)` : ''}.`;
  },
};

const routes = {
  '/': () => views.overview(books, session),
  '/customers': () => views.customers(books),
  '/customers/new': () => views.newCustomer(actions),
  '/customers/import': () => {
    habitual('track', 'import.opened');
    return views.importCustomers(actions);
  },
  '/invoices': () => views.invoices(books, actions),
  '/invoices/new': () => views.newInvoice(books, actions),
  '/reports': () => {
    habitual('track', 'report.viewed');
    return views.reports(books, actions);
  },
  '/settings': () => views.settings(session),
};

function render() {
  const path = location.hash.replace(/^#/, '') || '/';
  const view = (routes[path] ?? routes['/'])();
  $('view').replaceChildren(view);
  const section = `/${path.split('/')[1] ?? ''}`;
  for (const a of document.querySelectorAll('.side nav a')) a.toggleAttribute('aria-current', a.getAttribute('href') === `#${section}`);
}

// Dev only: three colleagues at the visitor's company, so the team panel has real numbers.
async function addTeammates() {
  const res = await fetch('/api/teammates', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ accountId: session.accountId, today: today() }),
  });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(body.error ?? `Adding teammates failed (HTTP ${res.status}).`);
  return body.teammates;
}

async function reset() {
  // Forget what Habitual keeps on this device too, then sign up afresh.
  if (session) await Promise.race([Promise.resolve(habitual('forget')), new Promise((done) => setTimeout(done, 2000))]).catch(() => {});
  if (session) localStorage.removeItem(`ledgerly:books:${session.userId}`);
  localStorage.removeItem(SESSION);
  location.assign(location.pathname);
}

function boot() {
  renderDevBar($('dev-bar'), { onReset: reset, onTeammates: session && addTeammates });
  if (!session) {
    $('toolbar').hidden = true;
    $('view').replaceChildren(views.signUp({ onStart: signUp }));
    return;
  }
  $('who').textContent = `${session.name} · ${session.company}`;
  $('who').dataset.account = session.accountId;
  $('toolbar').hidden = false;
  $('new-customer').onclick = () => (location.hash = '#/customers/new');
  $('new-invoice').onclick = () => (location.hash = '#/invoices/new');
  $('import-customers').onclick = () => (location.hash = '#/customers/import');
  startHabitual(session, () => books);
  addEventListener('hashchange', render);
  render();
}

boot();
