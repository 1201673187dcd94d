import { useEffect, useRef, useState } from 'preact/hooks';
import { api, savedToken, saveToken, type ApiError } from './api';
import { AccountsPage } from './accounts-page';
import { AccountPage } from './account-page';
import { ConfigPage } from './config-page';
import { OverviewPage } from './overview-page';
import { SettingsPage } from './settings-page';
import { WidgetsPage } from './widgets-page';
import { ExperimentsPage } from './experiments-page';
import { DriversPage } from './drivers-page';
import { ResponsesPage } from './responses-page';

const route = () => location.hash.replace(/^#/, '') || '/accounts';

function Login({ onDone }: { onDone: () => void }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string>();
  async function submit(e: Event) {
    e.preventDefault();
    try {
      await api('/v1/admin/app', { token });
      saveToken(token);
      onDone();
    } catch (err) {
      setError((err as ApiError).error);
    }
  }
  return (
    <form onSubmit={submit}>
      <h1>Habitual admin</h1>
      <label>
        Admin token (printed by the collector on its first start) or app secret{' '}
        <input type="password" name="token" autoComplete="current-password" value={token} onInput={(e) => setToken((e.target as HTMLInputElement).value)} />
      </label>{' '}
      <button class="primary" type="submit">
        Sign in
      </button>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

/** The admin dashboard: token login, overview, accounts by risk, account pages, widget config editor, app settings. */
export function AdminApp() {
  const [signedIn, setSignedIn] = useState(!!savedToken());
  const [path, setPath] = useState(route());
  useEffect(() => {
    const onHash = () => setPath(route());
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  // The link of the page shown is marked current (one place, so a page's nav line stays one line).
  const nav = useRef<HTMLElement>(null);
  useEffect(() => {
    for (const a of nav.current?.querySelectorAll('a') ?? []) {
      const to = a.getAttribute('href')!.slice(1);
      if (path === to || path.startsWith(`${to}/`)) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    }
  });
  if (!signedIn) return <Login onDone={() => setSignedIn(true)} />;
  const account = /^\/accounts\/(.+)$/.exec(path);
  return (
    <>
      <nav class="top" aria-label="Dashboard" ref={nav}>
        <strong>Habitual</strong>
        <a href="#/overview">Overview</a>
        <a href="#/accounts">Accounts</a>
        <a href="#/widgets">Widgets</a>
        <a href="#/experiments">Experiments</a>
        <a href="#/drivers">Drivers</a>
        <a href="#/responses">Responses</a>
        <a href="#/config">Widget config</a>
        <a href="#/settings">Settings</a>
        <button
          type="button"
          onClick={() => {
            saveToken(null);
            setSignedIn(false);
          }}
        >
          Sign out
        </button>
      </nav>
      {account ? (
        <AccountPage id={decodeURIComponent(account[1])} />
      ) : path === '/overview' ? (
        <OverviewPage />
      ) : path === '/config' ? (
        <ConfigPage />
      ) : path === '/widgets' ? (
        <WidgetsPage />
      ) : path === '/experiments' ? (
        <ExperimentsPage />
      ) : path === '/drivers' ? (
        <DriversPage />
      ) : path === '/responses' ? (
        <ResponsesPage />
      ) : path === '/settings' ? (
        <SettingsPage />
      ) : (
        <AccountsPage />
      )}
    </>
  );
}
