import { Injectable } from '@nestjs/common';
import { dataScopeOf } from '../../common/auth';
import { maskPersonal } from '../../crypto';
import { SEARCHABLE_KINDS, type SearchableKind } from './form-anatomy';
import { PersonalValues } from '../personal-data';
import { SubmissionAudit, type Caller } from './submission-audit';
import { SubmissionReader } from './submission-reader.service';
import { SubmissionRepository } from './submission.repository';
import type { StoredSubmission } from './submission.types';
import type { PatientMatch } from './submission-view';

/** Most reports a search looks at; a returning patient has a handful, a common name more. */
const MAX_MATCHED_REPORTS = 200;

/** Which kinds a search term can plausibly be; a phone or ID number search needs digits. */
function kindsFor(term: string): SearchableKind[] {
  const kinds: SearchableKind[] = ['name'];
  if (/^[0-9A-Za-z\s]+$/.test(term) && /\d/.test(term)) kinds.push('idNumber');
  if (/^[+\d\s-]+$/.test(term) && term.replace(/\D/g, '').length >= 11) kinds.push('phone');
  return kinds;
}

/** The person a report is about: its first ID number token, else phone, else name. */
function personKey(submission: StoredSubmission): string | null {
  for (const kind of SEARCHABLE_KINDS) {
    const token = submission.blind[kind][0];
    if (token !== undefined) return `${kind}:${token}`;
  }
  return null;
}

/**
 * Finds returning patients by exact name, phone or ID number (SECURITY.md 14): the term becomes
 * blind-index tokens and only tokens are compared in the store. Reports are grouped per person
 * and only the patient block of each person's latest report is decrypted, then masked.
 */
@Injectable()
export class PatientSearch {
  constructor(
    private readonly repository: SubmissionRepository,
    private readonly reader: SubmissionReader,
    private readonly personalValues: PersonalValues,
    private readonly audit: SubmissionAudit,
  ) {}

  async search(caller: Caller, term: string): Promise<{ readonly items: readonly PatientMatch[] }> {
    const tokens: Partial<Record<SearchableKind, string>> = {};
    for (const kind of kindsFor(term)) {
      const token = this.personalValues.searchToken(kind, term);
      if (token !== null) tokens[kind] = token;
    }
    const found = await this.repository.findByBlindTokens(
      dataScopeOf(caller.principal),
      tokens,
      MAX_MATCHED_REPORTS,
    );

    const people = new Map<string, StoredSubmission[]>();
    for (const submission of found) {
      const key = personKey(submission);
      if (key === null) continue;
      const reports = people.get(key) ?? [];
      reports.push(submission);
      people.set(key, reports);
    }

    const items: PatientMatch[] = [];
    for (const reports of people.values()) {
      const [latest] = reports; // reports come newest first
      if (latest === undefined) continue;
      const anatomy = await this.reader.anatomyOf(latest);
      const revealed = this.personalValues.reveal(
        latest.values,
        anatomy,
        latest.id,
        { mask: maskPersonal },
        new Set(anatomy.patientBlock),
      );
      await this.audit.tampering(caller, latest.id, revealed.integrity);
      const patient: Record<string, unknown> = {};
      for (const key of anatomy.patientBlock) {
        if (revealed.values[key] !== undefined) patient[key] = revealed.values[key];
      }
      items.push({
        formKey: latest.formKey,
        patient,
        latestSubmissionId: latest.id,
        lastReportedAt: latest.createdAt.toISOString(),
        submissionIds: reports.map((r) => r.id),
        integrity: revealed.integrity.map(({ path, code }) => ({ path, code })),
      });
    }
    if (items.length > 0) {
      await this.audit.read(caller, false, undefined, { search: true, people: items.length });
    }
    return { items };
  }
}
