import { Typography } from 'antd';

/** The definition exactly as the engine stores it, for reading and copying. */
export function DefinitionJson({ definition }: { readonly definition: Record<string, unknown> }) {
  return (
    <Typography.Paragraph copyable={{ text: JSON.stringify(definition, null, 2) }}>
      <pre
        data-testid="definition-json"
        style={{
          maxHeight: 600,
          overflow: 'auto',
          fontSize: 12,
          background: '#fafafa',
          padding: 12,
        }}
      >
        {JSON.stringify(definition, null, 2)}
      </pre>
    </Typography.Paragraph>
  );
}
