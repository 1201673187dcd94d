import type { ResponseRow } from '../responses/read-responses';

/** What an answer says: its choice, or its score on its scale. */
export const answerOf = (a: Pick<ResponseRow, 'kind' | 'choice' | 'score'>) =>
  a.kind === 'choice' ? (a.choice ?? '') : `${a.score} / ${a.kind === 'nps' ? 10 : 5}`;

/**
 * Survey answers, newest first. Comments are what users typed: rendered as text (Preact
 * escapes it), never as markup.
 */
export function AnswersTable({ answers, account = true }: { answers: ResponseRow[]; account?: boolean }) {
  return (
    <table data-testid="answers">
      <thead>
        <tr>
          <th scope="col">Answered</th>
          <th scope="col">Form</th>
          <th scope="col">Answer</th>
          <th scope="col">Comment</th>
          {account && <th scope="col">Account</th>}
          <th scope="col">User</th>
        </tr>
      </thead>
      <tbody>
        {answers.map((a) => (
          <tr key={a.id} data-answer={a.id}>
            <td>{a.at.slice(0, 10)}</td>
            <td>{a.form}</td>
            <td>{answerOf(a)}</td>
            <td data-comment>{a.text ?? ''}</td>
            {account && <td>{a.accountId ? <a href={`#/accounts/${encodeURIComponent(a.accountId)}`}>{a.accountName || a.accountId}</a> : '–'}</td>}
            <td>{a.userId}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
