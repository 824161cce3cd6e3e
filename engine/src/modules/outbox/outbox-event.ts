import type { Value } from '@sentinel/definitions';

/**
 * Written with an accepted report in the same transaction (the submissions module); the workflow
 * processes consume it. Ids, keys and derived values only: no personal values travel here.
 */
export interface OutboxEvent {
  readonly id: string;
  readonly type: 'submission.accepted';
  readonly submissionId: string;
  readonly formKey: string;
  readonly formVersion: number;
  /** `pending` when a patient's pre-fill arrived, `reported` when staff filed or completed it. */
  readonly status: 'pending' | 'reported';
  readonly institutionId: string;
  readonly regionPath: readonly string[];
  readonly derived: Readonly<Record<string, Value>>;
  readonly createdAt: Date;
  readonly publishedAt: Date | null;
  /** How many times a consumer has claimed it (set by the reader; absent before the first claim). */
  readonly attempts?: number;
}
