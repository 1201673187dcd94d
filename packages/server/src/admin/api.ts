// The dashboard's one way to the collector: same origin, admin token as a Bearer header.
const TOKEN_KEY = 'habitual-admin-token';

export const savedToken = (): string | null => sessionStorage.getItem(TOKEN_KEY);
export const saveToken = (token: string | null) => (token ? sessionStorage.setItem(TOKEN_KEY, token) : sessionStorage.removeItem(TOKEN_KEY));

export interface ApiError {
  status: number;
  error: string;
  problems?: Array<{ path: string; message: string }>;
}

/** Calls `path` with the saved token; resolves to the JSON body or rejects with `ApiError`. */
export async function api<T>(path: string, init: { method?: string; body?: unknown; token?: string } = {}): Promise<T> {
  const token = init.token ?? savedToken() ?? '';
  const res = await fetch(path, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${token}`, ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw { status: res.status, error: body.error ?? `HTTP ${res.status}`, problems: body.problems } satisfies ApiError;
  return body as T;
}

/** Fetches `path` with the saved token and saves the answer as a file named `name`. */
export async function downloadFile(path: string, name: string): Promise<void> {
  const res = await fetch(path, { headers: { authorization: `Bearer ${savedToken() ?? ''}` } });
  if (!res.ok) {
    const body = await res.json().catch(() => ({}));
    throw { status: res.status, error: body.error ?? `HTTP ${res.status}` } satisfies ApiError;
  }
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
