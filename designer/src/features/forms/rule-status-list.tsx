import type { Form as FormilyForm } from '@formily/core';
import { observer } from '@formily/react';
import { toJS } from '@formily/reactive';
import type { FormDefinition, SafeFormilyCompiler } from '@sentinel/definitions';
import { List, Tag, Typography } from 'antd';
import { useLocale } from '../../shared/i18n/locale-context';
import type { LocalizedText } from '../../shared/i18n/messages';

interface Props {
  readonly form: FormilyForm;
  readonly definition: FormDefinition;
  readonly compiler: SafeFormilyCompiler;
}

/**
 * Each rule of the form with whether its condition holds for what is typed in the preview, so an
 * officer sees which rule made a field appear or become required. Re-renders on every change.
 */
export const RuleStatusList = observer(function RuleStatusList({
  form,
  definition,
  compiler,
}: Props) {
  const { locale, text } = useLocale();
  // A deep copy read key by key, so the observer re-renders when an answer first appears too.
  const values = toJS(form.values) as Record<string, unknown>;
  const rules = definition.rules ?? [];
  return (
    <List
      size="small"
      dataSource={[...rules]}
      data-testid="rule-status"
      renderItem={(rule) => {
        const holds = rule.when === undefined ? true : compiler(rule.when, { $values: values });
        return (
          <List.Item data-rule={rule.id} data-holds={String(holds === true)}>
            <List.Item.Meta
              title={text(rule.description ?? messageOf(rule)) || rule.id}
              description={<Typography.Text code>{rule.when ?? 'true'}</Typography.Text>}
            />
            {holds === true ? (
              <Tag color="orange">{locale === 'zh' ? '当前满足' : 'Holds now'}</Tag>
            ) : (
              <Tag>{locale === 'zh' ? '未满足' : 'Not met'}</Tag>
            )}
          </List.Item>
        );
      }}
    />
  );
});

/** A rule without a description is named by the message it shows (error and warning rules). */
function messageOf(rule: NonNullable<FormDefinition['rules']>[number]): LocalizedText | undefined {
  for (const effect of rule.effects)
    if ('message' in effect && effect.message !== undefined) return effect.message;
  return undefined;
}
