import type { InstitutionStatus } from '../../institutions';
import type { Institution, InstitutionAddress } from '../../institutions';

/** A clinic as lists and details show it. */
export interface ClinicView {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly address: InstitutionAddress;
  readonly insuranceDesignated: boolean;
  readonly regionCode: string;
  readonly regionPath: readonly string[];
  readonly status: InstitutionStatus;
  /** Why the clinic was last rejected or suspended. */
  readonly statusReason: string | null;
  readonly formVersion: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** A clinic with its review history (detail view). */
export interface ClinicDetailView extends ClinicView {
  readonly statusHistory: readonly {
    readonly status: InstitutionStatus;
    readonly reason: string | null;
    readonly actor: string;
    readonly at: string;
  }[];
}

/** What registration answers: enough for the client to log in and follow the review. */
export interface ClinicRegistered {
  readonly institutionId: string;
  readonly status: InstitutionStatus;
  readonly adminUserId: string;
}

export function clinicView(record: Institution): ClinicView {
  const last = record.statusHistory.at(-1);
  return {
    id: record.id,
    name: record.name,
    type: record.type,
    address: { region: record.address.region, detail: record.address.detail },
    insuranceDesignated: record.insuranceDesignated,
    regionCode: record.regionCode,
    regionPath: record.regionPath,
    status: record.status,
    statusReason: last?.status === record.status ? last.reason : null,
    formVersion: record.formVersion,
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
  };
}

export function clinicDetailView(record: Institution): ClinicDetailView {
  return {
    ...clinicView(record),
    statusHistory: record.statusHistory.map((change) => ({
      status: change.status,
      reason: change.reason,
      actor: change.actor,
      at: change.at.toISOString(),
    })),
  };
}
