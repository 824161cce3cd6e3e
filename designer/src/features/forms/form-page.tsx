import { Alert, Breadcrumb, Card, Select, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { hrefOf } from '../../app/route';
import { messagesOf } from '../../shared/api/api-problem';
import type { DictionaryVersionView } from '../../shared/api/engine-responses';
import { useLocale } from '../../shared/i18n/locale-context';
import { DefinitionJson } from './definition-json';
import { FormPreview } from './form-preview';
import { useDictionaries, useFormVersion, useFormVersions } from './use-forms';
import { VersionsTable } from './versions-table';

/** One form: pick a version, then its phone preview, its version history and its definition. */
export function FormPage({ formKey }: { readonly formKey: string }) {
  const { t, text } = useLocale();
  const [chosen, setChosen] = useState<number | 'current'>('current');
  const versions = useFormVersions(formKey);
  const view = useFormVersion(formKey, chosen);
  const dictionaries = useDictionaries(view.data?.dictionaryVersions);
  const failure = [versions, view, ...dictionaries].find((q) => q.isError)?.error;

  if (failure !== undefined)
    return <Alert type="error" message={messagesOf(failure).map(text).join('；')} />;
  if (view.data === undefined || dictionaries.some((d) => d.data === undefined)) return <Spin />;

  const current = versions.data?.current ?? null;
  const options = [...(versions.data?.items ?? [])].reverse().map((v) => ({
    value: v.version,
    label: `${t('versionLabel', { version: v.version })}${v.version === current ? `（${t('inForce')}）` : ''}`,
  }));

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Breadcrumb
        items={[
          { title: <a href={hrefOf({ page: 'forms' })}>{t('backToForms')}</a> },
          { title: text(view.data.title) },
        ]}
      />
      <Card
        title={
          <Space>
            <span data-testid="form-title">{text(view.data.title)}</span>
            <Typography.Text code>{formKey}</Typography.Text>
          </Space>
        }
        extra={
          <Space>
            {view.data.version === current && <Tag color="green">{t('inForce')}</Tag>}
            <Select
              data-testid="version-select"
              style={{ width: 200 }}
              value={view.data.version}
              options={options}
              onChange={(v: number) => setChosen(v === current ? 'current' : v)}
            />
          </Space>
        }
      >
        <Tabs
          items={[
            {
              key: 'preview',
              label: t('tabPreview'),
              children: (
                <FormPreview
                  view={view.data}
                  dictionaries={dictionaries.map((d) => d.data as DictionaryVersionView)}
                />
              ),
            },
            {
              key: 'versions',
              label: t('tabVersions'),
              children: <VersionsTable list={versions.data} onOpen={setChosen} />,
            },
            {
              key: 'definition',
              label: t('tabDefinition'),
              children: <DefinitionJson definition={view.data.definition} />,
            },
          ]}
        />
      </Card>
    </Space>
  );
}
