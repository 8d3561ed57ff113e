import 'i18next';
import type { en } from './en';

// Keys and their {{variables}} checked against the English catalog: a wrong key fails typecheck.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}
