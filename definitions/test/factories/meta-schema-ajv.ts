import Ajv2020 from 'ajv/dist/2020';
import bundleSchema from '../../schemas/bundle.schema.json';
import commonSchema from '../../schemas/common.schema.json';
import dictionarySchema from '../../schemas/dictionary.schema.json';
import formSchema from '../../schemas/form.schema.json';
import workflowSchema from '../../schemas/workflow.schema.json';

/**
 * Ajv validators for the meta-schemas. Ajv compiles with `new Function`, so it stays in tests and
 * the Node-side CLI. `strictRequired` and `allowUnionTypes` are relaxed: the meta-schemas list
 * `required` names whose properties are declared in sibling subschemas, and use `type` unions.
 */
export function makeMetaSchemaAjv() {
  const ajv = new Ajv2020({
    allErrors: true,
    strict: true,
    strictRequired: false,
    allowUnionTypes: true,
  });
  for (const schema of [commonSchema, dictionarySchema, formSchema, workflowSchema, bundleSchema])
    ajv.addSchema(schema);
  return {
    form: ajv.getSchema(formSchema.$id)!,
    dictionary: ajv.getSchema(dictionarySchema.$id)!,
    workflow: ajv.getSchema(workflowSchema.$id)!,
    bundle: ajv.getSchema(bundleSchema.$id)!,
  };
}
