import { Spin, Tag, Timeline } from 'antd';
import type { FormVersionView } from '../../shared/api/engine-responses';
import { formatDateTime } from '../../shared/i18n/format-date';
import { useLocale } from '../../shared/i18n/locale-context';
import { useAllFormVersions, useFormVersions } from '../forms/use-forms';
import type { ParameterRow } from './parameter-rows';
import { parameterHistory } from './parameter-rows';

/**
 * The values a parameter took, read from every published version of its form (the versions list
 * carries no parameters, so each version is fetched once; published versions never change).
 */
export function ParameterHistory({ row }: { readonly row: ParameterRow }) {
  const { t, locale } = useLocale();
  const list = useFormVersions(row.formKey);
  const versions = useAllFormVersions(
    row.formKey,
    (list.data?.items ?? []).map((v) => v.version),
  );
  if (list.isPending || versions.some((q) => q.isPending)) return <Spin size="small" />;
  const views = versions.flatMap((q) => (q.data === undefined ? [] : [q.data as FormVersionView]));
  const history = parameterHistory(views, row.key).reverse();
  return (
    <Timeline
      data-testid={`parameter-history-${row.id}`}
      style={{ marginTop: 8 }}
      items={history.map((entry, i) => ({
        color: i === 0 ? 'green' : 'gray',
        children: (
          <span>
            {t('historyEntry', {
              version: entry.version,
              value: `${String(entry.value)} ${row.unit ?? ''}`.trim(),
            })}
            <span style={{ color: '#888', marginInlineStart: 8 }}>
              {formatDateTime(entry.publishedAt, locale)}
            </span>
            {i === 0 && (
              <Tag color="green" style={{ marginInlineStart: 8 }}>
                {t('inForce')}
              </Tag>
            )}
          </span>
        ),
      }))}
    />
  );
}
