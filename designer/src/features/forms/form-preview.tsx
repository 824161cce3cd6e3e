import { createForm, setValidateLanguage } from '@formily/core';
import { Form, FormButtonGroup } from '@formily/antd-v5';
import type { Dictionary, FormDefinition } from '@sentinel/definitions';
import { createSafeFormilyCompiler, toFormilySchema } from '@sentinel/definitions';
import { Button, Card, Col, Row, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import type { DictionaryVersionView, FormVersionView } from '../../shared/api/engine-responses';
import { dictionaryOptions } from '../../shared/formily/dictionary-options';
import {
  FORM_COMPILER_SCOPE_KEY,
  registerSafeCompilerOnce,
} from '../../shared/formily/preview-compiler';
import { PreviewContext, PreviewSchemaField } from '../../shared/formily/preview-components';
import { useLocale } from '../../shared/i18n/locale-context';
import { RuleStatusList } from './rule-status-list';

// Before any schema is compiled; the preview chunk is the only code that renders Formily schemas.
registerSafeCompilerOnce();

interface Props {
  readonly view: FormVersionView;
  readonly dictionaries: readonly DictionaryVersionView[];
}

/** Width of the phone frame: a common phone's CSS width, as the mini-app lays forms out. */
export const PHONE_WIDTH_PX = 390;
const SCREEN_PADDING_PX = 12;
const FRAME_BORDER_PX = 10;

/**
 * The form as a phone shows it, rendered from the definitions' Formily mapping with the form's
 * own safe compiler: rules run as the officer types, with this version's parameter values.
 */
export function FormPreview({ view, dictionaries }: Props) {
  const { t, text, locale } = useLocale();
  const definition = view.definition as unknown as FormDefinition;
  const schema = useMemo(
    () =>
      toFormilySchema(definition, {
        locale,
        dictionaries: dictionaries.map((d) => d.dictionary as unknown as Dictionary),
        repeatComponent: 'ArrayItems',
      }),
    [definition, dictionaries, locale],
  );
  const compiler = useMemo(() => createSafeFormilyCompiler(definition), [definition]);
  const scope = useMemo(() => ({ [FORM_COMPILER_SCOPE_KEY]: compiler }), [compiler]);
  const [generation, setGeneration] = useState(0);
  // A new form for each version (and on "clear"), so nothing typed leaks between versions.
  const form = useMemo(() => createForm(), [definition, generation]);
  const context = useMemo(
    () => ({
      locale,
      dictionaries: new Map(
        dictionaries.map((d) => [d.key, dictionaryOptions(d.dictionary, locale)]),
      ),
    }),
    [dictionaries, locale],
  );
  useEffect(() => setValidateLanguage(locale === 'zh' ? 'zh-CN' : 'en-US'), [locale]);

  const parameters = Object.entries(view.parameters)
    .map(([key, value]) => parameterText(definition, key, value, text))
    .join('，');

  return (
    <Row gutter={24} wrap={false}>
      <Col flex={`${PHONE_WIDTH_PX + 2 * FRAME_BORDER_PX + 24}px`}>
        <div
          data-testid="phone-preview"
          style={{
            width: PHONE_WIDTH_PX - 2 * SCREEN_PADDING_PX,
            height: 720,
            overflowY: 'auto',
            border: `${FRAME_BORDER_PX}px solid #1f1f1f`,
            borderRadius: 28,
            background: '#fff',
            padding: SCREEN_PADDING_PX,
            boxSizing: 'content-box',
          }}
        >
          <Typography.Title level={5} style={{ textAlign: 'center' }}>
            {text(definition.title)}
          </Typography.Title>
          <PreviewContext.Provider value={context}>
            <Form form={form} layout="vertical" colon={false} key={generation}>
              <PreviewSchemaField schema={schema} scope={scope} />
              <FormButtonGroup>
                <Button type="primary" onClick={() => void form.validate().catch(() => undefined)}>
                  {locale === 'zh' ? '检查填写' : 'Check the answers'}
                </Button>
                <Button onClick={() => setGeneration((g) => g + 1)}>{t('previewReset')}</Button>
              </FormButtonGroup>
            </Form>
          </PreviewContext.Provider>
        </div>
      </Col>
      <Col flex="auto">
        <Typography.Paragraph type="secondary">{t('previewHint')}</Typography.Paragraph>
        {parameters !== '' && (
          <Typography.Paragraph data-testid="preview-parameters">
            {t('previewParameters', { values: parameters })}
          </Typography.Paragraph>
        )}
        <Card size="small" title={t('rulesTitle')}>
          <RuleStatusList form={form} definition={definition} compiler={compiler} />
        </Card>
      </Col>
    </Row>
  );
}

function parameterText(
  definition: FormDefinition,
  key: string,
  value: string | number | boolean,
  text: (v: { zh: string; en?: string } | undefined) => string,
): string {
  const p = (definition.parameters ?? []).find((d) => d.key === key);
  return p === undefined
    ? `${key} ${String(value)}`
    : `${text(p.title)} ${String(value)} ${p.unit ?? ''}`.trim();
}
