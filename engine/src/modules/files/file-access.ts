import { dataScopeOf, inScope, type Principal } from '../../common/auth';
import type { InstitutionDirectory } from '../institutions';
import type { FileRecord, FileScope } from './file-record';

/**
 * The scope an upload gets from its uploader: their institution, the region path down to their
 * own region node, and for a patient their patient id. Until a record references the file, only
 * callers who see the uploader's records see the file.
 */
export async function uploaderScope(
  principal: Principal,
  directory: InstitutionDirectory,
): Promise<FileScope> {
  const regionPath =
    principal.regionCode === undefined ? [] : await directory.regionPath(principal.regionCode);
  return {
    ...(principal.institutionId === undefined ? {} : { institutionId: principal.institutionId }),
    ...(regionPath.length === 0 ? {} : { regionPath: [...regionPath] }),
    ...(principal.patientId === undefined ? {} : { patientIds: [principal.patientId] }),
  };
}

/** Downloads follow the data: the uploader's scope or any referencing record's scope. */
export function mayRead(principal: Principal, file: FileRecord): boolean {
  const scope = dataScopeOf(principal);
  return inScope(scope, file) || file.references.some((reference) => inScope(scope, reference));
}

/** Attaching needs the upload itself in the caller's scope: no borrowing another clinic's file ids. */
export function mayAttach(principal: Principal, file: FileRecord): boolean {
  return inScope(dataScopeOf(principal), file);
}
