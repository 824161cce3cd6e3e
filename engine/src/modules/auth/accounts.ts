import type { Role } from '../../common/auth';

/** A login account to create (clinic staff, regulator, policy editor or patient). */
export interface NewAccount {
  /** Unique login name; clinic admins and patients default to their phone number. */
  readonly username: string;
  /** Mainland mobile number; unique across accounts ("one phone number, one account"). */
  readonly phone?: string;
  readonly password: string;
  readonly displayName: string;
  readonly roles: readonly Role[];
  readonly institutionId?: string;
  /** Regulators: the region node they oversee. */
  readonly regionCode?: string;
  /** Staff of an outside organisation (a designated fever clinic): its dictionary code. */
  readonly organisationCode?: string;
  readonly patientId?: string;
  readonly enabled?: boolean;
}

/** An account as other modules see it: never the hash, phone masked. */
export interface AccountView {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly roles: readonly Role[];
  readonly institutionId?: string;
  readonly regionCode?: string;
  readonly organisationCode?: string;
  readonly patientId?: string;
  readonly enabled: boolean;
  /** `134****5678`, when a phone is bound. */
  readonly phoneMasked?: string;
}

/** Where in the caller's request body the account's fields sit, so errors name the right path. */
export interface AccountFieldPaths {
  readonly username?: string;
  readonly phone?: string;
  readonly password?: string;
  readonly displayName?: string;
  readonly roles?: string;
}

/**
 * Accounts for other modules (clinic registration, staff, patients). Implemented by the auth
 * module, which owns the `users` collection, password hashing and token revocation.
 */
export abstract class Accounts {
  /**
   * Checks the username, phone and password rules (422) and uniqueness of username and phone
   * (409), hashes the password and stores the account, inside the caller's unit of work when
   * there is one. The creation is audited here (actor `options.actor`, default `system`) unless
   * `auditedByCaller`: a caller creating the account inside its own unit of work audits it there
   * or after the commit, so the log never names an account that a rollback took away.
   */
  abstract create(
    account: NewAccount,
    options?: {
      readonly auditedByCaller?: boolean;
      readonly paths?: AccountFieldPaths;
      readonly actor?: string;
    },
  ): Promise<AccountView>;
  abstract findById(userId: string): Promise<AccountView | null>;
  /** Disabling also revokes every token of the account. */
  abstract setEnabled(userId: string, enabled: boolean, actor: string): Promise<void>;
  abstract setRoles(userId: string, roles: readonly Role[], actor: string): Promise<void>;
  /** Binds a phone after checking (and consuming) an SMS code sent for `bind-phone`. */
  abstract bindPhone(userId: string, phone: string, code: string): Promise<void>;
}
