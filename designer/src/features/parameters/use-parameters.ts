import { useMutation, useQueries, useQueryClient } from '@tanstack/react-query';
import { answer } from '../../shared/api/engine-client';
import type { FormVersionView, Publication } from '../../shared/api/engine-responses';
import { useSession } from '../../shared/session/session-context';
import { formQueryKeys, useFormList } from '../forms/use-forms';
import type { ParameterValue } from './parameter-rows';

/** Every form in force with its definition (the list answer carries no parameters). */
export function useFormsInForce() {
  const { client } = useSession();
  const list = useFormList();
  const forms = useQueries({
    queries: (list.data?.items ?? []).map((f) => ({
      queryKey: formQueryKeys.version(f.key, 'current'),
      queryFn: () =>
        answer<FormVersionView>(
          client.GET('/api/forms/{key}', { params: { path: { key: f.key } } }),
        ),
    })),
  });
  const error = list.error ?? forms.find((q) => q.isError)?.error ?? null;
  const pending = list.isPending || forms.some((q) => q.isPending);
  const data = pending ? [] : forms.flatMap((q) => (q.data === undefined ? [] : [q.data]));
  return { data, error, pending };
}

/** `PUT /api/admin/forms/:key/parameters`: publishes a new version; refreshes what it changed. */
export function usePublishParameters() {
  const { client } = useSession();
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (input: { formKey: string; values: Readonly<Record<string, ParameterValue>> }) =>
      answer<Publication>(
        client.PUT('/api/admin/forms/{key}/parameters', {
          params: { path: { key: input.formKey } },
          body: { values: { ...input.values } },
        }),
      ),
    onSuccess: (publication) =>
      Promise.all([
        queries.invalidateQueries({ queryKey: formQueryKeys.list, exact: true }),
        queries.invalidateQueries({ queryKey: formQueryKeys.version(publication.key, 'current') }),
        queries.invalidateQueries({ queryKey: formQueryKeys.versions(publication.key) }),
      ]),
  });
}
