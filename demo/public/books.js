// Ledgerly's own business data: customers and invoices, kept in localStorage per user.
// (A real app keeps these on its server; the demo only needs them to survive a reload.)
import { addDays, today } from './clock.js';

const key = (userId) => `ledgerly:books:${userId}`;

/** @typedef {{ id: string, name: string, email: string, created: string }} Customer */
/** @typedef {{ id: string, number: number, customerId: string, text: string, amount: number, issued: string, due: string, status: 'sent' | 'paid', paidOn?: string }} Invoice */
/** @typedef {{ customers: Customer[], invoices: Invoice[], nextNumber: number }} Books */

/** @returns {Books} */
export function loadBooks(userId) {
  try {
    const books = JSON.parse(localStorage.getItem(key(userId)) ?? 'null');
    if (books && Array.isArray(books.customers) && Array.isArray(books.invoices)) return books;
  } catch {
    // A damaged entry starts the books afresh rather than breaking the page.
  }
  return { customers: [], invoices: [], nextNumber: 1001 };
}

export const saveBooks = (userId, books) => localStorage.setItem(key(userId), JSON.stringify(books));

const newId = () => Math.random().toString(36).slice(2, 10);

export function addCustomer(books, name, email = '') {
  const customer = { id: newId(), name: name.trim(), email: email.trim(), created: today() };
  books.customers.push(customer);
  return customer;
}

export function sendInvoice(books, customerId, text, amount, dueInDays = 14) {
  const issued = today();
  const invoice = { id: newId(), number: books.nextNumber++, customerId, text: text.trim(), amount, issued, due: addDays(issued, dueInDays), status: 'sent' };
  books.invoices.push(invoice);
  return invoice;
}

export function recordPayment(books, invoiceId) {
  const invoice = books.invoices.find((i) => i.id === invoiceId);
  if (!invoice || invoice.status === 'paid') return undefined;
  invoice.status = 'paid';
  invoice.paidOn = today();
  return invoice;
}

/**
 * Customers from CSV text with a header row naming a `name` column (and optionally
 * `email`). Quoted cells may hold commas and doubled quotes.
 */
export function parseCustomersCsv(text) {
  const lines = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .filter((l) => l.trim());
  if (!lines.length) return { rows: [], problem: 'The file is empty.' };
  const cells = (line) => [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)].slice(0, -1).map((m) => m[1].replace(/^"|"$/g, '').replace(/""/g, '"').trim());
  const header = cells(lines[0]).map((h) => h.toLowerCase());
  const nameAt = header.indexOf('name');
  if (nameAt < 0) return { rows: [], problem: 'The first row must be a header with a "name" column, e.g. name,email.' };
  const emailAt = header.indexOf('email');
  const rows = [];
  const skipped = [];
  lines.slice(1).forEach((line, i) => {
    const row = cells(line);
    if (row[nameAt]) rows.push({ name: row[nameAt], email: emailAt >= 0 ? (row[emailAt] ?? '') : '' });
    else skipped.push(i + 2);
  });
  return { rows, skipped };
}

export const customerName = (books, id) => books.customers.find((c) => c.id === id)?.name ?? 'Unknown customer';

/** What the reports and the digest show: money due and payments over the last days. */
export function figures(books, day = today()) {
  const open = books.invoices.filter((i) => i.status === 'sent');
  const paid = books.invoices.filter((i) => i.status === 'paid');
  const days14 = Array.from({ length: 14 }, (_, i) => addDays(day, i - 13));
  const weekAgo = addDays(day, -6);
  return {
    due: open.reduce((s, i) => s + i.amount, 0),
    overdue: open.filter((i) => i.due < day).reduce((s, i) => s + i.amount, 0),
    openCount: open.length,
    paidCount7: paid.filter((i) => i.paidOn >= weekAgo && i.paidOn <= day).length,
    paidSeries14: days14.map((d) => paid.filter((i) => i.paidOn === d).length),
    paidThisMonth: paid.filter((i) => i.paidOn.slice(0, 7) === day.slice(0, 7)).reduce((s, i) => s + i.amount, 0),
  };
}

/** Money owed per customer, most first. */
export function owedByCustomer(books) {
  const owed = new Map();
  for (const i of books.invoices) if (i.status === 'sent') owed.set(i.customerId, (owed.get(i.customerId) ?? 0) + i.amount);
  return [...owed].map(([id, amount]) => ({ name: customerName(books, id), amount })).sort((a, b) => b.amount - a.amount);
}
