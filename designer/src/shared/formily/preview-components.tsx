import {
  ArrayItems,
  ArrayTable,
  Checkbox,
  DatePicker,
  FormItem,
  FormLayout,
  Input,
  NumberPicker,
  Radio,
  Select,
} from '@formily/antd-v5';
import { connect, createSchemaField, mapProps } from '@formily/react';
import { Button, Card, Cascader, Radio as AntRadio, Space, Typography } from 'antd';
import { createContext, useContext, useMemo } from 'react';
import type { Locale } from '../i18n/messages';
import { translate } from '../i18n/messages';
import type { DictionaryOption } from './dictionary-options';
import { cascaderOptions } from './dictionary-options';

/** The preview's dictionaries and language, for the few components that read them by key. */
export interface PreviewContextValue {
  readonly locale: Locale;
  readonly dictionaries: ReadonlyMap<string, readonly DictionaryOption[]>;
}
export const PreviewContext = createContext<PreviewContextValue>({
  locale: 'zh',
  dictionaries: new Map(),
});

interface ValueProps<T> {
  readonly value?: T;
  readonly onChange?: (value: T | undefined) => void;
  readonly dictionary?: string;
}

/** Region codes as a cascader over the region dictionary; the answer is the deepest code. */
function RegionCascader({ value, onChange, dictionary }: ValueProps<string>) {
  const { dictionaries } = useContext(PreviewContext);
  const items = dictionaries.get(dictionary ?? '') ?? [];
  const tree = useMemo(() => cascaderOptions(items), [items]);
  const path = useMemo(() => pathTo(items, value), [items, value]);
  return (
    <Cascader
      options={tree}
      value={path}
      changeOnSelect
      onChange={(codes) => onChange?.(codes?.length ? String(codes[codes.length - 1]) : undefined)}
      style={{ width: '100%' }}
    />
  );
}

function pathTo(items: readonly DictionaryOption[], code: string | undefined): string[] {
  const byCode = new Map(items.map((i) => [i.code, i]));
  const path: string[] = [];
  for (let c = code; c !== undefined && path.length < 10; c = byCode.get(c)?.parent)
    path.unshift(c);
  return code === undefined ? [] : path;
}

interface Address {
  readonly region?: string;
  readonly detail?: string;
}

function AddressFields({ value, onChange, dictionary }: ValueProps<Address>) {
  const { locale } = useContext(PreviewContext);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <RegionCascader
        dictionary={dictionary}
        value={value?.region}
        onChange={(region) => onChange?.({ ...value, region })}
      />
      <Input
        placeholder={locale === 'zh' ? '详细地址' : 'Street address'}
        value={value?.detail}
        onChange={(e: { target: { value: string } }) =>
          onChange?.({ ...value, detail: e.target.value })
        }
      />
    </Space>
  );
}

interface MatrixProps extends ValueProps<Record<string, boolean>> {
  readonly items?: readonly { label: string; value: string }[];
}

/** One 是/否 row per item (symptom checklists). */
function YesNoRows({ value, onChange, items }: MatrixProps) {
  const { locale } = useContext(PreviewContext);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {(items ?? []).map((item) => (
        <Space key={item.value} style={{ justifyContent: 'space-between', width: '100%' }}>
          <Typography.Text>{item.label}</Typography.Text>
          <AntRadio.Group
            size="small"
            value={value?.[item.value]}
            onChange={(e) => onChange?.({ ...value, [item.value]: e.target.value as boolean })}
            options={[
              { label: translate('yes', locale), value: true },
              { label: translate('no', locale), value: false },
            ]}
          />
        </Space>
      ))}
    </Space>
  );
}

/** Files are uploaded to the engine by the phone app; the preview only shows where. */
function FileUploadPlaceholder() {
  const { locale } = useContext(PreviewContext);
  return (
    <Button disabled block>
      {translate('previewUnavailable', locale)}
    </Button>
  );
}

const withoutDesignerProps = mapProps((props: Record<string, unknown>) => {
  // `optionFilter` and `exclusive` are read by the phone renderer; antd would pass them to the DOM.
  const { optionFilter: _filter, exclusive: _exclusive, ...rest } = props;
  return rest;
});

/** The components the definitions' Formily mapping names, as antd widgets. */
export const PreviewSchemaField = createSchemaField({
  components: {
    FormItem,
    FormLayout,
    Input,
    NumberPicker,
    DatePicker,
    Radio,
    Checkbox,
    Select: connect(Select, withoutDesignerProps),
    ArrayTable,
    ArrayItems,
    Card,
    RegionPicker: connect(RegionCascader),
    AddressInput: connect(AddressFields),
    YesNoMatrix: connect(YesNoRows),
    FileUpload: connect(FileUploadPlaceholder),
  },
});
