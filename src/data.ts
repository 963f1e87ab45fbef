// Reads the shipped reference data in data/ (profiles, matrix, questionnaire, zones, demo set).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HolidayRule } from './domain/calendar.ts';
import type { Question } from './domain/intake.ts';
import type { Zone } from './domain/types.ts';
import { dataDir } from './paths.ts';

const cache = new Map<string, unknown>();

export function readData<T>(file: string): T {
  if (!cache.has(file)) cache.set(file, JSON.parse(readFileSync(join(dataDir(), file), 'utf8')));
  return cache.get(file) as T;
}

export const questionnaire = (): Question[] => readData<Question[]>('questionnaire.json');
export const zonesData = (): Zone[] => readData<Zone[]>('zones.json');
export const profilesData = (): unknown[] => readData<unknown[]>('profiles.json');
/** Public holidays missing from the date-holidays package, per country (see the file's $comment). */
export const holidayRulesData = (): Record<string, HolidayRule[]> => {
  const { $comment: _, ...byCountry } = readData<Record<string, unknown>>('holidays.json');
  return byCountry as Record<string, HolidayRule[]>;
};
export const matrixData = (): { matrix: unknown } => readData<{ matrix: unknown }>('priority-matrix.json');

export interface DemoData {
  clients: {
    name: string;
    contractNo: string;
    profile: string;
    language: 'ru' | 'en';
    contacts: { name: string; phone: string | null; email: string | null; preferredChannel: string }[];
    services: {
      serviceId: string;
      kind: string;
      address: string;
      cpeModel: string | null;
      /** The network elements the service depends on, PoP first (issue 14). */
      elements?: string[];
    }[];
  }[];
  engineers: {
    name: string;
    phone: string;
    email: string;
    depot: string;
    region: string;
    skills: string[];
    onDuty: boolean;
  }[];
  spares: { sku: string; description: string; depot: string; quantity: number; minimum: number }[];
}
export const demoData = (): DemoData => readData<DemoData>('demo.json');
