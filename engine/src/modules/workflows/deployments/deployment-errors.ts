import { ApiError } from '../../../common/errors';

/** 404 for a version number a deployed workflow does not have. */
export function workflowVersionNotFound(key: string, version: number): ApiError {
  return ApiError.single(404, 'WORKFLOW_VERSION_NOT_FOUND', '/version', {
    zh: `流程 ${key} 没有第 ${version} 版`,
    en: `Workflow ${key} has no version ${version}`,
  });
}
