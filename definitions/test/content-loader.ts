import crowdCategories from '../content/dictionaries/crowd-categories.json';
import drugs from '../content/dictionaries/drugs.json';
import epidemiologicalHistory from '../content/dictionaries/epidemiological-history.json';
import feverClinics from '../content/dictionaries/fever-clinics.json';
import idTypes from '../content/dictionaries/id-types.json';
import regions from '../content/dictionaries/regions-guangdong.json';
import symptoms from '../content/dictionaries/symptoms.json';
import patientVisitReport from '../content/forms/patient-visit-report.json';
import clueBodyStatus from '../content/dictionaries/clue-body-status.json';
import doctorRoles from '../content/dictionaries/doctor-roles.json';
import doctorTitles from '../content/dictionaries/doctor-titles.json';
import drugFrequencies from '../content/dictionaries/drug-frequencies.json';
import drugRoutes from '../content/dictionaries/drug-routes.json';
import drugUnits from '../content/dictionaries/drug-units.json';
import genders from '../content/dictionaries/genders.json';
import hainanCaseStatus from '../content/dictionaries/hainan-case-status.json';
import hainanKeyAreas from '../content/dictionaries/hainan-key-areas.json';
import hainanSymptoms from '../content/dictionaries/hainan-symptoms.json';
import institutionTypes from '../content/dictionaries/institution-types.json';
import medicalSubjects from '../content/dictionaries/medical-subjects.json';
import practiceCategories from '../content/dictionaries/practice-categories.json';
import practiceScopes from '../content/dictionaries/practice-scopes.json';
import regionsHainan from '../content/dictionaries/regions-hainan.json';
import relations from '../content/dictionaries/relations.json';
import staffPositions from '../content/dictionaries/staff-positions.json';
import staffRoles from '../content/dictionaries/staff-roles.json';
import clinicQualificationForm from '../content/forms/clinic-qualification.json';
import clinicRegistrationForm from '../content/forms/clinic-registration.json';
import clueFeedbackForm from '../content/forms/clue-feedback.json';
import clueReportForm from '../content/forms/clue-report.json';
import departmentForm from '../content/forms/department.json';
import doctorQualificationForm from '../content/forms/doctor-qualification.json';
import hainanDrugPurchaseForm from '../content/forms/hainan-drug-purchase.json';
import hainanHealthDeclarationForm from '../content/forms/hainan-health-declaration.json';
import institutionInfoForm from '../content/forms/institution-info.json';
import patientSelfRegistrationForm from '../content/forms/patient-self-registration.json';
import prescriptionForm from '../content/forms/prescription.json';
import staffForm from '../content/forms/staff.json';
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

/** The dictionaries beyond the patient visit report's, as fresh copies. */
const MORE_DICTIONARIES = [
  clueBodyStatus,
  doctorRoles,
  doctorTitles,
  drugFrequencies,
  drugRoutes,
  drugUnits,
  genders,
  hainanCaseStatus,
  hainanKeyAreas,
  hainanSymptoms,
  institutionTypes,
  medicalSubjects,
  practiceCategories,
  practiceScopes,
  regionsHainan,
  relations,
  staffPositions,
  staffRoles,
];

/** The province's forms beyond the patient visit report. */
const MORE_FORMS = [
  clinicQualificationForm,
  clinicRegistrationForm,
  clueFeedbackForm,
  clueReportForm,
  departmentForm,
  doctorQualificationForm,
  hainanDrugPurchaseForm,
  hainanHealthDeclarationForm,
  institutionInfoForm,
  patientSelfRegistrationForm,
  prescriptionForm,
  staffForm,
];

/** Every dictionary in `content/dictionaries`, as fresh copies (a spec checks the list is complete). */
export function loadAllDictionaries(): Dictionary[] {
  return [
    ...loadDictionaries(),
    ...MORE_DICTIONARIES.map((d) => JSON.parse(JSON.stringify(d)) as Dictionary),
  ];
}

/** Every form in `content/forms`, as fresh copies (a spec checks the list is complete). */
export function loadAllForms(): FormDefinition[] {
  return [
    loadPatientVisitReport(),
    ...MORE_FORMS.map((f) => JSON.parse(JSON.stringify(f)) as FormDefinition),
  ];
}
