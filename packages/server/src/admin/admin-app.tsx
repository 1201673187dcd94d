/** The admin dashboard: token login, accounts by risk, account pages, widget config editor. */
export function AdminApp() {
  return <p>Loading…</p>;
}
