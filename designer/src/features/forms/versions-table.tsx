import { Button, Table, Tag } from 'antd';
import type { VersionList, VersionPointer } from '../../shared/api/engine-responses';
import { formatDateTime } from '../../shared/i18n/format-date';
import { useLocale } from '../../shared/i18n/locale-context';

interface Props {
  readonly list: VersionList | undefined;
  readonly onOpen: (version: number) => void;
}

/** Every published version, newest first, marking the one in force. */
export function VersionsTable({ list, onOpen }: Props) {
  const { t, locale } = useLocale();
  const rows = [...(list?.items ?? [])].reverse();
  return (
    <div data-testid="versions-table">
      <Table<VersionPointer>
        rowKey="version"
        size="small"
        pagination={false}
        dataSource={rows}
        columns={[
          {
            title: t('columnVersion'),
            dataIndex: 'version',
            render: (version: number) => (
              <Button type="link" size="small" onClick={() => onOpen(version)}>
                {t('versionLabel', { version })}
                {version === list?.current && (
                  <Tag color="green" style={{ marginInlineStart: 8 }}>
                    {t('inForce')}
                  </Tag>
                )}
              </Button>
            ),
          },
          {
            title: t('columnPublishedAt'),
            dataIndex: 'publishedAt',
            render: (at: string) => formatDateTime(at, locale),
          },
          {
            title: t('columnEffectiveFrom'),
            dataIndex: 'effectiveFrom',
            render: (at: string) => formatDateTime(at, locale),
          },
          { title: t('columnPublishedBy'), dataIndex: 'publishedBy' },
          {
            title: 'SHA-256',
            dataIndex: 'checksum',
            render: (c: string) => <code>{c.slice(0, 12)}…</code>,
          },
        ]}
      />
    </div>
  );
}
