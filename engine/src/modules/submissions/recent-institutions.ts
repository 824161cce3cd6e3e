import { Injectable } from '@nestjs/common';
import { InstitutionDirectory, type InstitutionSummary } from '../institutions';

/** Same bound as the auth guard's principal cache: a suspension takes effect within a second. */
export const INSTITUTION_CACHE_TTL_MS = 1000;
const MAX_ENTRIES = 10_000;

interface Entry {
  readonly summary: InstitutionSummary;
  readonly expiresAtMs: number;
}

/**
 * Institution summaries for the reporting hot path. A clinic files many reports a minute, and
 * its status and region change rarely, so each is read from the directory at most once a
 * second. Only approved institutions are cached: an unknown id or a clinic still under review is
 * read fresh every time, so a new clinic is found and an approval takes effect at once (only a
 * suspension may take up to a second).
 */
@Injectable()
export class RecentInstitutions {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly directory: InstitutionDirectory) {}

  async institution(id: string): Promise<InstitutionSummary | null> {
    const cached = this.entries.get(id);
    if (cached !== undefined && cached.expiresAtMs > performance.now()) return cached.summary;
    this.entries.delete(id);
    const summary = await this.directory.institution(id);
    if (summary !== null && summary.status === 'approved') {
      if (this.entries.size >= MAX_ENTRIES) {
        const oldest = this.entries.keys().next().value;
        if (oldest !== undefined) this.entries.delete(oldest);
      }
      this.entries.set(id, { summary, expiresAtMs: performance.now() + INSTITUTION_CACHE_TTL_MS });
    }
    return summary;
  }

  /**
   * A rejected institution that files what it may file while under review (its qualification
   * documents) goes back to pending, inside the report's unit of work when there is one.
   * The cached summary is dropped so the next report sees the new status.
   */
  async reopenRejected(id: string, actor: string, source: string): Promise<void> {
    this.entries.delete(id);
    await this.directory.setStatusBySystem(id, 'pending', null, actor, { source });
    this.entries.delete(id);
  }
}
