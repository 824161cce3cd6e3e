import { Button, Form, Input, InputNumber, Select, Space } from 'antd';
import { useState } from 'react';
import { ApiProblem, messagesOf } from '../../shared/api/api-problem';
import { useLocale } from '../../shared/i18n/locale-context';
import type { ParameterRow, ParameterValue } from './parameter-rows';
import { parameterChange, parameterPath } from './parameter-rows';
import { usePublishParameters } from './use-parameters';

interface Props {
  readonly row: ParameterRow;
  readonly onPublished: (row: ParameterRow, version: number) => void;
}

/** The new-value cell: an input of the parameter's type, save, and the engine's refusal beneath. */
export function ParameterEditor({ row, onPublished }: Props) {
  const { t, text } = useLocale();
  const [edited, setEdited] = useState<ParameterValue | null>(row.value);
  const publish = usePublishParameters();
  const change = parameterChange(row, edited);
  const problem = publish.error;
  // The engine's messages about this value (or the whole request) under the input; others too.
  const atField =
    problem instanceof ApiProblem
      ? [...problem.messagesAt(parameterPath(row.key)), ...problem.messagesAt('/values')]
      : [];
  const shown = atField.length > 0 || problem === null ? atField : messagesOf(problem);

  const save = () => {
    if (change.kind !== 'change') return;
    // Not mutate's onSuccess: the refreshed table remounts this editor (keyed by version) before
    // such a callback would run, and React Query skips callbacks of unmounted observers.
    publish
      .mutateAsync({ formKey: row.formKey, values: change.values })
      .then((publication) => onPublished(row, publication.version))
      .catch(() => undefined); // shown from publish.error
  };

  return (
    <Form.Item
      style={{ margin: 0 }}
      validateStatus={shown.length > 0 ? 'error' : undefined}
      help={
        shown.length > 0 ? (
          <span data-testid="parameter-error">{shown.map(text).join('；')}</span>
        ) : undefined
      }
    >
      <Space.Compact>
        {row.type === 'number' && (
          <InputNumber<number>
            data-testid={`parameter-input-${row.id}`}
            value={typeof edited === 'number' ? edited : null}
            step={Number.isInteger(row.value) ? 1 : 0.1}
            addonAfter={row.unit}
            onChange={(v) => {
              publish.reset();
              setEdited(v);
            }}
            style={{ width: 160 }}
          />
        )}
        {row.type === 'string' && (
          <Input
            data-testid={`parameter-input-${row.id}`}
            value={typeof edited === 'string' ? edited : ''}
            onChange={(e) => {
              publish.reset();
              setEdited(e.target.value);
            }}
            style={{ width: 200 }}
          />
        )}
        {row.type === 'boolean' && (
          <Select<'yes' | 'no'>
            data-testid={`parameter-input-${row.id}`}
            value={typeof edited === 'boolean' ? (edited ? 'yes' : 'no') : undefined}
            options={[
              { value: 'yes', label: t('yes') },
              { value: 'no', label: t('no') },
            ]}
            onChange={(v) => {
              publish.reset();
              setEdited(v === 'yes');
            }}
            style={{ width: 100 }}
          />
        )}
        <Button
          type="primary"
          data-testid={`parameter-save-${row.id}`}
          disabled={change.kind !== 'change'}
          loading={publish.isPending}
          onClick={save}
        >
          {t('save')}
        </Button>
      </Space.Compact>
    </Form.Item>
  );
}
