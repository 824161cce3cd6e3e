import { Alert, Card, Table, Tag, Typography } from 'antd';
import { hrefOf } from '../../app/route';
import { messagesOf } from '../../shared/api/api-problem';
import type { FormSummary } from '../../shared/api/engine-responses';
import { useLocale } from '../../shared/i18n/locale-context';
import { formatDateTime } from '../../shared/i18n/format-date';
import { useFormList } from './use-forms';

/** Every form in force: title, key, version, publication date. */
export function FormsListPage() {
  const { t, text, locale } = useLocale();
  const forms = useFormList();
  if (forms.isError)
    return <Alert type="error" message={messagesOf(forms.error).map(text).join('；')} />;
  return (
    <Card title={t('formsTitle')}>
      <Typography.Paragraph type="secondary">{t('formsHint')}</Typography.Paragraph>
      <div data-testid="forms-table">
        <Table<FormSummary>
          rowKey="key"
          loading={forms.isPending}
          dataSource={forms.data?.items as FormSummary[] | undefined}
          pagination={false}
          size="middle"
          columns={[
            {
              title: t('columnTitle'),
              key: 'title',
              render: (_, form) => (
                <div>
                  <a href={hrefOf({ page: 'form', key: form.key })}>{text(form.title)}</a>
                  {form.description !== undefined && (
                    <Typography.Paragraph
                      type="secondary"
                      ellipsis={{ rows: 1 }}
                      style={{ margin: 0, maxWidth: 560 }}
                    >
                      {text(form.description)}
                    </Typography.Paragraph>
                  )}
                </div>
              ),
            },
            {
              title: t('columnKey'),
              dataIndex: 'key',
              render: (key: string) => <Typography.Text code>{key}</Typography.Text>,
            },
            {
              title: t('columnVersion'),
              dataIndex: 'version',
              render: (version: number) => <Tag color="blue">{t('versionLabel', { version })}</Tag>,
            },
            {
              title: t('columnPublishedAt'),
              dataIndex: 'publishedAt',
              render: (at: string) => formatDateTime(at, locale),
            },
          ]}
        />
      </div>
    </Card>
  );
}
