import { Alert, App, Card, Table, Tag, Typography } from 'antd';
import { messagesOf } from '../../shared/api/api-problem';
import { useLocale } from '../../shared/i18n/locale-context';
import { ParameterEditor } from './parameter-editor';
import { ParameterHistory } from './parameter-history';
import type { ParameterRow } from './parameter-rows';
import { limitsText, parameterRows } from './parameter-rows';
import { useFormsInForce } from './use-parameters';

/** Every parameter of every form in one table; saving a value publishes a new form version. */
export function ParametersPage() {
  const { t, text } = useLocale();
  const { message } = App.useApp();
  const forms = useFormsInForce();
  if (forms.error !== null)
    return <Alert type="error" message={messagesOf(forms.error).map(text).join('；')} />;
  const rows = parameterRows(forms.data);

  const published = (row: ParameterRow, version: number) =>
    void message.success({
      content: (
        <span data-testid="published-message">
          {t('published', { form: text(row.formTitle), version })}
        </span>
      ),
      duration: 6,
    });

  return (
    <Card title={t('parametersTitle')}>
      <Typography.Paragraph type="secondary">{t('parametersHint')}</Typography.Paragraph>
      <div data-testid="parameters-table">
        <Table<ParameterRow>
          rowKey="id"
          loading={forms.pending}
          dataSource={rows}
          pagination={false}
          locale={{ emptyText: t('noParameters') }}
          expandable={{
            expandedRowRender: (row) => <ParameterHistory row={row} />,
            columnTitle: t('columnHistory'),
            columnWidth: 64,
          }}
          columns={[
            {
              title: t('columnParameter'),
              key: 'parameter',
              render: (_, row) => (
                <div>
                  <div>{text(row.title)}</div>
                  <Typography.Text type="secondary" code>
                    {row.key}
                  </Typography.Text>
                </div>
              ),
            },
            {
              title: t('columnForm'),
              key: 'form',
              render: (_, row) => (
                <span>
                  {text(row.formTitle)}{' '}
                  <Tag color="blue" data-testid={`parameter-version-${row.id}`}>
                    {t('versionLabel', { version: row.formVersion })}
                  </Tag>
                </span>
              ),
            },
            {
              title: t('columnValue'),
              key: 'value',
              render: (_, row) => (
                <strong data-testid={`parameter-value-${row.id}`}>
                  {`${String(row.value)} ${row.unit ?? ''}`.trim()}
                </strong>
              ),
            },
            {
              title: t('columnLimits'),
              key: 'limits',
              render: (_, row) => limitsText(row) ?? t('limitsAny'),
            },
            {
              title: t('columnNewValue'),
              key: 'edit',
              // Keyed by version: after a publication the editor starts from the new value.
              render: (_, row) => (
                <ParameterEditor
                  key={`${row.id}@${row.formVersion}`}
                  row={row}
                  onPublished={published}
                />
              ),
            },
          ]}
        />
      </div>
    </Card>
  );
}
