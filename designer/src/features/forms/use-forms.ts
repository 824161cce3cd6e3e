import { useQueries, useQuery } from '@tanstack/react-query';
import { answer } from '../../shared/api/engine-client';
import type {
  DictionaryVersionView,
  FormList,
  FormVersionView,
  VersionList,
} from '../../shared/api/engine-responses';
import { useSession } from '../../shared/session/session-context';

/** Query keys by resource, so a publication can invalidate exactly what it changed. */
export const formQueryKeys = {
  list: ['forms'] as const,
  form: (key: string) => ['forms', key] as const,
  versions: (key: string) => ['forms', key, 'versions'] as const,
  version: (key: string, version: number | 'current') =>
    ['forms', key, 'version', version] as const,
};

export function useFormList() {
  const { client } = useSession();
  return useQuery({
    queryKey: formQueryKeys.list,
    queryFn: () => answer<FormList>(client.GET('/api/forms')),
  });
}

export function useFormVersions(key: string) {
  const { client } = useSession();
  return useQuery({
    queryKey: formQueryKeys.versions(key),
    queryFn: () =>
      answer<VersionList>(client.GET('/api/forms/{key}/versions', { params: { path: { key } } })),
  });
}

/** One version of a form with its definition; the one in force when `version` is 'current'. */
export function useFormVersion(key: string, version: number | 'current') {
  const { client } = useSession();
  return useQuery({
    queryKey: formQueryKeys.version(key, version),
    queryFn: () =>
      answer<FormVersionView>(
        version === 'current'
          ? client.GET('/api/forms/{key}', { params: { path: { key } } })
          : client.GET('/api/forms/{key}/versions/{version}', {
              params: { path: { key, version: String(version) } },
            }),
      ),
  });
}

/** Every version of a form with its definition (for the parameters' history). */
export function useAllFormVersions(key: string, versions: readonly number[]) {
  const { client } = useSession();
  return useQueries({
    queries: versions.map((version) => ({
      queryKey: formQueryKeys.version(key, version),
      queryFn: () =>
        answer<FormVersionView>(
          client.GET('/api/forms/{key}/versions/{version}', {
            params: { path: { key, version: String(version) } },
          }),
        ),
      staleTime: Infinity, // published versions never change
    })),
  });
}

/** The dictionary versions a form version was published with, for its pickers. */
export function useDictionaries(dictionaryVersions: Readonly<Record<string, number>> | undefined) {
  const { client } = useSession();
  const entries = Object.entries(dictionaryVersions ?? {});
  return useQueries({
    queries: entries.map(([key, version]) => ({
      queryKey: ['dictionaries', key, version],
      queryFn: () =>
        answer<DictionaryVersionView>(
          client.GET('/api/dictionaries/{key}/versions/{version}', {
            params: { path: { key, version: String(version) } },
          }),
        ),
      staleTime: Infinity,
    })),
  });
}
