import crowdCategories from '../content/dictionaries/crowd-categories.json';
import drugs from '../content/dictionaries/drugs.json';
import epidemiologicalHistory from '../content/dictionaries/epidemiological-history.json';
import feverClinics from '../content/dictionaries/fever-clinics.json';
import idTypes from '../content/dictionaries/id-types.json';
import regions from '../content/dictionaries/regions-guangdong.json';
import symptoms from '../content/dictionaries/symptoms.json';
import patientVisitReport from '../content/forms/patient-visit-report.json';
import type { Dictionary } from '../src/types/dictionary.types';
import type { FormDefinition } from '../src/types/form.types';

/**
 * Content read through `resolveJsonModule` (this package's tests run without Node typings);
 * the engine's CLI reads the folder itself and checks every file.
 */
const DICTIONARIES = {
  crowdCategories,
  drugs,
  epidemiologicalHistory,
  feverClinics,
  idTypes,
  regions,
  symptoms,
};

/** The province's dictionaries, as fresh copies. */
export function loadDictionaries(): Dictionary[] {
  return Object.values(DICTIONARIES).map((d) => JSON.parse(JSON.stringify(d)) as Dictionary);
}

/** The patient visit report form, as a fresh copy tests may alter. */
export function loadPatientVisitReport(): FormDefinition {
  return JSON.parse(JSON.stringify(patientVisitReport)) as FormDefinition;
}
