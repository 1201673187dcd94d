import type { ConfigChange } from './config-diff';

/** A config diff as lines: − what goes, + what comes; "no change" when there is none. */
export function ConfigDiffView({ changes }: { changes: ConfigChange[] }) {
  if (!changes.length) return <p class="muted">No change: the two configs are the same.</p>;
  return (
    <ul class="diff" data-testid="diff" aria-label={`${changes.length} ${changes.length === 1 ? 'change' : 'changes'}`}>
      {changes.flatMap((c) => [
        ...(c.from !== undefined
          ? [
              <li key={`${c.path}-`} class="del">
                <span class="visually-hidden">removed: </span>− {c.path}: {c.from}
              </li>,
            ]
          : []),
        ...(c.to !== undefined
          ? [
              <li key={`${c.path}+`} class="add">
                <span class="visually-hidden">added: </span>+ {c.path}: {c.to}
              </li>,
            ]
          : []),
      ])}
    </ul>
  );
}
