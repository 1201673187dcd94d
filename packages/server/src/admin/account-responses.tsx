import { useEffect, useState } from 'preact/hooks';
import type { ResponseRow } from '../responses/read-responses';
import { api } from './api';
import { AnswersTable } from './answers-table';

/** An account's survey answers (exit reasons, NPS, CSAT), on its page. */
export function AccountResponses({ id }: { id: string }) {
  const [answers, setAnswers] = useState<ResponseRow[]>();
  useEffect(() => {
    api<{ answers: ResponseRow[] }>(`/v1/responses?account=${encodeURIComponent(id)}&days=3650`).then(
      (r) => setAnswers(r.answers),
      () => setAnswers([]),
    );
  }, [id]);
  return (
    <>
      <h2>Survey answers</h2>
      {answers?.length ? (
        <AnswersTable answers={answers} account={false} />
      ) : (
        <p class="muted" data-testid="no-answers">
          {answers ? 'No survey answers from this account.' : 'Loading…'}
        </p>
      )}
    </>
  );
}
